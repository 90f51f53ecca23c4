/**
 * A tree's KGI and planned values as inputs, drawn as the plan form's field partial draws
 * them: what-if and "Update this tree" both edit them, prefilled from the sheet.
 */
import type { Localized } from '../../src/core/i18n';
import { parseAmount } from '../../src/core/numbers';
import type { TreeNode } from '../../src/core/tree';
import { el, say } from './dom';
import { plannedFields, type FieldUnit } from './fields';
import { parsePercent } from './form';
import { percentText } from './format';
import { MESSAGES } from './text';
import type { WhatIfValues } from './whatIf';

export interface PlanField {
  /** 'kgi' or a node id: the names KpiError.field uses. */
  readonly name: string;
  readonly unit: FieldUnit;
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const valueText = (value: number, unit: FieldUnit): string => (unit === 'percent' ? percentText(value) : grouped.format(value));

function affix(text: string): HTMLElement {
  const span = el('span', 'affix', text);
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** One labelled input with its error line; its id is `<prefix>-<name>`. */
function fieldRow(prefix: string, name: string, label: Localized, unit: FieldUnit, yen: boolean): PlanField {
  const id = `${prefix}-${name}`;
  const wrap = el('div', 'field');
  const labelEl = el('label');
  labelEl.htmlFor = id;
  say(labelEl, label);
  const box = el('div', 'input-wrap');
  const input = el('input');
  Object.assign(input, { id, type: 'text', autocomplete: 'off', spellcheck: false });
  input.inputMode = 'decimal';
  input.dataset.field = name;
  input.setAttribute('aria-describedby', `${id}-err`);
  if (yen) box.append(affix('¥'));
  box.append(input);
  if (unit === 'percent') box.append(affix('%'));
  const error = el('p', 'error');
  error.id = `${id}-err`;
  error.setAttribute('aria-live', 'polite');
  wrap.append(labelEl, box, error);
  return { name, unit, input, error };
}

/** The KGI (labelled with the root's name) and every planned value of `nodes` (tree order), in `target`. */
export function drawPlanFields(target: HTMLElement, prefix: string, nodes: readonly TreeNode[]): PlanField[] {
  const root = nodes[0];
  const fields = [
    fieldRow(prefix, 'kgi', { en: `${MESSAGES.kgi.en} · ${root.label.en}`, ja: `${MESSAGES.kgi.ja}・${root.label.ja}` }, 'amount', root.unit === 'yen'),
    ...plannedFields(nodes).map(({ node, unit }) => fieldRow(prefix, node.id, node.label, unit, node.unit === 'yen')),
  ];
  target.replaceChildren(...fields.map((f) => f.input.closest('.field')!));
  return fields;
}

export function fillPlanFields(fields: readonly PlanField[], values: WhatIfValues): void {
  for (const field of fields) {
    const value = field.name === 'kgi' ? values.kgi : values.inputs[field.name];
    field.input.value = value === undefined ? '' : valueText(value, field.unit);
  }
}

/** The fields' values (rates as fractions), and the fields that do not hold a number. */
export function readPlanFields(fields: readonly PlanField[]): { values: WhatIfValues; errors: Map<string, Localized> } {
  const errors = new Map<string, Localized>();
  const inputs: Record<string, number> = {};
  let kgi = 0;
  for (const field of fields) {
    const value = field.unit === 'percent' ? parsePercent(field.input.value) : parseAmount(field.input.value);
    if (value === null) errors.set(field.name, MESSAGES.notANumber);
    else if (field.name === 'kgi') kgi = value;
    else inputs[field.name] = value;
  }
  return { values: { kgi, inputs }, errors };
}

/** Shows `text` beside `control` (null clears it), and marks the control invalid while it is said. */
export function markInvalid(control: HTMLElement, error: HTMLElement, text: Localized | null): void {
  say(error, text);
  if (text) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}
