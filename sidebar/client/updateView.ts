/**
 * "Update this tree" under the status: the selected tree's KGI, planned values, weights and
 * language, prefilled from the sheet and checked as the plan form checks them. It sends only
 * what changed, the sheet changes in place (typed actuals, owners and notes kept), and the
 * server's refusals show beside their field.
 */
import { KpiError, type Lang, type Localized } from '../../src/core/i18n';
import { planTree } from '../../src/core/plan';
import { orderTree } from '../../src/core/tree';
import type { ServerApi, TreeStatus } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, say } from './dom';
import { parseWeights } from './form';
import { drawPlanFields, fillPlanFields, markInvalid, readPlanFields, type PlanField } from './planFields';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './status';
import { MESSAGES, PHRASES } from './text';
import { seasonOf, treeUpdate, type UpdateValues } from './update';
import { currentValues } from './whatIf';

interface Control {
  /** 'kgi', a node id, 'seasonality' or 'lang': the names KpiError.field uses. */
  readonly name: string;
  readonly control: HTMLElement;
  readonly error: HTMLElement;
}

export function initUpdate(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('update-form');
  const even = byId<HTMLInputElement>('u-season-even');
  const weighted = byId<HTMLInputElement>('u-season-weights');
  const weights = byId<HTMLTextAreaElement>('u-weights');
  const treeLang = byId<HTMLSelectElement>('u-lang');
  const apply = byId<HTMLButtonElement>('update-apply');
  const result = byId('update-result');
  let loaded: TreeStatus | null = null;
  let fields: PlanField[] = [];
  let controls: Control[] = [];

  /** Shows `errors` beside their controls, clearing the others; returns the texts no control owns. */
  const showErrors = (errors: ReadonlyMap<string, Localized>): Localized[] => {
    for (const { name, control, error } of controls) markInvalid(control, error, errors.get(name) ?? null);
    return [...errors].filter(([name]) => !controls.some((c) => c.name === name)).map(([, text]) => text);
  };
  const focusInvalid = (): void => controls.find((c) => c.control.getAttribute('aria-invalid') === 'true')?.control.focus();

  /** The form's values, or null when one is wrong (said beside it). */
  const read = (): UpdateValues | null => {
    if (!loaded) return null;
    const { values, errors } = readPlanFields(fields);
    const seasonality = weighted.checked ? parseWeights(weights.value) : null;
    if (weighted.checked && seasonality === null) errors.set('seasonality', MESSAGES.twelveWeights);
    if (errors.size === 0) {
      try {
        planTree(loaded.tree, values.kgi, values.inputs);
      } catch (error) {
        if (!(error instanceof KpiError)) throw error;
        errors.set(error.field ?? '', error.text);
      }
    }
    const unplaced = showErrors(errors);
    if (unplaced.length > 0) showBanner(unplaced[0]);
    return errors.size === 0 ? { ...values, seasonality, lang: treeLang.value as Lang } : null;
  };

  const fill = (next: TreeStatus): void => {
    fields = drawPlanFields(byId('update-fields'), 'u', orderTree(next.tree));
    fillPlanFields(fields, currentValues(next));
    controls = [
      ...fields.map((f) => ({ name: f.name, control: f.input, error: f.error })),
      { name: 'seasonality', control: weights, error: byId('u-weights-err') },
      { name: 'lang', control: treeLang, error: byId('u-lang-err') },
    ];
    const season = seasonOf(next.weights);
    weighted.checked = season !== null;
    even.checked = season === null;
    weights.disabled = season === null;
    weights.value = next.weights.every((w) => w !== null) ? next.weights.join(' ') : '';
    treeLang.value = next.lang;
    showErrors(new Map());
  };

  status.onStatus((next) => {
    byId('update').hidden = next === null;
    if (loaded?.sheetName !== next?.sheetName) say(result, null);
    loaded = next;
    if (next) fill(next);
  });

  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'u-season') weights.disabled = !weighted.checked;
  });
  form.addEventListener('input', () => {
    say(result, null);
    read();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tree = status.current();
    const values = read();
    if (!values || !loaded || !tree) {
      focusInvalid();
      return;
    }
    apply.disabled = true;
    byId('update-progress').hidden = false;
    say(result, null);
    try {
      const updated = await rpc.updateTree(tree.sheetName, treeUpdate(loaded, values));
      status.addTree({ ...tree, sheetName: updated.sheetName, lang: values.lang });
      await status.load();
      say(result, PHRASES.updated(updated.sheetName));
    } catch (error) {
      const failure = decodeFailure(error);
      const unplaced = showErrors(new Map([[failure.field ?? '', failure.text]]));
      if (unplaced.length > 0) showBanner(failure.text);
      else focusInvalid();
    } finally {
      apply.disabled = false;
      byId('update-progress').hidden = true;
    }
  });
}
