/**
 * The narrow edge between the add-on and a spreadsheet. Each write is one batched call to the
 * Spreadsheet service (a whole grid per property), so a build costs the same few calls however
 * large the tree. Two implementations: `AppsScriptWorkbook` (src/server/appsScriptWorkbook.ts)
 * and the in-memory workbook the tests and the local preview use (test/support/memoryWorkbook.ts).
 */

/** A rectangle on a sheet, 1-based like the Spreadsheet service. */
export interface GridRange {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** What a cell holds before it is written: text stays text, a formula starts with `=`. */
export type CellContent =
  | { readonly text: string }
  | { readonly number: number }
  | { readonly formula: string }
  | null;

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
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly help: string };

/** A conditional-format rule: a custom formula relative to the top-left cell of the first range. */
export interface ConditionalRule {
  readonly ranges: readonly GridRange[];
  readonly formula: string;
  readonly background: string;
  readonly fontColor?: string;
}

/** A rule found on a sheet; `managed` ones were written by the add-on and are replaced on update. */
export interface ExistingRule {
  readonly ranges: readonly GridRange[];
  /** Opaque: handed back unchanged to keep a person's own rule. */
  readonly handle: unknown;
}

export interface SheetLayoutProps {
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly hiddenColumns: readonly number[];
  readonly hiddenRows: readonly number[];
  /** Pixel widths by column, 1-based; columns left out keep the default. */
  readonly columnWidths: Readonly<Record<number, number>>;
}

export interface SheetGateway {
  /** The spreadsheet's locale, e.g. `ja_JP`. */
  locale(): string;
  sheetNames(): string[];
  /** A sheet's id (gid), for links. */
  sheetId(sheet: string): number;
  url(): string;
  activeSheetName(): string | null;
  activate(sheet: string): void;

  /** Every value of a sheet's data range, in one read. */
  readValues(sheet: string): ReadValue[][];
  /** Developer metadata stored on a sheet (kind of tree, version). */
  readSheetTag(sheet: string): string | null;

  insertSheet(name: string, rows: number, columns: number): void;
  deleteSheet(sheet: string): void;
  /** Renames and moves a sheet to a position (0-based), e.g. to take another's place. */
  renameSheet(sheet: string, newName: string, index?: number): void;
  sheetIndex(sheet: string): number;
  tagSheet(sheet: string, tag: string): void;

  /** Content for a rectangle: text written as text, formulas as formulas. */
  setContents(sheet: string, range: GridRange, contents: readonly (readonly CellContent[])[]): void;
  setNumberFormats(sheet: string, range: GridRange, formats: readonly (readonly string[])[]): void;
  setBackgrounds(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void;
  setFontWeights(sheet: string, range: GridRange, weights: readonly (readonly ('bold' | 'normal')[])[]): void;
  setFontColors(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void;
  setNotes(sheet: string, range: GridRange, notes: readonly (readonly string[])[]): void;
  setValidations(sheet: string, range: GridRange, rules: readonly (readonly (Validation | null)[])[]): void;
  readConditionalRules(sheet: string): ExistingRule[];
  /** Replaces all rules of a sheet: the add-on's own, plus the kept handles of other rules. */
  setConditionalRules(sheet: string, rules: readonly ConditionalRule[], kept: readonly ExistingRule[]): void;
  /** Protects ranges with a warning (editable, but a stray edit asks first). */
  protectWithWarning(sheet: string, ranges: readonly GridRange[], description: string): void;
  setNamedRange(name: string, sheet: string, range: GridRange): void;
  setLayout(sheet: string, layout: SheetLayoutProps): void;

  /**
   * Runs `work` holding the document lock. Returns `busy` without running it when another
   * update holds the lock past the wait.
   */
  withDocumentLock<T>(work: () => T): { readonly ran: true; readonly result: T } | { readonly ran: false };
}
