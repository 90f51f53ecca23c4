import { bottleneckIndex, stageImpact } from '../core/bottleneck';
import {
  type ArgRange,
  argRange,
  argValue,
  at,
  flag,
  isBlank,
  line,
  mapCells,
  number,
  numberList,
  type Out,
  optionalNumber,
  perCell,
  sameLength,
  sameShape,
  single,
  spill,
} from '../core/functionArgs';
import { KpiError } from '../core/i18n';
import { EXPECT, inFunction, label, missing, mustBe } from '../core/inputErrors';
import { EVEN_MONTHS, phase } from '../core/phasing';
import { achievement, forecastLanding, requiredPace } from '../core/progress';
import { forward, ROUNDINGS, type Rounding, required, requiredChain } from '../core/reverse';
import type { FunctionName } from './docs';
import type { CellFunction } from './spec';

/** Every KpiError a function throws is prefixed with its name, so the cell says which formula is wrong. */
const declare =
  (name: FunctionName, run: CellFunction): CellFunction =>
  (...args) => {
    try {
      return run(...args);
    } catch (error) {
      throw error instanceof KpiError ? inFunction(name, error) : error;
    }
  };

/** The numbers of a line argument, blanks as null. */
const entries = (g: ArgRange, expected = EXPECT.number): (number | null)[] => mapCells(g, (i) => optionalNumber(g, i, expected));

function rounding(arg: unknown): Rounding {
  if (isBlank(arg)) return 'ceil';
  const v = argValue(single('rounding', arg), 0);
  const text = typeof v === 'string' ? v.trim().toLowerCase() : '';
  const found = ROUNDINGS.find((r) => r === text);
  if (!found) throw mustBe(label('rounding'), EXPECT.rounding, v);
  return found;
}

/**
 * The implementations, keyed by the names docs.ts documents: the type makes the compiler refuse
 * a documented function without an implementation, and an implementation without documentation.
 */
const runs: { readonly [N in FunctionName]: CellFunction } = {
  KPI_REQUIRED: (kgi, ...rates) => {
    const goals = argRange('kgi', kgi);
    const chain = numberList('rate', rates, EXPECT.positive);
    return perCell(goals, (i) => {
      const goal = optionalNumber(goals, i, EXPECT.nonNegative);
      return goal === null ? '' : required(goal, chain);
    });
  },
  KPI_FUNNEL: (kgi, rates, mode) => {
    const goal = number(single('kgi', kgi), 0, EXPECT.nonNegative);
    const stages = line('rates', rates);
    const values = entries(stages, EXPECT.positive);
    const entered = values.filter((v): v is number => v !== null);
    if (entered.length === 0) throw missing(label('rates'));
    const chain = requiredChain(goal, entered, rounding(mode));
    let next = 1;
    // A blank rate cell stays blank, so the chain lines up with the labels beside the rates.
    return spill(stages, [goal, ...values.map((v): Out => (v === null ? '' : chain[next++]))]);
  },
  KPI_FORWARD: (volume, ...rates) => {
    const volumes = argRange('volume', volume);
    const chain = numberList('rate', rates, EXPECT.nonNegative);
    return perCell(volumes, (i) => {
      const v = optionalNumber(volumes, i, EXPECT.nonNegative);
      return v === null ? '' : forward(v, chain);
    });
  },
  KPI_ACHIEVEMENT: (actual, plan, lowerIsBetter) => {
    const lower = flag('lower_is_better', lowerIsBetter);
    const actuals = argRange('actual', actual);
    const plans = argRange('plan', plan);
    sameShape(actuals, plans);
    return perCell(actuals, (i) => {
      const a = optionalNumber(actuals, i, lower ? EXPECT.nonNegative : EXPECT.number);
      const p = optionalNumber(plans, i, EXPECT.positive);
      return a === null || p === null ? '' : (achievement(a, p, lower) ?? '');
    });
  },
  KPI_IMPACT: (plan, actual, output) => {
    const plans = argRange('plan', plan);
    const actuals = argRange('actual', actual);
    sameShape(plans, actuals);
    const current = isBlank(output) ? 1 : number(single('output', output), 0, EXPECT.nonNegative);
    return perCell(plans, (i) => {
      const a = optionalNumber(actuals, i, EXPECT.nonNegative);
      const p = optionalNumber(plans, i, EXPECT.nonNegative);
      return a === null || p === null ? '' : (stageImpact(p, a, current) ?? '');
    });
  },
  KPI_BOTTLENECK: (stages, plan, actual) => {
    const names = line('stages', stages);
    const plans = line('plan', plan);
    const actuals = line('actual', actual);
    sameLength(names, plans);
    sameLength(names, actuals);
    const entered = entries(actuals, EXPECT.nonNegative);
    // A stage without an actual is skipped, so its plan may be blank (0 stands in, unused).
    const planned = entered.map((a, i) => (a === null ? 0 : number(plans, i, EXPECT.positive)));
    const k = bottleneckIndex(planned, entered);
    if (k < 0) return '';
    const name = argValue(names, k);
    if (isBlank(name)) throw mustBe(at(names, k), EXPECT.text, name);
    return typeof name === 'string' || typeof name === 'number' ? name : String(name);
  },
  KPI_PHASE: (annual, weights, whole) => {
    const target = number(single('annual', annual), 0, EXPECT.nonNegative);
    const asWhole = flag('whole', whole);
    if (isBlank(weights)) return [phase(target, EVEN_MONTHS, asWhole)];
    const periods = line('weights', weights);
    const shares = mapCells(periods, (i) => number(periods, i, EXPECT.nonNegative));
    return spill(periods, phase(target, shares, asWhole));
  },
  KPI_FORECAST: (actuals, plan) => {
    const entered = argRange('actuals', actuals);
    const plans = argRange('plan', plan);
    sameLength(entered, plans);
    return forecastLanding(
      entries(entered),
      entries(plans).map((p) => p ?? 0),
    );
  },
  KPI_PACE: (target, actuals, periods) => {
    const goal = number(single('target', target), 0, EXPECT.number);
    const entered = entries(argRange('actuals', actuals));
    const count = isBlank(periods) ? entered.length : number(single('periods', periods), 0, EXPECT.wholePositive);
    return requiredPace(goal, entered, count);
  },
};

export const customFunctions = Object.fromEntries(
  Object.entries(runs).map(([name, run]) => [name, declare(name as FunctionName, run)]),
) as { readonly [N in FunctionName]: CellFunction };
