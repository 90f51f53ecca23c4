/**
 * The status tab: the tree sheet chosen, where its plan is breaking (the bottleneck and the
 * year, the other levers and the outcomes under plan, missing actuals), cut to one owner's KPIs
 * and their own bottleneck on request. The sections below it listen for each status loaded.
 */
import type { Unit } from '../../src/core/tree';
import type { ServerApi, TreeRef, TreeStatus } from '../../src/rpc';
import { type BottleneckPanel, bottleneckPanel } from './bottleneckPanel';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange, say } from './dom';
import { ownersOf } from './owners';
import type { Promisified } from './rpc';
import { type Facts, kgiUnitOf, statusLines, treeLanguageLine, withTree } from './status';
import { MESSAGES, type MessageKey } from './text';

const m = (key: MessageKey): string => MESSAGES[key][lang()];

function facts(rows: Facts): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [key, value] of rows) list.append(el('dt', undefined, m(key)), el('dd', undefined, value));
  return list;
}

/** Facts whose figures line up on the right. */
function figures(rows: Facts): HTMLDListElement {
  const list = facts(rows);
  list.classList.add('figures');
  return list;
}

const option = (value: string, text: string): HTMLOptionElement => {
  const node = el('option', undefined, text);
  node.value = value;
  return node;
};

/** A list under its heading, in a panel; nothing when the list is empty. */
function listPanel(id: string, heading: MessageKey, items: readonly HTMLElement[], hint?: MessageKey): HTMLElement[] {
  if (items.length === 0) return [];
  const panel = el('section', 'panel');
  panel.id = id;
  const list = el('ul', 'list');
  list.append(...items);
  panel.append(el('h3', undefined, m(heading)), ...(hint ? [el('p', 'hint', m(hint))] : []), list);
  return [panel];
}

/**
 * The stage to fix and what it means for the year, in red; said in a neutral box when no stage
 * is named. Then the other levers under plan, and the outcomes apart from them.
 */
function renderPanel(panel: BottleneckPanel): HTMLElement[] {
  const named = typeof panel.bottleneck !== 'string';
  const box = el('section', named ? 'panel bottleneck' : 'panel');
  box.id = named ? 'bottleneck' : 'no-bottleneck';
  box.append(el('h3', undefined, panel.heading));
  if (typeof panel.bottleneck === 'string') {
    box.append(el('p', 'muted', m(panel.bottleneck)));
    if (panel.checkInput.length > 0) {
      const rows = el('ul', 'list check-input');
      rows.append(...panel.checkInput.map((row) => el('li', undefined, row)));
      box.append(rows);
    }
  } else {
    const change = el('p', 'change', panel.bottleneck.change);
    change.append(' ', el('span', 'term', m('actualToPlan')));
    box.append(el('p', 'stage', panel.bottleneck.name), change, figures(panel.bottleneck.facts));
  }
  if (panel.year.length > 0) {
    box.append(el('h4', undefined, m('thisYear')), figures(panel.year));
    if (panel.fixMeans !== null) box.append(el('p', 'hint', panel.fixMeans));
  }
  const lever = (stage: BottleneckPanel['underPlan'][number]): HTMLElement => {
    const item = el('li', undefined, stage.name);
    item.append(facts([['actualToPlan', stage.change], ...stage.facts]));
    return item;
  };
  const line = (text: string): HTMLElement => el('li', undefined, text);
  return [
    box,
    ...listPanel('under-plan', 'underPlan', panel.underPlan.map(lever)),
    ...listPanel('outcomes', 'outcomes', panel.outcomes.map(line), 'outcomesHint'),
    ...listPanel('process-kpis', 'processKpis', panel.processKpis.map(line)),
  ];
}

/** The status lists, cut to one owner's KPIs when `owner` is not null. */
function renderStatus(target: HTMLElement, whole: TreeStatus, kgiUnit: Unit, owner: string | null): void {
  const lines = statusLines(whole, kgiUnit, owner, lang());
  const parts: HTMLElement[] = [facts(lines.summary), ...renderPanel(bottleneckPanel(whole, kgiUnit, owner, lang()))];

  const missing = el('section', 'panel');
  missing.id = 'missing';
  missing.append(el('h3', undefined, m('missing')));
  if (lines.missing.length === 0) missing.append(el('p', 'muted', m('noMissing')));
  for (const group of lines.missing) {
    if (group.heading !== null) missing.append(el('h4', 'group', group.heading));
    const list = el('ul', 'list');
    list.append(...group.lines.map((line) => el('li', undefined, line)));
    missing.append(list);
  }
  parts.push(missing);
  target.replaceChildren(...parts);
}

/**
 * Called with each status loaded (null when no tree is selected), after the lists are drawn.
 * `anotherTree`: not the tree of the last status, so what a section said about that one no longer applies.
 */
export type StatusListener = (status: TreeStatus | null, tree: TreeRef | null, anotherTree: boolean) => void;

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
  onStatus(listener: StatusListener): void;
  /** Lists a tree sheet made beside the selected one (next year's), without selecting it. */
  listTree(tree: TreeRef): void;
}

export function initStatus(rpc: Promisified<ServerApi>): StatusView {
  const select = byId<HTMLSelectElement>('tree');
  const target = byId('status');
  const refresh = byId<HTMLButtonElement>('refresh');
  const ownerSelect = byId<HTMLSelectElement>('owner-filter');
  let trees: readonly TreeRef[] = [];
  let last: { status: TreeStatus; unit: Unit } | null = null;
  let shownSheet: string | null = null;
  const listeners: StatusListener[] = [];
  const current = (): TreeRef | null => trees.find((tree) => tree.sheetName === select.value) ?? null;
  const owner = (): string | null => (ownerSelect.value === '' ? null : ownerSelect.value);
  const draw = (): void => {
    if (last) renderStatus(target, last.status, last.unit, owner());
  };
  const noTrees = (): void => target.replaceChildren(el('p', 'muted', m('noTrees')));
  const tell = (status: TreeStatus | null, tree: TreeRef | null): void => {
    const sheet = tree?.sheetName ?? null;
    const anotherTree = sheet !== shownSheet;
    shownSheet = sheet;
    byId('owner-filter-field').hidden = status === null;
    const treeLang = byId('tree-lang');
    treeLang.hidden = tree === null;
    say(treeLang, tree && treeLanguageLine(status ?? tree));
    for (const listener of listeners) listener(status, tree, anotherTree);
  };

  /** Everyone, then each owner named in the sheet; the choice is kept while that owner remains. */
  const fillOwners = (status: TreeStatus): void => {
    const chosen = ownerSelect.value;
    const owners = ownersOf(status);
    ownerSelect.replaceChildren(option('', m('everyone')), ...owners.map((name) => option(name, name)));
    ownerSelect.value = owners.includes(chosen) ? chosen : '';
  };

  const load = async (): Promise<void> => {
    const ref = current();
    if (!ref) {
      last = null;
      noTrees();
      tell(null, null);
      return;
    }
    target.setAttribute('aria-busy', 'true');
    await whileBusy(refresh, async () => {
      const status = await rpc.getTreeStatus(ref.sheetName);
      last = { status, unit: kgiUnitOf(ref.templateId) };
      fillOwners(status);
      draw();
      tell(status, ref);
    });
    target.setAttribute('aria-busy', 'false');
  };

  select.addEventListener('change', () => void load());
  refresh.addEventListener('click', () => void load());
  ownerSelect.addEventListener('change', draw);
  onLangChange(() => {
    if (ownerSelect.options[0]) ownerSelect.options[0].textContent = m('everyone');
    if (last) draw();
    else if (trees.length === 0) noTrees();
  });

  const setTrees = (next: readonly TreeRef[], active: string | null): void => {
    trees = next;
    select.replaceChildren(...next.map((tree) => option(tree.sheetName, tree.sheetName)));
    select.value = active ?? next[0]?.sheetName ?? '';
    if (next.length === 0) noTrees();
  };

  return {
    setTrees,
    addTree: (tree) => setTrees(withTree(trees, tree), tree.sheetName),
    listTree: (tree) => setTrees(withTree(trees, tree), select.value),
    load,
    current,
    list: () => trees,
    onStatus: (listener) => listeners.push(listener),
  };
}
