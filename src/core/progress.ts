import { dec, div, toNumber, total } from './exact';
import { label, mustBe } from './inputErrors';

/**
 * Progress against plan once actuals come in. An actual of null is a period not entered yet.
 */

/**
 * actual ÷ plan (plan > 0); plan ÷ actual when lower is better (churn, cost per lead; actual
 * ≥ 0). A lower-is-better actual of 0 beats any plan by an unbounded ratio: null (blank), so
 * it is neither shown as a finite percentage nor counted in averages.
 */
export function achievement(actual: number, plan: number, lowerIsBetter: boolean): number | null {
  if (!lowerIsBetter) return div(actual, plan);
  return actual === 0 ? null : div(plan, actual);
}

/** Landing forecast (着地予測): the actuals entered plus the plan of every period without one. */
export function forecastLanding(actuals: readonly (number | null)[], plan: readonly number[]): number {
  return toNumber(total(actuals.map((a, i) => a ?? plan[i])));
}

/** Periods with actuals: up to the last one entered, so a gap left behind counts as passed. */
const periodsElapsed = (actuals: readonly (number | null)[]): number =>
  actuals.reduce<number>((last, a, i) => (a === null ? last : i + 1), 0);

/**
 * What each remaining period must bring: (target − actuals to date) ÷ periods left, never
 * negative (0 once the target is reached). With no period left and the target missed, the
 * whole shortfall is returned: it is what the last period still had to bring.
 */
export function requiredPace(target: number, actuals: readonly (number | null)[], periods: number): number {
  const elapsed = periodsElapsed(actuals);
  if (periods < elapsed) {
    const expected = { en: `at least ${elapsed}, the periods with actuals`, ja: `実績のある期間数 ${elapsed} 以上` };
    throw mustBe(label('periods'), expected, periods);
  }
  const shortfall = dec(target).minus(total(actuals.map((a) => a ?? 0)));
  if (shortfall.lte(0)) return 0;
  return toNumber(shortfall.div(Math.max(periods - elapsed, 1)));
}
