/** Colours the charts use, as CSS custom properties so figures follow the light/dark theme. */
export const COLORS = {
  bn: 'var(--bn)',
  ln: 'var(--ln)',
  other: 'var(--other)',
  fg: 'currentColor',
  soft: 'var(--fg-soft)',
  grid: 'var(--border)',
} as const;

/** A diverging scheme that stays readable for the common forms of colour blindness. */
export const DIVERGING_SCHEME = 'PuOr';

/** Height for a chart of `width`, keeping one aspect ratio so the server figure and the live one take the same box. */
export function heightFor(width: number, ratio: number): number {
  return Math.round(width * ratio);
}
