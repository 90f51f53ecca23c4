import type { Lang } from '../i18n';
import type { TemplateId } from '../templates';
import { arithmeticChildren, orderTree, type NodeDef, type Tree, type TreeNode } from '../tree';
import { cell, columnLetter, quote, span } from './grid';
import { fill, monthLabels, type SheetWords } from './labels';
import type { CellContent, ConditionalRule, GridRange, SheetPlan, Validation } from './plan';

/**
 * The layout of a KPI-tree sheet. Everything computed is a native formula over the input
 * cells, so the tree recalculates as people type, also for collaborators without the add-on.
 *
 *   row 1  title                                  A1: latest fiscal month with any actual
 *   row 2  KGI, fiscal year, start month,         A2: months closed
 *          period selector, closed through
 *   row 3  coherence (plan activity → KGI) and    A3/A4: first/last fiscal month of the period
 *          the bottleneck
 *   row 4  seasonality weights over the plan months; fiscal month numbers over the actuals
 *   row 5  (hidden) the column keys, so reading back survives inserted columns
 *   row 6  headers
 *   row 7… one row per node in tree order; column A (hidden) holds the node's id
 */
export const LAYOUT_VERSION = 1;
export const MONTHS = 12;

const monthKeys = (prefix: string) => Array.from({ length: MONTHS }, (_, i) => `${prefix}_${i + 1}`);
export const COLUMN_KEYS = [
  'key', 'tree', 'label', 'definition', 'unit', 'role', 'owner', 'note', 'plan_input', 'annual', 'yields',
  'period_plan', 'period_actual', 'achievement', 'gap', 'recoverable', 'status', 'forecast', 'run_rate', 'pace', 'trend',
  ...monthKeys('plan'), ...monthKeys('actual'), 'sensitivity', 'score',
] as const;
const C = Object.fromEntries(COLUMN_KEYS.map((key, i) => [key, i + 1])) as Record<string, number>;
const PLAN_1 = C.plan_1;
const ACTUAL_1 = C.actual_1;

export const ROW = { title: 1, settings: 2, summary: 3, months: 4, keys: 5, header: 6, firstNode: 7 } as const;
/** The key-row marker in column A: where reading a tree sheet back starts. */
export const KEY_MARKER = '@key';
/** The chart block's marker in the key column, so an update finds the block where rows moved it. */
export const CHART_MARKER = '@chart';

/** Settings cells (row 2): labels sit one column to the left of each. */
export const SETTINGS = { kgi: 3, fiscalYear: 5, startMonth: 7, period: 9, closedThrough: 11 } as const;

/**
 * The key row also says where the settings, the weights row and the header row are, by
 * formulas like `="@kgi="&ROW($C$2)&","&COLUMN($C$2)` that Sheets moves with inserted rows and
 * columns; reading back and writing settings then finds them wherever they are.
 */
export const SETTING_KEYS = ['kgi', 'fiscalYear', 'startMonth', 'period', 'closedThrough', 'weights', 'header'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const PLACE = /^@(\w+)=(\d+),(\d+)$/;

/** The table's columns, then one cell a setting in the hidden key row. */
const LAST_COLUMN = COLUMN_KEYS.length + SETTING_KEYS.length;
const HELPER = { latestMonth: 1, closedMonths: 2, periodFrom: 3, periodTo: 4 } as const;
const helper = (row: number) => cell(1, row, 'both');

export const PALETTE = {
  input: '#fef7e0',
  inputText: '#174ea6',
  header: '#f1f3f4',
  bottleneck: '#f4c7c3',
  bottleneckText: '#a50e0e',
  under: '#fce8b2',
  on: '#ceead6',
  missing: '#e9d2fd',
} as const;

/** What a person typed on a node's row, carried over a rebuild. */
export interface KeptRow {
  readonly owner: string | number;
  readonly note: string | number;
  /** Actuals by fiscal month (index 0 = first month); null where blank. */
  readonly actuals: readonly (number | null)[];
}

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
  /** Nodes beyond the template's, recorded in the sheet's tag so a rebuild keeps them. */
  readonly added: readonly NodeDef[];
  readonly kept: ReadonlyMap<string, KeptRow>;
  readonly ownerProtection: boolean;
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

export interface SheetTag {
  readonly app: 'kpi-tree';
  readonly version: number;
  readonly templateId: TemplateId;
  readonly lang: Lang;
  /** Nodes the planner added to the template's tree (process KPIs), kept with the sheet. */
  readonly added: readonly NodeDef[];
  readonly fiscalYear?: number;
  /** Whether only each row's owner edits its inputs (the protections are found by this, not by a scan). */
  readonly ownerProtection?: boolean;
}

const NUMBER_FORMAT = { yen: '"¥"#,##0', count: '#,##0', rate: '0.0%' } as const;

/** Whether a person types this node's monthly actuals (counts and money; sums and rates follow). */
export const isTyped = (node: TreeNode): boolean =>
  node.kind === 'tracked' || (node.kind !== 'factor' && node.combine !== 'sum');

/** The stages a bottleneck can name: the leaves of the arithmetic, which a team can act on. */
const isStage = (node: TreeNode): boolean => node.kind !== 'tracked' && arithmeticChildren(node).length === 0;

export function layoutTreeSheet(spec: TreeSheetSpec): SheetPlan {
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

  const grid = <T,>(fill: T): T[][] => Array.from({ length: rows }, () => Array<T>(LAST_COLUMN).fill(fill));
  const contents = grid<CellContent>(null);
  const numberFormats = grid('General');
  const backgrounds = grid<string | null>(null);
  const fontWeights = grid<'bold' | 'normal'>('normal');
  const fontColors = grid<string | null>(null);
  const notes = grid('');
  const validations = grid<Validation | null>(null);
  const inputs: GridRange[] = [];

  const put = (row: number, column: number, content: CellContent, format?: string) => {
    contents[row - 1][column - 1] = format === '@' && content !== null && 'text' in content ? { ...content, plain: true } : content;
    if (format) numberFormats[row - 1][column - 1] = format;
  };
  const text = (value: string | number): CellContent => (typeof value === 'number' ? { number: value } : value === '' ? null : { text: value });
  const formula = (f: string): CellContent => ({ formula: `=${f}` });
  const markInput = (row: number, column: number, rule: Validation | null, columns = 1) => {
    for (let c = column; c < column + columns; c++) {
      backgrounds[row - 1][c - 1] = PALETTE.input;
      fontColors[row - 1][c - 1] = PALETTE.inputText;
      validations[row - 1][c - 1] = rule;
    }
    inputs.push({ row, column, rows: 1, columns });
  };
  const countRule: Validation = { kind: 'number', min: 0, help: words.inputHelp.count };
  const rateRule: Validation = { kind: 'number', min: 0, max: 1, help: words.inputHelp.rate };

  // Row 1: title. Row 2: settings.
  put(ROW.title, 2, { text: fill(words.title, { name: spec.title, year: spec.fiscalYear }) });
  fontWeights[0][1] = 'bold';
  const settingLabels: [number, string][] = [
    [SETTINGS.kgi, words.kgi], [SETTINGS.fiscalYear, words.fiscalYear], [SETTINGS.startMonth, words.startMonth],
    [SETTINGS.period, words.period], [SETTINGS.closedThrough, words.closedThrough],
  ];
  for (const [column, label] of settingLabels) {
    put(ROW.settings, column - 1, { text: label });
    fontWeights[ROW.settings - 1][column - 2] = 'bold';
  }
  const kgiUnit = nodes[0].unit;
  put(ROW.settings, SETTINGS.kgi, { number: spec.kgi }, NUMBER_FORMAT[kgiUnit]);
  markInput(ROW.settings, SETTINGS.kgi, countRule);
  put(ROW.settings, SETTINGS.fiscalYear, { number: spec.fiscalYear }, '0');
  put(ROW.settings, SETTINGS.startMonth, { number: spec.startMonth }, '0');
  const periodChoices = [words.ytd, ...labels];
  const period = spec.period !== null && periodChoices.includes(spec.period) ? spec.period : words.ytd;
  put(ROW.settings, SETTINGS.period, { text: period }, '@');
  markInput(ROW.settings, SETTINGS.period, { kind: 'list', values: periodChoices, help: words.inputHelp.list });
  const closedChoices = [words.none, ...labels];
  put(ROW.settings, SETTINGS.closedThrough, { text: spec.closedMonths > 0 ? labels[spec.closedMonths - 1] : words.none }, '@');
  markInput(ROW.settings, SETTINGS.closedThrough, { kind: 'list', values: closedChoices, help: words.inputHelp.list });

  // Hidden helpers in column A: the months the selected period covers.
  const actualBlock = (row: number) => span(ACTUAL_1, row, ACTUAL_1 + MONTHS - 1, row, 'col');
  const monthHeader = span(ACTUAL_1, ROW.header, ACTUAL_1 + MONTHS - 1, ROW.header, 'both');
  const monthIndex = span(ACTUAL_1, ROW.months, ACTUAL_1 + MONTHS - 1, ROW.months, 'both');
  const periodCell = cell(SETTINGS.period, ROW.settings, 'both');
  const ytd = quote(words.ytd);
  const latest = labels.map((_, i) => `IF(COUNT(${span(ACTUAL_1 + i, first, ACTUAL_1 + i, last)})>0,${i + 1},0)`);
  put(HELPER.latestMonth, 1, formula(`MAX(${latest.join(',')})`));
  put(HELPER.closedMonths, 1, formula(`IFERROR(MATCH(${cell(SETTINGS.closedThrough, ROW.settings, 'both')},${monthHeader},0),0)`));
  put(HELPER.periodFrom, 1, formula(`IF(${periodCell}=${ytd},1,IFERROR(MATCH(${periodCell},${monthHeader},0),1))`));
  put(HELPER.periodTo, 1, formula(
    `IF(${periodCell}=${ytd},MAX(${helper(HELPER.latestMonth)},${helper(HELPER.closedMonths)}),IFERROR(MATCH(${periodCell},${monthHeader},0),0))`));

  // Row 3: does the plan's activity reach the KGI, and where is it breaking?
  const at = (key: string, row: number, lock: '' | 'col' | 'row' | 'both' = 'col') => cell(C[key], row, lock);
  const column = (key: string) => span(C[key], first, C[key], last, 'both');
  const kgiCell = cell(SETTINGS.kgi, ROW.settings, 'both');
  const topScore = `MAX(${column('score')})`;
  const atBottleneck = (key: string) => `INDEX(${column(key)},MATCH(${topScore},${column('score')},0))`;
  const summary: [string, string, string][] = [
    [words.yields, at('yields', first, 'both'), NUMBER_FORMAT[kgiUnit]],
    [words.ofKgi, `IFERROR(${cell(3, ROW.summary)}/${kgiCell},"")`, '0.0%'],
    [words.gap, `${cell(3, ROW.summary)}-${kgiCell}`, NUMBER_FORMAT[kgiUnit]],
    // Not plain text (`@`): Sheets would show a formula there as its source.
    [words.bottleneck, `IF(${topScore}>0,${atBottleneck('label')},${quote(words.none)})`, 'General'],
    [words.recoverable, `IF(${topScore}>0,${atBottleneck('recoverable')},"")`, NUMBER_FORMAT[kgiUnit]],
  ];
  summary.forEach(([label, f, format], i) => {
    put(ROW.summary, 2 + 2 * i, { text: label });
    fontWeights[ROW.summary - 1][1 + 2 * i] = 'bold';
    put(ROW.summary, 3 + 2 * i, formula(f), format);
  });

  // Row 4: seasonality weights (inputs) over the plan months; fiscal month numbers over the actuals.
  put(ROW.months, C.trend, { text: words.weights });
  for (let m = 0; m < MONTHS; m++) {
    put(ROW.months, PLAN_1 + m, { number: spec.weights[m] }, '0.###');
    put(ROW.months, ACTUAL_1 + m, { number: m + 1 }, '0');
  }
  markInput(ROW.months, PLAN_1, countRule, MONTHS);

  // Rows 5 and 6: column keys (hidden) with where the settings are, and headers (their words
  // and notes are keyed by column key).
  const settingCells: Record<SettingKey, [number, number]> = {
    kgi: [ROW.settings, SETTINGS.kgi], fiscalYear: [ROW.settings, SETTINGS.fiscalYear],
    startMonth: [ROW.settings, SETTINGS.startMonth], period: [ROW.settings, SETTINGS.period],
    closedThrough: [ROW.settings, SETTINGS.closedThrough], weights: [ROW.months, PLAN_1], header: [ROW.header, PLAN_1],
  };
  SETTING_KEYS.forEach((key, i) => {
    const [row, column] = settingCells[key];
    const place = cell(column, row, 'both');
    put(ROW.keys, COLUMN_KEYS.length + 1 + i, formula(`"@${key}="&ROW(${place})&","&COLUMN(${place})`));
  });
  COLUMN_KEYS.forEach((key, i) => {
    put(ROW.keys, i + 1, { text: i === 0 ? KEY_MARKER : key });
    const month = /^(plan|actual)_(\d+)$/.exec(key);
    const header = month ? labels[Number(month[2]) - 1] : words.headers[key] ?? '';
    put(ROW.header, i + 1, text(header), month ? '@' : undefined);
    backgrounds[ROW.header - 1][i] = month?.[1] === 'actual' ? PALETTE.input : PALETTE.header;
    fontWeights[ROW.header - 1][i] = 'bold';
    notes[ROW.header - 1][i] = words.headerNotes[key] ?? '';
  });

  // Node rows.
  const status = words.status;
  for (const node of nodes) {
    const r = rowOf.get(node.id)!;
    const kept = spec.kept.get(node.id);
    const parent = node.parent === null ? null : byId.get(node.parent)!;
    const p = parent ? rowOf.get(parent.id)! : 0;
    const partner = node.partner ? rowOf.get(node.partner.id)! : 0;
    const unitFormat = NUMBER_FORMAT[node.unit];
    const kids = arithmeticChildren(node);
    // Flows (counts and amounts) are phased into months; a rate, a size or a level holds all
    // year. A rate from a flow to a level (revenue per customer) is per year: per month, 1/12.
    const phased = node.kind !== 'factor' && !node.stock;
    const perYear = node.kind === 'factor' && parent?.stock !== true && node.partner?.stock === true;
    const lower = node.lowerIsBetter === true;

    put(r, C.key, { text: node.id });
    put(r, C.tree, text(connectors(node, nodes)));
    put(r, C.label, { text: node.label[spec.lang] });
    if (node.kind === 'goal') fontWeights[r - 1][C.label - 1] = 'bold';
    put(r, C.definition, { text: node.definition[spec.lang] });
    put(r, C.unit, { text: words.units[node.unit] });
    put(r, C.role, { text: words.roles[node.role] });
    put(r, C.owner, text(kept?.owner ?? ''));
    markInput(r, C.owner, null);
    put(r, C.note, text(kept?.note ?? ''));
    markInput(r, C.note, null);

    // Plan input: the rate or size, a channel's share, a tracked target, or an override.
    const underSum = parent?.combine === 'sum';
    const planInput = node.plan ?? null;
    if (node.kind !== 'goal') {
      const isRate = node.unit === 'rate' || underSum;
      put(r, C.plan_input, planInput === null ? null : { number: planInput }, isRate ? NUMBER_FORMAT.rate : unitFormat);
      markInput(r, C.plan_input, isRate ? rateRule : countRule);
    }

    // Annual plan: reverse-calculated from the KGI, each whole stage rounded up. Multiplying
    // by 0.999999999999 keeps binary noise (7 ÷ 0.7 = 10.000000000000002) from bumping it.
    const ceilNoNoise = (x: string) => `ROUNDUP((${x})*0.999999999999,0)`;
    const own = at('plan_input', r);
    let annual: string;
    if (node.kind === 'goal') annual = kgiCell;
    else if (node.kind !== 'volume') annual = own;
    else if (underSum) annual = `IFERROR(${ceilNoNoise(`${at('annual', p)}*${own}`)},"")`;
    else {
      const divisor = node.partner!.complement ? `(1-${at('annual', partner)})` : at('annual', partner);
      annual = `IF(ISNUMBER(${own}),${own},IFERROR(${ceilNoNoise(`${at('annual', p)}/${divisor}`)},""))`;
    }
    put(r, C.annual, formula(annual), unitFormat);

    // Plan yields: the plan's activity multiplied forward.
    let yields = at('annual', r);
    if (node.combine === 'sum' && kids.length) yields = `SUM(${kids.map((k) => at('yields', rowOf.get(k.id)!)).join(',')})`;
    if (node.combine === 'product' && kids.length) {
      // A product of a whole count and a rate picks up binary noise (1667 × 0.3 × 2m); four
      // decimals keep the figure true without it.
      const factors = kids.map((k) => (k.complement ? `(1-${at('yields', rowOf.get(k.id)!)})` : at('yields', rowOf.get(k.id)!)));
      yields = `ROUND(${factors.join('*')},4)`;
    }
    put(r, C.yields, formula(yields), unitFormat);

    // Months: whole targets phased by cumulative rounding, so they add up to the annual
    // exactly; rates and sizes hold all year.
    const weights = (m: number) => span(PLAN_1, ROW.months, PLAN_1 + m, ROW.months, 'both');
    const allWeights = span(PLAN_1, ROW.months, PLAN_1 + MONTHS - 1, ROW.months, 'both');
    for (let m = 0; m < MONTHS; m++) {
      const cumulative = (upTo: number) => `ROUND(${at('annual', r)}*SUM(${weights(upTo)})/SUM(${allWeights}),0)`;
      const monthPlan = perYear ? `${at('annual', r)}/${MONTHS}` : !phased
        ? at('annual', r)
        : `IFERROR(${m === 0 ? cumulative(0) : `${cumulative(m)}-${cumulative(m - 1)}`},"")`;
      put(r, PLAN_1 + m, formula(monthPlan), unitFormat);
    }

    // Actuals: typed for counts and money; sums add up their channels; rates follow from counts.
    const derivedRate = (of: (row: number) => string) => {
      const ratio = `${of(p)}/${of(partner)}`;
      return `IFERROR(IF(OR(${of(p)}="",${of(partner)}=""),"",${node.complement ? `1-${ratio}` : ratio}),"")`;
    };
    for (let m = 0; m < MONTHS; m++) {
      const c = ACTUAL_1 + m;
      const monthCell = (row: number) => cell(c, row);
      if (isTyped(node)) {
        const value = kept?.actuals[m] ?? null;
        put(r, c, value === null ? null : { number: value }, unitFormat);
        markInput(r, c, countRule);
      } else if (node.kind === 'factor') {
        put(r, c, formula(derivedRate(monthCell)), unitFormat);
      } else {
        const parts = kids.map((k) => monthCell(rowOf.get(k.id)!)).join(',');
        put(r, c, formula(`IF(COUNT(${parts})=0,"",SUM(${parts}))`), unitFormat);
      }
    }

    // The selected period.
    const inPeriod = `${monthIndex},">="&${helper(HELPER.periodFrom)},${monthIndex},"<="&${helper(HELPER.periodTo)}`;
    const entered = `COUNTIFS(${actualBlock(r)},">=0",${inPeriod})=0`;
    const lastEntered = (criteria: string) => `INDEX(${actualBlock(r)},1,MAXIFS(${monthIndex},${actualBlock(r)},">=0"${criteria}))`;
    const periodActual = node.kind === 'factor'
      ? derivedRate((row) => at('period_actual', row))
      : node.stock
        ? `IF(${entered},"",${lastEntered(`,${inPeriod}`)})`
        : `IF(${entered},"",SUMIFS(${actualBlock(r)},${inPeriod}))`;
    const monthsInPeriod = `(${helper(HELPER.periodTo)}-${helper(HELPER.periodFrom)}+1)`;
    const periodPlan = phased
      ? `SUMIFS(${span(PLAN_1, r, PLAN_1 + MONTHS - 1, r, 'col')},${inPeriod})`
      : perYear ? `${at('annual', r)}*${monthsInPeriod}/${MONTHS}` : at('annual', r);
    put(r, C.period_plan, formula(periodPlan), unitFormat);
    put(r, C.period_actual, formula(periodActual), unitFormat);

    const plan = at('period_plan', r);
    const actual = at('period_actual', r);
    put(r, C.achievement, formula(lower
      ? `IF(OR(${actual}="",${actual}=0),"",${plan}/${actual})`
      : `IF(OR(${actual}="",${plan}=0),"",${actual}/${plan})`), '0.0%');
    put(r, C.gap, formula(`IF(${actual}="","",${actual}-${plan})`), unitFormat);

    // ∂KGI/∂node at the period's actuals: the product of the partners' actuals up the path
    // (1 at sums), negative for a churn rate; restoring the node alone recovers (plan − actual) × it.
    if (node.kind !== 'tracked') {
      let sensitivity = '1';
      if (parent) {
        const up = at('sensitivity', p);
        if (underSum) sensitivity = up;
        else {
          const partnerActual = at('period_actual', partner);
          const partnerValue = node.partner!.complement ? `(1-${partnerActual})` : partnerActual;
          const slope = `${up}*${partnerValue}`;
          sensitivity = `IF(OR(${up}="",${partnerActual}=""),"",${node.complement ? `-${slope}` : slope})`;
        }
      }
      put(r, C.sensitivity, formula(sensitivity));
      const slope = at('sensitivity', r);
      put(r, C.recoverable, formula(`IF(OR(${actual}="",${slope}=""),"",MAX(0,(${plan}-${actual})*${slope}))`), NUMBER_FORMAT[kgiUnit]);
    }
    // The stage to fix recovers the most KGI; a stage with no result at all ranks first.
    const recoverable = at('recoverable', r);
    if (isStage(node)) {
      const ranked = node.complement ? recoverable : `IF(AND(${actual}=0,${plan}>0),10^300,${recoverable})`;
      put(r, C.score, formula(`IF(${actual}="","",${ranked})`));
    }
    // Ties go to the earliest stage: the first row holding the top score.
    const score = at('score', r);
    const above = `${cell(C.score, ROW.header, 'both')}:${cell(C.score, r - 1, 'col')}`;
    const isBottleneck = isStage(node)
      ? `AND(ISNUMBER(${score}),${score}>0,${score}=${topScore},COUNTIF(${above},${score})=0)`
      : 'FALSE';
    const under = lower ? `${actual}>${plan}` : `${actual}<${plan}`;
    put(r, C.status, formula(
      `IF(${actual}="","",IF(${isBottleneck},${quote(status.bottleneck)},IF(${under},${quote(status.under)},${quote(status.on)})))`));
    // The landing (着地予測): actuals entered plus the plan of every month still blank; the run
    // rate; and the monthly pace the rest of the year needs. Rates follow from the counts.
    const months = helper(HELPER.latestMonth);
    const plans = span(PLAN_1, r, PLAN_1 + MONTHS - 1, r, 'col');
    const actuals = actualBlock(r);
    if (node.stock) {
      // A level lands where it stands: the last month entered.
      put(r, C.forecast, formula(`IF(COUNT(${actuals})=0,"",${lastEntered('')})`), unitFormat);
    } else if (phased) {
      put(r, C.forecast, formula(`IF(COUNT(${actuals})=0,"",SUM(${actuals})+SUM(${plans})-SUMIFS(${plans},${actuals},">=0"))`), unitFormat);
      put(r, C.run_rate, formula(`IF(OR(COUNT(${actuals})=0,${months}=0),"",SUM(${actuals})/${months}*${MONTHS})`), unitFormat);
      put(r, C.pace, formula(`IF(OR(COUNT(${actuals})=0,${months}>=${MONTHS}),"",MAX(0,(${at('annual', r)}-SUM(${actuals}))/(${MONTHS}-${months})))`), unitFormat);
    } else {
      put(r, C.forecast, formula(derivedRate((row) => at('forecast', row))), unitFormat);
      put(r, C.run_rate, formula(derivedRate((row) => at('run_rate', row))), unitFormat);
    }
    put(r, C.trend, formula(`SPARKLINE(${actualBlock(r)})`));
  }

  // The KGI by month: plan, actual, and the landing path (actual where entered, plan after).
  const rootRow = first;
  const series: [string, (m: number) => string][] = [
    [words.chart.plan, (m) => cell(PLAN_1 + m, rootRow, 'row')],
    [words.chart.actual, (m) => cell(ACTUAL_1 + m, rootRow, 'row')],
    [words.chart.forecast, (m) => `IF(ISNUMBER(${cell(ACTUAL_1 + m, rootRow, 'row')}),${cell(ACTUAL_1 + m, rootRow, 'row')},${cell(PLAN_1 + m, rootRow, 'row')})`],
  ];
  put(chartTop, C.key, { text: CHART_MARKER });
  put(chartTop, C.trend, { text: words.chart.title });
  fontWeights[chartTop - 1][C.trend - 1] = 'bold';
  for (let m = 0; m < MONTHS; m++) put(chartTop, PLAN_1 + m, { text: labels[m] }, '@');
  series.forEach(([label, value], i) => {
    put(chartTop + 1 + i, C.trend, { text: label });
    for (let m = 0; m < MONTHS; m++) put(chartTop + 1 + i, PLAN_1 + m, formula(value(m)), NUMBER_FORMAT[kgiUnit]);
  });

  return {
    rows,
    columns: LAST_COLUMN,
    contents,
    numberFormats,
    backgrounds,
    fontWeights,
    fontColors,
    notes,
    validations,
    rules: statusRules(spec, nodes, rowOf, first, last),
    inputs,
    protectionNote: words.protection,
    names: [
      { prefix: 'KPI_KGI_', range: { row: ROW.settings, column: SETTINGS.kgi, rows: 1, columns: 1 } },
      { prefix: 'KPI_PERIOD_', range: { row: ROW.settings, column: SETTINGS.period, rows: 1, columns: 1 } },
    ],
    ownedRows: [
      ...Array.from({ length: ROW.header }, (_, i) => i + 1),
      ...[...nodeRows].sort((a, b) => a - b),
      chartTop, chartTop + 1, chartTop + 2, chartTop + 3,
    ],
    charts: [{
      title: words.chart.title,
      range: { row: chartTop, column: C.trend, rows: 4, columns: MONTHS + 1 },
      anchor: { row: chartTop + 5, column: C.label },
    }],
    layout: {
      frozenRows: ROW.header,
      frozenColumns: C.label,
      hiddenColumns: [C.key, C.sensitivity, C.score],
      hiddenRows: [ROW.keys],
      columnWidths: {
        [C.tree]: 24 + 16 * Math.max(0, ...nodes.map((n) => n.depth)), [C.label]: 170, [C.definition]: 240,
        [C.unit]: 48, [C.role]: 90, [C.owner]: 110, [C.note]: 140, [C.trend]: 100,
      },
    },
    tag: JSON.stringify({
      app: 'kpi-tree', version: LAYOUT_VERSION, templateId: spec.templateId, lang: spec.lang,
      fiscalYear: spec.fiscalYear, ownerProtection: spec.ownerProtection,
      // An added node's plan is its default, as a template node's is: the sheet's cell, once
      // written, overrides it (and a run killed before writing it leaves a tree still whole).
      added: spec.added,
    } satisfies SheetTag),
  };
}

/** `│ ├` and `└` connectors drawn from each ancestor's place among its siblings. */
function connectors(node: TreeNode, nodes: readonly TreeNode[]): string {
  if (node.depth === 0) return '';
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let prefix = node.isLast ? '└' : '├';
  for (let up = byId.get(node.parent!)!; up.depth > 0; up = byId.get(up.parent!)!) {
    prefix = (up.isLast ? '　' : '│') + prefix;
  }
  return prefix;
}

/**
 * Bottleneck colours as conditional-format rules, so they follow the data live: the stage to
 * fix in red, other nodes under plan amber, on plan green, and blank actuals of closed months.
 */
function statusRules(spec: TreeSheetSpec, nodes: readonly TreeNode[], rowOf: ReadonlyMap<string, number>, first: number, last: number): ConditionalRule[] {
  const words = spec.words;
  const statusCell = cell(C.status, first, 'col');
  // Every range of a rule starts at the first node row, or a rule has one range: whether Sheets
  // anchors relative references at the first range or at each range is not documented.
  const flagged: GridRange[] = [
    { row: first, column: C.label, rows: last - first + 1, columns: 1 },
    { row: first, column: C.achievement, rows: last - first + 1, columns: C.status - C.achievement + 1 },
  ];
  const rules: ConditionalRule[] = [
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.bottleneck)}`, background: PALETTE.bottleneck, fontColor: PALETTE.bottleneckText },
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.under)}`, background: PALETTE.under },
    { ranges: flagged, formula: `=${statusCell}=${quote(words.status.on)}`, background: PALETTE.on },
  ];
  // A landing short of the annual plan (above it, where lower is better) is flagged: a rule
  // for each run of rows that agree on which way is better.
  const lowerAt = new Map(nodes.map((node) => [rowOf.get(node.id)!, node.lowerIsBetter === true]));
  for (let row = first; row <= last;) {
    const lower = lowerAt.get(row) ?? false;
    let end = row;
    while (end < last && (lowerAt.get(end + 1) ?? lower) === lower) end++;
    const forecast = cell(C.forecast, row, 'col');
    const annual = cell(C.annual, row, 'col');
    rules.push({
      ranges: [{ row, column: C.forecast, rows: end - row + 1, columns: 1 }],
      formula: `=AND(ISNUMBER(${forecast}),${forecast}${lower ? '>' : '<'}${annual})`,
      background: PALETTE.under,
      fontColor: PALETTE.bottleneckText,
    });
    row = end + 1;
  }
  // Blank actuals of closed months on node rows: the typed ones (a rate's or a sum's cells hold formulas).
  const firstActual = cell(ACTUAL_1, first);
  rules.push({
    ranges: [{ row: first, column: ACTUAL_1, rows: last - first + 1, columns: MONTHS }],
    formula: `=AND(${columnLetter(ACTUAL_1)}$${ROW.months}<=${helper(HELPER.closedMonths)},${cell(C.key, first, 'col')}<>"",${firstActual}="",NOT(ISFORMULA(${firstActual})))`,
    background: PALETTE.missing,
  });
  return rules;
}
