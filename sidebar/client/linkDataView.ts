/**
 * The "Link to data" section: the tree's links with each data sheet's latest date (and what broke),
 * and a form to link a count or money node to a data sheet, preview what it finds month by month,
 * and unlink. Sheet names, headers and values are data: set as text, never markup.
 */
import type { Localized } from '../../src/core/i18n';
import type { LinkRule, LinkStatus, ServerApi, TreeLinks } from '../../src/rpc';
import { whileBusy } from './busy';
import { byId, el, lang, onLangChange, say } from './dom';
import { fieldErrors } from './fieldErrors';
import { formatValue } from './format';
import { type LinkTarget, linkTargets, readRule } from './linkData';
import type { Promisified } from './rpc';
import type { StatusView } from './statusView';
import { MESSAGES, PHRASES } from './text';

const option = (value: string, text: string): HTMLOptionElement => {
  const node = el('option', undefined, text);
  node.value = value;
  return node;
};
const said = (value: string, text: Localized): HTMLOptionElement => {
  const node = option(value, '');
  say(node, text);
  return node;
};

/** The measure "median days between two dates": no header starts with a space (headers are trimmed). */
const LEAD_TIME = ' lead time';

export function initLinkData(rpc: Promisified<ServerApi>, status: StatusView): void {
  const form = byId<HTMLFormElement>('link-form');
  const node = byId<HTMLSelectElement>('link-node');
  const sheet = byId<HTMLSelectElement>('link-sheet');
  const date = byId<HTMLSelectElement>('link-date');
  const columns = [byId<HTMLSelectElement>('link-column-1'), byId<HTMLSelectElement>('link-column-2')];
  const values = [byId<HTMLInputElement>('link-values-1'), byId<HTMLInputElement>('link-values-2')];
  const amount = byId<HTMLSelectElement>('link-amount');
  const owner = byId<HTMLSelectElement>('link-owner');
  const start = byId<HTMLSelectElement>('link-start');
  const apply = byId<HTMLButtonElement>('link-apply');
  const unlink = byId<HTMLButtonElement>('link-unlink');
  const result = byId('link-result');
  const errors = fieldErrors(form);
  let targets: LinkTarget[] = [];
  let links: TreeLinks = { links: [], dataSheets: [] };

  const linkOf = (id: string): LinkStatus | undefined => links.links.find((l) => l.nodeId === id);
  const isLeadTime = () => amount.value === LEAD_TIME;
  /** A lead time asks for its start date. */
  const showMeasure = () => {
    byId('link-start-field').hidden = !isLeadTime();
  };

  /** The columns of the chosen data sheet in every column list, keeping choices the sheet still has. */
  const fillColumns = (): void => {
    const headers = links.dataSheets.find((s) => s.name === sheet.value)?.headers ?? [];
    const fill = (select: HTMLSelectElement, first: HTMLOptionElement[], label = (h: string) => h) => {
      const chosen = select.value;
      select.replaceChildren(...first, ...headers.map((h) => option(h, label(h))));
      if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
    };
    fill(date, []);
    for (const column of columns) fill(column, [said('', MESSAGES.linkEveryRow)]);
    // A tracked KPI beside the tree can be a lead time: offered after counting rows.
    const leadTime = targets.find((t) => t.id === node.value)?.leadTime ? [said(LEAD_TIME, MESSAGES.linkLeadTime)] : [];
    fill(amount, [said('', MESSAGES.linkCount), ...leadTime], (h) => PHRASES.linkSum(h)[lang()]);
    fill(start, [option('', '—')]);
    fill(owner, [said('', MESSAGES.linkTeam)]);
    showMeasure();
  };

  /** A linked node's rule in the form, to change or unlink it. */
  const showNode = (): void => {
    const target = targets.find((t) => t.id === node.value);
    const errorsNow = new Map<string, Localized>();
    if (target?.refused) errorsNow.set('node', target.refused);
    errors.show(errorsNow);
    apply.disabled = Boolean(target?.refused);
    const link = linkOf(node.value);
    unlink.hidden = !link;
    byId('link-found').hidden = true;
    if (link) sheet.value = link.form.sheet;
    fillColumns();
    if (!link) return;
    date.value = link.form.date;
    columns.forEach((column, i) => {
      column.value = link.form.conditions[i]?.column ?? '';
      values[i].value = link.form.conditions[i]?.values.join(', ') ?? '';
    });
    amount.value = link.form.start ? LEAD_TIME : (link.form.amount ?? '');
    start.value = link.form.start ?? '';
    owner.value = link.form.owner ?? '';
    showMeasure();
  };

  const drawList = (): void => {
    const list = byId('link-list');
    if (links.links.length === 0) {
      const empty = el('li', 'muted');
      say(empty, links.dataSheets.length === 0 ? MESSAGES.linkNoSheets : MESSAGES.linkNone);
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...links.links.map((link) => {
        const item = el('li');
        item.append(el('strong', undefined, link.label), el('span', 'muted', ` ← ${PHRASES.linkLatest(link.sheet, link.latest)[lang()]}`));
        item.append(el('span', 'hint link-rule', link.rule));
        for (const problem of link.problems) {
          const broken = el('span', 'error link-problem');
          say(broken, problem);
          item.append(broken);
        }
        return item;
      }),
    );
  };

  const load = async (sheetName: string): Promise<void> => {
    links = await rpc.getLinks(sheetName);
    const chosen = sheet.value;
    sheet.replaceChildren(...links.dataSheets.map((s) => option(s.name, s.name)));
    if (links.dataSheets.some((s) => s.name === chosen)) sheet.value = chosen;
    fillColumns();
    drawList();
    showNode();
  };

  status.onStatus((loaded, ref) => {
    byId('link-data').hidden = loaded === null;
    tree = loaded?.tree ?? null;
    if (!loaded || !ref) return;
    const chosen = node.value;
    targets = linkTargets(loaded.tree, lang());
    node.replaceChildren(...targets.map((t) => option(t.id, t.label)));
    node.value = targets.find((t) => t.id === chosen)?.id ?? targets.find((t) => !t.refused && t.id !== targets[0]?.id)?.id ?? '';
    void load(ref.sheetName).catch(() => undefined);
  });
  let tree: Parameters<typeof linkTargets>[0] | null = null;
  onLangChange((l) => {
    if (!tree) return;
    targets = linkTargets(tree, l);
    for (const item of node.options) item.textContent = targets.find((t) => t.id === item.value)?.label ?? item.textContent;
    fillColumns();
    drawList();
    showNode();
  });

  node.addEventListener('change', showNode);
  sheet.addEventListener('change', fillColumns);
  amount.addEventListener('change', showMeasure);
  form.addEventListener('input', () => say(result, null));

  const typedRule = () =>
    readRule({
      sheet: sheet.value,
      date: date.value,
      conditions: columns.map((column, i) => ({ column: column.value, values: values[i].value })),
      amount: isLeadTime() ? '' : amount.value,
      owner: owner.value,
      ...(isLeadTime() ? { start: start.value } : {}),
    });

  const drawFound = (found: Awaited<ReturnType<ServerApi['previewLink']>>, rule: LinkRule): void => {
    say(byId('link-matched'), PHRASES.linkMatched(found.matched, found.latest, found.typedMonths));
    say(byId('link-found-head'), rule.start ? MESSAGES.linkFoundDays : rule.amount ? MESSAGES.linkFoundSum : MESSAGES.linkFoundRows);
    // A sum is in the node's unit (¥ for an amount); rows and days are counts.
    const unit = rule.amount ? (targets.find((t) => t.id === node.value)?.unit ?? 'count') : 'count';
    byId('link-months').replaceChildren(
      ...found.months.map((month, i) => {
        const row = el('tr');
        const count = found.counts[i];
        const cell = el('td', count === null ? 'muted' : 'num');
        if (count === null) say(cell, MESSAGES.linkNoRows);
        else if (rule.start) cell.textContent = PHRASES.linkDays(formatValue(count, 'count', lang()))[lang()];
        else cell.textContent = formatValue(count, unit, lang());
        row.append(el('td', undefined, month), cell);
        return row;
      }),
    );
    byId('link-found').hidden = false;
  };

  byId<HTMLButtonElement>('link-preview').addEventListener('click', async () => {
    const tree = status.current();
    const { rule, errors: wrong } = typedRule();
    errors.show(wrong);
    if (!tree || !rule) return;
    await whileBusy(
      byId<HTMLButtonElement>('link-preview'),
      async () => drawFound(await rpc.previewLink(tree.sheetName, node.value, rule), rule),
      {
        failed: errors.fail,
      },
    );
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tree = status.current();
    const { rule, errors: wrong } = typedRule();
    errors.show(wrong);
    if (!tree || !rule) {
      errors.focusFirst();
      return;
    }
    const label = targets.find((t) => t.id === node.value)?.label.trim() ?? node.value;
    await whileBusy(
      apply,
      async () => {
        await rpc.linkNode(tree.sheetName, node.value, rule);
        await status.load();
        say(result, PHRASES.linked(label, rule.sheet));
      },
      { failed: errors.fail },
    );
  });

  unlink.addEventListener('click', async () => {
    const tree = status.current();
    if (!tree) return;
    const label = targets.find((t) => t.id === node.value)?.label.trim() ?? node.value;
    await whileBusy(unlink, async () => {
      await rpc.unlinkNode(tree.sheetName, node.value);
      await status.load();
      say(result, PHRASES.unlinked(label));
    });
  });
}
