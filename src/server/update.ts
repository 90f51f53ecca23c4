import { withInputs } from '../core/plan';
import { type CellContent, cellRange, type ReadValue, type SheetDraft } from '../core/sheet/draft';
import type { DataLink } from '../core/sheet/links';
import { readTreeSheet, type TreeSheetContents } from '../core/sheet/readBack';
import { ACTUAL_1, COLUMN_KEYS, type KeptRow, LAYOUT_VERSION, MONTHS, ROW, RULE_COLOURS, SETTINGS } from '../core/sheet/schema';
import { covering, rectangles, slice } from '../core/sheet/writes';
import { type NodeDef, orderTree, type Tree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildRequest, BuildResult, TreeUpdate } from '../rpc';
import { findLinks } from './dataSheets';
import type { SheetGateway } from './gateway';
import { checkWritable } from './ownerProtection';
import { refuse } from './refusals';
import { checkRequest, draftSheet, locked, opened, readTree, typedWeights } from './trees';

export interface UpdateRequest extends TreeUpdate {
  /** Nodes to add under existing ones, e.g. a process KPI from the catalogue. */
  readonly addNodes?: readonly NodeDef[];
  /** The tree's links to data, all of them, when they change (else the tag's, found again). */
  readonly links?: Readonly<Record<string, DataLink>>;
  /** Nodes linked or unlinked: their rows are restyled (colour, note, validation). */
  readonly relinked?: readonly string[];
  /** Actuals to type into unlinked nodes' month cells, by node id (null leaves a month blank). */
  readonly typedActuals?: Readonly<Record<string, readonly (number | null)[]>>;
}

/**
 * Updates a tree sheet in place: same sheet, same id. Rows of added nodes are inserted and rows
 * of nodes the template dropped deleted with Sheets' own row operations, so references from
 * elsewhere move with them; a sheet of an earlier layout has its columns moved into this
 * layout's order the same way; then only the cells the add-on owns that differ are rewritten.
 * Input cells (actuals, owners, notes, planned values, the KGI, weights) are never rewritten
 * from what was read: a formula a person typed stays a formula, and an edit made while the
 * update runs is kept. Only the values the update itself changes are written into inputs.
 */
export function updateTreeSheet(
  workbook: SheetGateway,
  vocabulary: Vocabulary,
  sheetName: string,
  update: UpdateRequest | ((tree: Tree, contents: TreeSheetContents) => UpdateRequest) = {},
): BuildResult {
  return locked(workbook, vocabulary, () => {
    const { tag, template, contents: found, tree } = readTree(workbook, vocabulary, sheetName);
    const migrating = tag.version < LAYOUT_VERSION;
    if (!(migrating ? found.columnsMovable : found.frameInPlace)) refuse(vocabulary, 'frameMoved', 'sheet', { sheet: sheetName });
    if (found.rows.size === 0) refuse(vocabulary, 'keysCleared', 'sheet', { sheet: sheetName });
    let contents = found;
    const changes = typeof update === 'function' ? update(tree, found) : update;
    const weights = typedWeights(contents);
    const request: BuildRequest = {
      templateId: template.id,
      lang: changes.lang ?? tag.lang,
      kgi: changes.kgi ?? contents.kgi ?? template.kgi,
      inputs: changes.inputs ?? {},
      fiscalYear: changes.fiscalYear ?? contents.fiscalYear ?? NaN,
      startMonth: changes.startMonth ?? contents.startMonth ?? NaN,
      seasonality: changes.seasonality === undefined ? weights : changes.seasonality,
    };
    const base = {
      vocabulary,
      template,
      added: [...tag.added, ...(changes.addNodes ?? [])],
      request,
      weights: checkRequest(vocabulary, request),
      closedMonths: contents.closedMonths,
      period: contents.period,
      kept: new Map<string, KeptRow>(
        Object.entries(changes.typedActuals ?? {}).flatMap(([id, actuals]) => {
          const row = contents.rows.get(id);
          return row ? [[id, { owner: row.owner, note: row.note, actuals }] as const] : [];
        }),
      ),
      planInputs: contents.planInputs,
      ownerProtection: tag.ownerProtection ?? false,
      // Written again from the sheets and headers as they are now (renamed, columns moved).
      links: changes.links ?? findLinks(workbook, tag.links ?? {}).links,
    };
    // Checked in full before anything is written: the tree, and that the inputs the update
    // changes are not protected for others. The tag goes first, so a run killed later leaves a
    // tree whose missing rows the next update adds.
    const tagged = draftSheet(base);
    const here = new Map([...contents.rows].map(([id, r]) => [id, r.row]));
    const changed = [...requestedInputs(tagged, contents, changes, here)].map((key) => {
      const [row, column] = key.split(',').map(Number);
      return cellRange(row, column);
    });
    checkWritable(workbook, vocabulary, sheetName, contents, changed);
    // An earlier layout's columns move first, and the tag follows: a run killed part-way
    // leaves the old tag, and the next run moves the columns still out of place.
    if (migrating) {
      moveColumnsInOrder(workbook, sheetName, found);
      contents = readTreeSheet(workbook.readValues(sheetName)) ?? found;
    }
    workbook.tagSheet(sheetName, tagged.tag);

    const placement = placeRows(
      workbook,
      sheetName,
      contents,
      orderTree(withInputs({ nodes: [...tree.nodes, ...(changes.addNodes ?? [])] }, request.inputs)).map((n) => n.id),
    );
    const draft = draftSheet({ ...base, placement });
    workbook.ensureRows(sheetName, draft.rows);
    // Another language or layout restyles every row: validation help is in the tree's language
    // (and so are linked cells' notes).
    const restyleAll = request.lang !== tag.lang || migrating;
    const relinked = new Set(
      [...(changes.relinked ?? []), ...(restyleAll ? Object.keys(base.links) : [])].flatMap((id) =>
        placement.rows.has(id) ? [placement.rows.get(id)!] : [],
      ),
    );
    const restyled = restyleAll ? new Set(draft.ownedRows) : new Set([...placement.fresh, ...relinked]);
    const requested = requestedInputs(draft, contents, changes, placement.rows);
    // The period and the month closed, as read before their cells moved with the old columns.
    if (migrating) for (const column of [SETTINGS.period, SETTINGS.closedThrough]) requested.add(`${ROW.settings},${column}`);
    writeChanges(workbook, sheetName, draft, placement.fresh, restyled, requested);
    // The notes of linked and unlinked cells: the rule, or none (a person's notes elsewhere stay).
    for (const range of rectangles(
      [...relinked],
      ACTUAL_1 + MONTHS - 1,
      (_, c) => c >= ACTUAL_1,
      () => true,
    ))
      workbook.setNotes(sheetName, range, slice(draft.notes, range));
    if (migrating) {
      workbook.setLayout(sheetName, draft.layout);
      // The chart reads the old columns: a new one over the new.
      workbook.removeCharts(
        sheetName,
        Object.values(vocabulary.words).map((words) => words.chart.title),
      );
      workbook.addCharts(sheetName, draft.charts);
    }
    return opened(workbook, sheetName);
  });
}

/**
 * Moves the table's columns into the layout's order with Sheets' own column moves, leftmost
 * first, each run of columns already in order in one move: people's inputs, their formats and
 * references from elsewhere (other sheets, named ranges) move with them.
 */
function moveColumnsInOrder(workbook: SheetGateway, sheetName: string, contents: TreeSheetContents): void {
  const order = [...contents.columns]
    .filter(([, column]) => column <= COLUMN_KEYS.length)
    .sort((a, b) => a[1] - b[1])
    .map(([key]) => key);
  COLUMN_KEYS.forEach((key, i) => {
    const at = order.indexOf(key);
    if (at === i) return;
    let count = 1;
    while (at + count < order.length && order[at + count] === COLUMN_KEYS[i + count]) count++;
    workbook.moveColumns(sheetName, at + 1, count, i + 1);
    order.splice(i, 0, ...order.splice(at, count));
  });
}

/**
 * Rows for the tree as it now stands: a node the sheet has no row for gets one inserted after
 * the row of the node before it in tree order; rows of nodes the tree no longer has go.
 */
function placeRows(workbook: SheetGateway, sheetName: string, contents: TreeSheetContents, order: readonly string[]) {
  const rows = new Map([...contents.rows].map(([id, r]) => [id, r.row]));
  let chartTop = contents.chartTop ?? Math.max(...rows.values()) + 2;
  const shift = (from: number, by: number) => {
    for (const [id, row] of rows) if (row >= from) rows.set(id, row + by);
    if (chartTop >= from) chartTop += by;
  };
  const wanted = new Set(order);
  for (const [id, row] of [...rows].sort((a, b) => b[1] - a[1])) {
    if (wanted.has(id)) continue;
    workbook.deleteRows(sheetName, row, 1);
    rows.delete(id);
    shift(row + 1, -1);
  }
  const added: string[] = [];
  order.forEach((id, i) => {
    if (rows.has(id)) return;
    const after = i === 0 ? ROW.header : rows.get(order[i - 1])!;
    workbook.insertRowsAfter(sheetName, after, 1);
    shift(after + 1, 1);
    rows.set(id, after + 1);
    added.push(id);
  });
  const fresh = new Set(added.map((id) => rows.get(id)!));
  // A node row dragged below the chart block: the block goes below the tree again, and the
  // old one is left as it is (a person's rows are not the add-on's to clear).
  const last = Math.max(...rows.values());
  return { rows, chartTop: chartTop > last ? chartTop : last + 2, fresh };
}

/** Input cells the update itself changes: a new KGI, planned values, weights, a period the new months lack. */
function requestedInputs(
  draft: SheetDraft,
  contents: TreeSheetContents,
  changes: UpdateRequest,
  rows: ReadonlyMap<string, number>,
): Set<string> {
  const cells = new Set<string>();
  const at = (row: number, column: number) => cells.add(`${row},${column}`);
  const { kgi, weights, period, closedThrough } = contents.settings;
  if (changes.kgi !== undefined && changes.kgi !== contents.kgi) at(kgi.row, kgi.column);
  for (const [id, value] of Object.entries(changes.inputs ?? {})) {
    if (contents.planInputs[id] !== value && rows.has(id)) at(rows.get(id)!, contents.columns.get('plan_input')!);
  }
  if (changes.seasonality !== undefined) for (let m = 0; m < 12; m++) at(weights.row, weights.column + m);
  // Linked and unlinked months: formulas, or the values they showed as typed actuals.
  for (const id of new Set([...(changes.relinked ?? []), ...Object.keys(changes.typedActuals ?? {})])) {
    if (!rows.has(id)) continue;
    for (let m = 1; m <= MONTHS; m++) at(rows.get(id)!, contents.columns.get(`actual_${m}`)!);
  }
  // A period or closed month the sheet's lists no longer hold (another language or fiscal year).
  for (const [{ row, column }, current] of [
    [period, contents.period],
    [closedThrough, contents.closedThrough],
  ] as const) {
    const listed = draft.validations[row - 1][column - 1];
    if (listed?.kind === 'list' && !listed.values.includes(current)) at(row, column);
  }
  return cells;
}

const sameContent = (content: CellContent, value: ReadValue | undefined, formula: string | undefined): boolean => {
  const f = formula ?? '';
  if (content === null) return (value ?? '') === '' && f === '';
  if ('formula' in content) return f === content.formula;
  return f === '' && value === ('text' in content ? content.text : content.number);
};

/**
 * Writes what differs: the add-on's own cells whose content the sheet does not already hold,
 * whole rows for new nodes, and the inputs the update changes. Formats, colours, notes and
 * validation go to the header rows and the restyled rows (new ones, or all for another
 * language); other rows keep theirs (and a person's).
 */
function writeChanges(
  workbook: SheetGateway,
  sheet: string,
  draft: SheetDraft,
  fresh: ReadonlySet<number>,
  restyled: ReadonlySet<number>,
  requested: ReadonlySet<string>,
): void {
  const inputs = new Set<string>();
  for (const r of draft.inputs)
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) inputs.add(`${r.row + i},${r.column + j}`);
  const values = workbook.readValues(sheet);
  const formulas = workbook.readFormulas(sheet);
  const owned = (row: number, column: number) => fresh.has(row) || requested.has(`${row},${column}`) || !inputs.has(`${row},${column}`);
  const differs = (row: number, column: number) =>
    fresh.has(row) ||
    requested.has(`${row},${column}`) ||
    !sameContent(draft.contents[row - 1][column - 1], values[row - 1]?.[column - 1], formulas[row - 1]?.[column - 1]);

  // The frame and new rows: formats first, so plain-text labels go in as text.
  const styled = rectangles(
    [...new Set([...Array.from({ length: ROW.header }, (_, i) => i + 1), ...restyled])],
    draft.columns,
    () => true,
    () => true,
  );
  for (const range of styled) workbook.setNumberFormats(sheet, range, slice(draft.numberFormats, range));
  for (const range of rectangles(draft.ownedRows, draft.columns, differs, owned))
    workbook.setContents(sheet, range, slice(draft.contents, range));
  for (const range of styled) {
    workbook.setBackgrounds(sheet, range, slice(draft.backgrounds, range));
    workbook.setFontWeights(sheet, range, slice(draft.fontWeights, range));
    workbook.setFontColors(sheet, range, slice(draft.fontColors, range));
    workbook.setValidations(sheet, range, slice(draft.validations, range));
  }
  const header = { row: ROW.header, column: 1, rows: 1, columns: draft.columns };
  workbook.setNotes(sheet, header, slice(draft.notes, header));

  // The add-on's rules (its palette) are replaced; a person's own stay.
  const theirs = workbook
    .readConditionalRules(sheet)
    .filter((rule) => rule.background === null || !RULE_COLOURS.has(rule.background.toLowerCase()));
  workbook.setConditionalRules(sheet, draft.rules, theirs);
  workbook.protectExcept(sheet, covering(draft.inputs), draft.protectionNote);
  workbook.setNamedRanges(sheet, draft.names);
}
