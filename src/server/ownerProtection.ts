import type { Lang } from '../core/i18n';
import type { GridRange } from '../core/sheet/draft';
import type { TreeSheetContents } from '../core/sheet/readBack';
import { covering } from '../core/sheet/writes';
import { isTyped } from '../core/tree';
import type { Vocabulary } from '../core/vocabulary';
import type { FoundProtection, SheetGateway } from './gateway';
import { refuse } from './refusals';
import { locked, readTree } from './trees';

/**
 * Owner protection, off by default: when on, each row whose owner is an email is protected so
 * that only that person (with the spreadsheet's owner and whoever turned it on) edits its
 * inputs. Turning it on or off succeeds completely or changes nothing and says why.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const overlaps = (a: GridRange, b: GridRange) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/** The input cells of each owner's rows, one protection per contiguous block of them, and how many rows. */
export function ownerBlocks(
  contents: TreeSheetContents,
  typed: (nodeId: string) => boolean,
): { rows: number; blocks: { range: GridRange; editors: string[] }[] } {
  const col = (key: string) => contents.columns.get(key)!;
  const byOwner = new Map<string, GridRange[]>();
  for (const [id, row] of contents.rows) {
    const owner = String(row.owner).trim();
    if (!EMAIL.test(owner)) continue;
    const cells = byOwner.get(owner) ?? [];
    cells.push({ row: row.row, column: col('owner'), rows: 1, columns: col('plan_input') - col('owner') + 1 });
    if (typed(id)) cells.push({ row: row.row, column: col('actual_1'), rows: 1, columns: 12 });
    byOwner.set(owner, cells);
  }
  return {
    rows: [...byOwner.values()].reduce((n, cells) => n + new Set(cells.map((c) => c.row)).size, 0),
    blocks: [...byOwner].flatMap(([owner, cells]) => covering(cells).map((range) => ({ range, editors: [owner] }))),
  };
}

/**
 * The tree's rows among `cells` that the protections cover, for messages: their labels, and
 * their owners (who may edit an owner's row).
 */
function rowsOf(contents: TreeSheetContents | null, found: readonly FoundProtection[], cells: readonly GridRange[]) {
  const covered = (row: number, ranges: readonly GridRange[]) => ranges.some((g) => row >= g.row && row < g.row + g.rows);
  const rows = contents
    ? [...contents.rows.values()].filter(
        (r) =>
          covered(
            r.row,
            found.map((p) => p.range),
          ) && covered(r.row, cells),
      )
    : [];
  const owners = rows.map((r) => String(r.owner).trim()).filter((o) => EMAIL.test(o));
  return {
    labels: rows.map((r) => String(r.values.label)).join(', '),
    // A protection's editors are visible only to its editors; the owner column says whose rows they are.
    editors: [...new Set([...found.flatMap((p) => p.editors), ...owners])].join(', '),
  };
}

const ownerNote = (workbook: SheetGateway, lang: Lang) => {
  const email = workbook.ownerEmail();
  return email === '' ? '' : lang === 'ja' ? `（${email}）` : ` (${email})`;
};

/** Both languages' descriptions: a tree whose language changed keeps protections made in the other. */
const descriptions = (vocabulary: Vocabulary) => new Set(Object.values(vocabulary.words).map((w) => w.ownerProtection));

export function setOwnerProtection(workbook: SheetGateway, vocabulary: Vocabulary, sheetName: string, enabled: boolean): number {
  return locked(workbook, vocabulary, () => {
    const { tag, contents, tree } = readTree(workbook, vocabulary, sheetName);
    const ours = descriptions(vocabulary);
    const existing = workbook.rangeProtections(sheetName, (description) => ours.has(description));
    const notMine = existing.filter((p) => !p.canEdit);
    if (notMine.length > 0) {
      const { labels, editors } = rowsOf(
        contents,
        notMine,
        notMine.map((p) => p.range),
      );
      refuse(vocabulary, 'protectionNotYours', 'ownerProtection', {
        sheet: sheetName,
        rows: labels,
        editors,
        owner: { en: ownerNote(workbook, 'en'), ja: ownerNote(workbook, 'ja') },
      });
    }
    const typedIds = new Set(tree.nodes.filter(isTyped).map((n) => n.id));
    const owned = ownerBlocks(contents, (id) => typedIds.has(id));
    if (enabled) {
      try {
        // The new protections first (all or none), then the old ones go: a failure changes nothing.
        workbook.protectRanges(sheetName, owned.blocks, vocabulary.words[tag.lang].ownerProtection);
      } catch (error) {
        refuse(vocabulary, 'protectionFailed', 'ownerProtection', { reason: error instanceof Error ? error.message : String(error) });
      }
    }
    workbook.removeProtections(existing);
    workbook.tagSheet(sheetName, JSON.stringify({ ...tag, ownerProtection: enabled }));
    return enabled ? owned.rows : 0;
  });
}

/**
 * Refuses, naming the rows and who may edit them, when the current user may not write every
 * cell a change needs: checked before the first write, so nothing is left half-done.
 */
export function checkWritable(
  workbook: SheetGateway,
  vocabulary: Vocabulary,
  sheetName: string,
  contents: TreeSheetContents | null,
  cells: readonly GridRange[],
): void {
  const blocked = workbook.rangeProtections(sheetName, (_, canEdit) => !canEdit).filter((p) => cells.some((c) => overlaps(c, p.range)));
  if (blocked.length === 0) return;
  const { labels, editors } = rowsOf(contents, blocked, cells);
  refuse(vocabulary, 'protectedRows', 'sheet', {
    rows: labels || sheetName,
    editors: editors || '—',
    owner: { en: ownerNote(workbook, 'en'), ja: ownerNote(workbook, 'ja') },
  });
}
