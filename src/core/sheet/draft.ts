/** The plan of a sheet: everything the layout decides, before any service call. */

/** A rectangle on a sheet, 1-based like the Spreadsheet service. */
export interface GridRange {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** The one cell at a row and column, as a range. */
export const cellRange = (row: number, column: number): GridRange => ({ row, column, rows: 1, columns: 1 });

/** What a cell holds before it is written: text stays text, a formula starts with `=`. */
export type CellContent =
  /** `plain`: the cell is formatted as plain text (`@`), which keeps the text as it is. */
  { readonly text: string; readonly plain?: boolean } | { readonly number: number } | { readonly formula: string } | null;

/** A value as read back from a sheet (blank cells read as ''). */
export type ReadValue = string | number | boolean;

export type Validation =
  | {
      readonly kind: 'number';
      readonly min: number;
      /** Inclusive upper bound, if any. */
      readonly max?: number;
      readonly help: string;
    }
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly help: string }
  /**
   * A custom formula that must hold, written for one cell: `{cell}` stands for the cell itself
   * (the edge puts each range's top-left there, and Sheets moves it to each cell of the range).
   */
  | { readonly kind: 'formula'; readonly formula: string; readonly help: string };

/** The cell a `formula` validation tests. */
export const VALIDATED_CELL = '{cell}';

/** A conditional-format rule: a custom formula relative to the top-left cell of the first range. */
export interface ConditionalRule {
  readonly ranges: readonly GridRange[];
  readonly formula: string;
  readonly background: string;
  readonly fontColor?: string;
}

export interface SheetLayoutProps {
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly hiddenColumns: readonly number[];
  readonly hiddenRows: readonly number[];
  /** Pixel widths by column, 1-based; columns left out keep the default. */
  readonly columnWidths: Readonly<Record<number, number>>;
  /** Column groups (one level) people expand and collapse; made expanded. */
  readonly columnGroups: readonly { readonly column: number; readonly columns: number }[];
}

/** A line chart over a block of rows (series in rows, month labels in the first). */
export interface ChartSpec {
  readonly title: string;
  readonly range: GridRange;
  /** Where its top-left corner sits. */
  readonly anchor: { readonly row: number; readonly column: number };
}

/** A named range; names are workbook-wide, so the server adds a suffix unique to the sheet. */
export interface NamedRange {
  readonly prefix: string;
  readonly range: GridRange;
}

/** A whole sheet, property by property, so the gateway writes each with one batched call. */
export interface SheetDraft {
  readonly rows: number;
  readonly columns: number;
  readonly contents: CellContent[][];
  readonly numberFormats: string[][];
  readonly backgrounds: (string | null)[][];
  readonly fontWeights: ('bold' | 'normal')[][];
  readonly fontColors: (string | null)[][];
  readonly notes: string[][];
  readonly validations: (Validation | null)[][];
  readonly rules: ConditionalRule[];
  /** The cells people type in; everything else is protected with a warning. */
  readonly inputs: GridRange[];
  readonly protectionNote: string;
  readonly names: NamedRange[];
  /**
   * The rows the add-on lays out (the frame, the nodes, the chart block), in order; any other
   * row within the plan is a person's own and is never written.
   */
  readonly ownedRows: readonly number[];
  readonly charts: ChartSpec[];
  readonly layout: SheetLayoutProps;
  /** Developer metadata that marks the sheet as a KPI tree. */
  readonly tag: string;
}

/** A draft's cell grids, every cell at its default, with the one way of putting a cell's content. */
export type DraftGrids = Pick<
  SheetDraft,
  'rows' | 'columns' | 'contents' | 'numberFormats' | 'backgrounds' | 'fontWeights' | 'fontColors' | 'notes' | 'validations'
>;

export function draftGrids(rows: number, columns: number) {
  const grid = <T>(value: T): T[][] => Array.from({ length: rows }, () => Array<T>(columns).fill(value));
  const grids: DraftGrids = {
    rows,
    columns,
    contents: grid<CellContent>(null),
    numberFormats: grid('General'),
    backgrounds: grid<string | null>(null),
    fontWeights: grid<'bold' | 'normal'>('normal'),
    fontColors: grid<string | null>(null),
    notes: grid(''),
    validations: grid<Validation | null>(null),
  };
  /** Text in a plain-text (`@`) cell is marked plain, so the edge writes it as text, never a formula. */
  const put = (row: number, column: number, content: CellContent, format?: string) => {
    grids.contents[row - 1][column - 1] = format === '@' && content !== null && 'text' in content ? { ...content, plain: true } : content;
    if (format) grids.numberFormats[row - 1][column - 1] = format;
  };
  return { grids, put };
}
