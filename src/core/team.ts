import { KpiError } from './i18n';

/**
 * Per person and per team: where a tree's counts come from in the team's own data, and how its
 * KGI is shared out among people. Pure: the Team sheet's layout (sheet/teamLayout.ts) turns these
 * into native formulas.
 */

/**
 * A count or money node linked to a data sheet: the rows of `dataSheet` (a header row, then one
 * row per lead, deal or activity) whose `dateColumn` falls in the period and whose columns match
 * every condition are counted, or their `amountColumn` summed, per value of `ownerColumn`.
 * Columns are named by their header text, as people see them; the layout finds their letters.
 */
export interface SourceRule {
  readonly nodeId: string;
  /** The data sheet's name. */
  readonly dataSheet: string;
  readonly dateColumn: string;
  /** Every condition must hold: its column equals one of its values (e.g. Stage = 「商談化」 or "Qualified"). */
  readonly conditions: readonly { readonly column: string; readonly values: readonly string[] }[];
  /** Sum this column; left out, the rows are counted. */
  readonly amountColumn?: string;
  /** Who the row belongs to: a person or a team. */
  readonly ownerColumn: string;
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

/** The people a data sheet names in its owner column, in the order they first appear; blanks left out. */
export function ownersIn(values: readonly (readonly unknown[])[], ownerIndex: number): string[] {
  const seen = new Set<string>();
  for (const row of values.slice(1)) {
    // Kept as written: the sheet's formulas match the owner cell exactly, spaces and all.
    const name = String(row[ownerIndex] ?? '');
    if (name.trim() !== '') seen.add(name);
  }
  return [...seen];
}
