/**
 * Owners: who owns which KPIs, the status lists cut down to one owner's rows, and what row
 * protection did. Pure functions over `TreeStatus`, so they are tested without a page.
 */
import type { Localized } from '../../src/core/i18n';
import type { MissingInput, TreeStatus, YearOutlook } from '../../src/rpc';
import { MESSAGES, PHRASES } from './text';

/** The distinct, non-blank owners named in the sheet, in the order their rows first appear. */
export function ownersOf(status: Pick<TreeStatus, 'nodes'>): string[] {
  const owners: string[] = [];
  for (const node of status.nodes) {
    const owner = node.owner.trim();
    if (owner && !owners.includes(owner)) owners.push(owner);
  }
  return owners;
}

/**
 * The status as one owner sees it (null: everyone): their rows only, and their own bottleneck
 * by the sheet's rule, the first of their levers in the sheet's ranking, with the year it would
 * bring. Other figures stay as they are.
 */
export function forOwner(status: TreeStatus, owner: string | null): TreeStatus {
  if (owner === null) return status;
  const mine = (row: { readonly owner: string }): boolean => row.owner.trim() === owner;
  const levers = [...(status.bottleneck ? [status.bottleneck] : []), ...status.underPlan].filter(mine);
  const own = levers[0]?.ranked ? levers[0] : null;
  return {
    ...status,
    bottleneck: own,
    underPlan: levers.filter((lever) => lever !== own),
    outcomes: status.outcomes.filter(mine),
    trackedUnderPlan: status.trackedUnderPlan.filter(mine),
    year: status.year && own !== status.bottleneck ? withFix(status.year, own?.recoverable ?? null) : status.year,
    missing: status.missing.filter(mine),
  };
}

/** The year with another fix: the landing plus what it recovers, as the server adds it up for the tree's bottleneck. */
const withFix = (year: YearOutlook, recovered: number | null): YearOutlook => ({
  ...year,
  landingWithFix: recovered === null ? null : year.landing + recovered,
  gapWithFix: recovered === null ? null : year.gap + recovered,
});

export interface OwnerGroup {
  /** '' for rows nobody owns yet. */
  readonly owner: string;
  readonly missing: readonly MissingInput[];
}

/** Missing inputs grouped by owner: owners in order of first appearance, unowned rows last. */
export function groupByOwner(missing: readonly MissingInput[]): OwnerGroup[] {
  const groups = new Map<string, MissingInput[]>();
  for (const gap of missing) {
    const owner = gap.owner.trim();
    groups.set(owner, [...(groups.get(owner) ?? []), gap]);
  }
  const named = [...groups].filter(([owner]) => owner !== '');
  const unowned = groups.get('');
  return [...named, ...(unowned ? [['', unowned] as const] : [])].map(([owner, gaps]) => ({ owner, missing: gaps }));
}

/** What turning owners' row protection on (`count` rows protected) or off did. */
export const protectionText = (on: boolean, count: number): Localized => (on ? PHRASES.protectedRows(count) : MESSAGES.protectOff);
