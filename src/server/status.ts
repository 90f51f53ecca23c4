import { CHECK_INPUT_SCORE } from '../core/sheet/columns';
import { num, type TreeSheetContents } from '../core/sheet/readBack';
import { isStage, isTyped, orderTree, type Tree, type TreeNode } from '../core/tree';
import type { InputToCheck, MissingInput, NodeStatus, TreeStatus, YearOutlook } from '../rpc';

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

/** A node as the status lists show it, with the sheet's rank score (levers only) kept for ranking. */
type Ranked = NodeStatus & { readonly score: number | null; readonly row: number };

const plain = ({ score: _score, row: _row, ...status }: Ranked): NodeStatus => status;

/** Whether a node is behind its plan for the period (or ranked by the sheet, which implies it). */
const underPlan = (s: Ranked): boolean => s.ranked || (s.achievement !== null && s.achievement < 1);

/** The year with the fix of a lever recovering `recovered` KGI in the period (null: no fix to add). */
function yearOutlook(landing: number, kgi: number, recovered: number | null): YearOutlook {
  const landingWithFix = recovered === null ? null : landing + recovered;
  return { kgi, landing, gap: landing - kgi, landingWithFix, gapWithFix: landingWithFix === null ? null : landingWithFix - kgi };
}

export function treeStatus(sheetName: string, contents: TreeSheetContents, tree: Tree, extras: StatusExtras): TreeStatus {
  const nodes = orderTree(tree);
  const statuses: { readonly node: TreeNode; readonly status: Ranked }[] = [];
  const missing: MissingInput[] = [];
  const checkInput: InputToCheck[] = [];
  for (const node of nodes) {
    const row = contents.rows.get(node.id);
    if (!row) continue;
    const label = String(row.values.label);
    const owner = String(row.owner);
    // Every row's score column says whether its input needs checking; only levers are ranked by it.
    if ((num(row.values.score) ?? 0) >= CHECK_INPUT_SCORE) checkInput.push({ nodeId: node.id, label, owner, row: row.row });
    const score = isStage(node) ? num(row.values.score) : null;
    statuses.push({
      node,
      status: {
        nodeId: node.id,
        label,
        owner,
        unit: node.unit,
        plan: num(row.values.period_plan),
        actual: num(row.values.period_actual),
        achievement: num(row.values.achievement),
        recoverable: num(row.values.recoverable),
        // A row whose input needs checking tops the sheet's ranking, but it is no stage to fix.
        ranked: score !== null && score > 0 && score < CHECK_INPUT_SCORE,
        score,
        row: row.row,
      },
    });
    if (isTyped(node)) {
      const months = row.actuals.flatMap((actual, m) =>
        m < Math.max(contents.monthsDue, contents.closedMonths) && actual === null ? [contents.monthLabels[m]] : [],
      );
      if (months.length > 0) missing.push({ nodeId: node.id, label, owner, months });
    }
  }
  // The same rule as the sheet: the highest score first, ties to the earliest row as the sheet
  // has it now (rows may have been moved); the bottleneck is the first, when the sheet ranks it.
  const levers = statuses
    .filter(({ node, status }) => isStage(node) && underPlan(status))
    .map(({ status }) => status)
    .sort((a, b) => Number(b.ranked) - Number(a.ranked) || (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.row - b.row);
  // While a row's input needs checking the sheet names that row, not a stage: so does the sidebar.
  const top = checkInput.length === 0 && levers[0]?.ranked ? levers[0] : null;
  const others = (keep: (node: TreeNode) => boolean) =>
    statuses.filter(({ node, status }) => keep(node) && underPlan(status)).map(({ status }) => plain(status));
  const root = contents.rows.get(nodes[0].id);
  const landing = num(root?.values.forecast);
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
    underPlan: levers.filter((s) => s !== top).map(plain),
    outcomes: others((node) => node.kind !== 'tracked' && !isStage(node)),
    trackedUnderPlan: others((node) => node.kind === 'tracked'),
    year: landing === null || contents.kgi === null ? null : yearOutlook(landing, contents.kgi, top?.recoverable ?? null),
    missing,
    checkInput,
  };
}
