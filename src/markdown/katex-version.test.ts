// The KaTeX that renders the formulas at build time must be the KaTeX whose CSS and fonts the layout loads. Once,
// rehype-katex rendered with its own KaTeX 0.16 while the page loaded 0.19's CSS, which names its classes
// differently: every sub- and superscript came out at full size. (e2e/math.spec.ts checks the built pages.)
import { describe, expect, it } from 'vitest';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const layout = join(root, 'src', 'layouts', 'Page.astro');

/** The folder of the `katex` package that the module at `from` gets when it imports `katex`. */
function katexDir(from: string): string {
  return realpathSync(dirname(createRequire(from).resolve('katex/package.json')));
}

/** Where a package imported from the project root lives. */
function resolveFromRoot(specifier: string): string {
  return createRequire(join(root, 'package.json')).resolve(specifier);
}

const rehypeKatex = resolveFromRoot('rehype-katex');
const micromarkMath = createRequire(resolveFromRoot('remark-math')).resolve('micromark-extension-math');
const layoutKatex = katexDir(layout);
/** What the layout imports from KaTeX: its stylesheet and the fonts it preloads. */
const layoutImports = [...readFileSync(layout, 'utf8').matchAll(/^import\s+(?:\w+\s+from\s+)?'(katex\/[^'?]+)(?:\?url)?';/gm)].map((m) => m[1]!);

describe('one KaTeX', () => {
  it.each([
    ['rehype-katex (renders the HTML)', rehypeKatex],
    ['micromark-extension-math (parses $…$ for remark-math)', micromarkMath],
  ])('%s uses the KaTeX the layout loads', (_name, from) => {
    expect(katexDir(from)).toBe(layoutKatex);
  });

  it('the layout takes its stylesheet and fonts from that KaTeX', () => {
    expect(layoutImports).toContain('katex/dist/katex.min.css');
    for (const specifier of layoutImports) {
      expect(realpathSync(createRequire(layout).resolve(specifier)).startsWith(layoutKatex + sep), specifier).toBe(true);
    }
  });

  it('the stylesheet the layout loads styles the HTML that KaTeX renders', async () => {
    const renderer = (await import(pathToFileURL(createRequire(rehypeKatex).resolve('katex')).href)) as {
      default: { renderToString(tex: string, options: object): string };
    };
    const html = renderer.default.renderToString(String.raw`\sigma_B^2 = \frac{1}{n}\sum_{i=1}^{n} (x_i - \mu_B)^2 + 0.9^{22}`, {
      displayMode: true,
      output: 'html',
    });
    const css = readFileSync(join(layoutKatex, 'dist', 'katex.min.css'), 'utf8');
    const styled = (selector: string) => new RegExp(`${selector.replace(/[^\w-]/g, '\\$&')}(?![\\w-])`).test(css);
    // A script is wrapped in `<sizing class> reset-size<N> size<M>`: the rule for that triple sets its font size.
    const sizings = [...new Set([...html.matchAll(/class="([\w-]+) (reset-size\d+) (size\d+)[ "]/g)].map((m) => `.${m[1]}.${m[2]}.${m[3]}`))];
    expect(sizings.length).toBeGreaterThan(0);
    expect(sizings.filter((rule) => !styled(rule))).toEqual([]);
    // Every other class has a rule too, but for the atom types (mord, mbin, …), which only KaTeX's layout reads.
    const classes = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
    const atom = /^m(?:ord|op|bin|rel|open|close|punct|inner|tight)$/;
    expect([...classes].filter((name) => !atom.test(name) && !styled(`.${name}`))).toEqual([]);
  });
});
