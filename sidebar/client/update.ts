/**
 * Changing a tree in place: what "Update this tree" sends (only what the planner changed), the
 * tree a Build of the same template would duplicate, and next year's tree when it exists.
 * Pure functions over `TreeStatus` and `TreeRef`, so they are tested without a page.
 */
import type { Lang } from '../../src/core/i18n';
import type { TreeRef, TreeStatus, TreeUpdate } from '../../src/rpc';
import { changedValues, type WhatIfValues } from './whatIf';

/** What the update form holds: the KGI and planned values, the weights (null: even) and the labels' language. */
export interface UpdateValues extends WhatIfValues {
  readonly seasonality: readonly number[] | null;
  readonly lang: Lang;
}

/** Weights as phasing sees them: null for an even split (all equal), or a blank weight the sheet treats so. */
export function seasonOf(weights: readonly (number | null)[]): number[] | null {
  if (weights.length !== 12 || weights.some((w) => w === null)) return null;
  const valid = weights as number[];
  return valid.every((w) => w === valid[0]) ? null : valid;
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

/** The tree a Build would duplicate: of the same template, that fiscal year's first, else the first. */
export function existingTree(trees: readonly TreeRef[], templateId: string, fiscalYear: number): TreeRef | null {
  const same = trees.filter((t) => t.templateId === templateId);
  return same.find((t) => t.fiscalYear === fiscalYear) ?? same[0] ?? null;
}

/** Next fiscal year's tree of the same template, if the workbook holds one: rolling over opens it. */
export function nextYearTree(trees: readonly TreeRef[], tree: TreeRef, fiscalYear: number | null): TreeRef | null {
  if (fiscalYear === null) return null;
  return trees.find((t) => t.templateId === tree.templateId && t.fiscalYear === fiscalYear + 1) ?? null;
}
