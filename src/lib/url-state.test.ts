import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineState, parseDecimal, type ParamSpec, type Schema, type StateCodec, type StateOf } from './url-state';

fc.configureGlobal({ seed: 20240501, numRuns: 300 });

const bn = defineState('bn', {
  batch: { type: 'integer', default: 8, min: 1, max: 64 },
  odd: { type: 'integer', default: 3, min: 1, max: 10, step: 2 },
  momentum: { type: 'number', default: 0.1, min: 0, max: 1, step: 0.05 },
  shift: { type: 'number', default: 0, min: -2, max: 2, step: 0.1 },
  eps: { type: 'number', default: 1e-5, min: 1e-8, max: 1 },
  mode: { type: 'enum', default: 'train', values: ['train', 'eval'] },
  affine: { type: 'boolean', default: true },
});

describe('the declared state type', () => {
  it('gives numbers, booleans and the enum’s literal union', () => {
    expectTypeOf(bn.defaults.batch).toEqualTypeOf<number>();
    expectTypeOf(bn.defaults.affine).toEqualTypeOf<boolean>();
    expectTypeOf(bn.defaults.mode).toEqualTypeOf<'train' | 'eval'>();
    expect(bn.defaults).toEqual({ batch: 8, odd: 3, momentum: 0.1, shift: 0, eps: 1e-5, mode: 'train', affine: true });
  });
});

const parseOne = (key: string, value: string): unknown => bn.parse(new URLSearchParams([[`bn.${key}`, value]]))[key as keyof typeof bn.defaults];

describe('parse', () => {
  it.each([
    ['a plain integer', 'batch', '16', 16],
    ['a missing value → default', 'batch', '', 8],
    ['hexadecimal → default', 'batch', '0x10', 8],
    ['Infinity → default', 'batch', 'Infinity', 8],
    ['-Infinity → default', 'batch', '-Infinity', 8],
    ['NaN → default', 'batch', 'NaN', 8],
    ['an overflowing exponent (1e400) → default', 'batch', '1e400', 8],
    ['a leading space → default', 'batch', ' 5', 8],
    ['a trailing space → default', 'batch', '5 ', 8],
    ['trailing letters → default', 'batch', '5abc', 8],
    ['a plus sign → default', 'batch', '+5', 8],
    ['a bare fraction → default', 'batch', '.5', 8],
    ['a trailing point → default', 'batch', '5.', 8],
    ['non-ASCII digits → default', 'batch', '١٦', 8],
    ['full-width digits → default', 'batch', '１６', 8],
    ['HTML → default', 'batch', '<script>alert(1)</script>', 8],
    ['a 400-digit number → default', 'batch', '9'.repeat(400), 8],
    ['a huge number → max', 'batch', '99999999999999999999', 64],
    ['a negative number → min', 'batch', '-3', 1],
    ['a fraction → rounded', 'batch', '3.7', 4],
    ['an exponent → accepted', 'batch', '2e1', 20],
    ['integer step 2 from 1 → snapped', 'odd', '4', 5],
    ['integer step past max → last step', 'odd', '10', 9],
    ['0.05 steps → exact decimal', 'momentum', '0.31', 0.3],
    ['0.1 steps → 0.3, not 0.30000000000000004', 'shift', '0.29', 0.3],
    ['0.1 steps below zero', 'shift', '-1.04', -1],
    ['negative zero → 0', 'shift', '-0', 0],
    ['a tiny exponent → accepted', 'eps', '1e-7', 1e-7],
    ['below min → min', 'eps', '0', 1e-8],
    ['an exact enum value', 'mode', 'eval', 'eval'],
    ['an enum in the wrong case → default', 'mode', 'EVAL', 'train'],
    ['an enum with HTML → default', 'mode', '"><img src=x onerror=alert(1)>', 'train'],
    ['an enum named like a prototype key → default', 'mode', 'constructor', 'train'],
    ['boolean "0"', 'affine', '0', false],
    ['boolean "false"', 'affine', 'false', false],
    ['boolean "1"', 'affine', '1', true],
    ['boolean "yes" → default', 'affine', 'yes', true],
    ['boolean "FALSE" → default', 'affine', 'FALSE', true],
  ])('%s', (_, key, value, expected) => {
    expect(Object.is(parseOne(key, value), expected)).toBe(true);
  });

  it.each([
    ['an empty query', ''],
    ['unknown keys only', 'x=1&bn=2&bn.unknown=3'],
    ['keys of another namespace', 'ln.batch=4&bnx.batch=4'],
    ['a differently cased namespace', 'BN.batch=4&Bn.mode=eval'],
    ['prototype-polluting keys', '__proto__.batch=4&bn.__proto__=1&bn.constructor=1&constructor.prototype.batch=2'],
    ['malformed percent-escapes', 'bn.batch=%E0%A4%A&bn.mode=%&bn.affine=%zz'],
    ['a raw plus (decoded as a space)', 'bn.batch=+5'],
  ])('gives the defaults for %s', (_, query) => {
    expect(bn.parse(new URLSearchParams(query))).toEqual(bn.defaults);
  });

  it('reads the first of repeated keys', () => {
    expect(bn.parse(new URLSearchParams('bn.batch=4&bn.batch=9')).batch).toBe(4);
  });
});

describe('clamp', () => {
  it.each([
    ['a valid state unchanged', { batch: 12, mode: 'eval' }, { batch: 12, mode: 'eval' }],
    ['NaN → default', { batch: Number.NaN }, { batch: 8 }],
    ['+Infinity → default', { momentum: Number.POSITIVE_INFINITY }, { momentum: 0.1 }],
    ['an out-of-range number → clamped', { batch: 1000, shift: -7 }, { batch: 64, shift: -2 }],
    ['a numeric string → parsed', { batch: '12', affine: 'false' }, { batch: 12, affine: false }],
    ['wrong types → defaults', { batch: true, mode: 3, affine: 'maybe' }, { batch: 8, mode: 'train', affine: true }],
    ['objects and arrays → defaults', { batch: [5], mode: { toString: () => 'eval' } }, { batch: 8, mode: 'train' }],
  ])('coerces %s', (_, input, expected) => {
    expect(bn.clamp(input)).toEqual({ ...bn.defaults, ...expected });
  });

  it.each([
    ['null', null],
    ['a number', 5],
    ['a string', 'bn.batch=4'],
    ['an inherited property', Object.create({ batch: 4 }) as object],
    [
      'a throwing getter',
      Object.defineProperty({}, 'batch', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      }),
    ],
    [
      'a throwing proxy',
      new Proxy(
        {},
        {
          has: () => true,
          get: () => {
            throw new Error('boom');
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('boom');
          },
        },
      ),
    ],
  ])('never throws and gives the defaults for %s', (_, input) => {
    expect(bn.clamp(input as Partial<Record<keyof typeof bn.defaults, unknown>>)).toEqual(bn.defaults);
  });
});

describe('serialize and write', () => {
  it('writes every key namespaced, short numbers and 1/0 booleans', () => {
    const state = { ...bn.defaults, shift: 0.3, affine: false };
    expect(bn.serialize(state).toString()).toBe(
      'bn.batch=8&bn.odd=3&bn.momentum=0.1&bn.shift=0.3&bn.eps=0.00001&bn.mode=train&bn.affine=0',
    );
    expect(bn.serialize({ ...state, eps: 1e-7 }).get('bn.eps')).toBe('1e-7');
  });

  it('replaces its own keys, stale ones included, and keeps everything else', () => {
    const query = new URLSearchParams('ln.dim=4&bn.batch=2&bn.removed=1&q=x&bn.mode=eval');
    bn.write(query, { ...bn.defaults, batch: 32 });
    expect(query.get('ln.dim')).toBe('4');
    expect(query.get('q')).toBe('x');
    expect(query.has('bn.removed')).toBe(false);
    expect(query.getAll('bn.batch')).toEqual(['32']);
    expect(bn.parse(query)).toEqual({ ...bn.defaults, batch: 32 });
  });

  it('clamps an invalid state before writing it', () => {
    const bad = { ...bn.defaults, batch: 999, mode: 'nope' as 'train' };
    expect(bn.parse(bn.serialize(bad))).toEqual({ ...bn.defaults, batch: 64 });
  });
});

describe('declaration errors are caught when the widget is defined', () => {
  it.each<[string, string, Schema]>([
    ['a namespace with a dot', 'b.n', {}],
    ['an empty namespace', '', {}],
    ['a key with markup', 'bn', { '<b>': { type: 'boolean', default: true } }],
    ['min above max', 'bn', { x: { type: 'number', default: 0, min: 1, max: 0 } }],
    ['a non-finite bound', 'bn', { x: { type: 'number', default: 0, min: 0, max: Number.POSITIVE_INFINITY } }],
    ['a zero step', 'bn', { x: { type: 'number', default: 0, min: 0, max: 1, step: 0 } }],
    ['a fractional integer step', 'bn', { x: { type: 'integer', default: 0, min: 0, max: 4, step: 0.5 } }],
    ['an enum default outside its values', 'bn', { x: { type: 'enum', default: 'c', values: ['a', 'b'] } }],
  ])('refuses %s', (_, namespace, schema) => {
    expect(() => defineState(namespace, schema)).toThrow();
  });
});

// ---------------------------------------------------------------- properties

/** Parameter declarations to test against, covering every type and awkward steps. */
const schemas: readonly StateCodec<Schema>[] = [
  bn,
  defineState('a', {
    n: { type: 'integer', default: -3, min: -50, max: 50, step: 5 },
    x: { type: 'number', default: 0.25, min: -1, max: 1, step: 0.25 },
    y: { type: 'number', default: 2, min: 0.05, max: 3.3, step: 0.1 },
    z: { type: 'number', default: 0.001, min: 0, max: 0.01, step: 0.001 },
    w: { type: 'number', default: 0, min: -1e300, max: 1e300 },
  }),
  defineState('b', {
    k: { type: 'integer', default: 0, min: 0, max: 0 },
    s: { type: 'enum', default: 'normal', values: ['normal', 'skewed', 'bimodal', 'uniform'] },
    t: { type: 'boolean', default: false },
  }),
];

/** Any valid value of a parameter (for stepped numbers, a grid point min + k·step). */
function validValue(spec: ParamSpec, codec: StateCodec<Schema>, key: string): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      if (spec.step === undefined) {
        return spec.type === 'integer'
          ? fc.integer({ min: spec.min, max: spec.max })
          : fc.double({ min: spec.min, max: spec.max, noNaN: true }).map((v) => (v === 0 ? 0 : v));
      }
      const steps = Math.floor((spec.max - spec.min) / spec.step + 1e-9);
      const step = spec.step;
      return fc.integer({ min: 0, max: steps }).map((k) => codec.clamp({ [key]: spec.min + k * step })[key]);
    }
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'boolean':
      return fc.boolean();
  }
}

function validState(codec: StateCodec<Schema>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(Object.entries(codec.schema).map(([k, spec]) => [k, validValue(spec, codec, k)])),
  );
}

/** True when v is a value parse could legitimately produce for spec. */
function isValid(spec: ParamSpec, v: unknown): boolean {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.min || v > spec.max || Object.is(v, -0)) return false;
      if (spec.type === 'integer' && !Number.isInteger(v)) return false;
      if (spec.step === undefined) return true;
      const k = (v - spec.min) / spec.step;
      return Math.abs(k - Math.round(k)) < 1e-9;
    }
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** Strings a hostile or careless link could hold. */
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '0x10', '1e400', '-1e400', 'Infinity', 'NaN', '-0', '1e-400', '<svg onload=alert(1)>', '%00', '\u0000', '1'.repeat(500)),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
);

describe.each(schemas.map((codec) => [codec.namespace, codec] as const))('namespace "%s"', (_, codec) => {
  it('round-trips every valid state: parse(serialize(s)) = s, and clamp(s) = s', () => {
    fc.assert(
      fc.property(validState(codec), (state) => {
        expect(codec.clamp(state)).toEqual(state);
        const parsed = codec.parse(codec.serialize(state as StateOf<Schema>));
        expect(parsed).toEqual(state);
        for (const key of Object.keys(state)) expect(Object.is(parsed[key], state[key])).toBe(true);
      }),
    );
  });

  it('parses any query string into a valid state without throwing', () => {
    const keys = Object.keys(codec.schema).map((k) => `${codec.namespace}.${k}`);
    const entry = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), hostileText);
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.string(), (entries, raw) => {
        for (const params of [new URLSearchParams(entries), new URLSearchParams(raw)]) {
          const state = codec.parse(params);
          for (const [key, spec] of Object.entries(codec.schema)) expect(isValid(spec, state[key])).toBe(true);
          expect(Object.keys(state).sort()).toEqual(Object.keys(codec.schema).sort());
        }
      }),
    );
  });

  it('clamps any object into a valid state without throwing', () => {
    const keys = Object.keys(codec.schema);
    const anyValue = fc.oneof(fc.anything(), hostileText, fc.double());
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), anyValue), (input) => {
        const state = codec.clamp(input);
        for (const [key, spec] of Object.entries(codec.schema)) expect(isValid(spec, state[key])).toBe(true);
      }),
    );
  });
});

describe('parseDecimal', () => {
  it('reads back exactly what String(x) writes for every finite double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(parseDecimal(String(x))).toBe(x === 0 ? 0 : x);
    }));
  });
});
