/**
 * Owners: who owns which KPIs, the status lists cut down to one owner's rows, and what row
 * protection did. Pure functions over `TreeStatus`, so they are tested without a page.
 */
import type { Localized } from '../../src/core/i18n';
import type { MissingInput, TreeStatus } from '../../src/rpc';
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

/** The status lists as one owner sees them (null: everyone). Other figures stay as they are. */
export function forOwner(status: TreeStatus, owner: string | null): TreeStatus {
  if (owner === null) return status;
  const mine = (row: { readonly owner: string }): boolean => row.owner.trim() === owner;
  return {
    ...status,
    bottleneck: status.bottleneck && mine(status.bottleneck) ? status.bottleneck : null,
    underPlan: status.underPlan.filter(mine),
    missing: status.missing.filter(mine),
  };
}

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
