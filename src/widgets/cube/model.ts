// The reduction cube's model: state → which cells share one mean and variance under
// the chosen norm, the group count and size, the PyTorch call and its x.mean(dim=…),
// and PyTorch's refusal for degenerate sizes. Pure; the groups come from src/lib/reduction
// and the refusals from the norm functions themselves.
import { tensor } from '../../lib/norms';
import {
  applyNorm,
  clampCell,
  divisors,
  groupBlocks,
  groupCount,
  groupOf,
  groupSize,
  imageCube,
  tensorShape,
  validGroupCount,
  type Cell,
  type CubeLayout,
  type CubeSize,
  type GroupBox,
  type NormKind,
} from '../../lib/reduction';
import { defineState, type StateOf } from '../../lib/url-state';
import type { CubeChartData } from '../../charts/cube';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { fill, labels, type CubeLabels } from './labels';

/** The norms as they appear in the URL (`cube.norm=ln`), in menu order. */
export const NORMS = ['bn', 'ln', 'in', 'gn', 'rms'] as const;
export type NormCode = (typeof NORMS)[number];
export const LAYOUTS = ['tokens', 'images'] as const;

const KIND: Record<NormCode, NormKind> = { bn: 'batch', ln: 'layer', in: 'instance', gn: 'group', rms: 'rms' };
export const NORM_NAMES: Record<NormCode, string> = {
  bn: 'BatchNorm',
  ln: 'LayerNorm',
  in: 'InstanceNorm',
  gn: 'GroupNorm',
  rms: 'RMSNorm',
};

/** Largest sizes: keep the cube readable on a phone and the figure small. */
export const MAX = { B: 8, T: 12, D: 16, H: 4, W: 4 } as const;

/**
 * The widget's state in the URL: `cube.norm=ln&cube.B=3&cube.T=6&cube.D=8&cube.b=0&cube.t=2&cube.d=3`.
 * Sizes are B (or N), T, D (or C), H and W for images, and G; the selected cell is (b, t, d) — for images
 * (n, p, c) with the pixel p = h·W + w.
 */
export const codec = defineState('cube', {
  layout: { type: 'enum', default: 'tokens', values: LAYOUTS },
  norm: { type: 'enum', default: 'ln', values: NORMS },
  B: { type: 'integer', default: 3, min: 1, max: MAX.B },
  T: { type: 'integer', default: 6, min: 1, max: MAX.T },
  D: { type: 'integer', default: 8, min: 1, max: MAX.D },
  H: { type: 'integer', default: 2, min: 1, max: MAX.H },
  W: { type: 'integer', default: 3, min: 1, max: MAX.W },
  G: { type: 'integer', default: 2, min: 1, max: MAX.D },
  b: { type: 'integer', default: 0, min: 0, max: MAX.B - 1 },
  t: { type: 'integer', default: 2, min: 0, max: MAX.H * MAX.W - 1 },
  d: { type: 'integer', default: 3, min: 0, max: MAX.D - 1 },
});
export type CubeState = StateOf<typeof codec.schema>;

/** The cube's sizes for a state: (B, T, D), or (N, H·W, C) for images. */
export function cubeSize(state: CubeState): CubeSize {
  return state.layout === 'tokens' ? { batch: state.B, positions: state.T, features: state.D } : imageCube(state.B, state.D, state.H, state.W);
}

/**
 * The state made consistent: the cell inside the cube and G a divisor of D (the largest one ≤ G).
 * The controls and a hand-edited URL may give anything in range; the widget shows this.
 */
export function constrain(state: CubeState): CubeState {
  const size = cubeSize(state);
  const cell = clampCell({ batch: state.b, position: state.t, feature: state.d }, size);
  return { ...state, G: validGroupCount(state.G, state.D), b: cell.batch, t: cell.position, d: cell.feature };
}

/** The figure data of the widget. */
export interface CubeFigures {
  readonly cube: CubeChartData;
}

/** Symbols of the layout's axes and its cell indices. */
function symbols(layout: CubeLayout) {
  return layout === 'tokens'
    ? { batch: 'B', positions: 'T', features: 'D', shape: '(B, T, D)' }
    : { batch: 'N', positions: 'H·W', features: 'C', shape: '(N, C, H, W)' };
}

/** Group count and size as formulas in the layout's symbols, e.g. LayerNorm on tokens: B·T groups of D. */
function formulas(norm: NormCode, layout: CubeLayout): { count: string; size: string } {
  const tokens = layout === 'tokens';
  switch (norm) {
    case 'bn':
      return tokens ? { count: 'D', size: 'B·T' } : { count: 'C', size: 'N·H·W' };
    case 'ln':
    case 'rms':
      return tokens ? { count: 'B·T', size: 'D' } : { count: 'N', size: 'C·H·W' };
    case 'in':
      return tokens ? { count: 'B·D', size: 'T' } : { count: 'N·C', size: 'H·W' };
    case 'gn':
      return tokens ? { count: 'B·G', size: 'T·D/G' } : { count: 'N·G', size: 'H·W·C/G' };
  }
}

/** `x.mean(dim=…)` giving one mean per group, and the shape it returns. */
function meanCall(norm: NormCode, state: CubeState): { call: string; shape: string } {
  const { B, T, D, G } = state;
  const tuple = (...n: number[]) => (n.length === 1 ? `(${n[0]},)` : `(${n.join(', ')})`);
  if (state.layout === 'tokens') {
    switch (norm) {
      case 'bn':
        return { call: 'x.mean(dim=(0, 1))', shape: `(D,) = ${tuple(D)}` };
      case 'ln':
        return { call: 'x.mean(dim=-1)', shape: `(B, T) = ${tuple(B, T)}` };
      case 'rms':
        return { call: 'x.pow(2).mean(dim=-1)', shape: `(B, T) = ${tuple(B, T)}` };
      case 'in':
        return { call: 'x.mean(dim=1)', shape: `(B, D) = ${tuple(B, D)}` };
      case 'gn':
        return { call: 'x.view(B, T, G, D // G).mean(dim=(1, 3))', shape: `(B, G) = ${tuple(B, G)}` };
    }
  }
  switch (norm) {
    case 'bn':
      return { call: 'x.mean(dim=(0, 2, 3))', shape: `(C,) = ${tuple(D)}` };
    case 'ln':
      return { call: 'x.mean(dim=(1, 2, 3))', shape: `(N,) = ${tuple(B)}` };
    case 'rms':
      return { call: 'x.pow(2).mean(dim=(1, 2, 3))', shape: `(N,) = ${tuple(B)}` };
    case 'in':
      return { call: 'x.mean(dim=(2, 3))', shape: `(N, C) = ${tuple(B, D)}` };
    case 'gn':
      return { call: 'x.view(N, G, C // G, H, W).mean(dim=(2, 3, 4))', shape: `(N, G) = ${tuple(B, G)}` };
  }
}

/** The one-line PyTorch call, with the sizes filled in. */
function pytorchCall(norm: NormCode, state: CubeState): string {
  const { D, G, H, W } = state;
  const permuted = (module: string) => `${module}(x.permute(0, 2, 1)).permute(0, 2, 1)`;
  if (state.layout === 'tokens') {
    switch (norm) {
      case 'bn':
        return permuted(`nn.BatchNorm1d(${D})`);
      case 'ln':
        return `nn.LayerNorm(${D})(x)`;
      case 'rms':
        return `nn.RMSNorm(${D})(x)`;
      case 'in':
        return permuted(`nn.InstanceNorm1d(${D})`);
      case 'gn':
        return permuted(`nn.GroupNorm(${G}, ${D})`);
    }
  }
  switch (norm) {
    case 'bn':
      return `nn.BatchNorm2d(${D})(x)`;
    case 'ln':
      return `nn.LayerNorm([${D}, ${H}, ${W}])(x)`;
    case 'rms':
      return `nn.RMSNorm([${D}, ${H}, ${W}])(x)`;
    case 'in':
      return `nn.InstanceNorm2d(${D})(x)`;
    case 'gn':
      return `nn.GroupNorm(${G}, ${D})(x)`;
  }
}

/** The full PyTorch snippet: build x, apply the module, and check it against the per-group statistics by hand. */
function pytorchCode(norm: NormCode, state: CubeState, count: number, error: string | null, t: CubeLabels, lang: Lang): string {
  const { B, T, D, G, H, W } = state;
  const tokens = state.layout === 'tokens';
  const f64 = 'dtype=torch.float64';
  const lines = [SNIPPET_HEADER[lang], 'import torch', 'from torch import nn', ''];
  if (tokens) lines.push(`B, T, D = ${B}, ${T}, ${D}`, `x = torch.randn(B, T, D, ${f64})`);
  else lines.push(`N, C, H, W = ${B}, ${D}, ${H}, ${W}`, `x = torch.randn(N, C, H, W, ${f64})`);
  if (norm === 'gn') lines.push(`G = ${G}`);
  const C = tokens ? 'D' : 'C';
  const shape = tokens ? 'D' : '[C, H, W]';
  const moduleLine: Record<NormCode, string> = {
    bn: `norm = nn.BatchNorm${tokens ? '1d' : '2d'}(${C}, ${f64})  # training mode: batch statistics`,
    ln: `norm = nn.LayerNorm(${shape}, ${f64})`,
    // nn.RMSNorm needs PyTorch 2.4: written out, it runs on every version the snippet names.
    rms: [
      '',
      `# RMSNorm over ${shape}, written out: nn.RMSNorm needs PyTorch ≥ 2.4;`,
      `# there nn.RMSNorm(${shape}, ${f64}) computes the same`,
      'def norm(x):',
      `    ms = x.pow(2).mean(dim=${tokens ? '-1' : '(1, 2, 3)'}, keepdim=True)`,
      "    return x / torch.sqrt(ms + torch.finfo(x.dtype).eps)  # eps: nn.RMSNorm's default",
      '',
    ].join('\n'),
    in: `norm = nn.InstanceNorm${tokens ? '1d' : '2d'}(${C})  # no affine, no running statistics`,
    gn: `norm = nn.GroupNorm(G, ${C}, ${f64})`,
  };
  lines.push(moduleLine[norm]);
  const channelsFirst = tokens && (norm === 'bn' || norm === 'in' || norm === 'gn');
  const apply = channelsFirst ? 'y = norm(x.permute(0, 2, 1)).permute(0, 2, 1)  # (B, T, D) → (B, D, T) → back' : 'y = norm(x)';
  if (error !== null) {
    lines.push(apply, `# → ${error}`);
    return lines.join('\n');
  }
  lines.push(apply, '');
  const reduce: Record<NormCode, { view?: string; dims: string }> = tokens
    ? { bn: { dims: '(0, 1)' }, ln: { dims: '-1' }, rms: { dims: '-1' }, in: { dims: '1' }, gn: { view: 'x.view(B, T, G, D // G)', dims: '(1, 3)' } }
    : { bn: { dims: '(0, 2, 3)' }, ln: { dims: '(1, 2, 3)' }, rms: { dims: '(1, 2, 3)' }, in: { dims: '(2, 3)' }, gn: { view: 'x.view(N, G, C // G, H, W)', dims: '(2, 3, 4)' } };
  const { view, dims } = reduce[norm];
  const xs = view ? 'xg' : 'x';
  if (view) lines.push(`xg = ${view}`);
  const comment = `# ${fill(t.codeGroups, { count })}`;
  if (norm === 'rms') {
    lines.push(
      `ms = x.pow(2).mean(dim=${dims}, keepdim=True)  ${comment}`,
      'print(ms.numel())',
      `rms = y.pow(2).mean(dim=${dims}).sqrt()`,
      `print(torch.allclose(rms, torch.ones_like(rms)))  # ${t.codeCheckRms}`,
    );
    return lines.join('\n');
  }
  lines.push(
    `mean = ${xs}.mean(dim=${dims}, keepdim=True)  ${comment}`,
    `var = ${xs}.var(dim=${dims}, unbiased=False, keepdim=True)`,
    'print(mean.numel())',
  );
  const normalized = `(${xs} - mean) / torch.sqrt(var + 1e-5)`;
  const back = view ? `(${normalized}).view(${tokens ? 'B, T, D' : 'N, C, H, W'})` : normalized;
  lines.push(`print(torch.allclose(y, ${back}))  # ${t.codeCheck}`);
  return lines.join('\n');
}

/** PyTorch's refusal for this state, from the norm function itself (it throws what PyTorch raises), or null. */
export function pytorchError(norm: NormCode, state: CubeState): string | null {
  const size = cubeSize(state);
  const shape = tensorShape(state.layout, size, state.W);
  const zeros = tensor(new Float64Array(size.batch * size.positions * size.features), shape);
  try {
    applyNorm(KIND[norm], state.layout, zeros, state.G);
    return null;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // PyTorch prints torch.Size(...) for BatchNorm and InstanceNorm, and a plain list for GroupNorm.
    const message = norm === 'gn' ? error.message : error.message.replace(/input size \[([^\]]*)\]/, 'input size torch.Size([$1])');
    return `ValueError: ${message}`;
  }
}

/** The cell as the reader sees it: (b, t, d), or (n, c, h, w) for images. */
function cellText(state: CubeState): string {
  if (state.layout === 'tokens') return `(b, t, d) = (${state.b}, ${state.t}, ${state.d})`;
  return `(n, c, h, w) = (${state.b}, ${state.d}, ${Math.floor(state.t / state.W)}, ${state.t % state.W})`;
}

/** One index range as text: `d = 3` or `d = 0…7`. */
function range(name: string, start: number, end: number): string {
  return end - start === 1 ? `${name} = ${start}` : `${name} = ${start}…${end - 1}`;
}

/** The group's cells as index ranges, e.g. `b = 0, t = 2, d = 0…7`. */
function membersText(state: CubeState, box: GroupBox): string {
  if (state.layout === 'tokens') {
    return [range('b', box.batch.start, box.batch.end), range('t', box.position.start, box.position.end), range('d', box.feature.start, box.feature.end)].join(', ');
  }
  // A group always spans whole images rows (all of H·W) or one pixel: show h and w separately.
  const whole = box.position.end - box.position.start === state.H * state.W;
  const pixel = whole
    ? [range('h', 0, state.H), range('w', 0, state.W)]
    : [`h = ${Math.floor(box.position.start / state.W)}`, `w = ${box.position.start % state.W}`];
  return [range('n', box.batch.start, box.batch.end), range('c', box.feature.start, box.feature.end), ...pixel].join(', ');
}

const TONE: Record<NormCode, CubeChartData['tone']> = { bn: 'bn', ln: 'ln', rms: 'ln', in: 'other', gn: 'other' };

/** Everything the widget shows for a state. */
export function compute(raw: CubeState, lang: Lang): WidgetView<CubeFigures> {
  const state = constrain(codec.clamp(raw));
  const t = labels[lang];
  const { norm, layout } = state;
  const tokens = layout === 'tokens';
  const size = cubeSize(state);
  const blocks = groupBlocks(KIND[norm], layout, size, state.G);
  const selected: Cell = { batch: state.b, position: state.t, feature: state.d };
  const box = groupOf(selected, blocks);
  const count = groupCount(size, blocks);
  const values = groupSize(blocks);
  const total = size.batch * size.positions * size.features;
  const sym = symbols(layout);
  const formula = formulas(norm, layout);
  const shapeNumbers = tokens ? `(${state.B}, ${state.T}, ${state.D})` : `(${state.B}, ${state.D}, ${state.H}, ${state.W})`;
  const shape = `${sym.shape} = ${shapeNumbers}`;
  const key = (prefix: 'together' | 'note') => `${prefix}${tokens ? 'Tokens' : 'Images'}_${norm}` as keyof CubeLabels;
  const numbers = {
    b: state.B,
    d: state.D,
    t: state.T,
    bt: state.B * state.T,
    hw: state.H * state.W,
    v: values,
    k: state.D / state.G,
    divisors: divisors(state.D).join(', '),
  };
  const together = fill(t[key('together')], numbers);
  const cell = cellText(state);
  const members = membersText(state, box);
  const mean = meanCall(norm, state);
  const error = pytorchError(norm, state);
  const product = tokens ? `B·T·D = ${state.B} · ${state.T} · ${state.D}` : `N·C·H·W = ${state.B} · ${state.D} · ${state.H} · ${state.W}`;
  const axis = (name: 'Batch' | 'Positions' | 'Features', n: number) =>
    fill(t[`axis${name}${tokens ? 'Tokens' : 'Images'}` as keyof CubeLabels], { n });

  return {
    text: {
      groupsHeading: fill(t.groupsHeading, { norm: NORM_NAMES[norm], shape }),
      groups: fill(t.groupsValue, { count, countFormula: formula.count, size: values, sizeFormula: formula.size }),
      check: `${count} × ${values} = ${total} = ${product}`,
      together,
      cell,
      members,
      call: pytorchCall(norm, state),
      stat: `${mean.call} → ${mean.shape}`,
      note: fill(t[key('note')], numbers),
    },
    figures: {
      cube: {
        size,
        blocks,
        group: box,
        selected,
        tone: TONE[norm],
        axes: {
          batch: axis('Batch', size.batch),
          positions: axis('Positions', size.positions),
          features: axis('Features', size.features),
        },
      },
    },
    descriptions: {
      cube: fill(t.description, { norm: NORM_NAMES[norm], shape, count, size: values, cell, members, together }),
    },
    code: pytorchCode(norm, state, count, error, t, lang),
    message: error,
  };
}
