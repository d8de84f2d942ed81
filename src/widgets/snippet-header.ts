import type { Lang } from '../i18n/sections';

/**
 * The first line of every widget's PyTorch snippet. It is a promise that src/widgets/snippets.test.ts keeps: each
 * snippet runs unchanged on PyTorch 1.13 (Debian's python3-torch) and prints the numbers the widget shows; it uses
 * only calls that 2.x accepts alike (a reduction's `dim` always given, no nn.RMSNorm, which needs 2.4).
 */
export const SNIPPET_HEADER: Readonly<Record<Lang, string>> = {
  en: '# Runs as shown on PyTorch 1.13 and 2.x, and prints the numbers on the page.',
  zh: '# 在 PyTorch 1.13 和 2.x 上均可原样运行，打印的数字与页面上的一致。',
};
