/**
 * The "Add a process KPI" section: a catalogue KPI (or one named by the planner) added beneath
 * the node it feeds in the selected tree. Catalogue texts are set as text.
 */
import type { Localized } from '../../src/core/i18n';
import { PROCESS_KPI_GROUPS, type ProcessKpiGroup } from '../../src/core/processKpis';
import type { TreeNode } from '../../src/core/tree';
import type { ServerApi } from '../../src/rpc';
import {
  addsUp,
  CUSTOM,
  catalogueKpi,
  feedable,
  groupsFor,
  indented,
  keptParent,
  type Measure,
  measuredBy,
  readKpi,
  targetField,
} from './addKpi';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange, say } from './dom';
import { enabledControl, fieldErrors, sendOnlyByButton } from './fieldErrors';
import type { Promisified } from './rpc';
import { inTreeLanguage } from './status';
import type { StatusView } from './statusView';
import { MESSAGES, PHRASES } from './text';

function option(value: string, text: Localized): HTMLOptionElement {
  const node = el('option');
  node.value = value;
  say(node, text);
  return node;
}

export function initAddKpi(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('kpi-form');
  const group = byId<HTMLSelectElement>('kpi-group');
  const pick = byId<HTMLSelectElement>('kpi-pick');
  const custom = byId<HTMLInputElement>('kpi-custom');
  const measure = byId<HTMLSelectElement>('kpi-measure');
  measure.replaceChildren(
    option('count', MESSAGES.measureCount),
    option('yen', MESSAGES.measureYen),
    option('rate', MESSAGES.measureRate),
    option('level', MESSAGES.measureLevel),
  );
  const parent = byId<HTMLSelectElement>('kpi-parent');
  const plan = byId<HTMLInputElement>('kpi-plan');
  const lower = byId<HTMLInputElement>('kpi-lower');
  const channel = byId<HTMLInputElement>('kpi-channel');
  const share = byId<HTMLInputElement>('kpi-share');
  const result = byId('kpi-result');
  // The name is the picker's field, or the name typed when the planner names the KPI.
  const errors = fieldErrors(form, (field) => (field === 'label' && pick.value === CUSTOM ? custom : enabledControl(form, field)));
  let nodes: TreeNode[] = [];

  const fillGroups = (groups: readonly ProcessKpiGroup[]): void => group.replaceChildren(...groups.map((g) => option(g.id, g.name)));
  fillGroups(PROCESS_KPI_GROUPS);

  const showPick = (): void => {
    const entry = catalogueKpi(pick.value);
    byId('kpi-custom-field').hidden = pick.value !== CUSTOM;
    say(byId('kpi-pick-hint'), entry?.definition ?? null);
    lower.checked = entry?.lowerIsBetter ?? false;
    const target = targetField(measuredBy(pick.value, measure.value as Measure));
    say(byId('kpi-plan-label'), target.name);
    say(byId('kpi-plan-unit'), target.affix);
    byId('kpi-plan-unit').hidden = target.affix.en === '';
  };
  const fillPicks = (): void => {
    const kpis = PROCESS_KPI_GROUPS.find((g) => g.id === group.value)?.kpis ?? [];
    pick.replaceChildren(...kpis.map((kpi) => option(kpi.id, kpi.label)), option(CUSTOM, MESSAGES.customKpi));
    showPick();
  };
  group.addEventListener('change', fillPicks);
  pick.addEventListener('change', showPick);
  measure.addEventListener('change', showPick);
  fillPicks();

  // As a channel of a sum, the new KPI has a share, not a target.
  const showChannel = (): void => {
    const sum = addsUp(nodes, parent.value);
    byId('kpi-channel-field').hidden = !sum;
    const asChannel = sum && channel.checked;
    byId('kpi-share-field').hidden = !asChannel;
    byId('kpi-plan-field').hidden = asChannel;
    byId('kpi-lower-field').hidden = asChannel;
  };
  parent.addEventListener('change', showChannel);
  channel.addEventListener('change', showChannel);

  status.onStatus((loaded, tree, anotherTree) => {
    byId('add-kpi').hidden = loaded === null;
    if (!loaded) return;
    if (anotherTree && tree) {
      fillGroups(groupsFor(tree.templateId));
      fillPicks();
    }
    const chosen = parent.value;
    nodes = feedable(inTreeLanguage(loaded));
    parent.replaceChildren(
      ...nodes.map((n) => {
        const node = el('option', undefined, indented(n, lang()));
        node.value = n.id;
        return node;
      }),
    );
    parent.value = keptParent(nodes, chosen);
    showChannel();
  });
  onLangChange((l) => {
    for (const node of parent.options) {
      const n = nodes.find((x) => x.id === node.value);
      if (n) node.textContent = indented(n, l);
    }
  });

  const typed = () =>
    readKpi({
      pick: pick.value,
      customName: custom.value,
      parent: parent.value,
      plan: plan.value,
      lowerIsBetter: lower.checked,
      share: byId('kpi-share-field').hidden ? null : share.value,
      measure: measure.value as Measure,
    });
  sendOnlyByButton(form);
  form.addEventListener('input', () => {
    say(result, null);
    // Once a message is shown, each keystroke checks again: a fixed field's message goes.
    if (form.querySelector('[aria-invalid="true"]')) errors.show(typed().errors);
  });
  form.addEventListener('change', () => {
    if (form.querySelector('[aria-invalid="true"]')) errors.show(typed().errors);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tree = status.current();
    if (!tree) return;
    const { kpi, errors: wrong } = typed();
    errors.show(wrong);
    if (!kpi) {
      errors.focusFirst();
      return;
    }
    await whileBusy(
      byId<HTMLButtonElement>('kpi-add'),
      async () => {
        await rpc.addProcessKpi(tree.sheetName, kpi);
        const feeds = nodes.find((n) => n.id === kpi.parent)?.label ?? { en: kpi.parent, ja: kpi.parent };
        await status.load();
        say(result, PHRASES.added(kpi.label, feeds));
        plan.value = '';
        share.value = '';
        custom.value = '';
      },
      { failed: errors.fail },
    );
  });
}
