/**
 * The add-on's real Apps Script edge (`AppsScriptWorkbook`) over the in-memory spreadsheet
 * (spreadsheet.ts), for the tests, the local preview and the bench: every Apps Script call is
 * counted where Google pays it, and what a person does (typing, inserting and moving rows) goes
 * through the spreadsheet's person, `sheets`.
 */

import type { ReadValue } from '../../src/core/sheet/draft';
import { type AppsScriptServices, AppsScriptWorkbook } from '../../src/server/appsScriptWorkbook';
import { createFakeSheets, type FakeSheets, type FakeSheetsOptions, type FakeSheetView, type FakeViewCell } from './spreadsheet';

export type SheetView = FakeSheetView;
export type ViewCell = FakeViewCell;

export class MemoryWorkbook extends AppsScriptWorkbook {
  readonly sheets: FakeSheets;

  constructor(options: FakeSheetsOptions = {}) {
    const sheets = createFakeSheets(options);
    super(() => sheets.services as unknown as AppsScriptServices);
    this.sheets = sheets;
  }

  /** Every Apps Script call so far, `Class.method`. */
  get calls(): readonly string[] {
    return this.sheets.calls;
  }

  /** Test hook: an Apps Script method that fails, to prove a failure leaves nothing half-built. */
  set failOn(method: string | null) {
    this.sheets.beforeCall =
      method === null
        ? null
        : (called) => {
            if (called === method) throw new Error(`Simulated service failure in ${method}`);
          };
  }

  /** A person typing into a cell, as Sheets reads it; validation and protections apply. */
  edit(sheet: string, row: number, column: number, input: string): void {
    this.sheets.edit(sheet, row, column, input);
  }

  valueAt(sheet: string, row: number, column: number): ReadValue {
    const value = this.sheets.valueAt(sheet, row, column);
    return value instanceof Date ? value.toISOString() : value;
  }

  formulaAt(sheet: string, row: number, column: number): string | null {
    return this.sheets.formulaAt(sheet, row, column);
  }

  view(sheet: string): SheetView {
    return this.sheets.view(sheet);
  }

  /** Who may edit a cell, where a range protection covers it (the owner always may); null where anyone may. */
  editorsAt(sheet: string, row: number, column: number): readonly string[] | null {
    const found = this.sheets
      .protections(sheet)
      .find(
        ({ type, range: g }) =>
          type === 'RANGE' && row >= g.row && row < g.row + g.rows && column >= g.column && column < g.column + g.columns,
      );
    return found ? found.editors.filter((e) => e !== this.sheets.owner) : null;
  }
}
