// The figure of each section's preview image: its main widget (for the overview, the cube pair the page opens on)
// in its default state, drawn by the same chart code the page draws it with (../charts/server).
import { figureMarkup } from '../charts/server';
import type { Lang, Section } from '../i18n/sections';
import * as normalization from '../widgets/normalization/model';
import { figures as normalizationFigures } from '../widgets/normalization/figures';
import { labels as normalizationLabels } from '../widgets/normalization/labels';
import * as batchnorm from '../widgets/batchnorm/model';
import { figures as batchnormFigures } from '../widgets/batchnorm/figures';
import * as layernorm from '../widgets/layernorm/model';
import { figures as layernormFigures } from '../widgets/layernorm/figures';
import { labels as layernormLabels } from '../widgets/layernorm/labels';
import * as cube from '../widgets/cube/model';
import { figures as cubeFigures } from '../widgets/cube/figures';
import * as lab from '../widgets/lab/model';
import { figures as labFigures } from '../widgets/lab/figures';
import { setResult } from '../widgets/lab/results';
import { precomputedRuns } from '../widgets/lab/precompute';

/** A preview's figure: one or more drawings (SVG markup), laid side by side (`row`) or one above the other. */
export interface PreviewFigure {
  readonly svgs: readonly string[];
  readonly layout: 'row' | 'column';
  /** A title above each drawing, where the page writes one outside the SVG. */
  readonly captions?: readonly string[];
}

/**
 * Drawing width of a preview figure. Narrower than the page's desktop drawings, so that the charts' text, scaled up
 * into the card, stays readable when a chat app shows the card at ~500 px.
 */
export const PREVIEW_DRAW_WIDTH = 300;

function pick(markup: Readonly<Record<string, string>>, keys: readonly string[]): string[] {
  return keys.map((key) => {
    const svg = markup[key];
    if (svg === undefined) throw new Error(`preview figure: the widget has no figure "${key}"`);
    return svg;
  });
}

/** The section's preview figure in a language, drawn at build time. */
export function previewFigure(section: Section, lang: Lang, width = PREVIEW_DRAW_WIDTH): PreviewFigure {
  switch (section) {
    case 'overview': {
      // As the overview's opening figure: the cube under BatchNorm and under LayerNorm.
      const norms = ['bn', 'ln'] as const;
      const svgs = norms.map((norm) => {
        const view = cube.compute(cube.constrain({ ...cube.codec.defaults, norm }), lang);
        return pick(figureMarkup(cubeFigures, view, lang, width), ['cube'])[0]!;
      });
      return { svgs, layout: 'row', captions: norms.map((norm) => cube.NORM_NAMES[norm]) };
    }
    case 'normalization': {
      const view = normalization.compute(normalization.codec.defaults, lang);
      const t = normalizationLabels[lang];
      return {
        svgs: pick(figureMarkup(normalizationFigures, view, lang, width * 1.6), ['raw', 'minmax', 'z']),
        layout: 'column',
        captions: [t.rawTitle, t.minmaxTitle, t.zTitle],
      };
    }
    case 'batchnorm': {
      const view = batchnorm.compute(batchnorm.codec.defaults, lang);
      // The running statistics open the widget, but at step 0 they are two dots: the spread of batch means as
      // batches shrink is the widget's other figure, and its default state already shows it.
      return { svgs: pick(figureMarkup(batchnormFigures, view, lang, width * 1.5), ['spread']), layout: 'column' };
    }
    case 'layernorm': {
      const view = layernorm.compute(layernorm.codec.defaults, lang);
      const t = layernormLabels[lang];
      return { svgs: pick(figureMarkup(layernormFigures, view, lang, width), ['bn', 'output']), layout: 'row', captions: [t.bnHeading, t.lnHeading] };
    }
    case 'why-layernorm': {
      const view = cube.compute(cube.constrain(cube.codec.defaults), lang);
      return { svgs: pick(figureMarkup(cubeFigures, view, lang, width * 1.5), ['cube']), layout: 'column' };
    }
    case 'lab': {
      for (const run of precomputedRuns()) setResult(run);
      const view = lab.compute(lab.codec.defaults, lang);
      return { svgs: pick(figureMarkup(labFigures, view, lang, width), ['loss', 'metric']), layout: 'row' };
    }
    default: {
      const unknown: never = section;
      throw new Error(`preview figure: no figure for section ${String(unknown)}`);
    }
  }
}
