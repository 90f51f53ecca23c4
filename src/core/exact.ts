import Big from 'big.js';
import { tooLarge } from './inputErrors';

/**
 * Exact decimal arithmetic on the numbers users type. A double stands for the shortest decimal
 * that round-trips it (what `String(x)` shows: 0.7 is 7/10), and every figure is computed on
 * those decimals, so binary noise never shows (0.1 × 3 = 0.3) nor bumps a rounding (7 ÷ 70% = 10).
 */

/**
 * A private constructor, so the global Big others may use keeps its settings. Quotients keep
 * 40 decimal places, truncated: a truncated quotient has the same floor as the exact one.
 */
const Dec = Big();
Dec.DP = 40;
Dec.RM = Big.roundDown;

export type Decimal = Big;

export const dec = (x: number): Decimal => new Dec(x);

/** The double nearest to an exact decimal; a result beyond doubles is an error, never Infinity. */
export function toNumber(x: Decimal): number {
  const n = Number(x.toString());
  if (!Number.isFinite(n)) throw tooLarge();
  return n;
}

/** A whole result must also be held exactly: at most Number.MAX_SAFE_INTEGER. */
function toWhole(x: Decimal): number {
  const n = toNumber(x);
  if (!Number.isSafeInteger(n)) throw tooLarge();
  return n;
}

/** ⌈a ÷ b⌉ for exact decimals a ≥ 0, b > 0. */
export function ceilQuotient(a: Decimal, b: Decimal): number {
  const floor = a.div(b).round(0, Big.roundDown);
  return toWhole(floor.times(b).eq(a) ? floor : floor.plus(1));
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The decimal a double stands for as an integer and a scale, x = digits ÷ 10^scale, found
 * with doubles alone; null when it needs more than 2⁵⁰ digits (then Big does it). Below 2⁵⁰,
 * decimals with `scale` places are ≥ 4 ulps apart, so the one that round-trips is unique and
 * is the decimal `String(x)` shows.
 */
function decimalParts(x: number): [digits: number, scale: number] | null {
  for (let scale = 0, power = 1; scale <= 22; scale++, power *= 10) {
    const digits = Math.round(x * power);
    if (digits > 2 ** 50) return null;
    if (digits / power === x) return [digits, scale];
  }
  return null;
}

/**
 * ⌈a ÷ b⌉ in decimal terms, for a ≥ 0 and b > 0: the reverse-calculation step. Three tiers,
 * cheapest first:
 *
 * 1. The doubles a and b are each within 2⁻⁵³ (relative) of the decimals they stand for, and
 *    the division adds another 2⁻⁵³, so q = a / b is within 4·10⁻¹⁶ × |q| of the exact
 *    quotient. When q is farther than 10⁻¹² × max(1, |q|) from every integer, the exact
 *    quotient lies strictly between the same two integers and Math.ceil(q) is exact.
 * 2. Otherwise (q is at or near an integer, as in 7 ÷ 0.7 or n ÷ 20%, which is common in a
 *    chain rounded at every stage) a ÷ b = (digitsₐ·10^scale_b) ÷ (digits_b·10^scaleₐ), a ratio
 *    of integers; below 2⁵³ the remainder and the quotient are exact in doubles.
 * 3. Else (huge or subnormal inputs) Big divides the decimals.
 */
export function ceilDiv(a: number, b: number): number {
  if (a === 0) return 0;
  const q = a / b;
  if (a >= MIN_NORMAL && b >= MIN_NORMAL && Math.abs(q - Math.round(q)) > 1e-12 * Math.max(1, q)) {
    const n = Math.ceil(q);
    if (n <= Number.MAX_SAFE_INTEGER) return n;
  }
  const pa = decimalParts(a);
  const pb = pa && decimalParts(b);
  if (pa && pb) {
    const numerator = pa[0] * 10 ** pb[1];
    const denominator = pb[0] * 10 ** pa[1];
    if (numerator <= Number.MAX_SAFE_INTEGER && denominator <= Number.MAX_SAFE_INTEGER) {
      const rest = numerator % denominator;
      return (numerator - rest) / denominator + (rest > 0 ? 1 : 0);
    }
  }
  return ceilQuotient(dec(a), dec(b));
}

/** a ÷ b (b ≠ 0), to 40 decimal places, then to a double: 0.3 ÷ 0.1 = 3. */
export const div = (a: number, b: number): number => toNumber(dec(a).div(b));

const product = (factors: readonly number[]): Decimal => factors.reduce((p, f) => p.times(f), new Dec(1));

/** The exact product, then rounded once: 0.1 × 3 = 0.3. */
export const mul = (...factors: readonly number[]): number => toNumber(product(factors));

export const total = (values: readonly number[]): Decimal => values.reduce((s, v) => s.plus(v), new Dec(0));

/** The exact sum, then rounded once: 0.1 + 0.2 = 0.3. */
export const sum = (values: readonly number[]): number => toNumber(total(values));
