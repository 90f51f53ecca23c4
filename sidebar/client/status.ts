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

export function renderStatus(target: HTMLElement, status: TreeStatus, kgiUnit: Unit): void {
  const l = lang();
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
    bottleneck.append(el('p', 'muted', m('noBottleneck')));
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
    const list = el('ul', 'list');
    for (const gap of status.missing) {
      const item = el('li', undefined, `${gap.label}${gap.owner ? ` (${m('owner')}: ${gap.owner})` : ''}: ${gap.months.join(', ')}`);
      list.append(item);
    }
    missing.append(list);
  }
  parts.push(missing);
  target.replaceChildren(...parts);
}

export interface StatusView {
  /** Replaces the list of tree sheets and selects `active` (or the first). */
  setTrees(trees: readonly TreeRef[], active: string | null): void;
  /** A tree just built (or rebuilt under its name), selected. */
  addTree(tree: TreeRef): void;
  load(): Promise<void>;
}

export function initStatus(rpc: Promisified<ServerApi>): StatusView {
  const select = byId<HTMLSelectElement>('tree');
  const target = byId('status');
  let trees: readonly TreeRef[] = [];
  let last: { status: TreeStatus; unit: Unit } | null = null;

  const load = async (): Promise<void> => {
    const ref = trees.find((tree) => tree.sheetName === select.value);
    if (!ref) {
      target.replaceChildren(el('p', 'muted', m('noTrees')));
      return;
    }
    target.setAttribute('aria-busy', 'true');
    try {
      const status = await rpc.getTreeStatus(ref.sheetName);
      const root = templateById(ref.templateId)?.nodes.find((n) => n.parent === null);
      last = { status, unit: root?.unit ?? 'count' };
      renderStatus(target, status, last.unit);
      showBanner(null);
    } catch (error) {
      showBanner(decodeFailure(error).text);
    } finally {
      target.setAttribute('aria-busy', 'false');
    }
  };

  select.addEventListener('change', () => void load());
  byId('refresh').addEventListener('click', () => void load());
  onLangChange(() => {
    if (last) renderStatus(target, last.status, last.unit);
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

  return {
    setTrees,
    addTree: (tree) => setTrees([...trees.filter((t) => t.sheetName !== tree.sheetName), tree], tree.sheetName),
    load,
  };
}
