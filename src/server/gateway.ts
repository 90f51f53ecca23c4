/**
 * The narrow edge between the add-on and a spreadsheet. Each write is one batched call to the
 * Spreadsheet service (a rectangle per property), so a build costs the same few calls however
 * large the tree. One implementation, `AppsScriptWorkbook` (src/server/appsScriptWorkbook.ts):
 * the tests and the local preview run it over a strict fake of the Spreadsheet service
 * (build/sheets/), which counts every Apps Script call.
 */

import type { CellContent, ChartSpec, ConditionalRule, GridRange, ReadValue, SheetLayoutProps, Validation } from '../core/sheet/draft';

export type { CellContent, ChartSpec, ConditionalRule, GridRange, ReadValue, SheetLayoutProps, Validation };

/** A rule found on a sheet; the add-on's own are replaced on update, a person's are kept. */
export interface ExistingRule {
  /** Its background colour, by which the add-on knows its own rules (they use its palette). */
  readonly background: string | null;
  /** Opaque: handed back unchanged to keep a person's own rule. */
  readonly handle: unknown;
}

/** A protection over some of a sheet's cells, as the current user finds it. */
export interface FoundProtection {
  readonly range: GridRange;
  readonly description: string;
  /** Emails of the people who may edit the range; empty where the current user may not see them. */
  readonly editors: readonly string[];
  /** Whether the current user may edit (and so change or remove) it. */
  readonly canEdit: boolean;
  /** Opaque: the protection itself, to remove it. */
  readonly handle: unknown;
}

export interface SheetGateway {
  /** The spreadsheet's locale, e.g. `ja_JP`. */
  locale(): string;
  /** A date as people read it in the spreadsheet's time zone (not the script's), e.g. `yyyy-MM-dd HH:mm`. */
  formatDate(date: Date, pattern: string): string;
  /** The spreadsheet owner's email, for messages that say whom to ask; '' when unknown. */
  ownerEmail(): string;
  sheetNames(): string[];
  /** A sheet's id (gid), for links. */
  sheetId(sheet: string): number;
  url(): string;
  activeSheetName(): string | null;
  activate(sheet: string): void;

  /** Every sheet's name and id (gid), in the workbook's order: a data sheet is found by its id after a rename. */
  sheetIds(): { readonly name: string; readonly id: number }[];
  /** One row of a sheet, as far as its data goes (a data sheet's header row), in one read. */
  readRow(sheet: string, row: number): ReadValue[];
  /** Every value of a sheet's data range, in one read. */
  readValues(sheet: string): ReadValue[][];
  /**
   * Some columns' values from `fromRow` down to the sheet's last row, as rows holding those
   * columns in the order asked: a link reads its rule's columns of a wide data sheet, not the
   * whole sheet. One read a column.
   */
  readColumns(sheet: string, columns: readonly number[], fromRow: number): ReadValue[][];
  /** Whether each cell of a rectangle has a data-validation rule (an input rule), in one read. */
  readValidated(sheet: string, range: GridRange): boolean[][];
  /** Every formula of a sheet's data range ('' where a cell holds none), in one read. */
  readFormulas(sheet: string): string[][];
  /** The tag of every tagged sheet, found with one call (developer metadata). */
  taggedSheets(): { readonly sheet: string; readonly tag: string }[];

  insertSheet(name: string, rows: number, columns: number): void;
  /** Makes sure a sheet has at least this many rows (a new sheet has 1,000). */
  ensureRows(sheet: string, rows: number): void;
  /** Makes sure a sheet has at least this many columns (a new sheet has 26). */
  ensureColumns(sheet: string, columns: number): void;
  /** Sheets' own row operations: references elsewhere, protections and rules move with the rows. */
  insertRowsAfter(sheet: string, after: number, count: number): void;
  deleteRows(sheet: string, row: number, count: number): void;
  /**
   * Sheets' own column move: `count` columns from `from` go before column `before` (counted
   * before the move); what people typed, their formats and references from elsewhere move along.
   */
  moveColumns(sheet: string, from: number, count: number, before: number): void;
  deleteSheet(sheet: string): void;
  /** Sets the sheet's tag (developer metadata), replacing the one it had. */
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
  /**
   * Whether a conditional rule of the sheet colours cells `background`. The add-on writes its
   * own rules first and its missing-input rule last, so the search runs from the last rule back.
   */
  hasConditionalRule(sheet: string, background: string): boolean;
  /** Replaces all rules of a sheet: the add-on's own, plus the kept handles of other rules. */
  setConditionalRules(sheet: string, rules: readonly ConditionalRule[], kept: readonly ExistingRule[]): void;
  /**
   * Protects the whole sheet with a warning (a stray edit asks first) except the input ranges,
   * which people fill freely. One protection however many inputs; an existing one is reused.
   */
  protectExcept(sheet: string, inputs: readonly GridRange[], description: string): void;
  /**
   * The range protections of a sheet (not the sheet's own warning) that `wanted` picks by their
   * description and whether the current user may edit them: only those are read in full.
   */
  rangeProtections(sheet: string, wanted: (description: string, canEdit: boolean) => boolean): FoundProtection[];
  /**
   * Protects each range so that only its editors (with the spreadsheet's owner and the current
   * user) change it: all or nothing — on a failure the ones made are removed again and it throws.
   */
  protectRanges(
    sheet: string,
    blocks: readonly { readonly range: GridRange; readonly editors: readonly string[] }[],
    description: string,
  ): void;
  /** Removes protections found by `rangeProtections`; the caller checked `canEdit` first. */
  removeProtections(found: readonly FoundProtection[]): void;
  /** Points each named range (its prefix and a suffix unique to the sheet) at its cell, creating it if missing. */
  setNamedRanges(sheet: string, names: readonly { readonly prefix: string; readonly range: GridRange }[]): void;
  setLayout(sheet: string, layout: SheetLayoutProps): void;
  /** Adds the add-on's charts to a new sheet: they read their ranges, so the data keeps them current. */
  addCharts(sheet: string, charts: readonly ChartSpec[]): void;
  /** Removes the sheet's charts titled one of `titles` (the add-on's own); others stay. */
  removeCharts(sheet: string, titles: readonly string[]): void;

  /** Every sheet's grid, filled or not: Sheets counts these cells against its 10-million-cell limit. */
  gridSizes(): { readonly sheet: string; readonly rows: number; readonly columns: number }[];
  /** Gives a sheet exactly this many rows and columns, adding or deleting at its end. */
  resizeSheet(sheet: string, rows: number, columns: number): void;
  renameSheet(sheet: string, name: string): void;
  /** Copies a rectangle's values and formats to the same place in another sheet, in one call. */
  copyRange(from: string, range: GridRange, to: string): void;
  /** Empties a rectangle's values; formats stay. */
  clearContents(sheet: string, range: GridRange): void;

  /**
   * Runs `work` holding the document lock. Returns `busy` without running it when another
   * update holds the lock past the wait.
   */
  withDocumentLock<T>(work: () => T): { readonly ran: true; readonly result: T } | { readonly ran: false };
}
