// Labels with a little maths in them ("batch mean μ_{B}", "σ_{B}^{2}", "(1 − m)^{k}"), split into runs so that a
// label is typeset as a reader writes it: <sub>/<sup> in HTML (Notation.astro), tspans in SVG (appendNotation).
// Only braced scripts count, so code names such as running_mean pass through untouched.

/** One run of a label: plain text, or the scripts that follow the previous run (either or both). */
export type NotationPart = { readonly text: string } | { readonly sub?: string; readonly sup?: string };

const SCRIPT = /([_^])\{([^{}]*)\}/g;

/** Splits a label into plain text and its `_{…}` / `^{…}` scripts; a subscript and a superscript in a row stack. */
export function parseNotation(label: string): NotationPart[] {
  const parts: NotationPart[] = [];
  let at = 0;
  let scripts: { sub?: string; sup?: string } | null = null;
  for (const match of label.matchAll(SCRIPT)) {
    const [whole, kind, body = ''] = match;
    const start = match.index;
    if (start > at) {
      if (scripts) parts.push(scripts);
      scripts = null;
      parts.push({ text: label.slice(at, start) });
    }
    const key = kind === '_' ? 'sub' : 'sup';
    if (scripts && scripts[key] === undefined) scripts[key] = body;
    else {
      if (scripts) parts.push(scripts);
      scripts = { [key]: body };
    }
    at = start + whole.length;
  }
  if (scripts) parts.push(scripts);
  if (at < label.length) parts.push({ text: label.slice(at) });
  return parts;
}

/** The label as a reader reads it aloud or copies it: "μB", "σB2" (for plain-text places such as aria labels). */
export function plainNotation(label: string): string {
  return parseNotation(label)
    .map((p) => ('text' in p ? p.text : `${p.sub ?? ''}${p.sup ?? ''}`))
    .join('');
}

/** Minimal element factory the charts pass in (svgBuilder's shape). */
type Builder = (tag: 'tspan', attrs: Readonly<Record<string, string | number>>, text?: string) => Element;

/**
 * Appends a label's runs to an SVG <text>: plain runs as text, scripts as smaller tspans moved down (sub) or up
 * (sup) with `dy`; the run after a script moves back to the baseline. (`dy` in em is relative to the tspan's own
 * font size, so a script's move is written in its size and the way back in the base size.)
 */
export function appendNotation(el: Builder, text: Element, label: string): void {
  let offset = 0; // how far below the baseline the pen is, in ems of the base text
  const em = (v: number): string => `${Math.round(v * 1000) / 1000}em`;
  for (const part of parseNotation(label)) {
    if ('text' in part) {
      text.append(offset === 0 ? part.text : el('tspan', { dy: em(-offset) }, part.text));
      offset = 0;
      continue;
    }
    for (const [body, shift] of [[part.sub, SUB_SHIFT], [part.sup, -SUP_SHIFT]] as const) {
      if (body === undefined) continue;
      text.append(el('tspan', { dy: em((shift - offset) / SCRIPT_SIZE), 'font-size': em(SCRIPT_SIZE) }, body));
      offset = shift;
    }
  }
}

/** Script size and shifts, in ems of the base text. */
const SCRIPT_SIZE = 0.75;
const SUB_SHIFT = 0.3;
const SUP_SHIFT = 0.45;
