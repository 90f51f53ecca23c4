import { num, type TreeSheetContents } from '../core/sheet/readBack';
import { isTyped, orderTree, type Tree } from '../core/tree';
import type { MissingInput, NodeStatus, TreeStatus } from '../rpc';

/**
 * Where the plan is breaking, read from the figures the sheet's own formulas computed: the
 * sidebar shows what the sheet shows, for the period selected in it.
 */

/** What the sheet's figures alone cannot say: read from elsewhere in the workbook. */
export interface StatusExtras {
  readonly ownerProtection: boolean;
  readonly nextToClose: string;
  /** The tree's language, from its tag. */
  readonly lang: TreeStatus['lang'];
}

export function treeStatus(sheetName: string, contents: TreeSheetContents, tree: Tree, extras: StatusExtras): TreeStatus {
  const nodes = orderTree(tree);
  const statuses: (NodeStatus & { score: number | null })[] = [];
  const missing: MissingInput[] = [];
  for (const node of nodes) {
    const row = contents.rows.get(node.id);
    if (!row) continue;
    const label = String(row.values.label);
    const owner = String(row.owner);
    statuses.push({
      nodeId: node.id,
      label,
      owner,
      achievement: num(row.values.achievement),
      recoverable: num(row.values.recoverable),
      score: num(row.values.score),
    });
    if (isTyped(node)) {
      const months = row.actuals.flatMap((actual, m) => (m < contents.closedMonths && actual === null ? [contents.monthLabels[m]] : []));
      if (months.length > 0) missing.push({ nodeId: node.id, label, owner, months });
    }
  }
  // The same rule as the sheet: the highest score wins, ties to the earliest row as the sheet
  // has it now (rows may have been moved).
  const rowOf = (s: NodeStatus) => contents.rows.get(s.nodeId)!.row;
  const top = [...statuses]
    .sort((a, b) => rowOf(a) - rowOf(b))
    .reduce<(typeof statuses)[number] | null>(
      (best, s) => (s.score !== null && s.score > 0 && (best === null || s.score > best.score!) ? s : best),
      null,
    );
  const plain = ({ score: _score, ...status }: (typeof statuses)[number]): NodeStatus => status;
  const root = contents.rows.get(nodes[0].id);
  return {
    sheetName,
    period: contents.period,
    kgi: { plan: num(root?.values.period_plan) ?? 0, actual: num(root?.values.period_actual) },
    kgiTarget: contents.kgi ?? 0,
    tree,
    nodes: nodes.flatMap((node) => {
      const row = contents.rows.get(node.id);
      return row
        ? [
            {
              nodeId: node.id,
              label: String(row.values.label),
              owner: String(row.owner),
              annual: num(row.values.annual),
              periodPlan: num(row.values.period_plan),
              periodActual: num(row.values.period_actual),
              forecast: num(row.values.forecast),
            },
          ]
        : [];
    }),
    months: contents.monthLabels,
    closedMonths: contents.closedMonths,
    fiscalYear: contents.fiscalYear,
    startMonth: contents.startMonth,
    weights: contents.weights,
    ...extras,
    bottleneck: top ? plain(top) : null,
    underPlan: statuses
      .filter((s) => s !== top && s.achievement !== null && s.achievement < 1)
      .sort((a, b) => (b.recoverable ?? 0) - (a.recoverable ?? 0))
      .map(plain),
    missing,
  };
}
