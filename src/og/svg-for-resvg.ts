// Server-drawn figures name the site's colours as CSS custom properties (../charts/theme); a renderer without the
// page's stylesheet (resvg) needs them as values. The values come from the stylesheet itself, so they never drift.

/** The light theme's custom properties (`--name` → value), read from the first `:root { … }` rule of a stylesheet. */
export function lightPalette(css: string): Readonly<Record<string, string>> {
  const root = /(^|\n)\s*:root\s*\{([^}]*)\}/.exec(css);
  if (!root) throw new Error('lightPalette: the stylesheet has no :root rule');
  const palette: Record<string, string> = {};
  for (const match of root[2]!.matchAll(/--([a-z0-9-]+)\s*:\s*([^;]+);/gi)) palette[match[1]!] = match[2]!.trim();
  return palette;
}

/** Font and colour the figure inherits on the page (from its box), given to it as attributes of its root. */
export interface FigureContext {
  readonly color: string;
  readonly fontFamily: string;
}

/**
 * A figure's SVG markup made self-contained for resvg: every `var(--name)` replaced by the palette's value (its own
 * fallback, then `currentColor`, when the palette lacks it; `unknown` lists those names), and the colour and font
 * the page gives it set on the root element, with the SVG namespace that markup drawn outside a browser may lack.
 */
export function svgForResvg(
  svg: string,
  palette: Readonly<Record<string, string>>,
  context: FigureContext,
): { svg: string; unknown: string[] } {
  const unknown: string[] = [];
  const resolve = (text: string, depth: number): string =>
    text.replace(/var\(\s*--([a-z0-9-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)/gi, (_all, name: string, fallback?: string) => {
      const value = palette[name];
      if (value !== undefined) return depth < 4 ? resolve(value, depth + 1) : value;
      unknown.push(name);
      return fallback?.trim() || 'currentColor';
    });
  let out = resolve(svg, 0);
  const attrs = ` color="${escapeAttr(context.color)}" font-family="${escapeAttr(context.fontFamily)}"`;
  if (!/^\s*<svg[\s>]/.test(out)) throw new Error('svgForResvg: the markup does not start with <svg');
  // The page's own value wins over an attribute the chart set, as the CSS rule on the box does.
  out = out.replace(/^\s*<svg((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*(\/?)>/, (_all, rest: string, close: string) => {
    const kept = rest.replace(/\s+(?:color|font-family)="[^"]*"/g, '');
    const ns = /\sxmlns="/.test(kept) ? '' : ' xmlns="http://www.w3.org/2000/svg"';
    return `<svg${ns}${kept}${attrs}${close}>`;
  });
  return { svg: out, unknown: [...new Set(unknown)] };
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
