/**
 * The narrow edge between the add-on and a spreadsheet. Each write is one batched call to the
 * Spreadsheet service (a whole grid per property), so a build costs the same few calls however
 * large the tree. Two implementations: `AppsScriptWorkbook` (src/server/appsScriptWorkbook.ts)
 * and the in-memory workbook the tests and the local preview use (test/support/memoryWorkbook.ts).
 */

import type { CellContent, ChartSpec, ConditionalRule, GridRange, ReadValue, SheetLayoutProps, Validation } from '../core/sheet/plan';

export type { CellContent, ChartSpec, ConditionalRule, GridRange, ReadValue, SheetLayoutProps, Validation };

/** A rule found on a sheet; the add-on's own are replaced on update, a person's are kept. */
export interface ExistingRule {
  readonly ranges: readonly GridRange[];
  /** Opaque: handed back unchanged to keep a person's own rule. */
  readonly handle: unknown;
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
  /** Makes sure a sheet has at least this many rows (a new sheet has 1,000). */
  ensureRows(sheet: string, rows: number): void;
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
  /**
   * Protects the whole sheet with a warning (a stray edit asks first) except the input ranges,
   * which people fill freely. One protection however many inputs.
   */
  protectExcept(sheet: string, inputs: readonly GridRange[], description: string): void;
  /** Protects each row's ranges so only its editors (and the spreadsheet's owners) change them. */
  protectRows(sheet: string, rows: readonly { readonly ranges: readonly GridRange[]; readonly editors: readonly string[] }[], description: string): void;
  /** Removes the row protections written with this description. */
  unprotectRows(sheet: string, description: string): void;
  /** Whether any row protection with this description is in place. */
  hasRowProtections(sheet: string, description: string): boolean;
  setNamedRange(name: string, sheet: string, range: GridRange): void;
  setLayout(sheet: string, layout: SheetLayoutProps): void;
  /** Replaces the sheet's charts: they read their ranges, so the data keeps them current. */
  setCharts(sheet: string, charts: readonly ChartSpec[]): void;

  /**
   * Runs `work` holding the document lock. Returns `busy` without running it when another
   * update holds the lock past the wait.
   */
  withDocumentLock<T>(work: () => T): { readonly ran: true; readonly result: T } | { readonly ran: false };
}
