/**
 * The "Update this tree" section's logic: what the typed values mean, checked as the New tree
 * tab checks them, and what the update sends (only what the planner changed). Pure functions
 * over `TreeStatus`, so they are tested without a page.
 */
import type { Lang } from '../../src/core/i18n';
import { planTree } from '../../src/core/plan';
import { orderTree } from '../../src/core/tree';
import type { TreeStatus, TreeUpdate } from '../../src/rpc';
import { type FieldMessages, readWeights } from './parse';
import { type PlanValues, planChecked, readPlanValues, type TypedValue } from './planFields';
import { changedValues } from './whatIf';

/** What the update form holds: the KGI and planned values, the weights (null: even) and the labels' language. */
export interface UpdateValues extends PlanValues {
  readonly seasonality: readonly number[] | null;
  readonly lang: Lang;
}

/** Weights as phasing sees them: null for an even split (all equal), or a blank weight the sheet treats so. */
export function seasonOf(weights: readonly (number | null)[]): number[] | null {
  if (weights.length !== 12 || weights.some((w) => w === null)) return null;
  const valid = weights as number[];
  return valid.every((w) => w === valid[0]) ? null : valid;
}

/** The sheet's weights as the weights field shows them; blank when one is blank. */
export const weightsText = (weights: readonly (number | null)[]): string => (weights.every((w) => w !== null) ? weights.join(' ') : '');

/** The values typed (`weights` null for an even split), or what is wrong with them. */
export function checkUpdate(
  status: Pick<TreeStatus, 'tree'>,
  typed: readonly TypedValue[],
  weights: string | null,
  lang: Lang,
): { values: UpdateValues | null; errors: FieldMessages } {
  const { values, errors } = readPlanValues(typed, orderTree(status.tree));
  const seasonality = readWeights(weights, errors);
  if (errors.size === 0) planChecked(errors, () => planTree(status.tree, values.kgi, values.inputs));
  return { values: errors.size === 0 ? { ...values, seasonality, lang } : null, errors };
}

const sameWeights = (a: readonly number[] | null, b: readonly number[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((w, i) => w === b[i]));

/** Only what differs from the sheet; an empty update still brings the tree to its template's version. */
export function treeUpdate(status: Pick<TreeStatus, 'tree' | 'kgiTarget' | 'weights' | 'lang'>, values: UpdateValues): TreeUpdate {
  const { kgi, inputs } = changedValues(status, values);
  const seasonality = values.seasonality === null ? null : seasonOf(values.seasonality);
  return {
    ...(kgi === undefined ? {} : { kgi }),
    ...(Object.keys(inputs).length === 0 ? {} : { inputs }),
    ...(sameWeights(seasonality, seasonOf(status.weights)) ? {} : { seasonality }),
    ...(values.lang === status.lang ? {} : { lang: values.lang }),
  };
}
