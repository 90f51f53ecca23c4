/**
 * What-if in the browser: the planner's changed KGI, rates, sizes and shares run through the
 * same core code as the sheet (planTree, recovery), with no server call. Pure functions over
 * `TreeStatus`, so they are tested without a page.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import { planTree, type TreePlan } from '../../src/core/plan';
import { type PeriodFigures, recovery } from '../../src/core/recovery';
import { orderTree, type TreeNode } from '../../src/core/tree';
import type { TreeStatus, WhatIfChange } from '../../src/rpc';
import { formatPercent, formatValue } from './format';
import type { FieldMessages } from './parse';
import { type PlanValues, planChecked, readPlanValues, type TypedValue } from './planFields';
import { MESSAGES, PHRASES } from './text';

export interface NeededChange {
  readonly node: TreeNode;
  /** The annual activity the what-if needs. */
  readonly annual: number;
  /** What the sheet's plan needs now; null when the current plan cannot be calculated. */
  readonly current: number | null;
}

export interface WhatIfResult {
  readonly plan: TreePlan;
  /** What the plan's activity yields at the root, multiplied forward. */
  readonly yields: number;
  readonly coherence: number;
  /** Every volume node's annual plan, against the current one. */
  readonly needed: readonly NeededChange[];
  /** The bottleneck under the what-if, and under the sheet's plan as it is. */
  readonly bottleneck: string | null;
  readonly bottleneckNow: string | null;
}

/** The sheet's KGI and planned values: where the what-if and update forms start. */
export function currentValues(status: Pick<TreeStatus, 'tree' | 'kgiTarget'>): PlanValues {
  const inputs: Record<string, number> = {};
  for (const node of status.tree.nodes) if (node.plan !== undefined && node.kind !== 'tracked') inputs[node.id] = node.plan;
  return { kgi: status.kgiTarget, inputs };
}

/**
 * A node's period figures under a plan: each node's period plan scales by the change in its
 * annual target (or rate), as the sheet derives one from the other. Actuals are what they are.
 */
export function whatIfFigures(status: Pick<TreeStatus, 'nodes'>, plan: TreePlan, current: TreePlan | null): Map<string, PeriodFigures> {
  const sheet = new Map(status.nodes.map((n) => [n.nodeId, n]));
  const before = new Map(current?.nodes.map((p) => [p.node.id, p.annual]) ?? []);
  const figures = new Map<string, PeriodFigures>();
  for (const { node, annual } of plan.nodes) {
    const row = sheet.get(node.id);
    const actual = row?.periodActual ?? null;
    const periodPlan = row?.periodPlan ?? null;
    const oldAnnual = row?.annual ?? before.get(node.id) ?? null;
    const scaled = periodPlan !== null && oldAnnual !== null && oldAnnual > 0 ? (periodPlan * annual) / oldAnnual : periodPlan;
    figures.set(node.id, { plan: scaled, actual });
  }
  return figures;
}

/** The sheet's plan as it stands, or null when the sheet holds values that cannot be planned. */
export function currentPlan(status: Pick<TreeStatus, 'tree' | 'kgiTarget'>): TreePlan | null {
  try {
    return planTree(status.tree, status.kgiTarget);
  } catch {
    return null;
  }
}

const bottleneckOf = (status: Pick<TreeStatus, 'nodes'>, plan: TreePlan, current: TreePlan | null): string | null =>
  recovery(
    plan.nodes.map((p) => p.node),
    whatIfFigures(status, plan, current),
  ).bottleneck;

/**
 * Runs a what-if. Throws the KpiError planTree throws for bad input, naming the field.
 * `current` is the sheet's plan (currentPlan), worked out once per status.
 */
export function runWhatIf(
  status: Pick<TreeStatus, 'tree' | 'kgiTarget' | 'nodes'>,
  current: TreePlan | null,
  values: PlanValues,
): WhatIfResult {
  const plan = planTree(status.tree, values.kgi, values.inputs);
  const before = new Map(current?.nodes.map((p) => [p.node.id, p.annual]) ?? []);
  const root = plan.nodes[0];
  return {
    plan,
    yields: root.yields,
    coherence: plan.coherence,
    needed: plan.nodes
      .filter((p) => p.node.kind === 'volume')
      .map((p) => ({ node: p.node, annual: p.annual, current: before.get(p.node.id) ?? null })),
    bottleneck: bottleneckOf(status, plan, current),
    bottleneckNow: current ? bottleneckOf(status, current, current) : null,
  };
}

/** Only what the planner changed: the sheet is written cell by cell, and only where it moves. */
export function changedValues(status: Pick<TreeStatus, 'tree' | 'kgiTarget'>, values: PlanValues): WhatIfChange {
  const now = currentValues(status);
  const inputs: Record<string, number> = {};
  for (const [id, value] of Object.entries(values.inputs)) if (now.inputs[id] !== value) inputs[id] = value;
  return values.kgi !== now.kgi ? { kgi: values.kgi, inputs } : { inputs };
}

/**
 * The what-if of the values typed, or what is wrong with them. Input the core refuses goes
 * beside the field it names, or the KGI's when the form has no such field.
 */
export function checkWhatIf(
  status: Pick<TreeStatus, 'tree' | 'kgiTarget' | 'nodes'>,
  current: TreePlan | null,
  typed: readonly TypedValue[],
): { result: WhatIfResult | null; values: PlanValues | null; errors: FieldMessages } {
  const { values, errors } = readPlanValues(typed, orderTree(status.tree));
  const names = new Set(typed.map((t) => t.name));
  const place = (field?: string): string => (field !== undefined && names.has(field) ? field : 'kgi');
  const result = errors.size === 0 ? planChecked(errors, () => runWhatIf(status, current, values), place) : null;
  return { result, values: result && values, errors };
}

/** 'kgi' or a node's label; null for no node. */
export function labelOf(nodes: readonly TreeNode[], id: string | null): Localized | null {
  if (id === 'kgi') return MESSAGES.kgi;
  return nodes.find((n) => n.id === id)?.label ?? null;
}

export interface WhatIfLine {
  readonly term: Localized;
  /** Null for a heading over the lines that follow. */
  readonly value: string | null;
  readonly termId?: string;
  readonly valueId?: string;
}

/** The what-if's outcome as terms and figures: what the plan yields, the activity needed (and its change), the bottleneck. */
export function whatIfLines(result: WhatIfResult, nodes: readonly TreeNode[], lang: Lang): WhatIfLine[] {
  const root = nodes[0];
  const needed = result.needed.map((need): WhatIfLine => {
    const change = need.current === null ? null : need.annual - need.current;
    const delta =
      change === null
        ? ''
        : change === 0
          ? ` (${MESSAGES.noChange[lang]})`
          : ` (${change > 0 ? '+' : '−'}${formatValue(Math.abs(change), need.node.unit, lang)})`;
    return { term: need.node.label, value: `${formatValue(need.annual, need.node.unit, lang)}${delta}`, termId: `w-need-${need.node.id}` };
  });
  const now = labelOf(nodes, result.bottleneck);
  const before = labelOf(nodes, result.bottleneckNow);
  const bottleneck = !now
    ? MESSAGES.noBottleneckShort
    : result.bottleneck === result.bottleneckNow
      ? { en: `${now.en} (${MESSAGES.unchanged.en})`, ja: `${now.ja}（${MESSAGES.unchanged.ja}）` }
      : PHRASES.bottleneckChanged(now, before);
  return [
    {
      term: MESSAGES.whatIfYields,
      value: PHRASES.ofKgi(formatValue(result.yields, root.unit, lang), formatPercent(result.coherence, lang))[lang],
    },
    { term: MESSAGES.whatIfNeeded, value: null },
    ...needed,
    { term: MESSAGES.whatIfBottleneck, value: bottleneck[lang], valueId: 'whatif-bottleneck' },
  ];
}

/** What applying wrote, by the labels of the cells that changed. */
export function writtenText(nodes: readonly TreeNode[], written: readonly string[]): Localized {
  const labels = written.map((id) => labelOf(nodes, id) ?? { en: id, ja: id });
  return labels.length > 0 ? PHRASES.written(labels) : MESSAGES.nothingWritten;
}
