/** A1 notation for the formulas the layout writes. Rows and columns are 1-based. */

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `B7`, `$B7`, `B$7` or `$B$7`. */
export function ref(column: number, row: number, lock: '' | 'col' | 'row' | 'both' = ''): string {
  const c = lock === 'col' || lock === 'both' ? '$' : '';
  const r = lock === 'row' || lock === 'both' ? '$' : '';
  return `${c}${columnLetter(column)}${r}${row}`;
}

/** `$S7:$AD7`-style spans. */
export function span(fromColumn: number, fromRow: number, toColumn: number, toRow: number, lock: '' | 'col' | 'row' | 'both' = ''): string {
  return `${ref(fromColumn, fromRow, lock)}:${ref(toColumn, toRow, lock)}`;
}

/** A formula string literal: text from templates is quoted, never spliced in raw. */
export const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** `'Deals data'!` before a reference: the name quoted, so any sheet name works. */
export const onSheet = (sheet: string, reference: string): string => `'${sheet.replace(/'/g, "''")}'!${reference}`;
