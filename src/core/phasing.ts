import { type Decimal, dec, toNumber, total } from './exact';
import { EXPECT, label, mustBe } from './inputErrors';

/** Twelve equal months: the default seasonality. */
export const EVEN_MONTHS: readonly number[] = Array.from({ length: 12 }, () => 1);

/**
 * An annual target (≥ 0) split over periods in proportion to `weights` (each ≥ 0, not all 0).
 * With `whole`, parts are whole numbers adding up to the annual figure exactly: each period
 * gets the floor of its exact share, and the units left over go to the largest remainders,
 * ties to the earliest period, so every part is within 1 of its exact share.
 */
export function phase(annual: number, weights: readonly number[], whole: boolean): number[] {
  const sumOfWeights = total(weights);
  if (sumOfWeights.eq(0)) {
    throw mustBe(label('weights'), { en: 'a range holding a number above 0', ja: '0 より大きい数値を含む範囲' }, weights.join(', '));
  }
  if (whole && !EXPECT.wholeNonNegative.accepts(annual)) throw mustBe(label('annual'), EXPECT.wholeNonNegative, annual);
  // Share i is numerators[i] ÷ sumOfWeights exactly.
  const numerators = weights.map((w) => dec(annual).times(w));
  if (!whole) return numerators.map((n) => toNumber(n.div(sumOfWeights)));
  const floors = numerators.map((n) => n.div(sumOfWeights).trunc());
  const remainders: Decimal[] = numerators.map((n, i) => n.minus(floors[i].times(sumOfWeights)));
  const parts = floors.map(toNumber);
  const leftOver = annual - parts.reduce((s, p) => s + p, 0);
  const byRemainder = parts.map((_, i) => i).sort((i, j) => remainders[j].cmp(remainders[i]) || i - j);
  for (const i of byRemainder.slice(0, leftOver)) parts[i] += 1;
  return parts;
}
