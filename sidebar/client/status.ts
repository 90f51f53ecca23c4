/**
 * The status tab's logic ("Where the plan is breaking"): the period's summary and the missing
 * actuals, cut to one owner's KPIs when one is chosen, and the list of tree sheets (the
 * bottleneck panel has its own, bottleneckPanel.ts). Pure, so it is tested without a page.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import { templateById } from '../../src/core/templates';
import type { Tree, Unit } from '../../src/core/tree';
import type { TreeRef, TreeStatus } from '../../src/rpc';
import { formatValue } from './format';
import { forOwner, groupByOwner } from './owners';
import { MESSAGES, type MessageKey, PHRASES } from './text';

/** Terms and their figures, as a definition list shows them. */
export type Facts = ReadonlyArray<readonly [MessageKey, string]>;

export interface MissingGroup {
  /** "Owner: …" or "No owner"; null when the lists are cut to one owner. */
  readonly heading: string | null;
  readonly lines: readonly string[];
}

export interface StatusLines {
  readonly summary: Facts;
  /** Empty when every closed month has its actuals. */
  readonly missing: readonly MissingGroup[];
}

/** What the status lists for `whole`, cut to `owner`'s KPIs unless owner is null. */
export function statusLines(whole: TreeStatus, kgiUnit: Unit, owner: string | null, lang: Lang): StatusLines {
  const status = forOwner(whole, owner);
  const kgiActual = status.kgi.actual === null ? '—' : formatValue(status.kgi.actual, kgiUnit, lang);
  return {
    summary: [
      ['period', status.period],
      ['kgiProgress', `${kgiActual} / ${formatValue(status.kgi.plan, kgiUnit, lang)}`],
    ],
    // Grouped by owner, so each person sees what is theirs to fill in.
    missing: groupByOwner(status.missing).map((group) => ({
      heading: owner !== null ? null : group.owner ? `${MESSAGES.owner[lang]}: ${group.owner}` : MESSAGES.noOwner[lang],
      lines: group.missing.map((gap) => `${gap.label}: ${gap.months.join(', ')}`),
    })),
  };
}

/** The unit of a template's KGI, which its figures are shown in. */
export const kgiUnitOf = (templateId: string): Unit => templateById(templateId)?.nodes.find((n) => n.parent === null)?.unit ?? 'count';

/** The list with `tree` in its place (a tree updated under its name), or added at the end. */
export const withTree = (trees: readonly TreeRef[], tree: TreeRef): TreeRef[] =>
  trees.some((t) => t.sheetName === tree.sheetName) ? trees.map((t) => (t.sheetName === tree.sheetName ? tree : t)) : [...trees, tree];

/**
 * The tree with its labels in the tree's own language: a sheet's labels stay as the sheet shows
 * them, whatever language the sidebar's own words are in.
 */
export const inTreeLanguage = (status: Pick<TreeStatus, 'tree' | 'lang'>): Tree => ({
  nodes: status.tree.nodes.map((node) => ({ ...node, label: { en: node.label[status.lang], ja: node.label[status.lang] } })),
});

/** Which language a tree's labels are in, said in the sidebar's. */
export const treeLanguageLine = (tree: Pick<TreeRef, 'lang'>): Localized =>
  PHRASES.sheetIn(MESSAGES[tree.lang === 'ja' ? 'japanese' : 'english']);
