import fc from 'fast-check';
import { KpiError } from '../../src/core/i18n';
import { compare, fraction, product } from '../support/fraction';
import { call } from './call';

const RUNS = { numRuns: 1000 };
/** Rates as planners write them: percentages to 0.1% (0.1%–500%) or whole deal sizes. */
const rate = fc.oneof(
  fc.integer({ min: 1, max: 5000 }).map((n) => n / 1000),
  fc.integer({ min: 1, max: 10_000_000 }),
);
/** Rates ≥ 5%, so four stages of a KGI ≤ 10⁹ stay within exact whole numbers. */
const modestRate = fc.oneof(
  fc.integer({ min: 50, max: 5000 }).map((n) => n / 1000),
  fc.integer({ min: 1, max: 10_000_000 }),
);
const kgi = fc.integer({ min: 0, max: 1_000_000_000 });
/** Whether the product of `factors` is ≥ `goal`, exactly in decimal terms. */
const reaches = (factors: readonly number[], goal: number): boolean => compare(product(factors), fraction(goal)) >= 0;

describe('reverse calculation, in exact decimal terms', () => {
  it('rounds every stage up exactly: each stage reaches the one above, one unit less does not', () => {
    fc.assert(
      fc.property(kgi, fc.array(modestRate, { minLength: 1, maxLength: 4 }), (goal, rates) => {
        const chain = (
          call(
            'KPI_FUNNEL',
            goal,
            rates.map((r) => [r]),
          ) as number[][]
        ).map((row) => row[0]);
        rates.forEach((r, i) => {
          const [above, stage] = [chain[i], chain[i + 1]];
          expect(Number.isInteger(stage)).toBe(true);
          expect(reaches([stage, r], above)).toBe(true);
          if (stage > 0) expect(reaches([stage - 1, r], above)).toBe(false);
        });
        expect(call('KPI_REQUIRED', goal, ...rates)).toBe(chain[rates.length]);
      }),
      RUNS,
    );
  });

  it('KPI_REQUIRED projected forward reaches the KGI', () => {
    fc.assert(
      fc.property(kgi, fc.array(modestRate, { minLength: 1, maxLength: 4 }), (goal, rates) => {
        const needed = call('KPI_REQUIRED', goal, ...rates) as number;
        expect(reaches([...rates, needed], goal)).toBe(true);
      }),
      RUNS,
    );
  });

  it('with "final" the last stage reaches the KGI and one unit less does not', () => {
    fc.assert(
      fc.property(kgi, fc.array(modestRate, { minLength: 1, maxLength: 4 }), (goal, rates) => {
        const chain = call('KPI_FUNNEL', goal, [rates], 'final') as number[][];
        const last = chain.flat()[rates.length];
        expect(reaches([...rates, last], goal)).toBe(true);
        if (last > 0) expect(reaches([...rates, last - 1], goal)).toBe(false);
      }),
      RUNS,
    );
  });

  it('either answers exactly or refuses a figure too large to hold, for any decimal rates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(rate, { minLength: 1, maxLength: 5 }), (goal, rates) => {
        try {
          const needed = call('KPI_REQUIRED', goal, ...rates) as number;
          expect(Number.isSafeInteger(needed)).toBe(true);
          expect(reaches([...rates, needed], goal)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(KpiError);
          expect((error as KpiError).text.en).toContain('too large');
        }
      }),
      RUNS,
    );
  });
});

describe('KPI_PHASE with whole numbers', () => {
  it('adds up to the annual figure exactly, each part within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(
          fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
          { minLength: 1, maxLength: 24 },
        ),
        (annual, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = (
            call(
              'KPI_PHASE',
              annual,
              weights.map((w) => [w]),
              true,
            ) as number[][]
          ).map((r) => r[0]);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(annual);
          // In tenths: share i = annual × tenths[i] ÷ totalTenths, and |share − part| < 1.
          const tenths = weights.map((w) => BigInt(Math.round(w * 10)));
          const totalTenths = tenths.reduce((s, t) => s + t);
          parts.forEach((part, i) => {
            expect(Number.isInteger(part)).toBe(true);
            const gap = BigInt(annual) * tenths[i] - BigInt(part) * totalTenths;
            expect(gap < totalTenths && -gap < totalTenths).toBe(true);
          });
        },
      ),
      RUNS,
    );
  });
});

/** A range of positive numbers with some blanks, and a second range of the same shape. */
const ranges = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([rows, cols]) => {
  const cells = fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.constant('')), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
  return fc.tuple(
    cells,
    cells.map((r) => r.map((row) => row.map((v) => (v === '' ? 1 : v + 1)))),
  );
});

const shapeOf = (x: unknown): [number, number] => {
  const rows = x as unknown[][];
  expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
  return [rows.length, rows[0].length];
};

describe('per-cell functions', () => {
  it.each([
    ['KPI_REQUIRED', (a: unknown[][], b: unknown[][]) => call('KPI_REQUIRED', a, b, 0.3)],
    ['KPI_FORWARD', (a: unknown[][], b: unknown[][]) => call('KPI_FORWARD', a, b)],
    ['KPI_ACHIEVEMENT', (a: unknown[][], b: unknown[][]) => call('KPI_ACHIEVEMENT', a, b)],
    ['KPI_IMPACT', (a: unknown[][], b: unknown[][]) => call('KPI_IMPACT', b, a, 1000)],
  ])('%s returns the shape it is given, blank where the input is blank', (_, run) => {
    fc.assert(
      fc.property(ranges, ([values, other]) => {
        const out = run(values, other) as unknown[][];
        expect(shapeOf(out)).toEqual(shapeOf(values));
        values.forEach((row, r) => row.forEach((v, c) => expect(out[r][c] === '').toBe(v === '')));
      }),
      RUNS,
    );
  });
});

describe('never NaN or Infinity', () => {
  const anyCell = fc.oneof(
    fc.double(),
    fc.integer({ min: -1000, max: 1e9 }),
    fc.constantFrom('', '#N/A', 'abc', '30%', '10億', true, 0, -1),
  );
  const anyArg = fc.oneof(anyCell, fc.array(fc.array(anyCell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }));
  const NAMES = [
    'KPI_REQUIRED',
    'KPI_FUNNEL',
    'KPI_FORWARD',
    'KPI_ACHIEVEMENT',
    'KPI_IMPACT',
    'KPI_BOTTLENECK',
    'KPI_PHASE',
    'KPI_FORECAST',
    'KPI_PACE',
  ];

  it('every function returns finite numbers and text, or throws a KpiError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(anyArg, { minLength: 0, maxLength: 4 }), (name, args) => {
        let out: unknown;
        try {
          out = call(name, ...args);
        } catch (error) {
          expect(error).toBeInstanceOf(KpiError);
          return;
        }
        for (const v of [out].flat(2)) expect(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
