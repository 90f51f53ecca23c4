import { tooLarge } from './inputErrors';

/**
 * Exact decimal arithmetic on the numbers users type. A double stands for the shortest decimal
 * that round-trips it (what `String(x)` shows: 0.7 is 7/10), and every figure is computed on
 * those decimals, so binary noise never shows (0.1 × 3 = 0.3) nor bumps a rounding (7 ÷ 70% = 10).
 */

// BigInt(…) calls, not literals: the es2019 build target rejects `10n`.
const TEN = BigInt(10);
const pow10 = (n: number): bigint => TEN ** BigInt(n);

/** A decimal operand: a Decimal, or a double read as the decimal it shows. */
type Operand = Decimal | number;
const decimal = (x: Operand): Decimal => (typeof x === 'number' ? dec(x) : x);

/** Quotients keep 40 decimal places, truncated: a truncated quotient has the same floor as the exact one. */
const PLACES = 40;

/** An immutable exact decimal: coefficient × 10^-scale, scale ≥ 0. */
export class Decimal {
  constructor(
    readonly coefficient: bigint,
    readonly scale: number,
  ) {}

  times(y: Operand): Decimal {
    const b = decimal(y);
    return new Decimal(this.coefficient * b.coefficient, this.scale + b.scale);
  }

  div(y: Operand): Decimal {
    const b = decimal(y);
    // BigInt division truncates toward zero.
    return new Decimal((this.coefficient * pow10(PLACES + b.scale)) / (b.coefficient * pow10(this.scale)), PLACES);
  }

  plus(y: Operand): Decimal {
    const b = decimal(y);
    const scale = Math.max(this.scale, b.scale);
    return new Decimal(this.at(scale) + b.at(scale), scale);
  }

  minus(y: Operand): Decimal {
    const b = decimal(y);
    return this.plus(new Decimal(-b.coefficient, b.scale));
  }

  /** The whole part, truncated toward zero. */
  trunc(): Decimal {
    return new Decimal(this.coefficient / pow10(this.scale), 0);
  }

  /** −1, 0 or 1 as this is below, equal to or above y. */
  cmp(y: Operand): number {
    const d = this.minus(y).coefficient;
    return d > 0 ? 1 : d < 0 ? -1 : 0;
  }

  eq(y: Operand): boolean {
    return this.cmp(y) === 0;
  }

  lt(y: Operand): boolean {
    return this.cmp(y) < 0;
  }

  lte(y: Operand): boolean {
    return this.cmp(y) <= 0;
  }

  /** The coefficient for `scale` ≥ this.scale. */
  private at(scale: number): bigint {
    return this.coefficient * pow10(scale - this.scale);
  }
}

/** The decimal `String(x)` shows, exponent forms (1e-7, 1.5e+21) included. */
export function dec(x: number): Decimal {
  const [mantissa, exponent = 0] = String(x).split('e');
  const point = mantissa.indexOf('.');
  const scale = (point < 0 ? 0 : mantissa.length - point - 1) - Number(exponent);
  const coefficient = BigInt(mantissa.replace('.', ''));
  return scale < 0 ? new Decimal(coefficient * pow10(-scale), 0) : new Decimal(coefficient, scale);
}

/** The double nearest to an exact decimal; a result beyond doubles is an error, never Infinity. */
export function toNumber(x: Decimal): number {
  // Number() rounds the decimal string once, to the nearest double.
  const n = Number(`${x.coefficient}e-${x.scale}`);
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
  const floor = a.div(b).trunc();
  return toWhole(floor.times(b).eq(a) ? floor : floor.plus(1));
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The scale of the decimal a double stands for, x = digits ÷ 10^scale, found with doubles
 * alone; −1 when it needs more than 2⁵⁰ digits (then Decimal does it). Below 2⁵⁰, decimals with
 * `scale` places are ≥ 4 ulps apart, so the one that round-trips is unique and is the decimal
 * `String(x)` shows.
 */
function decimalScale(x: number): number {
  for (let scale = 0, power = 1; scale <= 22; scale++, power *= 10) {
    const digits = Math.round(x * power);
    if (digits > 2 ** 50) return -1;
    if (digits / power === x) return scale;
  }
  return -1;
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
 * 3. Else (huge or subnormal inputs) Decimal divides the decimals.
 */
export function ceilDiv(a: number, b: number): number {
  if (a === 0) return 0;
  const q = a / b;
  if (a >= MIN_NORMAL && b >= MIN_NORMAL && Math.abs(q - Math.round(q)) > 1e-12 * Math.max(1, q)) {
    const n = Math.ceil(q);
    if (n <= Number.MAX_SAFE_INTEGER) return n;
  }
  // Scales only, digits recomputed: this runs once per row and must not allocate.
  const scaleA = decimalScale(a);
  const scaleB = scaleA < 0 ? -1 : decimalScale(b);
  if (scaleB >= 0) {
    const numerator = Math.round(a * 10 ** scaleA) * 10 ** scaleB;
    const denominator = Math.round(b * 10 ** scaleB) * 10 ** scaleA;
    if (numerator <= Number.MAX_SAFE_INTEGER && denominator <= Number.MAX_SAFE_INTEGER) {
      const rest = numerator % denominator;
      return (numerator - rest) / denominator + (rest > 0 ? 1 : 0);
    }
  }
  return ceilQuotient(dec(a), dec(b));
}

/** a ÷ b (b ≠ 0), to 40 decimal places, then to a double: 0.3 ÷ 0.1 = 3. */
export const div = (a: number, b: number): number => toNumber(dec(a).div(b));

const product = (factors: readonly number[]): Decimal => factors.reduce((p, f) => p.times(f), dec(1));

/** The exact product, then rounded once: 0.1 × 3 = 0.3. */
export const mul = (...factors: readonly number[]): number => toNumber(product(factors));

export const total = (values: readonly number[]): Decimal => values.reduce((s, v) => s.plus(v), dec(0));

/** The exact sum, then rounded once: 0.1 + 0.2 = 0.3. */
export const sum = (values: readonly number[]): number => toNumber(total(values));
