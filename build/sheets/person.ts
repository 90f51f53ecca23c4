/**
 * A simulated person at the keyboard, and the world around the running script: typing into
 * cells, inserting, deleting and moving rows and columns, renaming, adding and deleting sheets,
 * acting as another user, another script holding the document lock. These go straight to the
 * model, as a person's edits do, so they are not recorded as Apps Script calls.
 */
import { type CellValue, DetailedCellError } from 'hyperformula';
import type { ValidationData } from './model';
import { Inspection } from './view';

/** What a person does, by sheet name; what they see comes from Inspection. */
export class Person extends Inspection {
  /** The current user from now on: for canEdit, new protections and edits. */
  as(email: string): void {
    this.model.user = email;
  }

  get user(): string {
    return this.model.user;
  }

  /**
   * A person typing into a cell: read as Sheets reads typing, kept verbatim in `@` cells,
   * refused by a cell's rejecting validation (with its help text) and by a non-warning
   * protection the person cannot edit. A warning-only protection only asks first.
   */
  edit(sheetName: string, row: number, column: number, input: string): void {
    const sheet = this.model.byName(sheetName);
    const range = this.model.range(sheet, { row, column, rows: 1, columns: 1 });
    this.model.assertEditable(sheet, range);
    const id = this.model.hfId(sheet);
    const before = this.model.hf.getCellSerialized({ sheet: id, row: row - 1, col: column - 1 });
    const format = this.model.props(sheet, row, column).format;
    this.model.writeValues(range, [[input]]);
    const rule = this.model.props(sheet, row, column).validation;
    const holds = (formula: string) => {
      const result = this.model.hf.calculateFormula(formula, id);
      return result === true || (typeof result === 'number' && result !== 0);
    };
    if (rule && !rule.allowInvalid && input.trim() !== '' && !accepts(rule, this.model.rawValue(sheet, row, column), holds)) {
      this.model.hf.setCellContents({ sheet: id, row: row - 1, col: column - 1 }, [[before]]);
      this.model.setProp(sheet, row, column, 'format', format);
      throw new Error(rule.helpText || 'The data you entered violates the data validation rules set on this cell.');
    }
  }

  /** A person inserting `n` rows before row `before`. */
  insertRows(sheetName: string, before: number, n = 1): void {
    this.model.structural(this.model.byName(sheetName), 'row', { kind: 'insert', at: before, n });
  }

  deleteRows(sheetName: string, row: number, n = 1): void {
    this.model.structural(this.model.byName(sheetName), 'row', { kind: 'delete', at: row, n });
  }

  insertColumns(sheetName: string, before: number, n = 1): void {
    this.model.structural(this.model.byName(sheetName), 'column', { kind: 'insert', at: before, n });
  }

  /** A person dragging a row so that it ends up at row `to`: formulas follow, as in Sheets. */
  moveRow(sheetName: string, from: number, to: number): void {
    this.model.structural(this.model.byName(sheetName), 'row', { kind: 'move', from, to });
  }

  renameSheet(oldName: string, newName: string): void {
    this.model.renameSheet(this.model.byName(oldName), newName);
  }

  deleteSheet(name: string): void {
    this.model.removeSheet(this.model.byName(name));
  }

  /** A person adding a sheet at the end (the active sheet stays). */
  addSheet(name: string): void {
    this.model.checkName(name);
    const active = this.model.active;
    this.model.addSheet(name, this.model.sheets.length);
    this.model.active = active;
  }

  /** Another script holds the document lock until `releaseHeldLock`. */
  holdLock(): void {
    if (this.model.lock === 'run') throw new Error('The running script holds the document lock.');
    this.model.lock = 'other';
  }

  releaseHeldLock(): void {
    if (this.model.lock === 'other') this.model.lock = 'free';
  }
}

/** Whether a value passes a validation rule (blank always passes); `holds` evaluates a custom formula on the sheet. */
function accepts(rule: ValidationData, value: CellValue, holds: (formula: string) => boolean): boolean {
  if (value === null || value === '') return true;
  if (rule.criteria === 'CUSTOM_FORMULA') return holds(String(rule.values[0]));
  if (rule.criteria === 'VALUE_IN_LIST') {
    const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value instanceof DetailedCellError ? value.value : String(value);
    return (rule.values[0] as string[]).includes(text);
  }
  if (typeof value !== 'number') return false;
  const [min, max] = rule.values as number[];
  return value >= min && (rule.criteria !== 'NUMBER_BETWEEN' || value <= max);
}
