import { ceilDiv, ceilQuotient, dec, mul, toNumber } from './exact';

/**
 * Reverse calculation (逆算): from the KGI back through the chain of rates (deal size, win
 * rate, lead-to-deal rate, …) to the activity needed. Rates are > 0 and the KGI ≥ 0.
 */

/**
 * How stages are rounded: `ceil` rounds every stage up (a planner needs whole deals and
 * leads, enough of them), `final` keeps stages exact and rounds only the last one up,
 * `none` keeps every stage exact.
 */
export type Rounding = 'ceil' | 'final' | 'none';
export const ROUNDINGS: readonly Rounding[] = ['ceil', 'final', 'none'];

/** The last stage of the chain rounded up at every stage: 10億 ÷ 200万 ÷ 30% ÷ 20% = 8335. */
export function required(kgi: number, rates: readonly number[]): number {
  let n = kgi;
  for (const rate of rates) n = ceilDiv(n, rate);
  return n;
}

/** The KGI, then the requirement after each rate: [1000000000, 500, 1667, 8335]. */
export function requiredChain(kgi: number, rates: readonly number[], rounding: Rounding): number[] {
  const chain = [kgi];
  if (rounding === 'ceil') {
    for (const rate of rates) chain.push(ceilDiv(chain[chain.length - 1], rate));
    return chain;
  }
  const goal = dec(kgi);
  let divisor = dec(1);
  rates.forEach((rate, i) => {
    divisor = divisor.times(rate);
    const last = rounding === 'final' && i === rates.length - 1;
    chain.push(last ? ceilQuotient(goal, divisor) : toNumber(goal.div(divisor)));
  });
  return chain;
}

/** What a plan of activity yields: volume × every rate, exact (600 × 30% × 200万 = 3.6億). */
export const forward = (volume: number, rates: readonly number[]): number => mul(volume, ...rates);
