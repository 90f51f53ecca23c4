/** The Next fiscal year section's logic: whether next year's tree exists, and how it is listed once made. */
import type { TreeRef } from '../../src/rpc';

/** Next fiscal year's tree of the same template, if the workbook holds one: rolling over opens it. */
export function nextYearTree(trees: readonly TreeRef[], tree: TreeRef, fiscalYear: number | null): TreeRef | null {
  if (fiscalYear === null) return null;
  return trees.find((t) => t.templateId === tree.templateId && t.fiscalYear === fiscalYear + 1) ?? null;
}

/** Next year's tree, made (or opened) as `sheetName` from `tree` of `fiscalYear`. */
export const nextYearRef = (tree: TreeRef, fiscalYear: number | null, sheetName: string): TreeRef => ({
  sheetName,
  templateId: tree.templateId,
  lang: tree.lang,
  fiscalYear: fiscalYear === null ? null : fiscalYear + 1,
});
