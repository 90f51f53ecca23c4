/**
 * The plan form: reads what the planner typed, reverse-calculates live with the same core
 * code the server runs, and builds the tree sheet over RPC. When a tree of the template
 * exists, it asks first: update that tree in place, or start a second one. Errors sit beside
 * their field.
 */
import { KpiError, type Localized } from '../../src/core/i18n';
import { parseAmount } from '../../src/core/numbers';
import { planTree, type TreePlan } from '../../src/core/plan';
import { templateById, type Template, type TemplateId } from '../../src/core/templates';
import type { BuildRequest, ServerApi, TreeRef } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, lang, onLangChange, say } from './dom';
import { formatValue } from './format';
import { renderLiveDiagram } from './liveDiagram';
import { decodeFailure, type Promisified } from './rpc';
import { MESSAGES } from './text';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Errors = Map<string, Localized>;

const form = (): HTMLFormElement => byId<HTMLFormElement>('plan');

/** The enabled control for a field name: the chosen template's fieldset is the only one enabled. */
function fieldElement(field: string): Field | null {
  return form().querySelector<Field>(`[data-field="${CSS.escape(field)}"]:not(:disabled)`);
}

function chosenTemplate(): Template {
  const checked = form().querySelector<HTMLInputElement>('input[name="template"]:checked');
  const template = templateById(checked?.value ?? '');
  if (!template) throw new Error('No template is chosen');
  return template;
}

/** Rates and shares are typed as percent: `30` and `30%` both mean 0.3. */
export const parsePercent = (text: string): number | null => parseAmount(/%\s*$/.test(text) ? text : `${text}%`);

/** Seasonal weights pasted from a sheet row: tabs, commas or spaces between twelve numbers. */
export function parseWeights(text: string): number[] | null {
  const parts = text.trim().split(/[\s,、]+/).filter(Boolean);
  const weights = parts.map((part) => parseAmount(part));
  if (weights.length !== 12 || weights.some((w) => w === null || w < 0)) return null;
  const valid = weights as number[];
  return valid.some((w) => w > 0) ? valid : null;
}

interface Reading {
  readonly template: Template;
  readonly kgi: number | null;
  readonly inputs: Record<string, number>;
  readonly request: Omit<BuildRequest, 'lang'> | null;
  readonly errors: Errors;
}

function readForm(): Reading {
  const template = chosenTemplate();
  const errors: Errors = new Map();
  const kgi = parseAmount(fieldElement('kgi')?.value ?? '');
  if (kgi === null) errors.set('kgi', MESSAGES.notANumber);

  const inputs: Record<string, number> = {};
  const values = byId<HTMLFieldSetElement>(`values-${template.id}`);
  for (const input of values.querySelectorAll<HTMLInputElement>('input[data-unit]')) {
    const field = input.dataset.field ?? '';
    if (field === 'kgi') continue;
    const value = input.dataset.unit === 'percent' ? parsePercent(input.value) : parseAmount(input.value);
    if (value === null) errors.set(field, MESSAGES.notANumber);
    else inputs[field] = value;
  }

  const yearText = byId<HTMLInputElement>('fiscal-year').value.trim();
  const fiscalYear = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (fiscalYear === null) errors.set('fiscalYear', MESSAGES.notAYear);
  const startMonth = Number(byId<HTMLSelectElement>('start-month').value);

  const weighted = byId<HTMLInputElement>('season-weights').checked;
  const seasonality = weighted ? parseWeights(byId<HTMLTextAreaElement>('weights').value) : null;
  if (weighted && seasonality === null) errors.set('seasonality', MESSAGES.twelveWeights);

  const request = kgi !== null && fiscalYear !== null && errors.size === 0
    ? { templateId: template.id as TemplateId, kgi, inputs, fiscalYear, startMonth, seasonality }
    : null;
  return { template, kgi, inputs, request, errors };
}

/** Clears every field error, shows `errors` beside their fields; returns those no field owns. */
function showErrors(errors: Errors): Localized[] {
  for (const field of form().querySelectorAll<Field>('[data-field]')) {
    field.removeAttribute('aria-invalid');
    const message = document.getElementById(`${field.id}-err`);
    if (message) say(message, null);
  }
  const unplaced: Localized[] = [];
  for (const [name, text] of errors) {
    const field = fieldElement(name);
    const message = field && document.getElementById(`${field.id}-err`);
    if (!field || !message) {
      unplaced.push(text);
      continue;
    }
    field.setAttribute('aria-invalid', 'true');
    say(message, text);
  }
  return unplaced;
}

function renderNeeded(plan: TreePlan | null): void {
  const list = byId('needed');
  list.replaceChildren();
  for (const { node, annual } of plan?.nodes ?? []) {
    if (node.kind !== 'volume') continue;
    list.append(el('dt', undefined, node.label[lang()]), el('dd', undefined, formatValue(annual, node.unit, lang())));
  }
  renderLiveDiagram(byId<SVGSVGElement>('live-diagram'), plan, lang());
}

/** Fields that phase the plan over months; their errors do not stop the reverse calculation. */
const SCHEDULE_FIELDS = new Set(['fiscalYear', 'startMonth', 'seasonality']);

/** Reverse calculation as the planner types; its errors go beside the field they concern. */
function liveCalc(reading: Reading): { plan: TreePlan | null; errors: Errors } {
  const errors = new Map(reading.errors);
  if (reading.kgi === null || [...errors.keys()].some((k) => !SCHEDULE_FIELDS.has(k))) return { plan: null, errors };
  try {
    return { plan: planTree(reading.template, reading.kgi, reading.inputs), errors };
  } catch (error) {
    if (!(error instanceof KpiError)) throw error;
    errors.set(error.field ?? '', error.text);
    return { plan: null, errors };
  }
}

export interface PlanFormHooks {
  readonly onBuilt: (tree: TreeRef) => void;
  /** A tree of the template already in the workbook, which Build would duplicate. */
  readonly existing: (templateId: TemplateId, fiscalYear: number) => TreeRef | null;
}

export function initPlanForm(rpc: Promisified<ServerApi>, hooks: PlanFormHooks): void {
  let lastPlan: TreePlan | null = null;
  let builtSheet = '';
  /** What Build was pressed with while a tree of the template exists, until the planner chooses. */
  let asking: { request: BuildRequest; tree: TreeRef } | null = null;
  const ask = (next: typeof asking): void => {
    asking = next;
    byId('exists').hidden = next === null;
    byId('exists-name').textContent = next?.tree.sheetName ?? '';
    if (next) byId('result').hidden = true;
  };

  const refresh = (): Reading => {
    const reading = readForm();
    const { plan, errors } = liveCalc(reading);
    lastPlan = plan;
    renderNeeded(plan);
    const unplaced = showErrors(errors);
    if (unplaced.length > 0) showBanner(unplaced[0]);
    return { ...reading, errors, request: errors.size === 0 ? reading.request : null };
  };

  const chooseTemplate = (): void => {
    const chosen = chosenTemplate().id;
    for (const values of form().querySelectorAll<HTMLFieldSetElement>('fieldset[data-template]')) {
      const active = values.dataset.template === chosen;
      values.hidden = !active;
      values.disabled = !active;
    }
  };

  form().addEventListener('input', () => {
    ask(null);
    refresh();
  });
  form().addEventListener('change', (event) => {
    ask(null);
    const target = event.target as HTMLInputElement;
    if (target.name === 'template') chooseTemplate();
    if (target.name === 'season') byId<HTMLTextAreaElement>('weights').disabled = !byId<HTMLInputElement>('season-weights').checked;
    refresh();
  });
  onLangChange(() => renderNeeded(lastPlan));

  /** Builds a new tree from `request`, or changes `into` in place with the form's values. */
  const send = async (request: BuildRequest, into: TreeRef | null): Promise<void> => {
    ask(null);
    const build = byId<HTMLButtonElement>('build');
    build.disabled = true;
    say(byId('progress-text'), into ? MESSAGES.updating : MESSAGES.building);
    byId('progress').hidden = false;
    byId('result').hidden = true;
    try {
      const { templateId, ...update } = request;
      const result = into ? await rpc.updateTree(into.sheetName, update) : await rpc.buildTree(request);
      builtSheet = result.sheetName;
      say(byId('result-text'), into ? MESSAGES.updatedInPlace : MESSAGES.built);
      byId('result-name').textContent = result.sheetName;
      byId('result').hidden = false;
      byId('open-sheet').focus();
      hooks.onBuilt({ sheetName: result.sheetName, templateId, lang: request.lang, fiscalYear: request.fiscalYear });
    } catch (error) {
      const failure = decodeFailure(error);
      const unplaced = showErrors(new Map([[failure.field ?? '', failure.text]]));
      if (unplaced.length > 0) showBanner(failure.text);
      else fieldElement(failure.field ?? '')?.focus();
    } finally {
      build.disabled = false;
      byId('progress').hidden = true;
    }
  };

  form().addEventListener('submit', (event) => {
    event.preventDefault();
    showBanner(null);
    const reading = refresh();
    if (!reading.request) {
      const first = [...reading.errors.keys()].map(fieldElement).find((f) => f !== null);
      first?.focus();
      if (!first) showBanner(MESSAGES.fixFields);
      return;
    }
    const request = { ...reading.request, lang: lang() };
    const tree = hooks.existing(request.templateId, request.fiscalYear);
    if (!tree) return void send(request, null);
    ask({ request, tree });
    byId('exists-update').focus();
  });
  byId('exists-update').addEventListener('click', () => void (asking && send(asking.request, asking.tree)));
  byId('exists-new').addEventListener('click', () => void (asking && send(asking.request, null)));

  byId('open-sheet').addEventListener('click', () => {
    rpc.openSheet(builtSheet).catch((error: unknown) => showBanner(decodeFailure(error).text));
  });

  const year = byId<HTMLInputElement>('fiscal-year');
  if (!year.value) year.value = String(defaultFiscalYear(new Date(), Number(byId<HTMLSelectElement>('start-month').value)));
  chooseTemplate();
  refresh();
}

/** The fiscal year under way: in February, a year starting in April is still last year's. */
export const defaultFiscalYear = (today: Date, startMonth: number): number =>
  today.getMonth() + 1 >= startMonth ? today.getFullYear() : today.getFullYear() - 1;
