/** The works the site cites. Pages list theirs with <References ids={[…]} />; src/components/References.astro
 *  writes each entry in the page's language. */
import type { Lang } from '../i18n/sections';

/** A phrase in both languages. */
export type Localized = Readonly<Record<Lang, string>>;

export interface Reference {
  /** Authors as published; names are not translated. */
  readonly authors: readonly string[];
  /** More authors than listed: "et al." in English, "等" in Chinese. */
  readonly etAl?: boolean;
  /** Year of publication; left out when no source gives a date (web documentation that changes, the article). */
  readonly year?: number;
  /** The work's own title, untranslated. */
  readonly title: string;
  /** Where it appeared: conference, arXiv id, site; joined with the language's comma. */
  readonly venue: readonly string[];
  /** What the work is, when the title does not say (documentation, user guide…). */
  readonly note?: Localized;
  readonly url: string;
  /** Companion code, linked after the entry. */
  readonly code?: string;
}

/** The article the site is built on, in its repository (the repository's default branch). */
const ARTICLE_URL = encodeURI(
  'https://github.com/luhengshiwo/LLMForEverybody/blob/main/01-第一章-预训练/10分钟搞清楚为什么Transformer中使用LayerNorm而不是BatchNorm.md',
);

export const REFERENCES = {
  ioffe2015: {
    authors: ['Sergey Ioffe', 'Christian Szegedy'],
    year: 2015,
    title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    venue: ['ICML 2015', 'arXiv:1502.03167'],
    url: 'https://arxiv.org/abs/1502.03167',
  },
  ba2016: {
    authors: ['Jimmy Lei Ba', 'Jamie Ryan Kiros', 'Geoffrey E. Hinton'],
    year: 2016,
    title: 'Layer Normalization',
    venue: ['arXiv:1607.06450'],
    url: 'https://arxiv.org/abs/1607.06450',
  },
  he2016: {
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    year: 2016,
    title: 'Identity Mappings in Deep Residual Networks',
    venue: ['ECCV 2016', 'arXiv:1603.05027'],
    url: 'https://arxiv.org/abs/1603.05027',
  },
  vaswani2017: {
    authors: ['Ashish Vaswani'],
    etAl: true,
    year: 2017,
    title: 'Attention Is All You Need',
    venue: ['NeurIPS 2017', 'arXiv:1706.03762'],
    url: 'https://arxiv.org/abs/1706.03762',
  },
  santurkar2018: {
    authors: ['Shibani Santurkar', 'Dimitris Tsipras', 'Andrew Ilyas', 'Aleksander Mądry'],
    year: 2018,
    title: 'How Does Batch Normalization Help Optimization?',
    venue: ['NeurIPS 2018', 'arXiv:1805.11604'],
    url: 'https://arxiv.org/abs/1805.11604',
  },
  wu2018: {
    authors: ['Yuxin Wu', 'Kaiming He'],
    year: 2018,
    title: 'Group Normalization',
    venue: ['ECCV 2018', 'arXiv:1803.08494'],
    url: 'https://arxiv.org/abs/1803.08494',
  },
  zhang2019: {
    authors: ['Biao Zhang', 'Rico Sennrich'],
    year: 2019,
    title: 'Root Mean Square Layer Normalization',
    venue: ['NeurIPS 2019', 'arXiv:1910.07467'],
    url: 'https://arxiv.org/abs/1910.07467',
  },
  radford2019: {
    authors: ['Alec Radford', 'Jeffrey Wu', 'Rewon Child', 'David Luan', 'Dario Amodei', 'Ilya Sutskever'],
    year: 2019,
    title: 'Language Models are Unsupervised Multitask Learners',
    venue: ['OpenAI'],
    note: { en: 'technical report (the GPT-2 paper)', zh: '技术报告（GPT-2 论文）' },
    url: 'https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf',
    code: 'https://github.com/openai/gpt-2',
  },
  xiong2020: {
    authors: ['Ruibin Xiong'],
    etAl: true,
    year: 2020,
    title: 'On Layer Normalization in the Transformer Architecture',
    venue: ['ICML 2020', 'arXiv:2002.04745'],
    url: 'https://arxiv.org/abs/2002.04745',
  },
  liu2020: {
    authors: ['Liyuan Liu', 'Xiaodong Liu', 'Jianfeng Gao', 'Weizhu Chen', 'Jiawei Han'],
    year: 2020,
    title: 'Understanding the Difficulty of Training Transformers',
    venue: ['EMNLP 2020', 'arXiv:2004.08249'],
    url: 'https://arxiv.org/abs/2004.08249',
  },
  shen2020: {
    authors: ['Sheng Shen', 'Zhewei Yao', 'Amir Gholami', 'Michael W. Mahoney', 'Kurt Keutzer'],
    year: 2020,
    title: 'PowerNorm: Rethinking Batch Normalization in Transformers',
    venue: ['ICML 2020', 'arXiv:2003.07845'],
    url: 'https://arxiv.org/abs/2003.07845',
  },
  wang2022: {
    authors: ['Jiaxi Wang', 'Ji Wu', 'Lei Huang'],
    year: 2022,
    title: 'Understanding the Failure of Batch Normalization for Transformers in NLP',
    venue: ['NeurIPS 2022', 'arXiv:2210.05153'],
    url: 'https://arxiv.org/abs/2210.05153',
  },
  touvron2023: {
    authors: ['Hugo Touvron'],
    etAl: true,
    year: 2023,
    title: 'LLaMA: Open and Efficient Foundation Language Models',
    venue: ['arXiv:2302.13971'],
    url: 'https://arxiv.org/abs/2302.13971',
  },
  pytorchBatchNorm: {
    authors: ['PyTorch'],
    title: 'torch.nn.BatchNorm1d',
    venue: ['pytorch.org'],
    note: { en: 'documentation', zh: '官方文档' },
    url: 'https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html',
  },
  pytorchLayerNorm: {
    authors: ['PyTorch'],
    title: 'torch.nn.LayerNorm',
    venue: ['pytorch.org'],
    note: { en: 'documentation', zh: '官方文档' },
    url: 'https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html',
  },
  kerasBatchNorm: {
    authors: ['Keras'],
    title: 'BatchNormalization layer',
    venue: ['keras.io'],
    note: { en: 'API documentation', zh: 'API 文档' },
    url: 'https://keras.io/api/layers/normalization_layers/batch_normalization/',
  },
  sklearnScalers: {
    authors: ['scikit-learn'],
    title: 'Preprocessing data',
    venue: ['scikit-learn.org'],
    note: { en: 'user guide', zh: '用户指南' },
    url: 'https://scikit-learn.org/stable/modules/preprocessing.html',
  },
  article: {
    authors: ['luhengshiwo'],
    title: '10分钟搞清楚为什么Transformer中使用LayerNorm而不是BatchNorm',
    venue: ['LLMForEverybody', 'GitHub'],
    note: { en: 'the article this site is built on (undated)', zh: '本站据以改写的原文（未注明日期）' },
    url: ARTICLE_URL,
  },
} as const satisfies Record<string, Reference>;

export type ReferenceId = keyof typeof REFERENCES;

/** One reference as a page prints it in a language: `lead`, then `title` linked to `url`, then `tail`; then,
 *  when there is code, `code.lead`, `code.text` linked to `code.url`, and `code.end`. */
export interface FormattedReference {
  readonly lead: string;
  readonly title: string;
  readonly url: string;
  readonly tail: string;
  readonly code?: { readonly lead: string; readonly url: string; readonly text: string; readonly end: string };
}

const STYLE = {
  en: { and: ', ', etAl: ' et al.', year: (y: number) => ` (${y})`, stop: '. ', end: '.', comma: ', ', code: 'Code: ' },
  zh: { and: '、', etAl: ' 等', year: (y: number) => `（${y}）`, stop: '。', end: '。', comma: '，', code: '代码：' },
} as const;

/** "Authors (year). Title. Venue, note." in English; "作者（年）。标题。出处，说明。" in Chinese. A title that ends
 *  with its own question mark takes no full stop after it. */
export function formatReference(ref: Reference, lang: Lang): FormattedReference {
  const s = STYLE[lang];
  const authors = ref.authors.join(s.and) + (ref.etAl ? s.etAl : '');
  const lead = authors + (ref.year === undefined ? '' : s.year(ref.year)) + s.stop;
  const afterTitle = /[?？!！.。]$/.test(ref.title) ? (lang === 'en' ? ' ' : '') : s.stop;
  const where = [...ref.venue, ...(ref.note ? [ref.note[lang]] : [])].join(s.comma);
  return {
    lead,
    title: ref.title,
    url: ref.url,
    tail: `${afterTitle}${where}${s.end}`,
    ...(ref.code === undefined
      ? {}
      : { code: { lead: `${lang === 'en' ? ' ' : ''}${s.code}`, url: ref.code, text: ref.code.replace(/^https:\/\//, ''), end: s.end } }),
  };
}
