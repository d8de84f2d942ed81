// Number formatting for chart labels and widget readouts: a true minus sign, no "-0", never NaN on screen.

/**
 * Below this magnitude a value the widgets compute is floating-point rounding, not a quantity: printed and drawn as 0.
 * A statistic whose true value is 0 (a row mean of LayerNorm's output) comes out of float64 as 1e−17 … 1e−14: a
 * mean of C ≤ 16 values of size ≤ 10 is off by at most 16 · 2.2e−16 · 10 ≈ 3.5e−14. The smallest real statistic
 * shown is ~1e−5 (data in steps of 1/256, scaled by 0.1). 1e−12 sits 30× above the one and 10⁷ below the other.
 */
export const ROUNDING_ZERO = 1e-12;

/** Formats v with at most `digits` significant digits (default 3), e.g. 12.3, −0.0451, 1.2e+6 → 1 200 000 stays compact. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0 || Math.abs(v) < ROUNDING_ZERO) return '0';
  const abs = Math.abs(v);
  const text = abs >= 1e6 || abs < 1e-4 ? abs.toExponential(Math.max(0, digits - 1)) : String(Number(abs.toPrecision(digits)));
  return v < 0 ? `−${text}` : text;
}

/** Formats v with a fixed number of decimals (default 2), e.g. −1.50; "0.00" instead of "−0.00". */
export function formatFixed(v: number, decimals = 2): string {
  if (!Number.isFinite(v)) return '—';
  const text = Math.abs(v).toFixed(decimals);
  const zero = Number(text) === 0;
  return v < 0 && !zero ? `−${text}` : text;
}

/**
 * A share in [0, 1] as a percentage with `decimals` places: "24.0%" in Chinese (no space before %), "24.0 %" in
 * English with a no-break space, so a lone % never wraps onto its own line.
 */
export function formatPercent(share: number, lang: 'zh' | 'en', decimals = 0): string {
  const value = formatFixed(share * 100, decimals);
  return lang === 'zh' ? `${value}%` : `${value}\u00a0%`;
}

/** Fills the {name} placeholders of a label template; unknown names stay as they are. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * v rounded to `decimals` places and written in its shortest form (52.37, 1, 0, −0.5): the same digits as
 * Python's f"{round(v, decimals) + 0.0:.10g}" and PyTorch's printing, with a true minus sign. Like Python, an exact
 * tie (0.03125 → 0.0312) goes to the even digit; JavaScript's toFixed would round it up.
 */
export function formatRounded(v: number, decimals = 4): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  let text = abs.toFixed(decimals);
  const exact = abs.toFixed(Math.min(100, decimals + 40)); // every digit a double near our range has
  const point = exact.indexOf('.');
  if (/^50*$/.test(exact.slice(point + 1 + decimals))) {
    const down = exact.slice(0, point + 1 + decimals).replace(/\.$/, '');
    if (Number(down.at(-1)) % 2 === 0) text = down;
  }
  const rounded = Number(text) * Math.sign(v) + 0;
  const shortest = String(Math.abs(rounded));
  return rounded < 0 ? `−${shortest}` : shortest;
}

/** Splits `text` at spaces into lines of at most `chars` characters (a longer word gets a line of its own). */
export function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
