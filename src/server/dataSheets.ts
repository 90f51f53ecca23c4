import type { ReadValue } from '../core/sheet/draft';
import { DATA_HEADER_ROW, type DataLink, findColumn, headerNames, type LinkColumn } from '../core/sheet/links';
import type { SheetGateway } from './gateway';

/**
 * The data sheets links read from, found as they are now: by id after a rename, columns by
 * header after they moved. Sheets moves the formulas' references itself when a sheet is renamed
 * or columns move; an update writes the formulas again from what is found here, so it agrees.
 */

/** What is wrong with a link now: its sheet deleted, or a column whose header is gone. */
export type LinkProblem = { readonly kind: 'sheetGone' } | { readonly kind: 'column'; readonly header: string };

export interface FoundLinks {
  /** The links with their sheets' current names and columns (as stored where they cannot be found). */
  readonly links: Readonly<Record<string, DataLink>>;
  readonly problems: ReadonlyMap<string, readonly LinkProblem[]>;
}

/** A data sheet: not a tree, with a header row. */
export interface DataSheet {
  readonly name: string;
  readonly id: number;
  readonly headers: readonly ReadValue[];
}

/** The sheets of the workbook by id, and the header row of those asked for (one read each). */
export function findLinks(workbook: SheetGateway, links: Readonly<Record<string, DataLink>>): FoundLinks {
  const entries = Object.entries(links);
  if (entries.length === 0) return { links, problems: new Map() };
  const names = new Map(workbook.sheetIds().map((s) => [s.id, s.name]));
  const headers = new Map<number, ReadValue[]>();
  const problems = new Map<string, LinkProblem[]>();
  const found: Record<string, DataLink> = {};
  for (const [id, link] of entries) {
    const name = names.get(link.sheetId);
    if (name === undefined) {
      problems.set(id, [{ kind: 'sheetGone' }]);
      found[id] = link;
      continue;
    }
    if (!headers.has(link.sheetId)) headers.set(link.sheetId, workbook.readRow(name, DATA_HEADER_ROW));
    const row = headers.get(link.sheetId)!;
    const wrong: LinkProblem[] = [];
    const again = <C extends LinkColumn>(c: C): C => {
      const column = findColumn(row, c.header);
      if (column === 0) wrong.push({ kind: 'column', header: c.header });
      return column === 0 ? c : { ...c, column };
    };
    found[id] = {
      ...link,
      sheet: name,
      date: again(link.date),
      conditions: link.conditions.map(again),
      amount: link.amount && again(link.amount),
      owner: link.owner && again(link.owner),
      ...(link.start ? { start: again(link.start) } : {}),
    };
    if (wrong.length > 0) problems.set(id, wrong);
  }
  return { links: found, problems };
}

/** The sheets a link can read: every sheet but the tree sheets, with at least one header in row 1. */
export function dataSheets(workbook: SheetGateway, treeSheets: ReadonlySet<string>): DataSheet[] {
  return workbook
    .sheetIds()
    .filter((s) => !treeSheets.has(s.name))
    .map((s) => ({ ...s, headers: workbook.readRow(s.name, DATA_HEADER_ROW) }))
    .filter((s) => headerNames(s.headers).length > 0);
}
