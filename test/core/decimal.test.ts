import fc from 'fast-check';
import { ceilQuotient, type Decimal, dec, toNumber } from '../../src/core/exact';
import { KpiError } from '../../src/core/i18n';
import * as ref from '../support/fraction';

const parts = (x: Decimal): [bigint, number] => [x.coefficient, x.scale];

/** Whether x is exactly the fraction n ÷ d. */
const equals = (x: Decimal, [n, d]: ref.Fraction): boolean => x.coefficient * d === n * 10n ** BigInt(x.scale);

/** A decimal as typed: an integer of up to 12 digits, either sign, with 0–8 decimal places. */
const decimal = fc
  .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }))
  .map(([n, places]) => Number(`${n}e-${places}`));
const positive = decimal.map(Math.abs).filter((x) => x > 0);

describe('dec', () => {
  it('reads a double as the decimal String(x) shows, exponent forms and negatives included', () => {
    expect(parts(dec(0))).toEqual([0n, 0]);
    expect(parts(dec(123.456))).toEqual([123456n, 3]);
    expect(parts(dec(-0.25))).toEqual([-25n, 2]);
    expect(parts(dec(1e-7))).toEqual([1n, 7]);
    expect(parts(dec(-1.5e-10))).toEqual([-15n, 11]);
    expect(parts(dec(1.5e21))).toEqual([1500000000000000000000n, 0]);
    expect(parts(dec(-2e21))).toEqual([-2000000000000000000000n, 0]);
    expect(parts(dec(5e-324))).toEqual([5n, 324]);
  });

  it('round-trips every finite double through toNumber', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(toNumber(dec(x))).toBe(x === 0 ? 0 : x);
        expect(equals(dec(x), ref.fraction(x))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Decimal arithmetic', () => {
  it('adds, subtracts, multiplies and divides the decimals, not their binary neighbours', () => {
    expect(dec(0.1).plus(0.2).eq(0.3)).toBe(true);
    expect(toNumber(dec(0.1).plus(0.2))).toBe(0.3);
    expect(dec(0.3).minus(0.1).eq(0.2)).toBe(true);
    expect(dec(0.1).times(3).eq(0.3)).toBe(true);
    expect(dec(0.3).div(0.1).eq(3)).toBe(true);
    expect(dec(7).div(0.7).trunc().eq(10)).toBe(true);
  });

  it('divides to 40 places, truncated toward zero', () => {
    const thirds = '3'.repeat(40);
    expect(parts(dec(1).div(3))).toEqual([BigInt(thirds), 40]);
    expect(parts(dec(2).div(3))).toEqual([BigInt('6'.repeat(40)), 40]);
    expect(parts(dec(-2).div(3))).toEqual([-BigInt('6'.repeat(40)), 40]);
    expect(dec(1e-41).div(1).eq(0)).toBe(true);
    expect(dec(1e-40).div(1).eq(1e-40)).toBe(true);
  });

  it('truncates to the whole part toward zero', () => {
    expect(dec(2.9).trunc().eq(2)).toBe(true);
    expect(dec(-2.9).trunc().eq(-2)).toBe(true);
    expect(parts(dec(1.5e21).trunc())).toEqual([1500000000000000000000n, 0]);
  });

  it('compares across scales and signs', () => {
    expect(dec(1.5).cmp(dec(3).div(2))).toBe(0);
    expect(dec(0.1).cmp(0.10000000000000002)).toBe(-1);
    expect(dec(-2).cmp(-2.5)).toBe(1);
    expect(dec(-2).lt(-1.5)).toBe(true);
    expect(dec(-1.5).lt(-1.5)).toBe(false);
    expect(dec(-1.5).lte(-1.5)).toBe(true);
    expect(dec(1e-7).lte(0)).toBe(false);
    expect(dec(1e21).eq(1e21)).toBe(true);
  });

  it('multiplies exactly: dec(a).times(b) is the BigInt product of the fractions', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(equals(dec(a).times(b), ref.times(ref.fraction(a), ref.fraction(b)))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('adds, subtracts and compares exactly', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const [[n, d], [m, e]] = [ref.fraction(a), ref.fraction(b)];
        expect(equals(dec(a).plus(b), [n * e + m * d, d * e])).toBe(true);
        expect(equals(dec(a).minus(b), [n * e - m * d, d * e])).toBe(true);
        expect(dec(a).cmp(b)).toBe(ref.compare([n, d], [m, e]));
      }),
      { numRuns: 5000 },
    );
  });

  it('divides to the exact quotient truncated to 40 places', () => {
    fc.assert(
      fc.property(
        decimal,
        decimal.filter((b) => b !== 0),
        (a, b) => {
          const [[n, d], [m, e]] = [ref.fraction(a), ref.fraction(b)];
          // BigInt division truncates toward zero, as the quotient must.
          expect(parts(dec(a).div(b))).toEqual([(n * e * 10n ** 40n) / (d * m), 40]);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('ceilQuotient and toNumber', () => {
  it('ceilQuotient is the exact quotient rounded up, or refuses a result beyond safe integers', () => {
    fc.assert(
      fc.property(decimal.map(Math.abs), positive, (a, b) => {
        const expected = ref.ceilQuotient(ref.fraction(a), ref.fraction(b));
        if (expected <= BigInt(Number.MAX_SAFE_INTEGER)) expect(ceilQuotient(dec(a), dec(b))).toBe(Number(expected));
        else expect(() => ceilQuotient(dec(a), dec(b))).toThrow(KpiError);
      }),
      { numRuns: 5000 },
    );
    expect(ceilQuotient(dec(7), dec(0.7))).toBe(10);
    expect(ceilQuotient(dec(7.01), dec(0.7))).toBe(11);
  });

  it('toNumber rounds once to the nearest double and refuses a result beyond doubles', () => {
    expect(toNumber(dec(1).div(3))).toBe(1 / 3);
    expect(toNumber(dec(-1.5e-10))).toBe(-1.5e-10);
    expect(() => toNumber(dec(1e308).times(10))).toThrow(KpiError);
    expect(() => toNumber(dec(-1e308).times(10))).toThrow(KpiError);
  });
});
