import type { Lang } from '../i18n';
import type { TemplateId } from '../templates';
import { arithmeticChildren, isTyped, type NodeDef, orderTree, type Tree, type TreeNode, takesDecimals } from '../tree';
import { columnLetter, quote, ref, span } from './a1';
import {
  actualBlock,
  at,
  type ColumnCell,
  helper,
  kgiCell,
  MONTH_COLUMNS,
  monthIndex,
  NODE_COLUMNS,
  nodeColumn,
  type SheetContext,
  topScore,
} from './columns';
import {
  type CellContent,
  type ConditionalRule,
  draftGrids,
  type GridRange,
  type SheetDraft,
  VALIDATED_CELL,
  type Validation,
} from './draft';
import { fill, monthLabels, type SheetWords } from './labels';
import { type DataLink, datedBy, latestDate, linkedSheets, ruleText } from './links';
import {
  ACTUAL_1,
  CHART_MARKER,
  COLUMN,
  COLUMN_KEYS,
  FRESHNESS,
  HELPER,
  KEY_MARKER,
  type KeptRow,
  LAST_COLUMN,
  LAYOUT_VERSION,
  MONTHS,
  type Month,
  NUMBER_FORMAT,
  PALETTE,
  PLAN_1,
  ROW,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  type SheetTag,
} from './schema';

/**
 * The layout of a KPI-tree sheet as a plan: the frame (rows 1–6, the chart block below the
 * tree, the colours), and a loop over each node row's columns, whose contents come from the
 * column table in columns.ts. The schema (schema.ts) says where everything is.
 */

export interface TreeSheetSpec {
  readonly templateId: TemplateId;
  /** The template's name in the sheet's language, for the title. */
  readonly title: string;
  /** The tree with the planner's inputs applied. */
  readonly tree: Tree;
  readonly lang: Lang;
  /** The sheet's words in `lang`. */
  readonly words: SheetWords;
  readonly kgi: number;
  readonly fiscalYear: number;
  readonly startMonth: number;
  /** Twelve seasonal weights in fiscal order. */
  readonly weights: readonly number[];
  readonly closedMonths: number;
  /** The period selector's value to keep (a month label or the year-to-date word). */
  readonly period: string | null;
  /** Nodes beyond the template's, recorded in the sheet's tag so an update keeps them. */
  readonly added: readonly NodeDef[];
  /** What people typed, for a new sheet that starts from another (next year's keeps owners). */
  readonly kept: ReadonlyMap<string, KeptRow>;
  readonly ownerProtection: boolean;
  /** Nodes linked to data, by node id (their sheets and columns as found now); none when left out. */
  readonly links?: Readonly<Record<string, DataLink>>;
  /**
   * Where an existing sheet has each node's row and the chart block now (an update lays the
   * tree out over the rows as they stand); left out, nodes follow in tree order from row 7.
   */
  readonly placement?: Placement;
}

export interface Placement {
  readonly rows: ReadonlyMap<string, number>;
  readonly chartTop: number;
}

export function layoutTreeSheet(spec: TreeSheetSpec): SheetDraft {
  const words = spec.words;
  const nodes = orderTree(spec.tree);
  const labels = monthLabels(spec.fiscalYear, spec.startMonth);
  const rowOf = spec.placement?.rows ?? new Map(nodes.map((n, i) => [n.id, ROW.firstNode + i]));
  const nodeRows = nodes.map((n) => rowOf.get(n.id)!);
  const first = Math.min(...nodeRows);
  const last = Math.max(...nodeRows);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Below the tree, a blank row then the KGI by month (labels, plan, actual, forecast) for the chart.
  const chartTop = spec.placement?.chartTop ?? last + 2;
  const rows = chartTop + 3;
  const kgiFormat = NUMBER_FORMAT[nodes[0].unit];
  // The seasonality weights: numbers of 0 or more. The KGI and typed actuals:
  // whole numbers of 0 or more (a KGI of 0 shows "check input"); Sheets has no whole-number
  // rule, so a custom formula, one rule per rectangle of cells (the KGI, the block of actuals).
  const countRule: Validation = { kind: 'number', min: 0, help: words.inputHelp.count };
  const wholeRule: Validation = {
    kind: 'formula',
    formula: `=AND(ISNUMBER(${VALIDATED_CELL}),${VALIDATED_CELL}>=0,${VALIDATED_CELL}=INT(${VALIDATED_CELL}))`,
    help: words.inputHelp.whole,
  };
  // Sheets' number rules include their bounds, so "above 0" is "at least 10⁻⁹": a rate or a size
  // of 0 leaves the reverse calculation nothing to divide by.
  const aboveZero = 1e-9;
  const inputRules: SheetContext['inputRules'] = {
    count: countRule,
    // A whole-number rule per row would cost calls per row (count rows sit between rate rows):
    // a count target takes numbers of 0 or more, says whole, and a fraction flags its row.
    target: { kind: 'number', min: 0, help: words.inputHelp.whole },
    size: { kind: 'number', min: aboveZero, help: words.inputHelp.size },
    rate: { kind: 'number', min: aboveZero, max: 1, help: words.inputHelp.rate },
    // One rule over the whole block of actuals (a rule costs calls per rectangle): the computed
    // months of rates and sums are formulas, which pass.
    actual: {
      kind: 'formula',
      formula: `=OR(ISFORMULA(${VALIDATED_CELL}),AND(ISNUMBER(${VALIDATED_CELL}),${VALIDATED_CELL}>=0,${VALIDATED_CELL}=INT(${VALIDATED_CELL})))`,
      help: words.inputHelp.whole,
    },
  };
  const sheet: SheetContext = { first, last, nodes, lang: spec.lang, words, kgiFormat, inputRules };

  const { grids, put } = draftGrids(rows, LAST_COLUMN);
  const { backgrounds, fontWeights, fontColors, notes, validations } = grids;
  const inputs: GridRange[] = [];

  const bold = (row: number, column: number) => {
    fontWeights[row - 1][column - 1] = 'bold';
  };
  const formula = (f: string): CellContent => ({ formula: `=${f}` });
  const markInput = (row: number, column: number, rule: Validation | null, columns = 1) => {
    for (let c = column; c < column + columns; c++) {
      backgrounds[row - 1][c - 1] = PALETTE.input;
      fontColors[row - 1][c - 1] = PALETTE.inputText;
      validations[row - 1][c - 1] = rule;
    }
    inputs.push({ row, column, rows: 1, columns });
  };
  const place = (row: number, column: number, value: ColumnCell | null) => {
    if (value === null) return;
    put(row, column, value.content, value.format);
    if (value.bold) bold(row, column);
    if (value.input !== undefined) markInput(row, column, value.input);
    if (value.validation) validations[row - 1][column - 1] = value.validation;
  };

  // Row 1: title. Row 2: settings.
  put(ROW.title, 2, { text: fill(words.title, { name: spec.title, year: spec.fiscalYear }) });
  bold(ROW.title, 2);
  const settingLabels: [number, string][] = [
    [SETTINGS.kgi, words.kgi],
    [SETTINGS.fiscalYear, words.fiscalYear],
    [SETTINGS.startMonth, words.startMonth],
    [SETTINGS.period, words.period],
    [SETTINGS.closedThrough, words.closedThrough],
  ];
  for (const [column, label] of settingLabels) {
    put(ROW.settings, column - 1, { text: label });
    bold(ROW.settings, column - 1);
  }
  put(ROW.settings, SETTINGS.kgi, { number: spec.kgi }, kgiFormat);
  markInput(ROW.settings, SETTINGS.kgi, wholeRule);
  put(ROW.settings, SETTINGS.fiscalYear, { number: spec.fiscalYear }, '0');
  put(ROW.settings, SETTINGS.startMonth, { number: spec.startMonth }, words.startMonthFormat);
  const periodChoices = [words.ytd, ...labels];
  const period = spec.period !== null && periodChoices.includes(spec.period) ? spec.period : words.ytd;
  put(ROW.settings, SETTINGS.period, { text: period }, '@');
  markInput(ROW.settings, SETTINGS.period, { kind: 'list', values: periodChoices, help: words.inputHelp.list });
  const closedChoices = [words.none, ...labels];
  put(ROW.settings, SETTINGS.closedThrough, { text: spec.closedMonths > 0 ? labels[spec.closedMonths - 1] : words.none }, '@');
  markInput(ROW.settings, SETTINGS.closedThrough, { kind: 'list', values: closedChoices, help: words.inputHelp.list });

  // Hidden helpers in column A: the latest month with an actual, the months closed, and the
  // months the selected period covers. A month label (`2026-04`) is its fiscal month by the
  // fiscal year and start month; one outside the year matches none of 1…12.
  const fiscalYear = ref(SETTINGS.fiscalYear, ROW.settings, 'both');
  const startMonth = ref(SETTINGS.startMonth, ROW.settings, 'both');
  const fiscalMonth = (label: string) =>
    `MATCH((VALUE(LEFT(${label},4))-${fiscalYear})*12+VALUE(RIGHT(${label},2))-${startMonth}+1,${monthIndex},0)`;
  const periodCell = ref(SETTINGS.period, ROW.settings, 'both');
  const ytd = quote(words.ytd);
  const latest = labels.map((_, i) => `IF(COUNT(${span(ACTUAL_1 + i, first, ACTUAL_1 + i, last)})>0,${i + 1},0)`);
  put(HELPER.latestMonth, 1, formula(`MAX(${latest.join(',')})`));
  put(HELPER.closedMonths, 1, formula(`IFERROR(${fiscalMonth(ref(SETTINGS.closedThrough, ROW.settings, 'both'))},0)`));
  put(HELPER.periodFrom, 1, formula(`IF(${periodCell}=${ytd},1,IFERROR(${fiscalMonth(periodCell)},1))`));
  put(
    HELPER.periodTo,
    1,
    formula(
      `IF(${periodCell}=${ytd},MAX(${helper(HELPER.latestMonth)},${helper(HELPER.closedMonths)},${helper(HELPER.monthsDue)}),IFERROR(${fiscalMonth(periodCell)},0))`,
    ),
  );

  // Rows 3 and 4: the year (where the KGI lands against its target) apart from the plan's
  // coherence (whether the plan's activity reaches the KGI), and where it is breaking.
  const atBottleneck = (key: 'label' | 'recoverable') =>
    `INDEX(${nodeColumn(key, sheet)},MATCH(${topScore(sheet)},${nodeColumn('score', sheet)},0))`;
  const kgiNode = nodes[0];
  const kgiActuals = actualBlock(first);
  const entered = `${kgiActuals},">=0"`;
  const toDate = kgiNode.stock ? `INDEX(${kgiActuals},1,MAXIFS(${monthIndex},${entered}))` : `SUMIFS(${kgiActuals},${entered})`;
  const figure = (row: number, pair: number) => ref(4 + 2 * pair, row);
  // A figure against the KGI, blank unless both are numbers: no blank goes into arithmetic (the
  // yields are blank while an input needs checking).
  const vsKgi = (cell: string, op: '-' | '/') =>
    `IF(AND(ISNUMBER(${cell}),ISNUMBER(${kgiCell})),${op === '/' ? `IFERROR(${cell}/${kgiCell},"")` : `${cell}-${kgiCell}`},"")`;
  const summary: [number, string, string, string][] = [
    [ROW.summary, words.actualToDate, `IF(COUNTIF(${entered})=0,"",${toDate})`, kgiFormat],
    [ROW.summary, words.landing, at('forecast', first, 'both'), kgiFormat],
    [ROW.summary, words.landingGap, vsKgi(figure(ROW.summary, 1), '-'), kgiFormat],
    // Not plain text (`@`): Sheets would show a formula there as its source.
    [ROW.summary, words.bottleneck, `IF(${topScore(sheet)}>0,${atBottleneck('label')},${quote(words.none)})`, 'General'],
    [ROW.months, words.yields, at('yields', first, 'both'), kgiFormat],
    [ROW.months, words.ofKgi, vsKgi(figure(ROW.months, 0), '/'), NUMBER_FORMAT.rate],
    [ROW.months, words.gap, vsKgi(figure(ROW.months, 0), '-'), kgiFormat],
    [ROW.months, words.fixRecovers, `IF(${topScore(sheet)}>0,${atBottleneck('recoverable')},"")`, kgiFormat],
  ];
  summary.forEach(([row, label, f, format], i) => {
    const pair = i % 4;
    put(row, 3 + 2 * pair, { text: label });
    bold(row, 3 + 2 * pair);
    put(row, 4 + 2 * pair, formula(f), format);
  });

  // Row 4, further right: the seasonality weights (inputs) over the plan months.
  put(ROW.months, PLAN_1 - 1, { text: words.weights });
  for (let m = 0; m < MONTHS; m++) put(ROW.months, PLAN_1 + m, { number: spec.weights[m] }, '0.###');
  markInput(ROW.months, PLAN_1, countRule, MONTHS);

  // Rows 5 and 6: column keys (hidden) with where the settings are, and headers (their words
  // and notes are keyed by column key).
  const settingCells: Record<SettingKey, [number, number]> = {
    kgi: [ROW.settings, SETTINGS.kgi],
    fiscalYear: [ROW.settings, SETTINGS.fiscalYear],
    startMonth: [ROW.settings, SETTINGS.startMonth],
    period: [ROW.settings, SETTINGS.period],
    closedThrough: [ROW.settings, SETTINGS.closedThrough],
    weights: [ROW.months, PLAN_1],
    header: [ROW.header, PLAN_1],
  };
  SETTING_KEYS.forEach((key, i) => {
    const [row, column] = settingCells[key];
    const where = ref(column, row, 'both');
    put(ROW.keys, COLUMN_KEYS.length + 1 + i, formula(`"@${key}="&ROW(${where})&","&COLUMN(${where})`));
  });
  // A month's header says its block ("Apr actual", 「4月 実績」), not only its colour. Over the
  // actuals the key row holds the fiscal month number: the key `actual_n` is read back from n.
  const monthName = (m: number) => words.monthNames[(spec.startMonth - 2 + m) % 12];
  COLUMN_KEYS.forEach((key, i) => {
    const month = /^(plan|actual)_(\d+)$/.exec(key);
    const family = month?.[1] as 'plan' | 'actual' | undefined;
    put(ROW.keys, i + 1, i === 0 ? { text: KEY_MARKER } : family === 'actual' ? { number: Number(month![2]) } : { text: key });
    const header = month && family ? fill(words.monthHeaders[family], { month: monthName(Number(month[2])) }) : (words.headers[key] ?? '');
    put(ROW.header, i + 1, header === '' ? null : { text: header }, month ? '@' : undefined);
    backgrounds[ROW.header - 1][i] = month?.[1] === 'actual' ? PALETTE.input : PALETTE.header;
    bold(ROW.header, i + 1);
    notes[ROW.header - 1][i] = words.headerNotes[key] ?? '';
  });

  // In the header row's hidden key cell: the months that have ended, by the spreadsheet's own clock (TODAY() is in its time zone): their
  // blank actuals are due whether or not anyone has closed them.
  put(HELPER.monthsDue, 1, formula(`MAX(0,MIN(${MONTHS},(YEAR(TODAY())-${fiscalYear})*12+MONTH(TODAY())-${startMonth}))`));

  // Row 1, right of the title: the latest date in each linked data sheet, by native MAX formulas.
  const links = spec.links ?? {};
  const sources = linkedSheets(links);
  if (sources.length > 0) {
    put(FRESHNESS.row, FRESHNESS.label, { text: words.links.latest });
    bold(FRESHNESS.row, FRESHNESS.label);
    sources.forEach((link, i) => {
      put(FRESHNESS.row, FRESHNESS.label + 1 + 2 * i, { text: link.sheet }, '@');
      put(FRESHNESS.row, FRESHNESS.label + 2 + 2 * i, formula(latestDate(link)), 'yyyy-mm-dd');
    });
  }

  // The first link (in row order) of each data sheet and date column counts which months have rows.
  const firstDated = new Map<string, number>();
  const datedKey = (id: string) => (links[id] ? datedBy(links[id]) : null);
  for (const node of [...nodes].sort((a, b) => rowOf.get(a.id)! - rowOf.get(b.id)!)) {
    const key = datedKey(node.id);
    if (key !== null && !firstDated.has(key)) firstDated.set(key, rowOf.get(node.id)!);
  }
  /** The row whose linked cells say which months have rows for this node's link, where that is another row. */
  const datedRowFor = (id: string, row: number) => {
    const key = datedKey(id);
    const first = key === null ? undefined : firstDated.get(key);
    return first === row ? undefined : first;
  };

  // Node rows: every column from the column table.
  for (const node of nodes) {
    const row = rowOf.get(node.id)!;
    const parent = node.parent === null ? null : byId.get(node.parent)!;
    const r = {
      node,
      row,
      parent,
      parentRow: parent ? rowOf.get(parent.id)! : 0,
      partnerRow: node.partner ? rowOf.get(node.partner.id)! : 0,
      children: arithmeticChildren(node).map((child) => ({ node: child, row: rowOf.get(child.id)! })),
      kept: spec.kept.get(node.id),
      link: links[node.id],
      datedRow: datedRowFor(node.id, row),
    };
    for (const [key, column] of Object.entries(NODE_COLUMNS)) place(row, COLUMN[key as keyof typeof NODE_COLUMNS], column(r, sheet));
    for (let m = 1; m <= MONTHS; m++) {
      place(row, PLAN_1 + m - 1, MONTH_COLUMNS.plan(r, sheet, m as Month));
      place(row, ACTUAL_1 + m - 1, MONTH_COLUMNS.actual(r, sheet, m as Month));
    }
    // Linked actuals: their own colour, and a note with the rule; not inputs, so the sheet's warning covers them.
    if (r.link) {
      const note = fill(words.links.note, { rule: ruleText(r.link, words.links.rule) });
      for (let m = 0; m < MONTHS; m++) {
        backgrounds[row - 1][ACTUAL_1 + m - 1] = PALETTE.linked;
        notes[row - 1][ACTUAL_1 + m - 1] = note;
      }
    }
  }

  // The KGI by month: plan, actual, and the landing path (actual where entered, plan after).
  const series: [string, (m: number) => string][] = [
    [words.chart.plan, (m) => ref(PLAN_1 + m, first, 'row')],
    [words.chart.actual, (m) => ref(ACTUAL_1 + m, first, 'row')],
    [
      words.chart.forecast,
      (m) => `IF(ISNUMBER(${ref(ACTUAL_1 + m, first, 'row')}),${ref(ACTUAL_1 + m, first, 'row')},${ref(PLAN_1 + m, first, 'row')})`,
    ],
  ];
  put(chartTop, COLUMN.key, { text: CHART_MARKER });
  // The chart's labels in the column before the plan months, whose columns carry its months.
  const chartLabels = PLAN_1 - 1;
  put(chartTop, chartLabels, { text: words.chart.title });
  bold(chartTop, chartLabels);
  for (let m = 0; m < MONTHS; m++) put(chartTop, PLAN_1 + m, { text: labels[m] }, '@');
  series.forEach(([label, value], i) => {
    put(chartTop + 1 + i, chartLabels, { text: label });
    for (let m = 0; m < MONTHS; m++) put(chartTop + 1 + i, PLAN_1 + m, formula(value(m)), kgiFormat);
  });

  const treeWidth = 20 + 14 * Math.max(0, ...nodes.map((n) => n.depth));
  return {
    ...grids,
    rules: statusRules(sheet, rowOf),
    inputs,
    protectionNote: words.protection,
    names: [
      { prefix: 'KPI_KGI_', range: { row: ROW.settings, column: SETTINGS.kgi, rows: 1, columns: 1 } },
      { prefix: 'KPI_PERIOD_', range: { row: ROW.settings, column: SETTINGS.period, rows: 1, columns: 1 } },
    ],
    ownedRows: [
      ...Array.from({ length: ROW.header }, (_, i) => i + 1),
      ...[...nodeRows].sort((a, b) => a - b),
      chartTop,
      chartTop + 1,
      chartTop + 2,
      chartTop + 3,
    ],
    charts: [
      {
        title: words.chart.title,
        range: { row: chartTop, column: chartLabels, rows: 4, columns: MONTHS + 1 },
        anchor: { row: chartTop + 5, column: COLUMN.label },
      },
    ],
    layout: {
      frozenRows: ROW.header,
      frozenColumns: COLUMN.label,
      hiddenColumns: [COLUMN.key, COLUMN.sensitivity, COLUMN.score],
      hiddenRows: [ROW.keys],
      // The first screen (key to annual plan) fits in about 1,000 px beside the sidebar, less
      // Sheets' row numbers: the connectors (a full-width character a level) and the labels
      // share 250 px, a deep tree taking from the labels; the figures keep 100 px each.
      columnWidths: {
        [COLUMN.tree]: treeWidth,
        [COLUMN.label]: Math.max(120, Math.min(170, 250 - treeWidth)),
        [COLUMN.definition]: 240,
        [COLUMN.unit]: 48,
        [COLUMN.role]: 90,
        [COLUMN.owner]: 110,
        [COLUMN.note]: 140,
      },
      // The monthly plans, in a group people collapse to bring the other columns near.
      columnGroups: [{ column: PLAN_1, columns: MONTHS }],
    },
    tag: JSON.stringify({
      app: 'kpi-tree',
      version: LAYOUT_VERSION,
      templateId: spec.templateId,
      lang: spec.lang,
      fiscalYear: spec.fiscalYear,
      ownerProtection: spec.ownerProtection,
      ...(sources.length > 0 ? { links } : {}),
      // An added node's plan is its default, as a template node's is: the sheet's cell, once
      // written, overrides it (and a run killed before writing it leaves a tree still whole).
      added: spec.added,
    } satisfies SheetTag),
  };
}

/**
 * Bottleneck colours as conditional-format rules, so they follow the data live: a row whose
 * input needs checking in orange, the stage to fix in red, other nodes under plan amber, on plan
 * green, blank actuals of closed months violet, and the bad input itself (the KGI, the weights,
 * an actual) in orange.
 */
function statusRules(sheet: SheetContext, rowOf: ReadonlyMap<string, number>): ConditionalRule[] {
  const { first, last, words, nodes } = sheet;
  const statusCell = at('status', first);
  // Every range of a rule starts at the first node row, or a rule has one range: whether Sheets
  // anchors relative references at the first range or at each range is not documented.
  const flagged: GridRange[] = [
    { row: first, column: COLUMN.label, rows: last - first + 1, columns: 1 },
    { row: first, column: COLUMN.period_actual, rows: last - first + 1, columns: COLUMN.status - COLUMN.period_actual + 1 },
  ];
  const rules: ConditionalRule[] = [
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.check)}`, background: PALETTE.check },
    {
      ranges: flagged,
      formula: `=${statusCell}=${quote(words.status.bottleneck)}`,
      background: PALETTE.bottleneck,
      fontColor: PALETTE.bottleneckText,
    },
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.under)}`, background: PALETTE.under },
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.on)}`, background: PALETTE.on },
  ];
  // A landing short of the annual plan (above it, where lower is better) is flagged: a rule
  // for each run of rows that agree on which way is better.
  const lowerAt = new Map(nodes.map((node: TreeNode) => [rowOf.get(node.id)!, node.lowerIsBetter === true]));
  for (let row = first; row <= last; ) {
    const lower = lowerAt.get(row) ?? false;
    let end = row;
    while (end < last && (lowerAt.get(end + 1) ?? lower) === lower) end++;
    const forecast = at('forecast', row);
    const annual = at('annual', row);
    rules.push({
      ranges: [{ row, column: COLUMN.forecast, rows: end - row + 1, columns: 1 }],
      formula: `=AND(ISNUMBER(${forecast}),${forecast}${lower ? '>' : '<'}${annual})`,
      background: PALETTE.under,
      fontColor: PALETTE.bottleneckText,
    });
    row = end + 1;
  }
  // The inputs behind a "check input": a KGI not above 0, weights that are not numbers of 0 or
  // more adding up to more than 0, and (below) typed actuals pasted as text, a negative or, as
  // counts and money are whole, a fraction.
  const kgi = ref(SETTINGS.kgi, ROW.settings, 'both');
  rules.push({
    ranges: [{ row: ROW.settings, column: SETTINGS.kgi, rows: 1, columns: 1 }],
    formula: `=NOT(AND(ISNUMBER(${kgi}),${kgi}>0))`,
    background: PALETTE.check,
  });
  const weight = ref(PLAN_1, ROW.months);
  rules.push({
    ranges: [{ row: ROW.months, column: PLAN_1, rows: 1, columns: MONTHS }],
    formula: `=OR(NOT(ISNUMBER(${weight})),${weight}<0,SUM(${span(PLAN_1, ROW.months, PLAN_1 + MONTHS - 1, ROW.months, 'both')})<=0)`,
    background: PALETTE.check,
  });
  // Blank actuals of closed months on node rows: the typed ones and the linked ones (a rate's or
  // a sum's cells hold formulas of this sheet; a link's read another sheet, so they name it with `!`).
  if (nodes.some(isTyped)) {
    const firstActual = ref(ACTUAL_1, first);
    // A rule for each run of rows that agree on whether a fraction is bad input: a level's
    // actuals take decimals (2.4 pages a visit). No level: one rule over the block.
    const decimals = new Set(nodes.filter(takesDecimals).map((node) => rowOf.get(node.id)!));
    for (let row = first; row <= last; ) {
      const levels = decimals.has(row);
      let end = row;
      while (end < last && decimals.has(end + 1) === levels) end++;
      const actual = ref(ACTUAL_1, row);
      const bad = levels ? `${actual}<0` : `OR(${actual}<0,${actual}<>INT(${actual}))`;
      rules.push({
        ranges: [{ row, column: ACTUAL_1, rows: end - row + 1, columns: MONTHS }],
        // IF, not OR: INT of text is an error, and an error never colours a cell.
        formula: `=AND(${at('key', row)}<>"",${actual}<>"",NOT(ISFORMULA(${actual})),IF(ISNUMBER(${actual}),${bad},TRUE))`,
        background: PALETTE.check,
      });
      row = end + 1;
    }
    rules.push({
      ranges: [{ row: first, column: ACTUAL_1, rows: last - first + 1, columns: MONTHS }],
      formula: `=AND(${columnLetter(ACTUAL_1)}$${ROW.keys}<=MAX(${helper(HELPER.closedMonths)},${helper(HELPER.monthsDue)}),${at('key', first)}<>"",${firstActual}="",OR(NOT(ISFORMULA(${firstActual})),ISNUMBER(SEARCH("!",FORMULATEXT(${firstActual})))))`,
      background: PALETTE.missing,
    });
  }
  return rules;
}
