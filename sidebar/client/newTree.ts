/**
 * The New tree tab's logic: what the typed plan means, the reverse calculation as the planner
 * types (the same core code the server runs), the fiscal year a plan starts in, and the tree a
 * Build would duplicate. Pure, so it is tested without a page.
 */
import type { Lang } from '../../src/core/i18n';
import { planTree, type TreePlan } from '../../src/core/plan';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';
import type { BuildRequest, TreeRef } from '../../src/rpc';
import { formatValue } from './format';
import { type FieldMessages, parseYear, readWeights, yearTyped } from './parse';
import { planChecked, readPlanValues, type TypedValue } from './planFields';

/** The plan form as typed. */
export interface TypedPlan {
  readonly templateId: string;
  /** The chosen template's KGI and planned values. */
  readonly values: readonly TypedValue[];
  readonly fiscalYear: string;
  readonly startMonth: number;
  /** The seasonal weights, or null for an even split. */
  readonly weights: string | null;
}

export interface PlanCheck {
  /** The reverse calculation, when the KGI and planned values allow one. */
  readonly plan: TreePlan | null;
  readonly errors: FieldMessages;
  /** What Build sends (the sidebar adds its language), when nothing is wrong. */
  readonly request: Omit<BuildRequest, 'lang'> | null;
}

/** Fields that phase the plan over months; their errors do not stop the reverse calculation. */
const SCHEDULE_FIELDS = new Set(['fiscalYear', 'startMonth', 'seasonality']);

export function checkPlan(typed: TypedPlan): PlanCheck {
  const template = templateById(typed.templateId);
  if (!template) throw new Error('No template is chosen');
  const { values, errors } = readPlanValues(typed.values, orderTree(template));
  const fiscalYear = parseYear(typed.fiscalYear);
  if (fiscalYear === null) errors.set('fiscalYear', yearTyped(typed.fiscalYear));
  const seasonality = readWeights(typed.weights, errors);
  const calculable = [...errors.keys()].every((field) => SCHEDULE_FIELDS.has(field));
  const plan = calculable ? planChecked(errors, () => planTree(template, values.kgi, values.inputs)) : null;
  const request =
    fiscalYear !== null && errors.size === 0
      ? { templateId: template.id, ...values, fiscalYear, startMonth: typed.startMonth, seasonality }
      : null;
  return { plan, errors, request };
}

/** "Needed this year": each volume's annual plan as the sheet will show it, label and figure. */
export const neededRows = (plan: TreePlan | null, lang: Lang): Array<readonly [string, string]> =>
  (plan?.nodes ?? [])
    .filter(({ node }) => node.kind === 'volume')
    .map(({ node, annual }) => [node.label[lang], formatValue(annual, node.unit, lang)] as const);

/** The fiscal year under way: in February, a year starting in April is still last year's. */
export const defaultFiscalYear = (today: Date, startMonth: number): number =>
  today.getMonth() + 1 >= startMonth ? today.getFullYear() : today.getFullYear() - 1;

/** The tree a Build would duplicate: of the same template, that fiscal year's first, else the first. */
export function existingTree(trees: readonly TreeRef[], templateId: string, fiscalYear: number): TreeRef | null {
  const same = trees.filter((t) => t.templateId === templateId);
  return same.find((t) => t.fiscalYear === fiscalYear) ?? same[0] ?? null;
}
