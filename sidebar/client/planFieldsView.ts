/** Plan fields in the page: drawn from planFields' rows, filled from the sheet, read as typed; and the seasonality partial. */
import type { TreeNode } from '../../src/core/tree';
import { byId, render, say } from './dom';
import { fieldRow } from './fieldRow';
import { type FieldUnit, fieldText, percentNote } from './parse';
import { type PlanValues, planFieldRows, type TypedValue } from './planFields';

/** Draws the KGI and planned values of `nodes` into `target`; returns their inputs. */
export function drawPlanFields(target: HTMLElement, prefix: string, nodes: readonly TreeNode[]): HTMLInputElement[] {
  const rows = planFieldRows(prefix, nodes).map((model) => render(fieldRow(model)));
  target.replaceChildren(...rows);
  return rows.map((row) => row.querySelector('input')!);
}

const unitOf = (input: HTMLInputElement): FieldUnit => (input.dataset.unit === 'percent' ? 'percent' : 'amount');

export function fillPlanFields(inputs: readonly HTMLInputElement[], values: PlanValues): void {
  for (const input of inputs) {
    const name = input.dataset.field ?? '';
    const value = name === 'kgi' ? values.kgi : values.inputs[name];
    input.value = value === undefined ? '' : fieldText(value, unitOf(input));
  }
}

/** Beside each percent field, what a fraction typed there was read as (`0.3% — did you mean 30%?`). */
export function showPercentNotes(inputs: Iterable<HTMLInputElement>): void {
  for (const input of inputs) {
    const note = document.getElementById(`${input.id}-note`);
    if (note) say(note, percentNote(input.value, unitOf(input)));
  }
}

export const typedValues = (inputs: Iterable<HTMLInputElement>): TypedValue[] =>
  [...inputs].map((input) => ({ name: input.dataset.field ?? '', unit: unitOf(input), text: input.value }));

export interface SeasonField {
  /** The weights typed, or null for an even split. */
  typed(): string | null;
  /** Shows weights (`text`) chosen, or an even split with `text` ready for when they are. */
  fill(weighted: boolean, text: string): void;
}

/** The seasonality partial rendered with `prefix`: the weights are shown, and typed, only while chosen. */
export function seasonField(prefix: string): SeasonField {
  const even = byId<HTMLInputElement>(`${prefix}season-even`);
  const weighted = byId<HTMLInputElement>(`${prefix}season-weights`);
  const weights = byId<HTMLTextAreaElement>(`${prefix}weights`);
  const hint = byId(`${prefix}weights-hint`);
  // The weights box is there only while weights are chosen: an even split has nothing to type.
  const sync = (): void => {
    weights.disabled = !weighted.checked;
    weights.hidden = !weighted.checked;
    hint.hidden = !weighted.checked;
  };
  sync();
  even.addEventListener('change', sync);
  weighted.addEventListener('change', sync);
  return {
    typed: () => (weighted.checked ? weights.value : null),
    fill: (chosen, text) => {
      weighted.checked = chosen;
      even.checked = !chosen;
      weights.value = text;
      sync();
    },
  };
}
