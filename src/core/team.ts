import { KpiError } from './i18n';
import type { DataLink, LinkColumn } from './sheet/links';

/**
 * Per person and per team: which of a tree's links count per person, and how its KGI is shared
 * out among people. Pure: the Team sheet's layout (sheet/teamLayout.ts) turns these
 * into native formulas.
 */

/** A link that counts per owner: the Team sheet's rows are the values of its owner column. */
export type OwnedLink = DataLink & { readonly owner: LinkColumn };

/** The tree's links the Team sheet counts per person: those with an owner column, by node id. */
export function ownedLinks(links: Readonly<Record<string, DataLink>>): ReadonlyMap<string, OwnedLink> {
  return new Map(Object.entries(links).flatMap(([id, link]) => (link.owner ? [[id, { ...link, owner: link.owner }] as const] : [])));
}

/**
 * A whole amount split into `count` whole shares that add up to it exactly: each gets the
 * quotient, and the units left over go one each to the first in order (¥1,000,000,000 among
 * three: 333,333,334 / 333,333,333 / 333,333,333).
 */
export function evenSplit(total: number, count: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new KpiError(
      {
        en: `The KGI must be a whole amount of 0 or more to split evenly, got ${total}.`,
        ja: `均等に配分するには KGI を 0 以上の整数にしてください（現在: ${total}）。`,
      },
      'kgi',
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new KpiError(
      {
        en: 'There is nobody to split the KGI among: the data has no owners yet.',
        ja: 'KGI を配分する担当者がいません。データに担当者がまだありません。',
      },
      'people',
    );
  }
  const base = Math.floor(total / count);
  const left = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < left ? 1 : 0));
}

/** The people an owner column names (its cells below the header), in the order they first appear; blanks left out. */
export function ownersIn(cells: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const cell of cells) {
    // Kept as written: the sheet's formulas match the owner cell exactly, spaces and all.
    const name = String(cell ?? '');
    if (name.trim() !== '') seen.add(name);
  }
  return [...seen];
}
