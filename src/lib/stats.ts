// Summary statistics with a scaled two-pass algorithm: values are first divided
// by a power of two near their largest magnitude (an exact operation), so
// squares and cubes of inputs near 1e150 or 1e-150 neither overflow nor
// underflow; in the ordinary range the scaling is exact and changes nothing.
// Indices in the loops below are in bounds by construction,
// hence the non-null assertions on typed-array reads.

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [-1022, 1023], built from its bits (exact). */
function powerOfTwo(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** The scale s = 2^⌊log₂ m⌋ (exponent clamped to ±1022) for m = max|x|; 1 when m is 0 or not finite. */
export function powerOfTwoScale(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  bits.setFloat64(0, maxAbs);
  const biased = (bits.getUint32(0) >>> 20) & 0x7ff;
  const exponent = Math.min(1022, Math.max(-1022, biased - 1023));
  return powerOfTwo(exponent);
}

/** The reciprocal of a scale from {@link powerOfTwoScale} (exact): 1/s. */
export function inverseScale(scale: number): number {
  bits.setFloat64(0, scale);
  const biased = (bits.getUint32(0) >>> 20) & 0x7ff;
  return powerOfTwo(1023 - biased);
}

/**
 * Mean and centred sum of squares of a strided segment, kept in scaled units:
 * mean = μ, sumSquares = Σ((x − μ)/s)², with s a power of two.
 */
export interface Moments {
  /** m, the number of values. */
  readonly count: number;
  /** μ = Σx / m. */
  readonly mean: number;
  /** s = 2^⌊log₂ max|x|⌋, so that x/s is exact and |x/s| < 2. */
  readonly scale: number;
  /** 1/s. */
  readonly invScale: number;
  /** Σ((x − μ)/s)², so Σ(x − μ)² = sumSquares · s². */
  readonly sumSquares: number;
}

/**
 * Moments of data[start + i·segmentStride + j] for i < segmentCount, j < segmentLength:
 * μ = Σx/m (compensated sum), then Σ((x − μ)/s)² (two passes over scaled values).
 */
export function segmentMoments(
  data: Float64Array,
  start: number,
  segmentLength: number,
  segmentCount = 1,
  segmentStride = 0,
): Moments {
  let maxAbs = 0;
  for (let i = 0; i < segmentCount; i++) {
    const base = start + i * segmentStride;
    for (let j = base; j < base + segmentLength; j++) {
      const a = Math.abs(data[j]!);
      if (a > maxAbs) maxAbs = a;
    }
  }
  const scale = powerOfTwoScale(maxAbs);
  const invScale = inverseScale(scale);
  // Neumaier-compensated sum: the mean is then (nearly always) the correctly rounded one.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < segmentCount; i++) {
    const base = start + i * segmentStride;
    for (let j = base; j < base + segmentLength; j++) {
      const v = data[j]! * invScale;
      const t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
    }
  }
  const count = segmentLength * segmentCount;
  const meanScaled = (sum + compensation) / count;
  let sumSquares = 0;
  for (let i = 0; i < segmentCount; i++) {
    const base = start + i * segmentStride;
    for (let j = base; j < base + segmentLength; j++) {
      const d = data[j]! * invScale - meanScaled;
      sumSquares += d * d;
    }
  }
  return { count, mean: meanScaled * scale, scale, invScale, sumSquares };
}

/** Σ(x − μ)² / divisor in original units: (sumSquares / divisor) · s². */
export function momentsVariance(m: Moments, divisor: number): number {
  return (m.sumSquares / divisor) * m.scale * m.scale;
}

/**
 * 1 / √(σ² + ε) with σ² = Σ(x − μ)²/m, computed as (1/s) / √(sumSquares/m + ε/s²)
 * so that neither σ² nor ε/s² has to exist in original units.
 */
export function momentsInverseStd(m: Moments, eps: number): number {
  const v = m.sumSquares / m.count;
  if (v === 0) return 1 / Math.sqrt(eps); // Infinity when ε = 0, as in PyTorch's LayerNorm and GroupNorm
  const e = eps * m.invScale * m.invScale;
  // ε/s² beyond the largest double means σ² ≪ ε: the variance does not matter.
  if (!Number.isFinite(e)) return 1 / Math.sqrt(eps);
  return m.invScale / Math.sqrt(v + e);
}

function toArray(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

function requireValues(values: ArrayLike<number>, what: string): Float64Array {
  if (values.length === 0) throw new RangeError(`${what} of an empty array is undefined`);
  return toArray(values);
}

/** Options for {@link variance} and {@link std}. */
export interface VarianceOptions {
  /** Divide by n − 1 (Bessel's correction) instead of n. Default false. */
  readonly unbiased?: boolean;
}

/** Arithmetic mean: μ = Σxᵢ / n. Throws RangeError on an empty array. */
export function mean(values: ArrayLike<number>): number {
  const x = requireValues(values, 'mean');
  return segmentMoments(x, 0, x.length).mean;
}

/** Variance: σ² = Σ(xᵢ − μ)² / n, or / (n − 1) with `unbiased`. Throws RangeError when undefined. */
export function variance(values: ArrayLike<number>, options: VarianceOptions = {}): number {
  const x = requireValues(values, 'variance');
  const unbiased = options.unbiased === true;
  if (unbiased && x.length < 2) throw new RangeError('unbiased variance needs at least 2 values');
  return momentsVariance(segmentMoments(x, 0, x.length), unbiased ? x.length - 1 : x.length);
}

/** Standard deviation: σ = √(Σ(xᵢ − μ)² / n), or / (n − 1) with `unbiased`. */
export function std(values: ArrayLike<number>, options: VarianceOptions = {}): number {
  const x = requireValues(values, 'std');
  const unbiased = options.unbiased === true;
  if (unbiased && x.length < 2) throw new RangeError('unbiased std needs at least 2 values');
  const m = segmentMoments(x, 0, x.length);
  return Math.sqrt(m.sumSquares / (unbiased ? x.length - 1 : x.length)) * m.scale;
}

/** Population skewness (Fisher–Pearson g₁): m₃ / m₂^{3/2} with mₖ = Σ(xᵢ − μ)ᵏ / n; 0 for constant input. */
export function skewness(values: ArrayLike<number>): number {
  const x = requireValues(values, 'skewness');
  if (x.every((v) => v === x[0])) return 0;
  const m = segmentMoments(x, 0, x.length);
  const meanScaled = m.mean * m.invScale;
  let cubes = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! * m.invScale - meanScaled;
    cubes += d * d * d;
  }
  const m2 = m.sumSquares / x.length;
  return cubes / x.length / (m2 * Math.sqrt(m2));
}

/** Smallest value: min xᵢ. Throws RangeError on an empty array. */
export function min(values: ArrayLike<number>): number {
  const x = requireValues(values, 'min');
  let lo = x[0]!;
  for (let i = 1; i < x.length; i++) if (x[i]! < lo) lo = x[i]!;
  return lo;
}

/** Largest value: max xᵢ. Throws RangeError on an empty array. */
export function max(values: ArrayLike<number>): number {
  const x = requireValues(values, 'max');
  let hi = x[0]!;
  for (let i = 1; i < x.length; i++) if (x[i]! > hi) hi = x[i]!;
  return hi;
}

/** Largest elementwise difference: maxᵢ |aᵢ − bᵢ| (0 for empty arrays); throws RangeError if lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  const x = toArray(a);
  const y = toArray(b);
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (d > worst || Number.isNaN(d)) worst = d;
  }
  return worst;
}
