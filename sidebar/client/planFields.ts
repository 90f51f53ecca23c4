/**
 * A tree's KGI and planned values as form fields: which nodes a planner sets, their rows, and
 * what the typed texts mean. The New tree tab's rows are drawn at build time (model.ts); What-if
 * and "Update this tree" draw the selected tree's at run time (planFieldsView.ts).
 */
import { KpiError, type Localized } from '../../src/core/i18n';
import { type FieldRule, typedWrong } from '../../src/core/inputErrors';
import type { TreeNode } from '../../src/core/tree';
import type { FieldModel, FieldText } from './fieldRow';
import { type FieldMessages, type FieldUnit, readTyped, typedAs } from './parse';
import { MESSAGES } from './text';

/** The KGI and each planned value (fractions for rates), by node id. */
export interface PlanValues {
  readonly kgi: number;
  readonly inputs: Readonly<Record<string, number>>;
}

export interface PlannedField {
  readonly node: TreeNode;
  readonly unit: FieldUnit;
}

/** The values a planner sets for a tree: factors (rates, sizes) and channel shares of sums. */
export function plannedFields(nodes: readonly TreeNode[]): PlannedField[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes.flatMap((node): PlannedField[] => {
    if (node.kind === 'factor') return [{ node, unit: node.unit === 'rate' ? 'percent' : 'amount' }];
    const parent = node.parent === null ? undefined : byId.get(node.parent);
    if (node.kind === 'volume' && parent?.combine === 'sum') return [{ node, unit: 'percent' }];
    return [];
  });
}

export type PlanFieldModel = FieldModel & { readonly unit: FieldUnit };

/** The row of a figure of `node` (the KGI's, for the root): ¥ before yen, % after percent. */
export const planFieldRow = (
  id: string,
  field: string,
  unit: FieldUnit,
  node: TreeNode,
  texts: { readonly label: FieldText; readonly sub?: FieldText; readonly hint?: FieldText; readonly value?: string },
): PlanFieldModel => ({
  id,
  field,
  unit,
  label: texts.label,
  sub: texts.sub ?? '',
  hint: texts.hint ?? '',
  value: texts.value ?? '',
  prefix: unit === 'amount' && node.unit === 'yen' ? '¥' : '',
  suffix: unit === 'percent' ? '%' : '',
});

/** The KGI (labelled with the root's name) and every planned value of `nodes` (tree order); ids `<prefix>-<name>`. */
export function planFieldRows(prefix: string, nodes: readonly TreeNode[]): PlanFieldModel[] {
  const root = nodes[0];
  const kgi = { en: `${MESSAGES.kgi.en} · ${root.label.en}`, ja: `${MESSAGES.kgi.ja}・${root.label.ja}` };
  return [
    planFieldRow(`${prefix}-kgi`, 'kgi', 'amount', root, { label: kgi, hint: kgiHint(root) }),
    ...plannedFields(nodes).map(({ node, unit }) => planFieldRow(`${prefix}-${node.id}`, node.id, unit, node, { label: node.label })),
  ];
}

/** A field's text as typed: `name` is 'kgi' or a node id. */
export interface TypedValue {
  readonly name: string;
  readonly unit: FieldUnit;
  readonly text: string;
}

/** The KGI's example, in its unit: an amount of yen, or a count (the inside-sales KGI is meetings). */
export const kgiHint = (root: TreeNode): string => (root.unit === 'yen' ? 'kgiHint' : 'kgiCountHint');

/** What a planned value's field accepts, said as a planner reads it. */
function ruleOf(node: TreeNode, unit: FieldUnit): FieldRule {
  if (unit === 'percent') {
    if (node.complement) return { kind: 'percent', range: 'belowHundred', accepts: (n) => n > 0 && n < 1 };
    return { kind: 'percent', range: 'upToHundred', accepts: (n) => n > 0 && n <= 1 };
  }
  return { kind: node.unit === 'yen' ? 'yen' : 'count', range: 'positive', accepts: (n) => n > 0 };
}

/** A field's name in messages: the KGI, or the node's label. */
const fieldName = (name: string, node: TreeNode): Localized => (name === 'kgi' ? MESSAGES.kgiShort : node.label);

/**
 * The values typed (rates as fractions) and, for every field at once, what is wrong with it in
 * a planner's words: a percentage in a money or count field, a rate out of its range, channel
 * shares that do not add up to 100%. `nodes` is the tree in order, its KGI first.
 */
export function readPlanValues(typed: readonly TypedValue[], nodes: readonly TreeNode[]): { values: PlanValues; errors: FieldMessages } {
  const errors: FieldMessages = new Map();
  const inputs: Record<string, number> = {};
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let kgi = 0;
  for (const { name, unit, text } of typed) {
    const node = name === 'kgi' ? nodes[0] : byId.get(name);
    if (!node) continue;
    const rule = ruleOf(node, unit);
    const { value, problem } = readTyped(text, unit, rule);
    if (problem !== null) errors.set(name, typedWrong(fieldName(name, node), rule, typedAs(text, unit), problem));
    else if (name === 'kgi') kgi = value;
    else inputs[name] = value;
  }
  for (const parent of nodes.filter((n) => n.combine === 'sum')) {
    const shares = typed.filter((t) => byId.get(t.name)?.parent === parent.id);
    if (shares.length === 0 || shares.some((t) => errors.has(t.name))) continue;
    const millionths = shares.reduce((total, t) => total + Math.round(inputs[t.name] * 1e6), 0);
    if (millionths !== 1e6) errors.set(shares[shares.length - 1].name, sharesOff(parent.label, millionths / 1e4));
  }
  return { values: { kgi, inputs }, errors };
}

const sharesOff = (parent: Localized, total: number): Localized => ({
  en: `The shares of ${parent.en} add up to ${total}%; they must add up to 100%.`,
  ja: `${parent.ja}の構成比の合計が ${total}% です。合計を 100% にしてください。`,
});

/**
 * Runs the core's plan calculation on typed values. Input it refuses (a KpiError) goes into
 * `errors` under `place(field)`: the field it names unless the form has no such field.
 */
export function planChecked<T>(errors: FieldMessages, run: () => T, place = (field?: string): string => field ?? ''): T | null {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof KpiError)) throw error;
    errors.set(place(error.field), error.text);
    return null;
  }
}
