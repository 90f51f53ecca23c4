import type { Localized } from '../core/i18n';
import { makeRoomFor, planTree } from '../core/plan';
import { cellRange } from '../core/sheet/draft';
import { orderTree, type Tree, type Unit } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildResult, NewProcessKpi, WhatIfChange } from '../rpc';
import type { SheetGateway } from './gateway';
import { checkWritable } from './ownerProtection';
import { refuse } from './refusals';
import { locked, readTree } from './trees';
import { type UpdateRequest, updateTreeSheet } from './update';

/** Changes to a tree the sidebar asks for: a process KPI added, a what-if applied. */

/** What a process KPI may measure. */
const TRACKED_UNITS: readonly Unit[] = ['count', 'yen', 'rate'];

/** Adds a process KPI under the node it feeds, with its own row, owner and monthly actuals. */
export function addProcessKpi(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, kpi: NewProcessKpi): BuildResult {
  // Checked and given its id against the tree as it stands inside the update's lock.
  return updateTreeSheet(workbook, vocabulary, sheetName, (tree) => processKpiChanges(vocabulary, tree, kpi));
}

function processKpiChanges(vocabulary: Vocabulary, tree: Tree, kpi: NewProcessKpi): UpdateRequest {
  const ids = new Set(tree.nodes.map((n) => n.id));
  const parent = tree.nodes.find((n) => n.id === kpi.parent);
  if (!parent) refuse(vocabulary, 'parent', 'parent', { parent: kpi.parent });
  const label: Localized = { en: kpi.label.en.trim(), ja: kpi.label.ja.trim() };
  if (!label.en || !label.ja || label.en.length > 100 || label.ja.length > 100) {
    refuse(vocabulary, 'label', 'label');
  }
  let n = 1;
  while (ids.has(`kpi_${n}`)) n++;
  const node = {
    id: `kpi_${n}`,
    parent: parent.id,
    role: 'process' as const,
    label,
    definition: kpi.definition,
    lowerIsBetter: kpi.lowerIsBetter,
  };
  const share = kpi.channelShare;
  if (share === undefined) {
    const unit = kpi.unit ?? 'count';
    if (!TRACKED_UNITS.includes(unit)) refuse(vocabulary, 'unit', 'unit', { value: String(unit) });
    if (!Number.isFinite(kpi.plan) || kpi.plan < 0 || (unit === 'rate' && kpi.plan > 1)) {
      refuse(vocabulary, 'plan', 'plan', { value: kpi.plan });
    }
    // A rate is a level whatever is sent: summed over months it would mean nothing.
    const level = kpi.level === true || unit === 'rate';
    return { addNodes: [{ ...node, kind: 'tracked', unit, plan: kpi.plan, ...(level ? { stock: true } : {}) }] };
  }
  // A channel of a sum: it takes its share, and the others make room in proportion.
  if (parent.combine !== 'sum') {
    refuse(vocabulary, 'notChannels', 'channelShare', { parent: parent.label });
  }
  if (!Number.isFinite(share) || share <= 0 || share >= 1) {
    refuse(vocabulary, 'share', 'channelShare', { value: share });
  }
  const channels = tree.nodes.filter((c) => c.parent === parent.id && c.kind === 'volume');
  const shares = makeRoomFor(
    share,
    channels.map((c) => c.plan ?? 0),
  );
  return {
    addNodes: [{ ...node, kind: 'volume', unit: parent.unit, plan: share, lowerIsBetter: false }],
    inputs: Object.fromEntries(channels.map((c, i) => [c.id, shares[i]])),
  };
}

/**
 * Writes a what-if the planner chose to apply: only the planned-value cells whose value
 * changes (a cell each; a what-if moves a few), checked by the planner first.
 */
export function applyWhatIf(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, change: WhatIfChange): string[] {
  return locked(workbook, vocabulary, () => {
    const { tree, contents } = readTree(workbook, vocabulary, sheetName);
    const kgi = change.kgi ?? contents.kgi ?? 0;
    planTree(tree, kgi, change.inputs);
    const root = orderTree(tree)[0].id;
    const column = contents.columns.get('plan_input')!;
    const cells = Object.keys(change.inputs)
      .filter((id) => contents.rows.has(id))
      .map((id) => cellRange(contents.rows.get(id)!.row, column));
    if (change.kgi !== undefined) cells.push(cellRange(contents.settings.kgi.row, contents.settings.kgi.column));
    checkWritable(workbook, vocabulary, sheetName, contents, cells);
    const written: string[] = [];
    for (const [id, value] of Object.entries(change.inputs)) {
      if (id === root) refuse(vocabulary, 'kgiInHeader', id);
      const row = contents.rows.get(id);
      // A node whose row a killed update has not written yet gets its value from that update's next run.
      if (contents.planInputs[id] === value || !row) continue;
      workbook.setContents(sheetName, cellRange(row.row, column), [[{ number: value }]]);
      written.push(id);
    }
    if (change.kgi !== undefined && change.kgi !== contents.kgi) {
      workbook.setContents(sheetName, cellRange(contents.settings.kgi.row, contents.settings.kgi.column), [[{ number: change.kgi }]]);
      written.push('kgi');
    }
    return written;
  });
}
