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
import { parsePercent } from './form';
import { MESSAGES, PHRASES } from './text';

const CUSTOM = '__custom';

export const catalogueKpi = (id: string): ProcessKpi | undefined =>
  PROCESS_KPI_GROUPS.flatMap((g) => g.kpis).find((kpi) => kpi.id === id);

/**
 * The KPI to send: a catalogue entry in both languages, or a custom name used for both; with a
 * share, a channel of its parent. Null when a custom name is left blank.
 */
export function newKpi(
  pick: string, customName: string, parent: string, plan: number, lowerIsBetter: boolean, channelShare?: number,
): NewProcessKpi | null {
  const entry = catalogueKpi(pick);
  const name = customName.trim();
  if (!entry && !name) return null;
  const kpi: NewProcessKpi = entry
    ? { parent, label: entry.label, definition: entry.definition, plan, lowerIsBetter }
    : { parent, label: { en: name, ja: name }, definition: { en: '', ja: '' }, plan, lowerIsBetter };
  return channelShare === undefined ? kpi : { ...kpi, lowerIsBetter: false, channelShare };
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
  const channel = byId<HTMLInputElement>('kpi-channel');
  const share = byId<HTMLInputElement>('kpi-share');
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
    const controls: Record<string, HTMLElement> = { label: pick.value === CUSTOM ? custom : pick, parent, plan, channelShare: share };
    const control = controls[field] ?? null;
    return control ? { control, message: byId(`${control.id}-err`) } : null;
  };
  const showErrors = (errors: ReadonlyMap<string, Localized>): void => {
    for (const control of [pick, custom, parent, plan, share]) {
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

  // A node that adds up channels can take the new KPI as one more: it then has a share, not a target.
  const showChannel = (): void => {
    const sum = nodes.find((n) => n.id === parent.value)?.combine === 'sum';
    byId('kpi-channel-field').hidden = !sum;
    const asChannel = sum && channel.checked;
    byId('kpi-share-field').hidden = !asChannel;
    byId('kpi-plan-field').hidden = asChannel;
    byId('kpi-lower-field').hidden = asChannel;
  };
  parent.addEventListener('change', showChannel);
  channel.addEventListener('change', showChannel);

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
    showChannel();
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
    const asChannel = !byId('kpi-share-field').hidden;
    const target = asChannel ? 0 : parseAmount(plan.value);
    const ofParent = asChannel ? parsePercent(share.value) : null;
    if (target === null) errors.set('plan', MESSAGES.notANumber);
    if (asChannel && ofParent === null) errors.set('channelShare', MESSAGES.notANumber);
    const kpi = newKpi(pick.value, custom.value, parent.value, target ?? 0, lower.checked, asChannel ? ofParent ?? 0 : undefined);
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
      share.value = '';
      custom.value = '';
    } catch (error) {
      const failure = decodeFailure(error);
      showErrors(new Map([[failure.field ?? '', failure.text]]));
    } finally {
      add.disabled = false;
    }
  });
}
