import { dec, toNumber } from './exact';

/**
 * Bottlenecks (ボトルネック) of a pure product chain: the KGI is the product of its stages, so
 * restoring one stage to plan, the others held at their actuals, multiplies the output by
 * plan ÷ actual. Plans are > 0, actuals ≥ 0; an actual of null is not entered yet.
 */

/**
 * What restoring one stage to plan adds: output × (plan ÷ actual − 1), or as a fraction of
 * the current output when `output` is omitted. Null when the actual is 0: the ratio is
 * unbounded (the whole chain stands at 0), and `bottleneckIndex` ranks that stage first.
 */
export function stageImpact(plan: number, actual: number, output = 1): number | null {
  if (actual === 0) return null;
  return toNumber(dec(output).times(dec(plan).minus(actual)).div(actual));
}

/**
 * The stage whose restoration recovers the most: the lowest actual ÷ plan ratio, below 1. A
 * zero actual ranks first, ties go to the earliest stage, unentered stages are skipped.
 * −1 when no entered stage is behind plan.
 */
export function bottleneckIndex(plan: readonly number[], actual: readonly (number | null)[]): number {
  let best = -1;
  actual.forEach((a, i) => {
    if (a === null) return;
    // a ÷ plan[i] < b ÷ plan[best], compared exactly as a × plan[best] < b × plan[i].
    const behind =
      best < 0
        ? dec(a).lt(plan[i])
        : dec(a)
            .times(plan[best])
            .lt(dec(actual[best] ?? 0).times(plan[i]));
    if (behind) best = i;
  });
  return best;
}
