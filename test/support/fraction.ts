/**
 * The tests' reference for exact decimals, independent of src/core/exact.ts: a double as the
 * fraction its `String(x)` shows, numerator ÷ denominator in BigInts (denominator > 0).
 */
export type Fraction = readonly [numerator: bigint, denominator: bigint];

export function fraction(x: number): Fraction {
  const match = /^(-?\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new Error(`not a finite number: ${x}`);
  const [, whole, fractionDigits = '', exponent = '0'] = match;
  const power = Number(exponent) - fractionDigits.length;
  const digits = BigInt(whole + fractionDigits);
  return power >= 0 ? [digits * 10n ** BigInt(power), 1n] : [digits, 10n ** BigInt(-power)];
}

export const times = ([a, b]: Fraction, [c, d]: Fraction): Fraction => [a * c, b * d];

/** The sign of x − y: −1, 0 or 1. */
export const compare = ([a, b]: Fraction, [c, d]: Fraction): number => Math.sign(Number(a * d - c * b));

/** ⌈x ÷ y⌉ for x ≥ 0, y > 0. */
export function ceilQuotient(x: Fraction, [c, d]: Fraction): bigint {
  const [n, m] = times(x, [d, c]);
  return (n + m - 1n) / m;
}

export const product = (xs: readonly number[]): Fraction => xs.map(fraction).reduce(times, [1n, 1n]);

/** The nearest double, for a fraction whose denominator is a power of ten (all of the above). */
export const toDouble = ([n, d]: Fraction): number => Number(`${n}e-${String(d).length - 1}`);
