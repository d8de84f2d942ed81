// URL-state codecs. A widget declares its parameters once; parse, serialize,
// write and clamp all follow from that declaration. Parsing never throws and
// only ever yields values of the declared type, inside the declared range, on
// the declared step — so nothing from the query string reaches the DOM as is.
//
// Number syntax accepted from the URL: an optional "-", ASCII digits, an
// optional fraction ".digits", an optional exponent "e±digits" (so "3", "-0.5",
// "1e-3" and "1e+21" are accepted; "0x10", "Infinity", " 5", "5abc", "+5", ".5"
// and "5." are not). A number that overflows to ±Infinity ("1e400") counts as
// malformed and falls back to the default; a finite number out of range is
// clamped. Booleans accept "1", "0", "true", "false" and serialize as "1"/"0".

/** The declaration of one URL parameter. */
export type ParamSpec =
  | { readonly type: 'integer'; readonly default: number; readonly min: number; readonly max: number; readonly step?: number }
  | { readonly type: 'number'; readonly default: number; readonly min: number; readonly max: number; readonly step?: number }
  | { readonly type: 'enum'; readonly default: string; readonly values: readonly string[] }
  | { readonly type: 'boolean'; readonly default: boolean };

/** A widget's parameters, by key. */
export type Schema = Readonly<Record<string, ParamSpec>>;

/** The state a schema describes: booleans, the enum's literal union, or numbers. */
export type StateOf<S extends Schema> = {
  -readonly [K in keyof S]: S[K] extends { type: 'boolean' }
    ? boolean
    : S[K] extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : number;
};

/** Everything a widget needs to keep its state in the URL. */
export interface StateCodec<S extends Schema> {
  /** The key prefix, e.g. "bn" for `bn.batch=8`. */
  readonly namespace: string;
  readonly schema: S;
  /** The declared defaults (after the same coercion as parse). */
  readonly defaults: StateOf<S>;
  /** Reads only `${namespace}.${key}`; never throws; missing or invalid values become defaults or are clamped. */
  parse(params: URLSearchParams): StateOf<S>;
  /** Every key, namespaced; numbers as short exact strings, booleans as "1"/"0". */
  serialize(state: StateOf<S>): URLSearchParams;
  /** Replaces this namespace's keys in an existing query and keeps all others. */
  write(into: URLSearchParams, state: StateOf<S>): void;
  /** Coerces any object to a valid state, by the same rules as parse. */
  clamp(state: Partial<Record<keyof S, unknown>>): StateOf<S>;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
/** Longer inputs are not numbers a widget ever writes. */
const MAX_NUMBER_LENGTH = 64;

/** The number a string spells in the accepted decimal syntax, or undefined (also for ±Infinity). */
export function parseDecimal(text: string): number | undefined {
  if (text.length === 0 || text.length > MAX_NUMBER_LENGTH || !DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Decimal places needed to write x exactly: digits after the point in its shortest form, minus its exponent. */
function decimalPlaces(x: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(x)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

type NumericSpec = Extract<ParamSpec, { type: 'integer' | 'number' }>;

/** x rounded (integers), clamped to [min, max], snapped to min + k·step, written with the step's decimals; −0 → 0. */
function coerceNumber(spec: NumericSpec, x: number): number {
  let v = spec.type === 'integer' ? Math.round(x) : x;
  v = Math.min(spec.max, Math.max(spec.min, v));
  const step = spec.step;
  if (step !== undefined) {
    const places = Math.max(decimalPlaces(step), decimalPlaces(spec.min));
    const at = (k: number): number => {
      const raw = spec.min + k * step;
      return places <= 100 ? Number(raw.toFixed(places)) : raw;
    };
    let k = Math.round((v - spec.min) / step);
    v = at(k);
    while (k > 0 && v > spec.max) v = at(--k);
  }
  return v === 0 ? 0 : v;
}

/** The value a parameter takes for an untrusted input: the input if valid, clamped if out of range, else the default. */
function coerce(spec: ParamSpec, input: unknown): number | string | boolean {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const x = typeof input === 'number' ? input : typeof input === 'string' ? parseDecimal(input) : undefined;
      return x !== undefined && Number.isFinite(x) ? coerceNumber(spec, x) : coerceNumber(spec, spec.default);
    }
    case 'enum':
      return typeof input === 'string' && spec.values.includes(input) ? input : spec.default;
    case 'boolean':
      if (typeof input === 'boolean') return input;
      if (input === '1' || input === 'true' || input === 1) return true;
      if (input === '0' || input === 'false' || input === 0) return false;
      return spec.default;
    default: {
      const unknown: never = spec;
      throw new TypeError(`unknown parameter type in ${JSON.stringify(unknown)}`);
    }
  }
}

/** The URL text of a valid value: String(x) for numbers (shortest exact form), "1"/"0" for booleans. */
function format(value: number | string | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** Throws at declaration time on a schema no state could satisfy (a programming error, never a user's). */
function checkSchema(namespace: string, schema: Schema): void {
  if (!NAME.test(namespace)) throw new TypeError(`namespace "${namespace}" must match ${NAME}`);
  for (const [key, spec] of Object.entries(schema)) {
    const where = `${namespace}.${key}`;
    if (!NAME.test(key)) throw new TypeError(`parameter "${where}" must match ${NAME}`);
    if (spec.type === 'integer' || spec.type === 'number') {
      const { min, max, step } = spec;
      if (![min, max, spec.default].every(Number.isFinite) || min > max) {
        throw new RangeError(`${where}: needs finite min ≤ max and a finite default`);
      }
      if (step !== undefined && !(Number.isFinite(step) && step > 0 && (max - min) / step <= 2 ** 52)) {
        throw new RangeError(`${where}: step must be > 0 and divide the range into at most 2^52 steps`);
      }
      if (spec.type === 'integer' && ![min, max, step ?? 1].every(Number.isInteger)) {
        throw new RangeError(`${where}: an integer parameter needs integer min, max and step`);
      }
    } else if (spec.type === 'enum') {
      if (spec.values.length === 0 || !spec.values.includes(spec.default)) {
        throw new RangeError(`${where}: the default must be one of the values`);
      }
    }
  }
}

/** Declares a widget's URL parameters under `namespace` (`bn` → `bn.batch=8`) and derives its codec. */
export function defineState<const S extends Schema>(namespace: string, schema: S): StateCodec<S> {
  checkSchema(namespace, schema);
  const keys = Object.keys(schema);
  const prefix = `${namespace}.`;

  const build = (read: (key: string) => unknown): StateOf<S> =>
    Object.fromEntries(
      keys.map((key) => {
        const spec = schema[key] as ParamSpec; // key comes from Object.keys(schema)
        let input: unknown;
        try {
          input = read(key);
        } catch {
          input = undefined; // a throwing getter or proxy counts as missing
        }
        return [key, coerce(spec, input)];
      }),
    ) as StateOf<S>;

  const defaults = build(() => undefined);

  const clamp = (state: Partial<Record<keyof S, unknown>>): StateOf<S> =>
    build((key) =>
      typeof state === 'object' && state !== null && Object.prototype.hasOwnProperty.call(state, key)
        ? (state as Record<string, unknown>)[key]
        : undefined,
    );

  const entries = (state: StateOf<S>): [string, string][] => {
    const valid = clamp(state) as Record<string, number | string | boolean>;
    return keys.map((key) => [prefix + key, format(valid[key] ?? '')]);
  };

  return {
    namespace,
    schema,
    defaults,
    parse(params) {
      return build((key) => params.get(prefix + key) ?? undefined);
    },
    serialize(state) {
      return new URLSearchParams(entries(state));
    },
    write(into, state) {
      const stale = new Set([...into.keys()].filter((name) => name.startsWith(prefix)));
      for (const name of stale) into.delete(name);
      for (const [name, value] of entries(state)) into.append(name, value);
    },
    clamp,
  };
}
