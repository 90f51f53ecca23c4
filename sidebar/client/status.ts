/**
 * After the build: where the plan is breaking. Shows the bottleneck (the stage whose
 * restoration recovers the most KGI), the other stages under plan and missing actuals.
 */
import type { Lang } from '../../src/core/i18n';
import { templateById } from '../../src/core/templates';
import type { Unit } from '../../src/core/tree';
import type { NodeStatus, ServerApi, TreeRef, TreeStatus } from '../../src/rpc';
import { showBanner } from './banner';
import { byId, el, lang, onLangChange } from './dom';
import { formatPercent, formatValue } from './format';
import { forOwner, groupByOwner, ownersOf } from './owners';
import { decodeFailure, type Promisified } from './rpc';
import { MESSAGES, type MessageKey } from './text';

const m = (key: MessageKey): string => MESSAGES[key][lang()];

function facts(rows: ReadonlyArray<readonly [MessageKey, string]>): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [key, value] of rows) list.append(el('dt', undefined, m(key)), el('dd', undefined, value));
  return list;
}

const stageName = (node: NodeStatus): string => (node.owner ? `${node.label} — ${node.owner}` : node.label);

function nodeFacts(node: NodeStatus, kgiUnit: Unit, l: Lang): HTMLDListElement {
  return facts([
    ['achievement', node.achievement === null ? '—' : formatPercent(node.achievement, l)],
    ['recoverable', node.recoverable === null ? '—' : formatValue(node.recoverable, kgiUnit, l)],
  ]);
}

/** The status lists, cut to one owner's KPIs when `owner` is not null. */
export function renderStatus(target: HTMLElement, whole: TreeStatus, kgiUnit: Unit, owner: string | null = null): void {
  const l = lang();
  const status = forOwner(whole, owner);
  const kgiActual = status.kgi.actual === null ? '—' : formatValue(status.kgi.actual, kgiUnit, l);
  const summary = facts([
    ['period', status.period],
    ['kgiProgress', `${kgiActual} / ${formatValue(status.kgi.plan, kgiUnit, l)}`],
  ]);

  const bottleneck = el('section', 'panel bottleneck');
  bottleneck.append(el('h3', undefined, m('bottleneck')));
  if (status.bottleneck) {
    bottleneck.id = 'bottleneck';
    bottleneck.append(el('p', 'stage', stageName(status.bottleneck)), nodeFacts(status.bottleneck, kgiUnit, l));
  } else {
    bottleneck.append(el('p', 'muted', m(whole.bottleneck ? 'bottleneckElsewhere' : 'noBottleneck')));
  }

  const parts: HTMLElement[] = [summary, bottleneck];
  if (status.underPlan.length > 0) {
    const under = el('section', 'panel');
    const list = el('ul', 'list');
    for (const node of status.underPlan) {
      const item = el('li', undefined, stageName(node));
      item.append(nodeFacts(node, kgiUnit, l));
      list.append(item);
    }
    under.append(el('h3', undefined, m('underPlan')), list);
    parts.push(under);
  }

  const missing = el('section', 'panel');
  missing.id = 'missing';
  missing.append(el('h3', undefined, m('missing')));
  if (status.missing.length === 0) missing.append(el('p', 'muted', m('noMissing')));
  else {
    // Grouped by owner, so each person sees what is theirs to fill in.
    for (const group of groupByOwner(status.missing)) {
      if (owner === null) missing.append(el('h4', 'group', group.owner ? `${m('owner')}: ${group.owner}` : m('noOwner')));
      const list = el('ul', 'list');
      for (const gap of group.missing) list.append(el('li', undefined, `${gap.label}: ${gap.months.join(', ')}`));
      missing.append(list);
    }
  }
  parts.push(missing);
  target.replaceChildren(...parts);
}

export interface StatusView {
  /** Replaces the list of tree sheets and selects `active` (or the first). */
  setTrees(trees: readonly TreeRef[], active: string | null): void;
  /** A tree just built (or updated under its name), selected. */
  addTree(tree: TreeRef): void;
  load(): Promise<void>;
  /** The tree sheet selected, if any. */
  current(): TreeRef | null;
  /** Every tree sheet listed. */
  list(): readonly TreeRef[];
  /** Called with each status loaded (null when no tree is selected), after the lists are drawn. */
  onStatus(listener: (status: TreeStatus | null, tree: TreeRef | null) => void): void;
  /** Lists a tree sheet made beside the selected one (next year's), without selecting it. */
  listTree(tree: TreeRef): void;
}

export function initStatus(rpc: Promisified<ServerApi>): StatusView {
  const select = byId<HTMLSelectElement>('tree');
  const target = byId('status');
  const ownerSelect = byId<HTMLSelectElement>('owner-filter');
  let trees: readonly TreeRef[] = [];
  let last: { status: TreeStatus; unit: Unit } | null = null;
  const listeners: Array<(status: TreeStatus | null, tree: TreeRef | null) => void> = [];
  const current = (): TreeRef | null => trees.find((tree) => tree.sheetName === select.value) ?? null;
  const owner = (): string | null => (ownerSelect.value === '' ? null : ownerSelect.value);
  const draw = (): void => {
    if (last) renderStatus(target, last.status, last.unit, owner());
  };

  /** Everyone, then each owner named in the sheet; the choice is kept while that owner remains. */
  const fillOwners = (status: TreeStatus): void => {
    const chosen = ownerSelect.value;
    const everyone = el('option', undefined, m('everyone'));
    everyone.value = '';
    ownerSelect.replaceChildren(everyone, ...ownersOf(status).map((name) => {
      const option = el('option', undefined, name);
      option.value = name;
      return option;
    }));
    ownerSelect.value = [...ownerSelect.options].some((o) => o.value === chosen) ? chosen : '';
  };

  const load = async (): Promise<void> => {
    const ref = current();
    if (!ref) {
      last = null;
      target.replaceChildren(el('p', 'muted', m('noTrees')));
      for (const listener of listeners) listener(null, null);
      return;
    }
    target.setAttribute('aria-busy', 'true');
    try {
      const status = await rpc.getTreeStatus(ref.sheetName);
      const root = templateById(ref.templateId)?.nodes.find((n) => n.parent === null);
      last = { status, unit: root?.unit ?? 'count' };
      fillOwners(status);
      draw();
      for (const listener of listeners) listener(status, ref);
      showBanner(null);
    } catch (error) {
      showBanner(decodeFailure(error).text);
    } finally {
      target.setAttribute('aria-busy', 'false');
    }
  };

  select.addEventListener('change', () => void load());
  byId('refresh').addEventListener('click', () => void load());
  ownerSelect.addEventListener('change', draw);
  onLangChange(() => {
    if (ownerSelect.options[0]) ownerSelect.options[0].textContent = m('everyone');
    if (last) draw();
    else if (trees.length === 0) target.replaceChildren(el('p', 'muted', m('noTrees')));
  });

  const setTrees = (next: readonly TreeRef[], active: string | null): void => {
    trees = next;
    select.replaceChildren(...next.map((tree) => {
      const option = el('option', undefined, tree.sheetName);
      option.value = tree.sheetName;
      return option;
    }));
    select.value = active ?? next[0]?.sheetName ?? '';
    if (next.length === 0) target.replaceChildren(el('p', 'muted', m('noTrees')));
  };

  /** The list with `tree` in its place (a tree updated under its name), or added at the end. */
  const withTree = (tree: TreeRef): TreeRef[] => (trees.some((t) => t.sheetName === tree.sheetName)
    ? trees.map((t) => (t.sheetName === tree.sheetName ? tree : t)) : [...trees, tree]);

  return {
    setTrees,
    addTree: (tree) => setTrees(withTree(tree), tree.sheetName),
    listTree: (tree) => setTrees(withTree(tree), select.value),
    load,
    current,
    list: () => trees,
    onStatus: (listener) => listeners.push(listener),
  };
}
