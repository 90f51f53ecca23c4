import { KpiError, type Lang, type Localized } from '../core/i18n';
import type { ReadValue } from '../core/sheet/draft';
import { fill, type SheetWords } from '../core/sheet/labels';
import {
  combinations,
  conditionsText,
  DATA_HEADER_ROW,
  type DataLink,
  findColumn,
  headerNames,
  type LinkColumn,
  linkedSheets,
  MAX_COMBINATIONS,
  previewLink as preview,
  ruleColumns,
  ruleText,
} from '../core/sheet/links';
import type { TreeSheetContents } from '../core/sheet/readBack';
import { FRESHNESS, type SheetTag } from '../core/sheet/schema';
import { isTyped, type Tree } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { BuildResult, LinkPreviewResult, LinkRule, LinkStatus, TreeLinks } from '../rpc';
import { type DataSheet, dataSheets, findLinks, type LinkProblem } from './dataSheets';
import type { SheetGateway } from './gateway';
import { readTree, treeTags } from './trees';
import { updateTreeSheet } from './update';

/** Linking a node's actuals to a data sheet, unlinking it, and what the links look like now. */

type LinkRefusal = keyof SheetWords['links']['refusals'];

function refuseLink(
  vocabulary: Vocabulary,
  key: LinkRefusal,
  field: string,
  values: (lang: Lang) => Readonly<Record<string, string | number>> = () => ({}),
): never {
  const text = (lang: Lang) => fill(vocabulary.words[lang].links.refusals[key], values(lang));
  throw new KpiError({ en: text('en'), ja: text('ja') }, field);
}

/** The node to link: in the tree, and one whose actuals are typed (a count or an amount). */
function linkable(vocabulary: Vocabulary, tree: Tree, nodeId: string, lang: Lang) {
  const node = tree.nodes.find((n) => n.id === nodeId);
  if (!node) refuseLink(vocabulary, 'node', 'node', () => ({ node: nodeId }));
  if (!isTyped(node)) refuseLink(vocabulary, 'notLinkable', 'node', () => ({ node: node.label[lang] }));
  if (node.unit === 'rate') refuseLink(vocabulary, 'rateNotLinkable', 'node', () => ({ node: node.label[lang] }));
  return node;
}

/** The rule as a link: its data sheet found among the data sheets, each column by its header. */
function toLink(vocabulary: Vocabulary, sheets: readonly DataSheet[], rule: LinkRule): DataLink {
  const sheet = sheets.find((s) => s.name === rule.sheet);
  if (!sheet) refuseLink(vocabulary, 'dataSheet', 'sheet', () => ({ sheet: rule.sheet }));
  const column = (header: string, field: string): LinkColumn => {
    const at = findColumn(sheet.headers, header);
    if (at === 0) refuseLink(vocabulary, 'column', field, () => ({ sheet: sheet.name, column: header }));
    return { header: header.trim(), column: at };
  };
  const conditions = rule.conditions.map((c) => {
    const values = [...new Set(c.values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.length === 0) refuseLink(vocabulary, 'values', 'conditions', () => ({ column: c.column }));
    return { ...column(c.column, 'conditions'), values };
  });
  const count = combinations(conditions).length;
  if (count > MAX_COMBINATIONS) refuseLink(vocabulary, 'combinations', 'conditions', () => ({ count, max: MAX_COMBINATIONS }));
  const start = rule.start === undefined || rule.start === null || rule.start === '' ? null : column(rule.start, 'start');
  const date = column(rule.date, 'date');
  if (start && start.column === date.column) refuseLink(vocabulary, 'sameColumn', 'start');
  return {
    sheet: sheet.name,
    sheetId: sheet.id,
    date,
    conditions,
    // A lead time takes the median of days: it sums no column.
    amount: start || rule.amount === null || rule.amount === '' ? null : column(rule.amount, 'amount'),
    owner: rule.owner === null || rule.owner === '' ? null : column(rule.owner, 'owner'),
    ...(start ? { start } : {}),
  };
}

/** A date as the edge reads it back (`yyyy-MM-dd`). */
const isDate = (v: ReadValue | undefined) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

/**
 * The date column (and a lead time's start date) holds dates: blanks are rows not yet dated (or
 * not yet at that stage), but text or a number there would be left out of the count or the median
 * without a word (month text from a connected extract, a report's total row), so it is refused,
 * naming the row.
 */
function checkDates(vocabulary: Vocabulary, rows: readonly (readonly ReadValue[])[], link: DataLink) {
  const columns = link.start ? ([[link.start, 'start']] as const) : [];
  for (const [c, field] of [...columns, [link.date, 'date'] as const]) {
    let dates = 0;
    rows.slice(DATA_HEADER_ROW).forEach((row, i) => {
      const v = row[c.column - 1];
      if (v === undefined || v === '') return;
      if (!isDate(v)) {
        refuseLink(vocabulary, 'notDates', field, () => ({
          sheet: link.sheet,
          column: c.header,
          row: i + 1 + DATA_HEADER_ROW,
          value: String(v),
        }));
      }
      dates++;
    });
    if (dates === 0) refuseLink(vocabulary, 'noDates', field, () => ({ sheet: link.sheet, column: c.header }));
  }
}

/**
 * What the rule finds in the data, month by month, for the node's row as it stands: refused,
 * with the conditions named, when no row of the data sheet matches them.
 */
function findInData(
  workbook: SheetGateway,
  vocabulary: Vocabulary,
  contents: TreeSheetContents,
  tree: Tree,
  lang: Lang,
  nodeId: string,
  rule: LinkRule,
): { link: DataLink; found: LinkPreviewResult } {
  const node = linkable(vocabulary, tree, nodeId, lang);
  const trees = new Set(treeTags(workbook).keys());
  const link = toLink(vocabulary, dataSheets(workbook, trees), rule);
  if (link.start && node.kind !== 'tracked') refuseLink(vocabulary, 'leadTimeKind', 'node', (l) => ({ node: node.label[l] }));
  const row = contents.rows.get(nodeId);
  const owner = String(row?.owner ?? '').trim();
  // Only the rule's columns, header row first: the same rule over them.
  const { columns, link: read } = ruleColumns(link);
  const rows = workbook.readColumns(link.sheet, columns, DATA_HEADER_ROW);
  checkDates(vocabulary, rows, read);
  const { months, matched, latest } = preview(rows, read, contents.fiscalYear ?? NaN, contents.startMonth ?? NaN, owner);
  if (matched === 0) {
    refuseLink(vocabulary, 'noMatch', 'conditions', (l) => ({
      sheet: link.sheet,
      date: link.date.header,
      conditions: link.conditions.length > 0 ? conditionsText(link.conditions, vocabulary.words[l].links.rule) : '—',
    }));
  }
  const typedMonths = (row?.actuals ?? []).filter((a) => a !== null).length;
  return { link, found: { months: contents.monthLabels, counts: months, matched, latest, typedMonths } };
}

export function previewLink(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, nodeId: string, rule: LinkRule) {
  const { tag, contents, tree } = readTree(workbook, vocabulary, sheetName);
  return findInData(workbook, vocabulary, contents, tree, tag.lang, nodeId, rule).found;
}

/** The links of the tag, found again (renamed sheets, moved columns), with one changed. */
const linksWith = (workbook: SheetGateway, tag: SheetTag | undefined, nodeId: string, link: DataLink | null) => {
  const { [nodeId]: _old, ...others } = findLinks(workbook, tag?.links ?? {}).links;
  return link ? { ...others, [nodeId]: link } : others;
};

export function linkNode(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, nodeId: string, rule: LinkRule): BuildResult {
  return updateTreeSheet(workbook, vocabulary, sheetName, (tree, contents) => {
    const tag = treeTags(workbook).get(sheetName);
    const { link } = findInData(workbook, vocabulary, contents, tree, tag?.lang ?? 'en', nodeId, rule);
    return { links: linksWith(workbook, tag, nodeId, link), relinked: [nodeId] };
  });
}

/**
 * Back to typed input: the cells hold the values they showed (read here, inside the update's
 * lock: the one case where values read are written, because the person asked for it).
 */
export function unlinkNode(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, nodeId: string): BuildResult {
  return updateTreeSheet(workbook, vocabulary, sheetName, (tree, contents) => {
    const tag = treeTags(workbook).get(sheetName);
    const node = tree.nodes.find((n) => n.id === nodeId);
    if (!node || !tag?.links?.[nodeId]) {
      refuseLink(vocabulary, 'notLinked', 'node', (l) => ({ node: node?.label[l] ?? nodeId }));
    }
    const shown = contents.rows.get(nodeId)?.actuals ?? [];
    return { links: linksWith(workbook, tag, nodeId, null), relinked: [nodeId], typedActuals: { [nodeId]: shown } };
  });
}

const problemText = (vocabulary: Vocabulary, problem: LinkProblem, sheet: string, node: Localized): Localized => {
  const text = (l: Lang) => {
    const words = vocabulary.words[l].links.broken;
    return problem.kind === 'sheetGone'
      ? fill(words.sheetGone, { sheet, node: node[l] })
      : fill(words.column, { sheet, node: node[l], column: problem.header });
  };
  return { en: text('en'), ja: text('ja') };
};

/** The tree's links as they stand (which broke, and why), the latest date of each data sheet, and the sheets to link to. */
export function treeLinks(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string): TreeLinks {
  const { tag, tree } = readTree(workbook, vocabulary, sheetName);
  const found = findLinks(workbook, tag.links ?? {});
  // Row 1 holds each linked sheet's name and latest date, in the order the layout put them.
  const freshness = Object.keys(found.links).length > 0 ? workbook.readRow(sheetName, FRESHNESS.row) : [];
  const latestOf = new Map<number, string>();
  linkedSheets(found.links).forEach((link, i) => {
    const date = freshness[FRESHNESS.label + 1 + 2 * i];
    if (date !== undefined && date !== '') latestOf.set(link.sheetId, String(date).slice(0, 10));
  });
  const words = vocabulary.words[tag.lang].links.rule;
  const links = Object.entries(found.links).flatMap(([nodeId, link]): LinkStatus[] => {
    const node = tree.nodes.find((n) => n.id === nodeId);
    if (!node) return [];
    return [
      {
        nodeId,
        label: node.label[tag.lang],
        sheet: link.sheet,
        rule: ruleText(link, words),
        latest: latestOf.get(link.sheetId) ?? null,
        problems: (found.problems.get(nodeId) ?? []).map((p) => problemText(vocabulary, p, link.sheet, node.label)),
        form: {
          sheet: link.sheet,
          date: link.date.header,
          conditions: link.conditions.map((c) => ({ column: c.header, values: c.values })),
          amount: link.amount?.header ?? null,
          owner: link.owner?.header ?? null,
          ...(link.start ? { start: link.start.header } : {}),
        },
      },
    ];
  });
  const trees = new Set(treeTags(workbook).keys());
  return {
    links,
    dataSheets: dataSheets(workbook, trees).map((s) => ({ name: s.name, headers: headerNames(s.headers) })),
  };
}
