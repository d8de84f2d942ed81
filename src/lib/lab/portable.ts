// Elementary functions that give the same bits in every JavaScript engine, for a training run that must
// reproduce bit for bit. ECMAScript lets Math.exp, Math.log and Math.cos differ in the last bit between
// engines (V8, SpiderMonkey and JavaScriptCore use different libms); + − × ÷, Math.round/floor/fround and
// Math.sqrt are IEEE-754 operations, correctly rounded everywhere (all engines lower Math.sqrt to the
// hardware's correctly rounded square root, as WebAssembly's f64.sqrt requires), so those are used as they are.
// The logarithm comes from ../random (portableLog); the exponential here is a faster variant of
// ../random's portableExp for the softmax's hot loop (no divisions, no DataView).

export { portableLog } from '../random';

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so that k·LN2_HI is exact for |k| < 2²⁰ (fdlibm)
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.4426950408889634;

/** 2^k for k = −1022 … 1023, built by exact doublings. */
const POW2 = (() => {
  const table = new Float64Array(2046);
  table[1022] = 1;
  for (let k = 1; k <= 1023; k++) table[1022 + k] = table[1021 + k]! * 2;
  for (let k = 1; k <= 1022; k++) table[1022 - k] = table[1023 - k]! / 2;
  return table;
})();

// 1/n! for n = 2 … 13, written out (exact decimal → double at parse time, the same in every engine).
const C2 = 0.5;
const C3 = 0.16666666666666666;
const C4 = 0.041666666666666664;
const C5 = 0.008333333333333333;
const C6 = 0.001388888888888889;
const C7 = 0.0001984126984126984;
const C8 = 0.0000248015873015873;
const C9 = 0.0000027557319223985893;
const C10 = 2.755731922398589e-7;
const C11 = 2.505210838544172e-8;
const C12 = 2.08767569878681e-9;
const C13 = 1.6059043836821613e-10;

/** e^x with + − × only: x = k·ln 2 + r, |r| ≤ ln2/2, e^r by its Taylor polynomial to r¹³ (≤ 2 ulp), times 2^k from a table. */
export function fastPortableExp(x: number): number {
  if (!(x <= 709.782712893384)) return x !== x ? x : Number.POSITIVE_INFINITY;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  const p =
    1 +
    r *
      (1 +
        r *
          (C2 +
            r *
              (C3 +
                r *
                  (C4 +
                    r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 + r * (C10 + r * (C11 + r * (C12 + r * C13))))))))))));
  if (k >= -1022) return k <= 1023 ? p * POW2[k + 1022]! : p * POW2[2045]! * POW2[k - 1023 + 1022]!;
  return p * POW2[0]! * POW2[k + 1022 + 1022]!; // subnormal results: two exact scalings
}

/** cos x for x in [0, π] with + − × only: cos x = −sin(x − π/2), sin by its Taylor polynomial to the 21st power. */
export function portableCos(x: number): number {
  const y = x - 1.5707963267948966 - 6.123233995736766e-17; // π/2 as a double-double
  const z = y * y;
  // sin y = y·(1 − y²/3! + y⁴/5! − …), |y| ≤ π/2: the 23rd-power term is below 1e-17.
  const s =
    y *
    (1 +
      z *
        (-0.16666666666666666 +
          z *
            (0.008333333333333333 +
              z *
                (-0.0001984126984126984 +
                  z *
                    (0.0000027557319223985893 +
                      z *
                        (-2.505210838544172e-8 +
                          z *
                            (1.6059043836821613e-10 +
                              z * (-7.647163731819816e-13 + z * (2.8114572543455206e-15 + z * (-8.22063524662433e-18 + z * 1.9572941063391263e-20))))))))));
  return -s;
}
