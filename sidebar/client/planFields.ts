/**
 * A tree's KGI and planned values as form fields: which nodes a planner sets, their rows, and
 * what the typed texts mean. The New tree tab's rows are drawn at build time (model.ts); What-if
 * and "Update this tree" draw the selected tree's at run time (planFieldsView.ts).
 */
import { KpiError } from '../../src/core/i18n';
import type { TreeNode } from '../../src/core/tree';
import type { FieldModel, FieldText } from './fieldRow';
import { type FieldMessages, type FieldUnit, parseField } from './parse';
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
  prefix: node.unit === 'yen' ? '¥' : '',
  suffix: unit === 'percent' ? '%' : '',
});

/** The KGI (labelled with the root's name) and every planned value of `nodes` (tree order); ids `<prefix>-<name>`. */
export function planFieldRows(prefix: string, nodes: readonly TreeNode[]): PlanFieldModel[] {
  const root = nodes[0];
  const kgi = { en: `${MESSAGES.kgi.en} · ${root.label.en}`, ja: `${MESSAGES.kgi.ja}・${root.label.ja}` };
  return [
    planFieldRow(`${prefix}-kgi`, 'kgi', 'amount', root, { label: kgi }),
    ...plannedFields(nodes).map(({ node, unit }) => planFieldRow(`${prefix}-${node.id}`, node.id, unit, node, { label: node.label })),
  ];
}

/** A field's text as typed: `name` is 'kgi' or a node id. */
export interface TypedValue {
  readonly name: string;
  readonly unit: FieldUnit;
  readonly text: string;
}

/** The values typed (rates as fractions), and the fields that do not hold a number. */
export function readPlanValues(typed: readonly TypedValue[]): { values: PlanValues; errors: FieldMessages } {
  const errors: FieldMessages = new Map();
  const inputs: Record<string, number> = {};
  let kgi = 0;
  for (const { name, unit, text } of typed) {
    const value = parseField(text, unit);
    if (value === null) errors.set(name, MESSAGES.notANumber);
    else if (name === 'kgi') kgi = value;
    else inputs[name] = value;
  }
  return { values: { kgi, inputs }, errors };
}

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
