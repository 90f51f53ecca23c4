import { actualRates, checkDesign, type DesignCheck, type DesignRow, type LastYear } from '../core/designCheck';
import { monthLabels } from '../core/sheet/labels';
import { num, readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { MONTHS, monthKey, PALETTE } from '../core/sheet/schema';
import { isTyped, orderTree, type Tree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { SheetGateway } from './gateway';
import { historyActuals } from './monthClose';
import { readTree, treeTags } from './trees';

/**
 * The design check of a tree sheet, read from the workbook in a few calls: the tags, the sheet's
 * values, its input rules (one rectangle), its conditional rules, and last year's actuals (last
 * year's tree sheet, else History).
 */
export function designCheck(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string): DesignCheck[] {
  const tagged = workbook.taggedSheets();
  const tags = treeTags(workbook, tagged);
  const { tag, contents, tree } = readTree(workbook, vocabulary, sheetName, tags);
  const nodes = orderTree(tree);
  const validated = inputRules(workbook, sheetName, contents, tree);
  const rows = new Map<string, DesignRow>();
  for (const node of nodes) {
    const row = contents.rows.get(node.id);
    if (!row) continue;
    rows.set(node.id, {
      label: String(row.values.label),
      owner: String(row.owner),
      definition: String(row.values.definition),
      target: num(row.values.annual),
      inputRule: validated.get(node.id) ?? false,
    });
  }
  // The rule that colours blank actuals of ended months, known by its colour as an update knows it.
  const alerts = workbook.hasConditionalRule(sheetName, PALETTE.missing);

  let lastYear: LastYear | null = null;
  const { fiscalYear, startMonth } = contents;
  if (fiscalYear !== null && startMonth !== null) {
    const previous = [...tags].find(([, t]) => t.templateId === tag.templateId && t.fiscalYear === fiscalYear - 1)?.[0];
    if (previous) {
      const past = readTreeSheet(workbook.readValues(previous));
      const rates = past ? actualRates(tree, (id) => past.rows.get(id)?.actuals) : new Map<string, number>();
      lastYear = { source: { en: `"${previous}"`, ja: `「${previous}」` }, rates };
    } else {
      // History keeps last year's months after its sheet is gone; rows of another template's trees are not this tree's.
      const otherTemplate = new Set([...tags].filter(([, t]) => t.templateId !== tag.templateId).map(([name]) => name));
      const months = monthLabels(fiscalYear - 1, startMonth);
      const recorded = historyActuals(workbook, tagged, months, (sheet) => !otherTemplate.has(sheet));
      const rates = actualRates(tree, (id) => recorded.get(id));
      lastYear = { source: { en: `History ${months[0]}–${months[MONTHS - 1]}`, ja: `履歴 ${months[0]}〜${months[MONTHS - 1]}` }, rates };
    }
  }

  return checkDesign({
    tree,
    rows,
    kgi: contents.kgi,
    fiscalYear,
    startMonth,
    planYield: num(contents.rows.get(nodes[0].id)?.values.yields),
    missingInputAlerts: alerts,
    lastYear,
  });
}

/**
 * Whether each node row's input cells keep their data validation: the planned value, and the
 * twelve actuals of a row people type. One read over the node rows, across both.
 */
function inputRules(workbook: SheetGateway, sheetName: string, contents: TreeSheetContents, tree: Tree): Map<string, boolean> {
  const placed = [...contents.rows.values()].map((r) => r.row);
  const inputColumns = ['plan_input', monthKey('actual', 1), monthKey('actual', MONTHS)].map((key) => contents.columns.get(key));
  const found = new Map<string, boolean>();
  if (placed.length === 0 || inputColumns.some((c) => c === undefined)) return found;
  // The planned values and the actuals, in whichever order the layout puts them.
  const [from, to] = [Math.min(...(inputColumns as number[])), Math.max(...(inputColumns as number[]))];
  const top = Math.min(...placed);
  const grid = workbook.readValidated(sheetName, { row: top, column: from, rows: Math.max(...placed) - top + 1, columns: to - from + 1 });
  const has = (row: number, key: string) => {
    const column = contents.columns.get(key);
    return column !== undefined && grid[row - top]?.[column - from] === true;
  };
  for (const node of orderTree(tree)) {
    const row = contents.rows.get(node.id);
    if (!row || node.kind === 'goal') continue;
    const actuals = !isTyped(node) || Array.from({ length: MONTHS }, (_, m) => has(row.row, monthKey('actual', m + 1))).every(Boolean);
    found.set(node.id, has(row.row, 'plan_input') && actuals);
  }
  return found;
}
