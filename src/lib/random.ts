// A small seeded random generator whose numbers are bit-identical on every
// machine and in every JavaScript engine. Uniform draws come from sfc32, pure
// 32-bit integer arithmetic (Math.imul, shifts). Normal draws use Marsaglia's
// polar method with our own logarithm and square root, written with + − × ÷
// only: those are correctly rounded IEEE-754 operations everywhere, whereas
// Math.log, Math.exp and Math.cos may differ in the last bit between engines.

/** A seed: any string or number; a number is used through its canonical decimal string (42 ≡ "42"). */
export type Seed = string | number;

/** A stream of seeded random numbers. */
export interface Rng {
  /** An unsigned 32-bit integer, uniform on [0, 2³²). */
  uint32(): number;
  /** A double uniform on [0, 1), with 53 random bits: (a·2²¹ + b)/2⁵³. */
  uniform(): number;
  /** A double uniform on [lo, hi): lo + (hi − lo)·u. */
  range(lo: number, hi: number): number;
  /** An integer uniform on {0, …, n − 1}: ⌊n·u⌋. */
  int(n: number): number;
  /** A normal draw N(mean, std²) by the polar method: mean + std·u·√(−2 ln s / s), s = u² + v² < 1 (v gives the next). */
  normal(mean?: number, std?: number): number;
}

/** cyrb128: four 32-bit hashes of a string (Math.imul mixing), used to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** The unambiguous text of a seed path: each part as type, length and value. */
function seedText(parts: readonly Seed[]): string {
  return parts
    .map((p) => {
      const s = typeof p === 'number' ? String(p) : p;
      return `${s.length}:${s}`;
    })
    .join('/');
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 2 ** 53;

/**
 * sfc32's state for a seed path, after the seed is mixed in (twelve steps): the four words createRng starts from.
 * For hot loops that step the generator inline (./activation-stream); createRng(…).uint32() gives the same numbers.
 */
export function rngState(seed: Seed, ...path: readonly Seed[]): Int32Array {
  const state = Int32Array.from(hash128(seedText([seed, ...path])));
  for (let i = 0; i < 12; i++) sfc32Step(state);
  return state;
}

/** One step of sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) on [a, b, c, d]: the next output, signed. */
function sfc32Step(s: Int32Array): number {
  const a = s[0]!;
  const b = s[1]!;
  const c = s[2]!;
  const d = s[3]!;
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t;
}

/**
 * A generator for a seed path: createRng(seed), or createRng(seed, 'batch', k) for an independent stream
 * derived from (seed, 'batch', k). Same path, same numbers, on every machine.
 */
export function createRng(seed: Seed, ...path: readonly Seed[]): Rng {
  const state = rngState(seed, ...path);
  /** 32 bits, 32-bit integer arithmetic only. */
  const uint32 = (): number => sfc32Step(state) >>> 0;

  const uniform = (): number => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / TWO_POW_53;

  // The polar method yields two independent normals per accepted pair; the second is kept for the next call.
  let spare: number | undefined;
  const normal = (mean = 0, std = 1): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mean + std * z;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = portableSqrt((-2 * portableLog(s)) / s);
        spare = v * f;
        return mean + std * (u * f);
      }
    }
  };

  return {
    uint32,
    uniform,
    range: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (n) => Math.floor(n * (uint32() / TWO_POW_32)),
    normal,
  };
}

// ---------------------------------------------------------------- portable elementary functions

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so that k·LN2_HI is exact (fdlibm)
const LN2_LO = 1.90821492927058770002e-10;
const SQRT2 = 1.4142135623730951;
const bits = new DataView(new ArrayBuffer(8));

/** Splits a positive finite x into m·2^k with m ∈ [1, 2) (exact, from the bits). */
function split(x: number): { m: number; k: number } {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 54; // subnormals become normal
    k = -54;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hi & 0x800fffff) | 0x3ff00000);
  return { m: bits.getFloat64(0), k };
}

/** 2^k for an integer k in [−1022, 1023], from the bits (exact). */
function powerOfTwo(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** Natural logarithm with + − × ÷ only: ln x = k·ln 2 + 2·atanh((m − 1)/(m + 1)), x = m·2^k, |error| ≲ 1 ulp. */
export function portableLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let { m, k } = split(x);
  if (m > SQRT2) {
    m /= 2;
    k += 1;
  }
  const f = m - 1;
  const s = f / (2 + f); // |s| ≤ 0.1716
  const z = s * s;
  // atanh(s)/s = 1 + z/3 + z²/5 + … ; z ≤ 0.0295 so 12 terms reach 1e-18.
  let series = 1 / 25;
  for (let n = 11; n >= 0; n--) series = 1 / (2 * n + 1) + z * series;
  return k * LN2_HI + (2 * s * series + k * LN2_LO);
}

/** Exponential with + − × ÷ only: e^x = 2^k · e^r, k = round(x/ln 2), |r| ≤ ln2/2, Taylor series to r¹⁶. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x / (LN2_HI + LN2_LO));
  const r = x - k * LN2_HI - k * LN2_LO;
  let series = 1;
  for (let n = 16; n >= 1; n--) series = 1 + (r * series) / n;
  // Scale by 2^k in two exact steps so that k down to −1074 and up to 1024 stay representable.
  const half = Math.trunc(k / 2);
  return series * powerOfTwo(half) * powerOfTwo(k - half);
}

/** y − g², exactly up to one rounding (Dekker's product with Veltkamp's split). */
function squareResidual(y: number, g: number): number {
  const c = 134217729 * g; // 2^27 + 1
  const hi = c - (c - g);
  const lo = g - hi;
  const p = g * g;
  const e = hi * hi - p + 2 * hi * lo + lo * lo;
  return y - p - e;
}

/** Square root with + − × ÷ only: Newton's iteration g ← (g + y/g)/2 on the mantissa, then an exact-residual rounding step. */
export function portableSqrt(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0 || x === Number.POSITIVE_INFINITY) return x;
  const { m, k } = split(x);
  // √x = √(m·2^(k mod 2)) · 2^⌊k/2⌋ with the first factor in [1, 2).
  const odd = ((k % 2) + 2) % 2;
  const y = odd === 1 ? m * 2 : m;
  let g = 1.5;
  for (let i = 0; i < 6; i++) g = (g + y / g) / 2;
  // Newton lands within an ulp; step to the neighbour while the exact residual y − g² says it is nearer.
  for (let i = 0; i < 2; i++) {
    const ulpUp = g < 2 ? 2.220446049250313e-16 : 4.440892098500626e-16;
    const ulpDown = g <= 2 ? 2.220446049250313e-16 : 4.440892098500626e-16;
    const r = squareResidual(y, g);
    // Move when y lies beyond (g ± ulp/2)² = g² ± g·ulp + ulp²/4.
    if (r - g * ulpUp > (ulpUp * ulpUp) / 4) g += ulpUp;
    else if (r + g * ulpDown < (ulpDown * ulpDown) / 4) g -= ulpDown;
    else break;
  }
  const half = (k - odd) / 2;
  const h = Math.trunc(half / 2);
  return g * powerOfTwo(h) * powerOfTwo(half - h);
}
