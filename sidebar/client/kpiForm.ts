/**
 * Adding a process KPI from the catalogue (or under a name of one's own) beneath the node it
 * feeds. Catalogue texts are set as text; the server's refusals show beside their field.
 */
import type { Localized } from '../../src/core/i18n';
import { parseAmount } from '../../src/core/numbers';
import { PROCESS_KPI_GROUPS, type ProcessKpi } from '../../src/core/processKpis';
import { orderTree, type TreeNode } from '../../src/core/tree';
import type { NewProcessKpi, ServerApi } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, lang, onLangChange, say } from './dom';
import { decodeFailure, type Promisified } from './rpc';
import type { StatusView } from './status';
import { MESSAGES, PHRASES } from './text';

const CUSTOM = '__custom';

export const catalogueKpi = (id: string): ProcessKpi | undefined =>
  PROCESS_KPI_GROUPS.flatMap((g) => g.kpis).find((kpi) => kpi.id === id);

/**
 * The KPI to send: a catalogue entry in both languages, or a custom name used for both.
 * Null when a custom name is left blank.
 */
export function newKpi(pick: string, customName: string, parent: string, plan: number, lowerIsBetter: boolean): NewProcessKpi | null {
  const entry = catalogueKpi(pick);
  if (entry) return { parent, label: entry.label, definition: entry.definition, plan, lowerIsBetter };
  const name = customName.trim();
  if (!name) return null;
  return { parent, label: { en: name, ja: name }, definition: { en: '', ja: '' }, plan, lowerIsBetter };
}

function option(value: string, text: Localized): HTMLOptionElement {
  const node = el('option');
  node.value = value;
  say(node, text);
  return node;
}

export function initKpiForm(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('kpi-form');
  const group = byId<HTMLSelectElement>('kpi-group');
  const pick = byId<HTMLSelectElement>('kpi-pick');
  const custom = byId<HTMLInputElement>('kpi-custom');
  const parent = byId<HTMLSelectElement>('kpi-parent');
  const plan = byId<HTMLInputElement>('kpi-plan');
  const lower = byId<HTMLInputElement>('kpi-lower');
  const result = byId('kpi-result');
  let nodes: TreeNode[] = [];

  group.replaceChildren(...PROCESS_KPI_GROUPS.map((g) => option(g.id, g.name)));

  const showPick = (): void => {
    const entry = catalogueKpi(pick.value);
    byId('kpi-custom-field').hidden = pick.value !== CUSTOM;
    say(byId('kpi-pick-hint'), entry?.definition ?? null);
    lower.checked = entry?.lowerIsBetter ?? false;
  };
  const fillPicks = (): void => {
    const kpis = PROCESS_KPI_GROUPS.find((g) => g.id === group.value)?.kpis ?? [];
    pick.replaceChildren(...kpis.map((kpi) => option(kpi.id, kpi.label)), option(CUSTOM, MESSAGES.customKpi));
    showPick();
  };
  group.addEventListener('change', fillPicks);
  pick.addEventListener('change', showPick);
  fillPicks();

  const errorFor = (field: string): { control: HTMLElement; message: HTMLElement } | null => {
    const control = field === 'label' ? (pick.value === CUSTOM ? custom : pick) : field === 'parent' ? parent : field === 'plan' ? plan : null;
    return control ? { control, message: byId(`${control.id}-err`) } : null;
  };
  const showErrors = (errors: ReadonlyMap<string, Localized>): void => {
    for (const control of [pick, custom, parent, plan]) {
      control.removeAttribute('aria-invalid');
      say(byId(`${control.id}-err`), null);
    }
    let first: HTMLElement | null = null;
    for (const [field, text] of errors) {
      const place = errorFor(field);
      if (!place) {
        showBanner(text);
        continue;
      }
      place.control.setAttribute('aria-invalid', 'true');
      say(place.message, text);
      first ??= place.control;
    }
    first?.focus();
  };

  status.onStatus((loaded) => {
    if (!loaded) return;
    const chosen = parent.value;
    nodes = orderTree(loaded.tree).filter((n) => n.kind !== 'tracked');
    parent.replaceChildren(...nodes.map((n) => {
      const node = el('option', undefined, `${'　'.repeat(n.depth)}${n.label[lang()]}`);
      node.value = n.id;
      return node;
    }));
    parent.value = nodes.some((n) => n.id === chosen) ? chosen : (nodes[nodes.length - 1]?.id ?? '');
  });
  onLangChange((l) => {
    for (const node of parent.options) {
      const n = nodes.find((x) => x.id === node.value);
      if (n) node.textContent = `${'　'.repeat(n.depth)}${n.label[l]}`;
    }
  });

  form.addEventListener('input', () => say(result, null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tree = status.current();
    if (!tree) return;
    const errors = new Map<string, Localized>();
    const target = parseAmount(plan.value);
    if (target === null) errors.set('plan', MESSAGES.notANumber);
    const kpi = newKpi(pick.value, custom.value, parent.value, target ?? 0, lower.checked);
    if (!kpi) errors.set('label', MESSAGES.nameNeeded);
    showErrors(errors);
    if (!kpi || errors.size > 0) return;
    const add = byId<HTMLButtonElement>('kpi-add');
    add.disabled = true;
    showBanner(null);
    try {
      await rpc.addProcessKpi(tree.sheetName, kpi);
      const feeds = nodes.find((n) => n.id === kpi.parent)?.label ?? { en: kpi.parent, ja: kpi.parent };
      await status.load();
      say(result, PHRASES.added(kpi.label, feeds));
      plan.value = '';
      custom.value = '';
    } catch (error) {
      const failure = decodeFailure(error);
      showErrors(new Map([[failure.field ?? '', failure.text]]));
    } finally {
      add.disabled = false;
    }
  });
}
