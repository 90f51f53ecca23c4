import type { Lang } from '../i18n';
import { isStage, isTyped, type TreeNode } from '../tree';
import { quote, ref, span } from './a1';
import type { CellContent, Validation } from './draft';
import type { SheetWords } from './labels';
import {
  ACTUAL_1,
  COLUMN,
  HELPER,
  type KeptRow,
  MONTHS,
  type Month,
  type NodeColumnKey,
  NUMBER_FORMAT,
  PLAN_1,
  ROW,
  SETTINGS,
} from './schema';

/**
 * What each column of a node row holds: one small function per column, so "where is the
 * forecast formula" has one answer. Everything computed is a native formula over the input
 * cells, so the tree recalculates as people type, also for collaborators without the add-on.
 */

/** A node's row and the rows its formulas refer to. */
export interface NodeRow {
  readonly node: TreeNode;
  readonly row: number;
  readonly parent: TreeNode | null;
  /** 0 for the KGI. */
  readonly parentRow: number;
  /** In a product: the row of the sibling it multiplies with; 0 otherwise. */
  readonly partnerRow: number;
  /** The children that enter its arithmetic, with their rows. */
  readonly children: readonly { readonly node: TreeNode; readonly row: number }[];
  readonly kept: KeptRow | undefined;
}

/** What every row shares: the node block, the KGI, the words. */
export interface SheetContext {
  readonly first: number;
  readonly last: number;
  readonly nodes: readonly TreeNode[];
  readonly lang: Lang;
  readonly words: SheetWords;
  /** The KGI's unit format, for KGI amounts on every row. */
  readonly kgiFormat: string;
  /** Input validation, one object each, so the edge builds each rule once. */
  readonly inputRules: { readonly count: Validation; readonly rate: Validation };
}

/** A cell of a node row: its content, format, and whether people type in it (with its rule). */
export interface ColumnCell {
  readonly content: CellContent;
  readonly format?: string;
  /** Present for an input cell: the validation people's typing must pass (null for free text). */
  readonly input?: Validation | null;
  readonly bold?: boolean;
}

type Column = (r: NodeRow, sheet: SheetContext) => ColumnCell | null;

/** `$J7`-style references to a column of a row (the column locked, so rules can reuse them). */
export const at = (key: NodeColumnKey, row: number, lock: '' | 'col' | 'row' | 'both' = 'col') => ref(COLUMN[key], row, lock);
/** A whole column of the node block. */
export const nodeColumn = (key: NodeColumnKey, sheet: Pick<SheetContext, 'first' | 'last'>) =>
  span(COLUMN[key], sheet.first, COLUMN[key], sheet.last, 'both');
/** A hidden helper cell in column A. */
export const helper = (row: number) => ref(1, row, 'both');
export const actualBlock = (row: number) => span(ACTUAL_1, row, ACTUAL_1 + MONTHS - 1, row, 'col');
const planBlock = (row: number) => span(PLAN_1, row, PLAN_1 + MONTHS - 1, row, 'col');
export const monthIndex = span(ACTUAL_1, ROW.months, ACTUAL_1 + MONTHS - 1, ROW.months, 'both');
export const kgiCell = ref(SETTINGS.kgi, ROW.settings, 'both');
export const topScore = (sheet: Pick<SheetContext, 'first' | 'last'>) => `MAX(${nodeColumn('score', sheet)})`;

const formula = (f: string): CellContent => ({ formula: `=${f}` });
const text = (value: string | number): CellContent =>
  typeof value === 'number' ? { number: value } : value === '' ? null : { text: value };
const unitFormat = (r: NodeRow) => NUMBER_FORMAT[r.node.unit];

/** Flows (counts and amounts) are phased into months; a rate, a size or a level holds all year. */
const phased = (r: NodeRow) => r.node.kind !== 'factor' && !r.node.stock;
/** A rate from a flow to a level (revenue per customer) is per year: per month, 1/12. */
const perYear = (r: NodeRow) => r.node.kind === 'factor' && r.parent?.stock !== true && r.node.partner?.stock === true;
const underSum = (r: NodeRow) => r.parent?.combine === 'sum';

/** A rate from the figures of its parent and partner counts: orders ÷ deals, or 1 − that for churn. */
const derivedRate = (r: NodeRow, of: (row: number) => string) => {
  const ratio = `${of(r.parentRow)}/${of(r.partnerRow)}`;
  return `IFERROR(IF(OR(${of(r.parentRow)}="",${of(r.partnerRow)}=""),"",${r.node.complement ? `1-${ratio}` : ratio}),"")`;
};

/** The months the selected period covers, as SUMIFS/COUNTIFS criteria over the month numbers. */
const inPeriod = `${monthIndex},">="&${helper(HELPER.periodFrom)},${monthIndex},"<="&${helper(HELPER.periodTo)}`;
const lastEntered = (row: number, criteria: string) =>
  `INDEX(${actualBlock(row)},1,MAXIFS(${monthIndex},${actualBlock(row)},">=0"${criteria}))`;

/** Multiplying by 0.999999999999 keeps binary noise (7 ÷ 0.7 = 10.000000000000002) from bumping a count up. */
const ceilNoNoise = (x: string) => `ROUNDUP((${x})*0.999999999999,0)`;

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

export const NODE_COLUMNS: Record<NodeColumnKey, Column> = {
  key: (r) => ({ content: { text: r.node.id } }),
  tree: (r, sheet) => ({ content: text(connectors(r.node, sheet.nodes)) }),
  label: (r, sheet) => ({ content: { text: r.node.label[sheet.lang] }, bold: r.node.kind === 'goal' }),
  definition: (r, sheet) => ({ content: { text: r.node.definition[sheet.lang] } }),
  unit: (r, sheet) => ({ content: { text: sheet.words.units[r.node.unit] } }),
  role: (r, sheet) => ({ content: { text: sheet.words.roles[r.node.role] } }),
  owner: (r) => ({ content: text(r.kept?.owner ?? ''), input: null }),
  note: (r) => ({ content: text(r.kept?.note ?? ''), input: null }),

  // The rate or size planned, a channel's share, a tracked target, or an override of a count.
  plan_input: (r, sheet) => {
    if (r.node.kind === 'goal') return null;
    const isRate = r.node.unit === 'rate' || underSum(r);
    return {
      content: r.node.plan === undefined ? null : { number: r.node.plan },
      format: isRate ? NUMBER_FORMAT.rate : unitFormat(r),
      input: isRate ? sheet.inputRules.rate : sheet.inputRules.count,
    };
  },

  // Reverse-calculated from the KGI, each whole stage rounded up.
  annual: (r) => {
    const own = at('plan_input', r.row);
    const { node } = r;
    let annual: string;
    if (node.kind === 'goal') annual = kgiCell;
    else if (node.kind !== 'volume') annual = own;
    else if (underSum(r)) annual = `IFERROR(${ceilNoNoise(`${at('annual', r.parentRow)}*${own}`)},"")`;
    else {
      const divisor = node.partner!.complement ? `(1-${at('annual', r.partnerRow)})` : at('annual', r.partnerRow);
      annual = `IF(ISNUMBER(${own}),${own},IFERROR(${ceilNoNoise(`${at('annual', r.parentRow)}/${divisor}`)},""))`;
    }
    return { content: formula(annual), format: unitFormat(r) };
  },

  // The plan's activity multiplied forward.
  yields: (r) => {
    let yields = at('annual', r.row);
    const kids = r.children;
    if (r.node.combine === 'sum' && kids.length) yields = `SUM(${kids.map((k) => at('yields', k.row)).join(',')})`;
    if (r.node.combine === 'product' && kids.length) {
      // A product of a whole count and a rate picks up binary noise (1667 × 0.3 × 2m); four
      // decimals keep the figure true without it.
      yields = `ROUND(${kids.map((k) => (k.node.complement ? `(1-${at('yields', k.row)})` : at('yields', k.row))).join('*')},4)`;
    }
    return { content: formula(yields), format: unitFormat(r) };
  },

  // The selected period: the plan of the same months, the actual entered.
  period_plan: (r) => {
    const monthsInPeriod = `(${helper(HELPER.periodTo)}-${helper(HELPER.periodFrom)}+1)`;
    const plan = phased(r)
      ? `SUMIFS(${planBlock(r.row)},${inPeriod})`
      : perYear(r)
        ? `${at('annual', r.row)}*${monthsInPeriod}/${MONTHS}`
        : at('annual', r.row);
    return { content: formula(plan), format: unitFormat(r) };
  },
  period_actual: (r) => {
    const entered = `COUNTIFS(${actualBlock(r.row)},">=0",${inPeriod})=0`;
    const actual =
      r.node.kind === 'factor'
        ? derivedRate(r, (row) => at('period_actual', row))
        : r.node.stock
          ? `IF(${entered},"",${lastEntered(r.row, `,${inPeriod}`)})`
          : `IF(${entered},"",SUMIFS(${actualBlock(r.row)},${inPeriod}))`;
    return { content: formula(actual), format: unitFormat(r) };
  },
  achievement: (r) => {
    const plan = at('period_plan', r.row);
    const actual = at('period_actual', r.row);
    return {
      content: formula(
        r.node.lowerIsBetter === true
          ? `IF(OR(${actual}="",${actual}=0),"",${plan}/${actual})`
          : `IF(OR(${actual}="",${plan}=0),"",${actual}/${plan})`,
      ),
      format: '0.0%',
    };
  },
  gap: (r) => ({
    content: formula(`IF(${at('period_actual', r.row)}="","",${at('period_actual', r.row)}-${at('period_plan', r.row)})`),
    format: unitFormat(r),
  }),

  // What restoring this node alone to plan recovers: (plan − actual) × ∂KGI/∂node.
  recoverable: (r, sheet) => {
    if (r.node.kind === 'tracked') return null;
    const [plan, actual, slope] = [at('period_plan', r.row), at('period_actual', r.row), at('sensitivity', r.row)];
    return { content: formula(`IF(OR(${actual}="",${slope}=""),"",MAX(0,(${plan}-${actual})*${slope}))`), format: sheet.kgiFormat };
  },

  // Ties go to the earliest stage: the first row holding the top score.
  status: (r, sheet) => {
    const [plan, actual, score] = [at('period_plan', r.row), at('period_actual', r.row), at('score', r.row)];
    const above = `${ref(COLUMN.score, ROW.header, 'both')}:${ref(COLUMN.score, r.row - 1, 'col')}`;
    const isBottleneck = isStage(r.node)
      ? `AND(ISNUMBER(${score}),${score}>0,${score}=${topScore(sheet)},COUNTIF(${above},${score})=0)`
      : 'FALSE';
    const under = r.node.lowerIsBetter === true ? `${actual}>${plan}` : `${actual}<${plan}`;
    const { status } = sheet.words;
    return {
      content: formula(
        `IF(${actual}="","",IF(${isBottleneck},${quote(status.bottleneck)},IF(${under},${quote(status.under)},${quote(status.on)})))`,
      ),
    };
  },

  // The landing (着地予測): actuals entered plus the plan of every month still blank. A level
  // lands where it stands; rates follow from the counts.
  forecast: (r) => {
    const actuals = actualBlock(r.row);
    const plans = planBlock(r.row);
    const landing = r.node.stock
      ? `IF(COUNT(${actuals})=0,"",${lastEntered(r.row, '')})`
      : phased(r)
        ? `IF(COUNT(${actuals})=0,"",SUM(${actuals})+SUM(${plans})-SUMIFS(${plans},${actuals},">=0"))`
        : derivedRate(r, (row) => at('forecast', row));
    return { content: formula(landing), format: unitFormat(r) };
  },
  run_rate: (r) => {
    if (r.node.stock) return null;
    const actuals = actualBlock(r.row);
    const months = helper(HELPER.latestMonth);
    const rate = phased(r)
      ? `IF(OR(COUNT(${actuals})=0,${months}=0),"",SUM(${actuals})/${months}*${MONTHS})`
      : derivedRate(r, (row) => at('run_rate', row));
    return { content: formula(rate), format: unitFormat(r) };
  },
  // What each remaining month must bring.
  pace: (r) => {
    if (!phased(r)) return null;
    const actuals = actualBlock(r.row);
    const months = helper(HELPER.latestMonth);
    return {
      content: formula(
        `IF(OR(COUNT(${actuals})=0,${months}>=${MONTHS}),"",MAX(0,(${at('annual', r.row)}-SUM(${actuals}))/(${MONTHS}-${months})))`,
      ),
      format: unitFormat(r),
    };
  },
  trend: (r) => ({ content: formula(`SPARKLINE(${actualBlock(r.row)})`) }),

  // ∂KGI/∂node at the period's actuals: the product of the partners' actuals up the path (1 at
  // sums), negative for a churn rate.
  sensitivity: (r) => {
    if (r.node.kind === 'tracked') return null;
    if (r.parent === null) return { content: formula('1') };
    const up = at('sensitivity', r.parentRow);
    if (underSum(r)) return { content: formula(up) };
    const partnerActual = at('period_actual', r.partnerRow);
    const partnerValue = r.node.partner!.complement ? `(1-${partnerActual})` : partnerActual;
    const slope = `${up}*${partnerValue}`;
    return { content: formula(`IF(OR(${up}="",${partnerActual}=""),"",${r.node.complement ? `-${slope}` : slope})`) };
  },
  // The stage to fix recovers the most KGI; a stage with no result at all ranks first.
  score: (r) => {
    if (!isStage(r.node)) return null;
    const [plan, actual, recoverable] = [at('period_plan', r.row), at('period_actual', r.row), at('recoverable', r.row)];
    const ranked = r.node.complement ? recoverable : `IF(AND(${actual}=0,${plan}>0),10^300,${recoverable})`;
    return { content: formula(`IF(${actual}="","",${ranked})`) };
  },
};

/** The twelve month columns of each family, by fiscal month. */
export const MONTH_COLUMNS: Record<'plan' | 'actual', (r: NodeRow, sheet: SheetContext, month: Month) => ColumnCell> = {
  // Whole targets phased by cumulative rounding, so they add up to the annual exactly; rates
  // and sizes hold all year.
  plan: (r, _sheet, month) => {
    const m = month - 1;
    const annual = at('annual', r.row);
    const weights = (upTo: number) => span(PLAN_1, ROW.months, PLAN_1 + upTo, ROW.months, 'both');
    const allWeights = weights(MONTHS - 1);
    const cumulative = (upTo: number) => `ROUND(${annual}*SUM(${weights(upTo)})/SUM(${allWeights}),0)`;
    const plan = perYear(r)
      ? `${annual}/${MONTHS}`
      : !phased(r)
        ? annual
        : `IFERROR(${m === 0 ? cumulative(0) : `${cumulative(m)}-${cumulative(m - 1)}`},"")`;
    return { content: formula(plan), format: unitFormat(r) };
  },
  // Typed for counts and money; sums add up their channels; rates follow from counts.
  actual: (r, sheet, month) => {
    const column = ACTUAL_1 + month - 1;
    if (isTyped(r.node)) {
      const value = r.kept?.actuals[month - 1] ?? null;
      return { content: value === null ? null : { number: value }, format: unitFormat(r), input: sheet.inputRules.count };
    }
    if (r.node.kind === 'factor') return { content: formula(derivedRate(r, (row) => ref(column, row))), format: unitFormat(r) };
    const parts = r.children.map((k) => ref(column, k.row)).join(',');
    return { content: formula(`IF(COUNT(${parts})=0,"",SUM(${parts}))`), format: unitFormat(r) };
  },
};
