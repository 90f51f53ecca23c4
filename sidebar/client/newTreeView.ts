/**
 * The New tree tab: recalculates as the planner types and builds the tree sheet over RPC. When
 * a tree of the template exists, it asks first: update that tree in place, or start a second.
 */
import type { TreePlan } from '../../src/core/plan';
import type { TemplateId } from '../../src/core/templates';
import type { BuildRequest, ServerApi, TreeRef } from '../../src/rpc';
import { showBanner } from './banner';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange, say } from './dom';
import { fieldErrors, sendOnlyByButton } from './fieldErrors';
import { renderLiveDiagram } from './liveDiagram';
import { checkPlan, defaultFiscalYear, neededRows, type PlanCheck, type TypedPlan } from './newTree';
import { seasonField, showPercentNotes, typedValues } from './planFieldsView';
import type { Promisified } from './rpc';
import { MESSAGES, textFor } from './text';

export interface NewTreeHooks {
  readonly onBuilt: (tree: TreeRef) => void;
  /** A tree of the template already in the workbook, which Build would duplicate. */
  readonly existing: (templateId: TemplateId, fiscalYear: number) => TreeRef | null;
}

export function initNewTree(rpc: Promisified<ServerApi>, hooks: NewTreeHooks): void {
  const form = byId<HTMLFormElement>('plan');
  const errors = fieldErrors(form);
  const build = byId<HTMLButtonElement>('build');
  const season = seasonField('');
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

  const chosenTemplate = (): string => form.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value ?? '';

  const valueInputs = (): NodeListOf<HTMLInputElement> =>
    byId(`values-${chosenTemplate()}`).querySelectorAll<HTMLInputElement>('input[data-unit]');

  const typed = (): TypedPlan => {
    const templateId = chosenTemplate();
    return {
      templateId,
      values: typedValues(valueInputs()),
      fiscalYear: byId<HTMLInputElement>('fiscal-year').value,
      startMonth: Number(byId<HTMLSelectElement>('start-month').value),
      weights: season.typed(),
    };
  };

  const renderNeeded = (plan: TreePlan | null): void => {
    byId('needed').replaceChildren(
      ...neededRows(plan, lang()).flatMap(([label, value]) => [el('dt', undefined, label), el('dd', undefined, value)]),
    );
    renderLiveDiagram(byId<SVGSVGElement>('live-diagram'), plan, lang());
  };

  const refresh = (): PlanCheck => {
    const check = checkPlan(typed());
    lastPlan = check.plan;
    renderNeeded(check.plan);
    errors.show(check.errors);
    showPercentNotes(valueInputs());
    return check;
  };

  const chooseTemplate = (): void => {
    const chosen = chosenTemplate();
    // The chosen card's summary, in view under the cards (each card's label says its own to a screen reader).
    say(byId('tpl-summary'), chosen ? textFor(`tpl.${chosen}.summary`) : null);
    for (const values of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-template]')) {
      const active = values.dataset.template === chosen;
      values.hidden = !active;
      values.disabled = !active;
    }
  };

  sendOnlyByButton(form);
  form.addEventListener('input', () => {
    ask(null);
    refresh();
  });
  form.addEventListener('change', (event) => {
    ask(null);
    if ((event.target as HTMLInputElement).name === 'template') chooseTemplate();
    refresh();
  });
  onLangChange(() => renderNeeded(lastPlan));

  /** Builds a new tree from `request`, or changes `into` in place with the form's values. */
  const send = async (request: BuildRequest, into: TreeRef | null): Promise<void> => {
    ask(null);
    say(byId('progress-text'), into ? MESSAGES.updating : MESSAGES.building);
    byId('result').hidden = true;
    await whileBusy(
      build,
      async () => {
        const { templateId, ...update } = request;
        const result = into ? await rpc.updateTree(into.sheetName, update) : await rpc.buildTree(request);
        builtSheet = result.sheetName;
        say(byId('result-text'), into ? MESSAGES.updatedInPlace : MESSAGES.built);
        byId('result-name').textContent = result.sheetName;
        byId('result').hidden = false;
        byId('open-sheet').focus();
        hooks.onBuilt({ sheetName: result.sheetName, templateId, lang: request.lang, fiscalYear: request.fiscalYear });
      },
      { progress: byId('progress'), failed: errors.fail },
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showBanner(null);
    const { request } = refresh();
    if (!request) {
      if (!errors.focusFirst()) showBanner(MESSAGES.fixFields);
      return;
    }
    const full = { ...request, lang: lang() };
    const tree = hooks.existing(full.templateId, full.fiscalYear);
    if (!tree) return void send(full, null);
    ask({ request: full, tree });
    byId('exists-update').focus();
  });
  byId('exists-update').addEventListener('click', () => void (asking && send(asking.request, asking.tree)));
  byId('exists-new').addEventListener('click', () => void (asking && send(asking.request, null)));

  const openSheet = byId<HTMLButtonElement>('open-sheet');
  openSheet.addEventListener('click', () => void whileBusy(openSheet, () => rpc.openSheet(builtSheet)));

  const year = byId<HTMLInputElement>('fiscal-year');
  if (!year.value) year.value = String(defaultFiscalYear(new Date(), Number(byId<HTMLSelectElement>('start-month').value)));
  chooseTemplate();
  refresh();
}
