import { describe, expect, it } from 'vitest';
import zh from './zh.json';
import en from './en.json';
import { langFromPath, sectionPath, isLang } from './index';
import { REFERENCES } from '../data/references';

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
