import fc from 'fast-check';
import { ceilDiv, div, mul, sum } from '../../src/core/exact';
import { KpiError } from '../../src/core/i18n';
import { ceilQuotient, fraction, times, toDouble } from '../support/fraction';

/** A decimal as typed: an integer with 0–6 decimal places. */
const decimal = (max: number) =>
  fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 0, max: 6 })).map(([n, places]) => Number(`${n}e-${places}`));

/** The reference: the exact quotient of BigInt fractions, rounded up. */
const referenceCeil = (a: number, b: number): number => Number(ceilQuotient(fraction(a), fraction(b)));

describe('ceilDiv', () => {
  it('rounds the decimal quotient up, exact where binary floating point is not', () => {
    expect(ceilDiv(7, 0.7)).toBe(10);
    expect(ceilDiv(21, 0.7)).toBe(30);
    expect(ceilDiv(0.3, 0.1)).toBe(3);
    expect(ceilDiv(1, 0.07)).toBe(15);
    expect(ceilDiv(4, 0.2)).toBe(20);
    expect(ceilDiv(0, 0.3)).toBe(0);
    expect(ceilDiv(5e-324, 1)).toBe(1);
  });

  it('matches exact decimal division on every tier (fast path, integer scaling, Decimal)', () => {
    fc.assert(
      fc.property(fc.oneof(decimal(1e9), fc.integer({ min: 0, max: 1e15 })), decimal(1e7), (a, b) => {
        const expected = referenceCeil(a, b);
        if (Number.isSafeInteger(expected)) expect(ceilDiv(a, b)).toBe(expected);
        else expect(() => ceilDiv(a, b)).toThrow(KpiError);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches on exact multiples, where the float quotient sits on an integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), decimal(1e6), (n, b) => {
        const a = toDouble(times(fraction(n), fraction(b)));
        expect(ceilDiv(a, b)).toBe(referenceCeil(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('mul, sum and div', () => {
  it('round the exact decimal result once, so no noise shows', () => {
    expect(mul(0.1, 3)).toBe(0.3);
    expect(mul(600, 0.3, 2000000)).toBe(360000000);
    expect(sum([0.1, 0.2])).toBe(0.3);
    expect(div(0.3, 0.1)).toBe(3);
    expect(div(1, 3)).toBeCloseTo(1 / 3, 15);
  });

  it('refuse a result beyond any double rather than returning Infinity', () => {
    expect(() => mul(1e300, 1e10)).toThrow(KpiError);
    expect(() => sum([Number.MAX_VALUE, Number.MAX_VALUE])).toThrow(KpiError);
  });
});
