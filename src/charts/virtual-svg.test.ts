import { describe, expect, it } from 'vitest';
import { asAccessibleImage } from './a11y';
import { figureMarkup } from './server';
import { serverDocument } from './server-document';
import type { Lang } from '../i18n/sections';
import type { FigureRenderer, WidgetView } from '../widgets/view';
import { patchFigure, VirtualElement, virtualDocument } from './virtual-svg';
import * as normalization from '../widgets/normalization/model';
import * as batchnorm from '../widgets/batchnorm/model';
import * as layernorm from '../widgets/layernorm/model';
import * as cube from '../widgets/cube/model';
import * as padding from '../widgets/padding/model';
import * as decoding from '../widgets/decoding/model';
import { figures as normalizationFigures } from '../widgets/normalization/figures';
import { figures as batchnormFigures } from '../widgets/batchnorm/figures';
import { figures as layernormFigures } from '../widgets/layernorm/figures';
import { figures as cubeFigures } from '../widgets/cube/figures';
import { figures as paddingFigures } from '../widgets/padding/figures';
import { figures as decodingFigures } from '../widgets/decoding/figures';

interface Case {
  readonly name: string;
  readonly figures: FigureRenderer<unknown>;
  /** Views of a few states, drawn one after another. */
  readonly views: (lang: Lang) => WidgetView<unknown>[];
}

const views = <S,>(compute: (s: S, lang: Lang) => WidgetView<unknown>, defaults: S, changes: Partial<S>[]) => (lang: Lang) =>
  [defaults, ...changes.map((c) => ({ ...defaults, ...c }))].map((s) => compute(s, lang));

const cases: Case[] = [
  {
    name: 'normalization',
    figures: normalizationFigures as FigureRenderer<unknown>,
    views: views(normalization.compute, normalization.codec.defaults, [{ n: 500, outlier: true, size: 50 }, { dist: 'bimodal', n: 12 }]),
  },
  {
    name: 'batchnorm',
    figures: batchnormFigures as FigureRenderer<unknown>,
    views: views(batchnorm.compute, batchnorm.codec.defaults, [{ n: 64, c: 16, step: 30 }, { n: 1 }, { mode: 'eval', f: 3, step: 5 }]),
  },
  {
    name: 'layernorm',
    figures: layernormFigures as FigureRenderer<unknown>,
    views: views(layernorm.compute, layernorm.codec.defaults, [{ n: 64, c: 16, pick: 40 }, { n: 1, scale: '10' }, { affine: 'random', mode: 'eval' }]),
  },
  {
    name: 'cube',
    figures: cubeFigures as FigureRenderer<unknown>,
    views: views(cube.compute, cube.codec.defaults, [{ norm: 'bn' }, { layout: 'images', norm: 'gn' }]),
  },
  {
    name: 'padding',
    figures: paddingFigures as FigureRenderer<unknown>,
    views: views(padding.compute, padding.codec.defaults, [{ b: 8, share: 80 }, { mask: true, mates: 20 }]),
  },
  {
    name: 'decoding',
    figures: decodingFigures as FigureRenderer<unknown>,
    views: views(decoding.compute, decoding.codec.defaults, [{ steps: 0 }, { mode: 'ln', shift: 3 }]),
  },
];

/** A view's figures drawn afresh (as the server writes them), each parsed into a box of its own. */
function freshBoxes(c: Case, view: WidgetView<unknown>, lang: Lang, width: number): Map<string, Element> {
  const doc = serverDocument();
  return new Map(
    Object.entries(figureMarkup(c.figures, view, lang, width)).map(([key, html]) => {
      const box = doc.createElement('div');
      box.innerHTML = html;
      return [key, box];
    }),
  );
}

/** An element's markup with each element's attributes sorted: the same drawing, whatever order they were set in. */
function canonical(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  const el = node as Element;
  const attributes = el.getAttributeNames().sort().map((name) => `${name}=${JSON.stringify(el.getAttribute(name))}`);
  return `<${el.localName} ${attributes.join(' ')}>${[...el.childNodes].map(canonical).join('')}</${el.localName}>`;
}

describe('virtual SVG', () => {
  it.each(cases.flatMap((c) => (['zh', 'en'] as const).map((lang) => [c.name, lang, c] as const)))(
    '%s (%s): drawn virtually, the figures are those real elements give; patched, the markup a fresh drawing gives',
    (_name, lang, c) => {
      const [first, ...rest] = c.views(lang);
      // The same drawing as with a real (server) document, attribute order aside.
      for (const view of [first!, ...rest]) {
        const real = c.figures(view.figures, { width: 600, lang, document: serverDocument() });
        for (const [key, box] of freshBoxes(c, view, lang, 600)) {
          expect(canonical(box.firstChild!)).toBe(canonical(asAccessibleImage(real[key]!, view.descriptions[key] ?? '')));
        }
      }
      // State after state (and a narrower figure), each patched over the last.
      // The first patch compares with the server's nodes; the later ones with the drawing shown before.
      const boxes = freshBoxes(c, first!, lang, 600);
      const shown = new Map<string, VirtualElement>();
      let kept = 0;
      for (const [i, view] of [...rest, first!, ...rest].entries()) {
        const width = i % 2 === 1 ? 390 : 600;
        const drawn = c.figures(view.figures, { width, lang, document: virtualDocument });
        const fresh = freshBoxes(c, view, lang, width);
        for (const [key, figure] of Object.entries(drawn)) {
          expect(figure).toBeInstanceOf(VirtualElement);
          const box = boxes.get(key)!;
          const before = box.firstChild;
          const virtual = asAccessibleImage(figure, view.descriptions[key] ?? '') as unknown as VirtualElement;
          patchFigure(box, virtual, shown.get(key));
          shown.set(key, virtual);
          // (linkedom puts attributes set later first, where a browser appends them: compare them sorted here;
          // the end-to-end tests compare a patched figure's markup with a fresh page's in Chromium, exactly.)
          expect(canonical(box), `${key} after state ${i + 1}`).toBe(canonical(fresh.get(key)!));
          if (box.firstChild === before) kept++;
        }
      }
      // Nodes are reused, not remade: most figures keep their <svg> from state to state.
      expect(kept).toBeGreaterThan(0);
    },
  );

  it('keeps unchanged nodes and changes only what differs', () => {
    const doc = serverDocument();
    const build = (d: string, label: string): VirtualElement => {
      const svg = virtualDocument.createElementNS('http://www.w3.org/2000/svg', 'svg') as unknown as VirtualElement;
      svg.setAttribute('width', 10);
      const path = virtualDocument.createElementNS('http://www.w3.org/2000/svg', 'path') as unknown as VirtualElement;
      path.setAttribute('d', d);
      const text = virtualDocument.createElementNS('http://www.w3.org/2000/svg', 'text') as unknown as VirtualElement;
      text.textContent = label;
      svg.append(path, text);
      return svg;
    };
    const box = doc.createElement('div');
    patchFigure(box, build('M0,0h1', 'a'));
    const [svg, path, text] = [box.firstChild, box.firstChild?.firstChild, box.firstChild?.lastChild];
    patchFigure(box, build('M0,0h2', 'a'));
    expect(box.firstChild).toBe(svg);
    expect(box.firstChild?.firstChild).toBe(path);
    expect(box.firstChild?.lastChild).toBe(text);
    expect((path as Element).getAttribute('d')).toBe('M0,0h2');
    expect(box.innerHTML).toBe('<svg width="10"><path d="M0,0h2" /><text>a</text></svg>');
    // Fewer children, another tag, an attribute more: the rest goes, the changed node is made anew.
    const other = build('M1,1', 'b');
    other.childNodes.pop();
    other.setAttribute('height', 5);
    patchFigure(box, other);
    expect(canonical(box.firstChild!)).toBe('<svg height="5" width="10"><path d="M1,1"></path></svg>');
    expect(other.outerHTML).toBe('<svg width="10" height="5"><path d="M1,1"></path></svg>');
  });

  it('answers the selectors the charts use, and refuses others', () => {
    const svg = new VirtualElement('http://www.w3.org/2000/svg', 'svg');
    const g = new VirtualElement('http://www.w3.org/2000/svg', 'g');
    g.setAttribute('aria-label', 'marks');
    const inner = new VirtualElement('http://www.w3.org/2000/svg', 'svg');
    g.append(inner, 'text');
    svg.append(g);
    expect(svg.querySelectorAll('[aria-label], [aria-description]')).toEqual([g]);
    expect(svg.querySelectorAll('svg')).toEqual([inner]);
    expect(svg.textContent).toBe('text');
    expect(() => svg.querySelectorAll('g > svg')).toThrow(/unsupported selector/);
  });
});
