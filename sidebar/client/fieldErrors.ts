/**
 * Messages under fields: the one way every form says what is wrong with its input. A field is
 * the enabled control named by `data-field` (the name KpiError.field uses);
 * its message is the element `<control id>-err`, which the control is described by.
 */
import type { KpiError, Localized } from '../../src/core/i18n';
import { showBanner } from './banner';
import { say } from './dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldErrors {
  /**
   * Clears every message of the form, then says each of `errors` under its field; the first
   * that no field owns goes to the banner. True when every one found its field.
   */
  show(errors: ReadonlyMap<string, Localized>): boolean;
  /** Focuses the first field marked invalid, in page order; false when none is. */
  focusFirst(): boolean;
  /** A failed call: under the field it names, focused; else in the banner. */
  fail(failure: KpiError): void;
}

/** The enabled control for a field name (a template's fieldset is enabled only while it is chosen). */
export const enabledControl = (form: HTMLFormElement, field: string): Control | null =>
  form.querySelector<Control>(`[data-field="${CSS.escape(field)}"]:not(:disabled)`);

export function fieldErrors(
  form: HTMLFormElement,
  locate: (field: string) => Control | null = (field) => enabledControl(form, field),
): FieldErrors {
  const messageOf = (control: Control): HTMLElement | null => document.getElementById(`${control.id}-err`);

  const mark = (control: Control, message: HTMLElement, text: Localized): void => {
    say(message, text);
    control.setAttribute('aria-invalid', 'true');
    const described = control.getAttribute('aria-describedby')?.split(' ') ?? [];
    if (!described.includes(message.id)) control.setAttribute('aria-describedby', [...described, message.id].join(' '));
  };

  const show = (errors: ReadonlyMap<string, Localized>): boolean => {
    for (const control of form.querySelectorAll<Control>('[data-field]')) {
      control.removeAttribute('aria-invalid');
      const message = messageOf(control);
      if (message) say(message, null);
    }
    let unplaced: Localized | null = null;
    for (const [field, text] of errors) {
      const control = locate(field);
      const message = control && messageOf(control);
      if (control && message) mark(control, message, text);
      else unplaced ??= text;
    }
    if (unplaced) showBanner(unplaced);
    return unplaced === null;
  };

  const focusFirst = (): boolean => {
    const first = form.querySelector<Control>('[aria-invalid="true"]');
    first?.focus();
    return first !== null;
  };

  return {
    show,
    focusFirst,
    fail: (failure) => {
      if (show(new Map([[failure.field ?? '', failure.text]]))) focusFirst();
    },
  };
}

/**
 * Enter in a text field does not send the form (a browser's implicit submission): a sheet is
 * built or written only by its button. Enter on a button or in a text area keeps its meaning.
 */
export function sendOnlyByButton(form: HTMLFormElement): void {
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
  });
}

/**
 * A form checked on every keystroke and sent only when nothing is wrong; else the first bad field
 * gets the focus. `check` shows what is wrong (through its FieldErrors) and returns the values,
 * or null; `typing` runs first on each keystroke.
 */
export function whenValid<T>(
  form: HTMLFormElement,
  errors: FieldErrors,
  check: () => T | null,
  send: (values: T) => Promise<void>,
  typing: () => void,
): void {
  sendOnlyByButton(form);
  form.addEventListener('input', () => {
    typing();
    check();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = check();
    if (values === null) errors.focusFirst();
    else void send(values);
  });
}
