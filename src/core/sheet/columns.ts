import type { Lang } from '../i18n';
import { isStage, isTyped, type TreeNode, takesDecimals } from '../tree';
import { quote, ref, span } from './a1';
import type { CellContent, Validation } from './draft';
import { fill, type SheetWords } from './labels';
import { type DataLink, leadTimeInPeriod, linkedActual, ruleText } from './links';
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
  /** The data its actuals fill themselves from, if linked. */
  readonly link?: DataLink;
  /**
   * The row of the first link of the same data sheet and date column, where that is another row:
   * its cells say which months have rows (see `linkedActual`).
   */
  readonly datedRow?: number;
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
  /**
   * Input validation, one object each, so the edge builds each rule once: actuals of counts and
   * money (whole numbers of 0 or more: "10.5" is refused, not shown as 11, one custom-formula
   * rule over the whole block), count targets (0 or more: a whole-number rule there would cost
   * a rule per run of target rows, which interleave with rates), sizes and averages (decimals,
   * above 0), rates and shares (above 0, at most 100%).
   */
  readonly inputRules: {
    readonly count: Validation;
    /** A count or an amount typed over the reverse calculation: its help says whole (a fraction is flagged). */
    readonly target: Validation;
    readonly size: Validation;
    readonly rate: Validation;
    readonly actual: Validation;
  };
}

/** A cell of a node row: its content, format, and whether people type in it (with its rule). */
export interface ColumnCell {
  readonly content: CellContent;
  readonly format?: string;
  /** Present for an input cell: the validation people's typing must pass (null for free text). */
  readonly input?: Validation | null;
  /** A computed cell's validation, for a rule that covers a whole block (one rule, one call). */
  readonly validation?: Validation;
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
/** The fiscal month numbers 1…12, in the hidden key row over the actuals: the period's SUMIFS criteria. */
export const monthIndex = span(ACTUAL_1, ROW.keys, ACTUAL_1 + MONTHS - 1, ROW.keys, 'both');
export const kgiCell = ref(SETTINGS.kgi, ROW.settings, 'both');
export const topScore = (sheet: Pick<SheetContext, 'first' | 'last'>) => `MAX(${nodeColumn('score', sheet)})`;

const formula = (f: string): CellContent => ({ formula: `=${f}` });
const text = (value: string | number): CellContent =>
  typeof value === 'number' ? { number: value } : value === '' ? null : { text: value };
/** Sizes and averages counted in units (0.33 purchases per customer a month) and levels show their decimals. */
export const formatOf = (node: TreeNode) =>
  (node.kind === 'factor' || takesDecimals(node)) && node.unit === 'count' ? NUMBER_FORMAT.average : NUMBER_FORMAT[node.unit];
/** A lead time's median days can be a half (an even number of rows): shown with decimals. */
const unitFormat = (r: NodeRow) => (leadTime(r) ? NUMBER_FORMAT.average : formatOf(r.node));

/** A tracked KPI linked as a lead time: median days, a level like a stock (its target holds each month). */
const leadTime = (r: NodeRow) => r.link?.start !== undefined;
/** A level at a point in time, or a lead time: neither adds up over months. */
const level = (r: NodeRow) => r.node.stock === true || leadTime(r);

/** Flows (counts and amounts) are phased into months; a rate, a size or a level holds all year. */
const phased = (r: NodeRow) => r.node.kind !== 'factor' && !level(r);
/** A rate from a flow to a level (revenue per customer) is per year: per month, 1/12. */
const perYear = (r: NodeRow) => r.node.kind === 'factor' && r.parent?.stock !== true && r.node.partner?.stock === true;
const underSum = (r: NodeRow) => r.parent?.combine === 'sum';

/**
 * Whether every cell given holds a number. Engines disagree on "" in arithmetic (0, #VALUE! or
 * blank), so a figure that may be blank is tested before it is added, multiplied or divided.
 */
export const numbers = (...cells: string[]) =>
  cells.length === 1 ? `ISNUMBER(${cells[0]})` : `AND(${cells.map((c) => `ISNUMBER(${c})`).join(',')})`;

/** A rate from the cells of its parent and partner counts: orders ÷ deals, or 1 − that for churn; 0 ÷ 0 is blank. */
export const rateOf = (node: TreeNode, parent: string, partner: string) => {
  const ratio = `${parent}/${partner}`;
  return `IF(${numbers(parent, partner)},IFERROR(${node.complement ? `1-${ratio}` : ratio},""),"")`;
};
const derivedRate = (r: NodeRow, of: (row: number) => string) => rateOf(r.node, of(r.parentRow), of(r.partnerRow));

/** Actual ÷ plan (plan ÷ actual where lower is better); blank without both figures. */
export const achievementOf = (node: TreeNode, plan: string, actual: string) =>
  node.lowerIsBetter === true
    ? `IF(AND(${numbers(plan, actual)},${actual}>0),${plan}/${actual},"")`
    : `IF(AND(${numbers(plan, actual)},${plan}>0),${actual}/${plan},"")`;

/**
 * ∂KGI/∂node at the actuals, from the cells of the parent's slope (`up`), the partner's actual and
 * plan, and the node's own actual: the partner's actual (its plan where it is a rate whose
 * denominator, this node, is 0), 1 − it for a churn rate, negative for the churn rate itself.
 */
export function slopeOf(node: TreeNode, cells: { up: string; partnerActual: string; partnerPlan: string; own: string }): string {
  const { up, partnerActual, partnerPlan, own } = cells;
  const partner = node.partner!;
  const value =
    partner.kind === 'factor'
      ? `IF(${numbers(partnerActual)},${partnerActual},IF(AND(${numbers(own)},${own}=0),${partnerPlan},""))`
      : partnerActual;
  const slope = `${up}*${partner.complement ? `(1-${value})` : value}`;
  return `IF(${numbers(up, value)},${node.complement ? `-${slope}` : slope},"")`;
}

/** What restoring a node alone to plan recovers: (plan − actual) × slope, at least 0; 0 where the slope is. */
export const recoveredOf = (plan: string, actual: string, slope: string) =>
  `IF(NOT(${numbers(plan, slope)}),"",IF(${slope}=0,0,IF(${numbers(actual)},MAX(0,(${plan}-${actual})*${slope}),"")))`;

/** The months the selected period covers, as SUMIFS/COUNTIFS criteria over the month numbers. */
const inPeriod = `${monthIndex},">="&${helper(HELPER.periodFrom)},${monthIndex},"<="&${helper(HELPER.periodTo)}`;
/**
 * The months a row's actual is entered, as a criterion: a number of 0 or more. A blank is
 * missing input, not zero; text or a negative number is bad input (flagged by `validInput`).
 */
const entered = (row: number) => `${actualBlock(row)},">=0"`;
/** A level's figure: the last month entered among those the criteria select. */
const lastEntered = (row: number, criteria: string) => `INDEX(${actualBlock(row)},1,MAXIFS(${monthIndex},${criteria}))`;
const allWeights = span(PLAN_1, ROW.months, PLAN_1 + MONTHS - 1, ROW.months, 'both');

/**
 * A rate over the period counts only the months where both of its counts are entered: a month
 * with one of them blank is missing input, so it enters neither the numerator nor the denominator.
 */
const bothEntered = (r: NodeRow) => `${entered(r.parentRow)},${entered(r.partnerRow)},${inPeriod}`;
function periodRate(r: NodeRow): string {
  const both = bothEntered(r);
  const over = (node: TreeNode, row: number) => (node.stock ? lastEntered(row, both) : `SUMIFS(${actualBlock(row)},${both})`);
  const ratio = `${over(r.parent!, r.parentRow)}/${over(r.node.partner!, r.partnerRow)}`;
  // 0 ÷ 0 (no orders, so no average deal size) is undefined: blank, and the plan stands in for
  // it in the slopes that need it (see `sensitivity`).
  return `IF(COUNTIFS(${both})=0,"",IFERROR(${r.node.complement ? `1-${ratio}` : ratio},""))`;
}

/**
 * A count rounded up without the binary noise of the division that gave it: 7 ÷ 0.7 is
 * 10.000000000000002 in a double, and must stay 10. Taking 10⁻¹⁵ off the quotient first (about
 * four units in its last place, more than one division's noise) does it, and keeps the true
 * fraction of any dividend below 10¹⁴ ÷ 10^(the divisor's decimals), the planner's exact answer:
 * 10¹³ ÷ ¥3 = 3,333,333,333,333.33 gives …334 (taking 10⁻¹² off, 3.3, gave …330); a count below
 * 10¹⁰ over a rate of four decimals. Never below the quotient's whole part, however large.
 */
export const ceilNoNoise = (x: string) => `MAX(ROUNDDOWN(${x},0),ROUNDUP((${x})*0.999999999999999,0))`;

/**
 * A recoverable amount rounded to 10 significant digits before scores are compared: one exact
 * tie computed along two paths (12000000.000000002 and 12000000.000000006) is then a tie in
 * every engine, exact or tolerant in its comparisons, and goes to the earliest stage.
 */
const significant = (x: string) => `IF(${x}>0,ROUND(${x},9-INT(LOG10(${x}))),0)`;
/**
 * A stage's rank score: a stage with nothing achieved (an actual of 0 against a plan above 0)
 * first, then what restoring it recovers, rounded by `significant`; blank when that cannot be said.
 */
export const rankOf = (node: TreeNode, plan: string, actual: string, recoverable: string) => {
  const nothingAchieved = node.complement ? 'FALSE' : `AND(${numbers(plan, actual)},${actual}=0,${plan}>0)`;
  return `IF(${nothingAchieved},${NOTHING_ACHIEVED_SCORE},IF(${numbers(recoverable)},${significant(recoverable)},""))`;
};
/** Scores above any amount: bad input first (no figure on the sheet can be trusted), then a stage with nothing achieved. */
const BAD_INPUT_SCORE = '10^301';
/** A row's score when its input needs checking: it ranks above every stage, and is no stage to fix. */
export const CHECK_INPUT_SCORE = 1e301;
const NOTHING_ACHIEVED_SCORE = '10^300';
/** Whether the row's score says its input needs checking (the score column holds `validInput` for every row). */
const badInput = (r: NodeRow) => `${at('score', r.row)}=${BAD_INPUT_SCORE}`;

/**
 * Whether a row's inputs are ones the sheet can compute with. Otherwise the row says "check input"
 * rather than turning bad input into blanks, zeros or a made-up bottleneck: a KGI above 0 and
 * twelve seasonal weights of 0 or more not all 0; a rate or size above 0 (a rate at most 100%, a
 * churn rate below it); a channel's share above 0 and at most 100%, the shares adding up to
 * 100%; a target or an override of 0 or more; and, in the period, actuals that are numbers of 0
 * or more (typing is validated, but a paste can bring text or a negative).
 */
function validInput(r: NodeRow): string {
  const { node } = r;
  const own = at('plan_input', r.row);
  const valid: string[] = [];
  if (node.kind === 'goal') {
    valid.push(`ISNUMBER(${kgiCell})`, `${kgiCell}>0`, `COUNTIF(${allWeights},">=0")=${MONTHS}`, `SUM(${allWeights})>0`);
  } else if (node.kind === 'factor') {
    valid.push(`ISNUMBER(${own})`, `${own}>0`);
    if (node.complement) valid.push(`${own}<1`);
    else if (node.unit === 'rate') valid.push(`${own}<=1`);
  } else if (node.kind === 'tracked') {
    valid.push(`ISNUMBER(${own})`, `${own}>=0`);
  } else if (underSum(r)) {
    valid.push(`ISNUMBER(${own})`, `${own}>0`, `${own}<=1`);
  } else if (node.parent !== null) {
    // Blank: reverse-calculated from the KGI. A count or an amount typed over it is whole, as
    // typed actuals are (nested IFs: INT of text is an error in every engine).
    valid.push(`IF(${own}="",TRUE,IF(ISNUMBER(${own}),AND(${own}>=0,${own}=INT(${own})),FALSE))`);
  }
  if (node.combine === 'sum') valid.push(`ROUND(SUM(${r.children.map((k) => at('plan_input', k.row)).join(',')}),6)=1`);
  // Linked cells hold formulas (blank months are ""): only an error there, a deleted data sheet's #REF!, is bad input.
  if (r.link) valid.push(`NOT(ISERROR(SUM(${actualBlock(r.row)})))`);
  else if (isTyped(node)) valid.push(`COUNTIFS(${actualBlock(r.row)},"<>",${inPeriod})=COUNTIFS(${entered(r.row)},${inPeriod})`);
  return valid.length === 1 ? valid[0] : `AND(${valid.join(',')})`;
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

export const NODE_COLUMNS: Record<NodeColumnKey, Column> = {
  key: (r) => ({ content: { text: r.node.id } }),
  tree: (r, sheet) => ({ content: text(connectors(r.node, sheet.nodes)) }),
  label: (r, sheet) => ({ content: { text: r.node.label[sheet.lang] }, bold: r.node.kind === 'goal' }),
  // A linked node's counting rule is part of its definition: every team reads the same rule.
  definition: (r, sheet) => {
    const own = r.node.definition[sheet.lang];
    if (!r.link) return { content: { text: own } };
    const rule = fill(sheet.words.links.definition, { rule: ruleText(r.link, sheet.words.links.rule) });
    return { content: { text: own === '' ? rule : `${own} ${rule}` } };
  },
  unit: (r, sheet) => ({ content: { text: sheet.words.units[r.node.unit] } }),
  role: (r, sheet) => ({ content: { text: sheet.words.roles[r.node.role] } }),
  owner: (r) => ({ content: text(r.kept?.owner ?? ''), input: null }),
  note: (r) => ({ content: text(r.kept?.note ?? ''), input: null }),

  // The rate or size planned, a channel's share, a tracked target, or an override of a count.
  plan_input: (r, sheet) => {
    if (r.node.kind === 'goal') return null;
    const isRate = r.node.unit === 'rate' || underSum(r);
    const { rate, size, count, target } = sheet.inputRules;
    return {
      content: r.node.plan === undefined ? null : { number: r.node.plan },
      format: isRate ? NUMBER_FORMAT.rate : unitFormat(r),
      input: isRate ? rate : r.node.kind === 'factor' ? size : r.node.kind === 'volume' ? target : count,
    };
  },

  // Reverse-calculated from the KGI, each whole stage rounded up; blank while an input it needs is.
  annual: (r) => {
    const own = at('plan_input', r.row);
    const { node } = r;
    const parent = at('annual', r.parentRow);
    let annual: string;
    if (node.kind === 'goal') annual = `IF(AND(${numbers(kgiCell)},${kgiCell}>0),${kgiCell},"")`;
    else if (node.kind !== 'volume') annual = `IF(${numbers(own)},${own},"")`;
    else if (underSum(r)) annual = `IF(${numbers(parent, own)},${ceilNoNoise(`${parent}*${own}`)},"")`;
    else {
      const partner = at('annual', r.partnerRow);
      const divisor = node.partner!.complement ? `(1-${partner})` : partner;
      // Nested, not AND: Sheets evaluates every argument of AND, and (1 − "") is arithmetic on "".
      const solved = `IF(${numbers(parent, partner)},IF(${divisor}>0,${ceilNoNoise(`${parent}/${divisor}`)},""),"")`;
      annual = `IF(${numbers(own)},${own},${solved})`;
    }
    return { content: formula(annual), format: unitFormat(r) };
  },

  // The plan's activity multiplied forward.
  yields: (r) => {
    let yields = at('annual', r.row);
    const kids = r.children.map((k) => at('yields', k.row));
    if (r.node.combine === 'sum' && kids.length) yields = `IF(COUNT(${kids.join(',')})<${kids.length},"",SUM(${kids.join(',')}))`;
    if (r.node.combine === 'product' && kids.length) {
      // A product of a whole count and a rate picks up binary noise (1667 × 0.3 × 2m); four
      // decimals keep the figure true without it.
      const factors = r.children.map((k, i) => (k.node.complement ? `(1-${kids[i]})` : kids[i]));
      yields = `IF(${numbers(...kids)},ROUND(${factors.join('*')},4),"")`;
    }
    return { content: formula(yields), format: unitFormat(r) };
  },

  // The selected period: each node's actual against the plan of the same months, the months
  // whose actual is entered (a blank month is missing input, not a month of zero). Until one is
  // entered, the plan of the whole period; blank while the months have no plan (bad input).
  period_plan: (r) => {
    const annual = at('annual', r.row);
    const plans = planBlock(r.row);
    let plan = annual;
    if (phased(r)) {
      plan = `IF(COUNT(${plans})<${MONTHS},"",IF(COUNTIFS(${entered(r.row)},${inPeriod})=0,SUMIFS(${plans},${inPeriod}),SUMIFS(${plans},${entered(r.row)},${inPeriod})))`;
    } else if (perYear(r)) {
      // A yearly rate over the months its ratio counts.
      const months = `IF(COUNTIFS(${bothEntered(r)})=0,${helper(HELPER.periodTo)}-${helper(HELPER.periodFrom)}+1,COUNTIFS(${bothEntered(r)}))`;
      plan = `IF(${numbers(annual)},${annual}*${months}/${MONTHS},"")`;
    }
    return { content: formula(plan), format: unitFormat(r) };
  },
  period_actual: (r) => {
    const none = `COUNTIFS(${entered(r.row)},${inPeriod})=0`;
    // A lead time is the median over the period's rows, from the data (see leadTimeInPeriod).
    const actual = r.link?.start
      ? leadTimeInPeriod(r.link, helper(HELPER.periodFrom), helper(HELPER.periodTo), at('owner', r.row))
      : r.node.kind === 'factor'
        ? periodRate(r)
        : r.node.stock
          ? `IF(${none},"",${lastEntered(r.row, `${entered(r.row)},${inPeriod}`)})`
          : `IF(${none},"",SUMIFS(${actualBlock(r.row)},${entered(r.row)},${inPeriod}))`;
    return { content: formula(actual), format: unitFormat(r) };
  },
  achievement: (r) => ({
    content: formula(achievementOf(r.node, at('period_plan', r.row), at('period_actual', r.row))),
    format: NUMBER_FORMAT.rate,
  }),
  gap: (r) => {
    const [plan, actual] = [at('period_plan', r.row), at('period_actual', r.row)];
    return { content: formula(`IF(${numbers(plan, actual)},${actual}-${plan},"")`), format: unitFormat(r) };
  },

  // What restoring this node alone to plan recovers: (plan − actual) × ∂KGI/∂node. Where that
  // slope is 0 it recovers nothing, whatever the actual: the size of an order when there are none.
  // Bad input shows here too, so the summary beside the row it names says so.
  recoverable: (r, sheet) => {
    const check = quote(sheet.words.status.check);
    if (r.node.kind === 'tracked') return { content: formula(`IF(${badInput(r)},${check},"")`), format: sheet.kgiFormat };
    const [plan, actual, slope] = [at('period_plan', r.row), at('period_actual', r.row), at('sensitivity', r.row)];
    const recovered = recoveredOf(plan, actual, slope);
    // A stage's score reads this cell, so a stage tests its input here itself.
    const bad = isStage(r.node) ? `NOT(${validInput(r)})` : badInput(r);
    return { content: formula(`IF(${bad},${check},${recovered})`), format: sheet.kgiFormat };
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
    const judged = `IF(NOT(${numbers(plan, actual)}),"",IF(${isBottleneck},${quote(status.bottleneck)},IF(${under},${quote(status.under)},${quote(status.on)})))`;
    return { content: formula(`IF(${badInput(r)},${quote(status.check)},${judged})`) };
  },

  // The landing (着地予測): actuals entered plus the plan of every month still blank. A level
  // lands where it stands; rates follow from the counts.
  forecast: (r) => {
    const actuals = actualBlock(r.row);
    const plans = planBlock(r.row);
    const landing = level(r)
      ? `IF(COUNTIF(${entered(r.row)})=0,"",${lastEntered(r.row, entered(r.row))})`
      : phased(r)
        ? `IF(COUNTIF(${entered(r.row)})=0,"",SUMIFS(${actuals},${entered(r.row)})+SUM(${plans})-SUMIFS(${plans},${entered(r.row)}))`
        : derivedRate(r, (row) => at('forecast', row));
    return { content: formula(landing), format: unitFormat(r) };
  },
  // Actual to date ÷ the months entered × 12: a blank month is not a month of zero.
  run_rate: (r) => {
    if (level(r)) return null;
    const rate = phased(r)
      ? `IF(COUNTIF(${entered(r.row)})=0,"",SUMIFS(${actualBlock(r.row)},${entered(r.row)})/COUNTIF(${entered(r.row)})*${MONTHS})`
      : derivedRate(r, (row) => at('run_rate', row));
    return { content: formula(rate), format: unitFormat(r) };
  },
  // What each remaining month must bring.
  pace: (r) => {
    if (!phased(r)) return null;
    const annual = at('annual', r.row);
    const months = helper(HELPER.latestMonth);
    return {
      content: formula(
        `IF(OR(COUNTIF(${entered(r.row)})=0,${months}>=${MONTHS},NOT(${numbers(annual)})),"",MAX(0,(${annual}-SUMIFS(${actualBlock(r.row)},${entered(r.row)}))/(${MONTHS}-${months})))`,
      ),
      format: unitFormat(r),
    };
  },
  // A line (Sheets' default chart type) through the months entered only: blank months and the
  // "" of a rate's empty months are left out, not drawn as zeros; an empty cell until one is entered.
  // https://support.google.com/docs/answer/3093289
  trend: (r) => {
    const actuals = actualBlock(r.row);
    return { content: formula(`IF(COUNT(${actuals})=0,"",SPARKLINE(FILTER(${actuals},ISNUMBER(${actuals}))))`) };
  },

  // ∂KGI/∂node at the period's actuals: the product of the partners' actuals up the path (1 at
  // sums), negative for a churn rate. A partner rate that is 0 ÷ 0 in the period (no orders, so
  // no average deal size) is undefined, not missing: its plan stands in for it.
  sensitivity: (r) => {
    if (r.node.kind === 'tracked') return null;
    if (r.parent === null) return { content: formula('1') };
    const up = at('sensitivity', r.parentRow);
    if (underSum(r)) return { content: formula(up) };
    // The partner rate's denominator is this node: its 0 makes the rate 0 ÷ 0.
    const cells = {
      up,
      partnerActual: at('period_actual', r.partnerRow),
      partnerPlan: at('period_plan', r.partnerRow),
      own: at('period_actual', r.row),
    };
    return { content: formula(slopeOf(r.node, cells)) };
  },
  // The stage to fix recovers the most KGI; a stage with no result at all ranks first. Bad input
  // anywhere ranks above both, so the summary names the row to check instead of a bottleneck.
  score: (r) => {
    if (!isStage(r.node)) return { content: formula(`IF(${validInput(r)},"",${BAD_INPUT_SCORE})`) };
    const ranked = rankOf(r.node, at('period_plan', r.row), at('period_actual', r.row), at('recoverable', r.row));
    return { content: formula(`IF(${validInput(r)},${ranked},${BAD_INPUT_SCORE})`) };
  },
};

/** The twelve month columns of each family, by fiscal month. */
export const MONTH_COLUMNS: Record<'plan' | 'actual', (r: NodeRow, sheet: SheetContext, month: Month) => ColumnCell> = {
  // Whole targets phased by cumulative rounding, so they add up to the annual exactly; rates
  // and sizes hold all year. Weights that add up to 0 leave the months blank (the KGI's row says
  // to check them).
  plan: (r, _sheet, month) => {
    const m = month - 1;
    const annual = at('annual', r.row);
    const weights = (upTo: number) => span(PLAN_1, ROW.months, PLAN_1 + upTo, ROW.months, 'both');
    const cumulative = (upTo: number) => `ROUND(${annual}*SUM(${weights(upTo)})/SUM(${allWeights}),0)`;
    const plan = perYear(r)
      ? `IF(${numbers(annual)},${annual}/${MONTHS},"")`
      : !phased(r)
        ? annual
        : `IF(${numbers(annual)},IFERROR(${m === 0 ? cumulative(0) : `${cumulative(m)}-${cumulative(m - 1)}`},""),"")`;
    return { content: formula(plan), format: unitFormat(r) };
  },
  // Typed for counts and money; sums add up their channels once all are entered; rates follow from counts.
  actual: (r, sheet, month) => {
    const column = ACTUAL_1 + month - 1;
    if (r.link) {
      const dated = r.datedRow === undefined ? null : ref(column, r.datedRow);
      return { content: formula(linkedActual(r.link, month, at('owner', r.row), dated)), format: unitFormat(r) };
    }
    if (isTyped(r.node)) {
      const value = r.kept?.actuals[month - 1] ?? null;
      // A level's actuals take decimals (2.4 pages a visit); counts and amounts are whole.
      const input = takesDecimals(r.node) ? sheet.inputRules.count : sheet.inputRules.actual;
      return { content: value === null ? null : { number: value }, format: unitFormat(r), input };
    }
    const validation = sheet.inputRules.actual;
    if (r.node.kind === 'factor') return { content: formula(derivedRate(r, (row) => ref(column, row))), format: unitFormat(r), validation };
    const parts = r.children.map((k) => ref(column, k.row)).join(',');
    return { content: formula(`IF(COUNT(${parts})<${r.children.length},"",SUM(${parts}))`), format: unitFormat(r), validation };
  },
};
