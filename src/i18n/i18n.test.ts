import { describe, expect, it } from 'vitest';
import zh from './zh.json';
import en from './en.json';
import { langFromPath, sectionPath, isLang } from './index';
import { REFERENCES, formatReference } from '../data/references';

/** Every key path of a nested object, sorted. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe('interface strings', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keyPaths(en)).toEqual(keyPaths(zh));
  });

  it('are never empty', () => {
    for (const strings of [zh, en]) {
      const flat = JSON.stringify(strings);
      expect(flat).not.toMatch(/:""/);
    }
  });
});

describe('paths', () => {
  it.each([
    ['/en/batchnorm/', 'en'],
    ['/zh/', 'zh'],
    ['/', 'zh'],
    ['/fr/whatever/', 'zh'],
    ['/en', 'en'],
  ] as const)('%s belongs to %s', (path, lang) => {
    expect(langFromPath(path)).toBe(lang);
  });

  it.each([
    ['zh', 'overview', '/zh/'],
    ['en', 'overview', '/en/'],
    ['en', 'why-layernorm', '/en/why-layernorm/'],
  ] as const)('section path of %s %s is %s', (lang, section, path) => {
    expect(sectionPath(lang, section)).toBe(path);
  });

  it('knows its languages', () => {
    expect(isLang('zh')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});

describe('references', () => {
  it.each(Object.entries(REFERENCES))('%s links to an https page', (_id, ref) => {
    expect(ref.url).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    expect(ref.title.length).toBeGreaterThan(3);
  });
});

describe('references in each language', () => {
  const text = (id: keyof typeof REFERENCES, lang: 'zh' | 'en') => {
    const r = formatReference(REFERENCES[id], lang);
    return `${r.lead}${r.title}${r.tail}${r.code ? `${r.code.lead}${r.code.text}${r.code.end}` : ''}`;
  };

  it.each([
    ['ioffe2015', 'en', 'Sergey Ioffe, Christian Szegedy (2015). Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift. ICML 2015, arXiv:1502.03167.'],
    ['ioffe2015', 'zh', 'Sergey Ioffe、Christian Szegedy（2015）。Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift。ICML 2015，arXiv:1502.03167。'],
    ['vaswani2017', 'en', 'Ashish Vaswani et al. (2017). Attention Is All You Need. NeurIPS 2017, arXiv:1706.03762.'],
    ['vaswani2017', 'zh', 'Ashish Vaswani 等（2017）。Attention Is All You Need。NeurIPS 2017，arXiv:1706.03762。'],
    ['santurkar2018', 'en', 'Shibani Santurkar, Dimitris Tsipras, Andrew Ilyas, Aleksander Mądry (2018). How Does Batch Normalization Help Optimization? NeurIPS 2018, arXiv:1805.11604.'],
    ['pytorchBatchNorm', 'zh', 'PyTorch。torch.nn.BatchNorm1d。pytorch.org，官方文档。'],
    ['radford2019', 'zh', 'Alec Radford、Jeffrey Wu、Rewon Child、David Luan、Dario Amodei、Ilya Sutskever（2019）。Language Models are Unsupervised Multitask Learners。OpenAI，技术报告（GPT-2 论文）。代码：github.com/openai/gpt-2。'],
  ] as const)('%s in %s', (id, lang, expected) => {
    expect(text(id, lang)).toBe(expected);
  });

  it.each(Object.keys(REFERENCES) as (keyof typeof REFERENCES)[])('%s has no English words of ours on Chinese pages', (id) => {
    const zh = text(id, 'zh');
    expect(zh).not.toMatch(/et al\.|documentation|user guide|technical report|article|code at|\(\d{4}\)/);
    expect(zh).not.toMatch(/[\u4e00-\u9fff][,.;:]|[,;:][\u4e00-\u9fff]/);
  });

  it('links the article itself, not its repository, and gives no date for it', () => {
    const article = REFERENCES.article;
    expect(decodeURI(article.url)).toMatch(/LLMForEverybody\/blob\/main\/.+\/10分钟搞清楚为什么Transformer中使用LayerNorm而不是BatchNorm\.md$/);
    expect('year' in article).toBe(false);
  });

  it('links the GPT-2 paper, and its code besides', () => {
    expect(REFERENCES.radford2019.url).toMatch(/\.pdf$/);
    expect(REFERENCES.radford2019.code).toBe('https://github.com/openai/gpt-2');
  });
});
