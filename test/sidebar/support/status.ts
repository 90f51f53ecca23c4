/**
 * A tree's status as the server sends it to the sidebar, for tests of the sidebar's pure logic:
 * the new-business tree for ¥1bn in FY2026 from April, even weights, nothing closed, no
 * bottleneck, nothing under plan or missing. Each test sets what it is about.
 */
import { templateById } from '../../../src/core/templates';
import type { MissingInput, NodeStatus, TreeStatus } from '../../../src/rpc';

export function treeStatus(fields: Partial<TreeStatus> = {}): TreeStatus {
  return {
    lang: 'en',
    fiscalYear: 2026,
    startMonth: 4,
    weights: Array(12).fill(1),
    sheetName: 'KPI 2026',
    period: '2026-04',
    kgi: { plan: 1e9 / 12, actual: null },
    kgiTarget: 1e9,
    tree: templateById('new_business')!,
    nodes: [],
    months: [],
    closedMonths: 0,
    nextToClose: '',
    ownerProtection: false,
    bottleneck: null,
    underPlan: [],
    outcomes: [],
    trackedUnderPlan: [],
    year: null,
    missing: [],
    checkInput: [],
    ...fields,
  };
}

/**
 * A count under plan (half of it by default; null: no actual yet), with its owner. Restoring it
 * would recover ¥12,000,000 of the KGI; without an actual that cannot be said, and it is not ranked.
 */
export function nodeStatus(nodeId: string, owner: string, achievement: number | null = 0.5): NodeStatus {
  return {
    nodeId,
    label: nodeId,
    owner,
    unit: 'count',
    plan: 100,
    actual: achievement === null ? null : 100 * achievement,
    achievement,
    recoverable: achievement === null ? null : 12_000_000,
    ranked: achievement !== null,
  };
}

/** A node's blank actuals of closed months, with its owner. */
export const gap = (nodeId: string, owner: string, months: readonly string[] = ['2026-04']): MissingInput => ({
  nodeId,
  label: nodeId,
  owner,
  months,
});
