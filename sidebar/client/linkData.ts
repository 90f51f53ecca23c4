/**
 * The "Link to data" section's logic: which nodes can be linked (counts and money; a rate or a
 * total follows from others), and the rule the form sends. Pure, so it is tested without a page.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import type { Unit } from '../../src/core/tree';
import { isTyped, orderTree, type Tree } from '../../src/core/tree';
import type { LinkRule } from '../../src/rpc';
import { MESSAGES } from './text';

export interface LinkTarget {
  readonly id: string;
  readonly label: string;
  /** Why it cannot be linked; null when it can. */
  readonly refused: Localized | null;
  /** A tracked KPI beside the tree: it can also be a lead time (median days between two dates). */
  readonly leadTime: boolean;
  /** What its sum is counted in (an amount in yen, a count). */
  readonly unit: Unit;
}

/** Every node in tree order, indented; rates and totals with the reason they follow from others. */
export const linkTargets = (tree: Tree, lang: Lang): LinkTarget[] =>
  orderTree(tree).map((node) => ({
    id: node.id,
    label: `${'　'.repeat(node.depth)}${node.label[lang]}`,
    refused: !isTyped(node)
      ? node.kind === 'factor'
        ? MESSAGES.linkRate
        : MESSAGES.linkTotal
      : node.unit === 'rate'
        ? MESSAGES.linkTrackedRate
        : null,
    leadTime: node.kind === 'tracked',
    unit: node.unit,
  }));

/** Values typed for a condition: separated by commas (ASCII or Japanese) or new lines. */
export const splitValues = (typed: string): string[] =>
  typed
    .split(/[,、，\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

export interface TypedRule {
  readonly sheet: string;
  readonly date: string;
  /** Column and values as typed; a condition with no column chosen is left out. */
  readonly conditions: readonly { readonly column: string; readonly values: string }[];
  readonly amount: string;
  readonly owner: string;
  /** A lead time's start date column ('' while none is chosen); absent when the rule counts or sums. */
  readonly start?: string;
}

/** The rule to send, or the fields to fix (named as the server names them). */
export function readRule(typed: TypedRule): { rule: LinkRule | null; errors: Map<string, Localized> } {
  const errors = new Map<string, Localized>();
  if (typed.sheet === '') errors.set('sheet', MESSAGES.linkChooseSheet);
  if (typed.date === '') errors.set('date', MESSAGES.linkChooseDate);
  const conditions = typed.conditions.filter((c) => c.column !== '').map((c) => ({ column: c.column, values: splitValues(c.values) }));
  if (conditions.some((c) => c.values.length === 0)) errors.set('conditions', MESSAGES.linkValuesNeeded);
  const { start } = typed;
  if (start === '') errors.set('start', MESSAGES.linkChooseStart);
  else if (start !== undefined && start === typed.date) errors.set('start', MESSAGES.linkSameColumn);
  if (errors.size > 0) return { rule: null, errors };
  const rule: LinkRule = { sheet: typed.sheet, date: typed.date, conditions, amount: typed.amount || null, owner: typed.owner || null };
  // A lead time takes the median of days between the two dates: it sums no column.
  return { rule: start === undefined ? rule : { ...rule, amount: null, start }, errors };
}
