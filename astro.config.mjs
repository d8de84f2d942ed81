// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkHeadingIds from './src/markdown/remark-heading-ids.mjs';
import remarkMathFlag from './src/markdown/remark-math-flag.mjs';
import rehypeMathErrors from './src/markdown/rehype-math-errors.mjs';
import rehypeDisplayMath from './src/markdown/rehype-display-math.mjs';
import rehypeMathPunctuation from './src/markdown/rehype-math-punctuation.mjs';
import rehypeTables from './src/markdown/rehype-tables.mjs';
import rehypeInlineCode from './src/markdown/rehype-inline-code.mjs';
import zh from './src/i18n/zh.json' with { type: 'json' };
import en from './src/i18n/en.json' with { type: 'json' };
import buildId from './src/integrations/build-id.mjs';

// The site's public address; override with SITE_URL when deploying elsewhere.
const site = process.env.SITE_URL ?? 'https://layernorm.example.org';
// A production build without SITE_URL would publish canonicals, sitemap and preview images on the placeholder host.
// It warns loudly rather than failing, since CI's `npm test` builds without one.
if (!process.env.SITE_URL && (process.env.CI || process.env.NODE_ENV === 'production')) {
  console.warn(
    [
      '',
      '!!! SITE_URL is not set: this build uses the placeholder https://layernorm.example.org',
      '!!! for canonical links, hreflang, sitemap.xml, robots.txt, og:image and JSON-LD.',
      '!!! Fine for tests; to publish, build with SITE_URL=https://your.host npm run build',
      '!!! (README.md, section "Deploying").',
      '',
    ].join('\n'),
  );
}

export default defineConfig({
  site,
  trailingSlash: 'always',
  i18n: {
    locales: ['zh', 'en'],
    defaultLocale: 'zh',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  markdown: {
    // Astro 7's default processor leaves $$…$$ unrendered; KaTeX renders it at build time. rehype-katex calls the
    // project's own KaTeX (package.json `overrides`), the one whose CSS and fonts the layout loads.
    processor: unified({
      remarkPlugins: [remarkMath, remarkHeadingIds, remarkMathFlag],
      rehypePlugins: [
        [rehypeKatex, { strict: 'error', output: 'htmlAndMathml' }],
        rehypeMathErrors,
        [rehypeDisplayMath, { labels: { zh: zh.formula, en: en.formula } }],
        rehypeMathPunctuation,
        [rehypeTables, { labels: { zh: zh.table, en: en.table } }],
        rehypeInlineCode,
      ],
    }),
    // Two code themes with AA contrast; global.css switches to the dark one with the site theme.
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: 'light',
    },
  },
  integrations: [mdx(), buildId()],
  // Strict CSP (src/csp/policy.mjs): every stylesheet a file, never inlined in a <style>, and every asset a file, never a
  // data: URI (KaTeX's smallest font was one, and font-src 'self' refuses data: fonts).
  build: { inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
});
