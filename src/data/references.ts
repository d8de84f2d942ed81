/** The works the site cites. Pages list theirs with <References ids={[…]} />. */
export interface Reference {
  readonly authors: string;
  readonly year: number;
  readonly title: string;
  readonly venue: string;
  readonly url: string;
}

export const REFERENCES = {
  ioffe2015: {
    authors: 'Sergey Ioffe, Christian Szegedy',
    year: 2015,
    title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    venue: 'ICML 2015, arXiv:1502.03167',
    url: 'https://arxiv.org/abs/1502.03167',
  },
  ba2016: {
    authors: 'Jimmy Lei Ba, Jamie Ryan Kiros, Geoffrey E. Hinton',
    year: 2016,
    title: 'Layer Normalization',
    venue: 'arXiv:1607.06450',
    url: 'https://arxiv.org/abs/1607.06450',
  },
  vaswani2017: {
    authors: 'Ashish Vaswani et al.',
    year: 2017,
    title: 'Attention Is All You Need',
    venue: 'NeurIPS 2017, arXiv:1706.03762',
    url: 'https://arxiv.org/abs/1706.03762',
  },
  santurkar2018: {
    authors: 'Shibani Santurkar, Dimitris Tsipras, Andrew Ilyas, Aleksander Mądry',
    year: 2018,
    title: 'How Does Batch Normalization Help Optimization?',
    venue: 'NeurIPS 2018, arXiv:1805.11604',
    url: 'https://arxiv.org/abs/1805.11604',
  },
  wu2018: {
    authors: 'Yuxin Wu, Kaiming He',
    year: 2018,
    title: 'Group Normalization',
    venue: 'ECCV 2018, arXiv:1803.08494',
    url: 'https://arxiv.org/abs/1803.08494',
  },
  zhang2019: {
    authors: 'Biao Zhang, Rico Sennrich',
    year: 2019,
    title: 'Root Mean Square Layer Normalization',
    venue: 'NeurIPS 2019, arXiv:1910.07467',
    url: 'https://arxiv.org/abs/1910.07467',
  },
  xiong2020: {
    authors: 'Ruibin Xiong et al.',
    year: 2020,
    title: 'On Layer Normalization in the Transformer Architecture',
    venue: 'ICML 2020, arXiv:2002.04745',
    url: 'https://arxiv.org/abs/2002.04745',
  },
  shen2020: {
    authors: 'Sheng Shen, Zhewei Yao, Amir Gholami, Michael W. Mahoney, Kurt Keutzer',
    year: 2020,
    title: 'PowerNorm: Rethinking Batch Normalization in Transformers',
    venue: 'ICML 2020, arXiv:2003.07845',
    url: 'https://arxiv.org/abs/2003.07845',
  },
  wang2022: {
    authors: 'Jiaxi Wang, Ji Wu, Lei Huang',
    year: 2022,
    title: 'Understanding the Failure of Batch Normalization for Transformers in NLP',
    venue: 'NeurIPS 2022, arXiv:2210.05153',
    url: 'https://arxiv.org/abs/2210.05153',
  },
  radford2019: {
    authors: 'Alec Radford, Jeffrey Wu, Rewon Child, David Luan, Dario Amodei, Ilya Sutskever',
    year: 2019,
    title: 'Language Models are Unsupervised Multitask Learners (GPT-2)',
    venue: 'OpenAI technical report; code at github.com/openai/gpt-2',
    url: 'https://github.com/openai/gpt-2',
  },
  touvron2023: {
    authors: 'Hugo Touvron et al.',
    year: 2023,
    title: 'LLaMA: Open and Efficient Foundation Language Models',
    venue: 'arXiv:2302.13971',
    url: 'https://arxiv.org/abs/2302.13971',
  },
  pytorchBatchNorm: {
    authors: 'PyTorch',
    year: 2024,
    title: 'torch.nn.BatchNorm1d (documentation)',
    venue: 'pytorch.org',
    url: 'https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html',
  },
  pytorchLayerNorm: {
    authors: 'PyTorch',
    year: 2024,
    title: 'torch.nn.LayerNorm (documentation)',
    venue: 'pytorch.org',
    url: 'https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html',
  },
  sklearnScalers: {
    authors: 'scikit-learn',
    year: 2024,
    title: 'Preprocessing data: standardization and scaling (user guide)',
    venue: 'scikit-learn.org',
    url: 'https://scikit-learn.org/stable/modules/preprocessing.html',
  },
  article: {
    authors: 'luhengshiwo',
    year: 2024,
    title: '10分钟搞清楚为什么Transformer中使用LayerNorm而不是BatchNorm (the article this site is built on)',
    venue: 'LLMForEverybody, GitHub',
    url: 'https://github.com/luhengshiwo/LLMForEverybody',
  },
} as const satisfies Record<string, Reference>;

export type ReferenceId = keyof typeof REFERENCES;
