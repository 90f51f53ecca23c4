/**
 * The spreadsheet's data, and the rules of Sheets on it (../../../shared/platform.md, each citing
 * Google's page): cells live in HyperFormula, set up as Google Sheets computes, so formulas are
 * evaluated and follow inserted, deleted and moved rows; per-cell properties and every stored
 * range (protections, named ranges, conditional-format rules, charts) move with them.
 *
 * Shared by the modules of this folder: the Apps Script services (services.ts), the person
 * (person.ts) and the inspection (view.ts) all work on one model. Nothing here is recorded.
 */
import { type CellValue, DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import { type Clock, registerClock } from './clock';
import { dateOf, errorText, formatNumber, formatSerial, isDateFormat, parseDate, parseNumber, serialOf } from './formats';
import {
  type Axis,
  type Change,
  covered,
  dropSheetRefs,
  type Grid,
  gridOf,
  intersects,
  mapPoint,
  moveGrid,
  moveRefs,
  sheetRef,
  shiftFormula,
} from './references';
import { registerSparkline } from './sparkline';

/** HyperFormula, set up as Google Sheets computes. */
function buildEngine(clock: Clock): HyperFormula {
  registerSparkline();
  registerClock();
  const hf = HyperFormula.buildEmpty({
    context: clock,
    licenseKey: 'gpl-v3',
    dateFormats: ['YYYY/MM/DD', 'MM/DD/YYYY'],
    useArrayArithmetic: false,
    leapYear1900: false,
    smartRounding: false,
    // Sheets limits cells per spreadsheet (assertRoom), not rows per sheet: HyperFormula's own
    // limit (40,000 rows) would stop a data sheet that Sheets holds; columns up to 18,278
    // (https://support.google.com/drive/answer/37603).
    maxRows: MAX_CELLS,
    maxColumns: 18_278,
  });
  hf.addNamedExpression('TRUE', '=TRUE()');
  hf.addNamedExpression('FALSE', '=FALSE()');
  return hf;
}

export interface FakeSheetsOptions {
  /** The spreadsheet's locale (default `en_US`): numbers people type are read in it. */
  readonly locale?: string;
  /** The spreadsheet's time zone (default `Asia/Tokyo`): dates are read and written in it. */
  readonly timeZone?: string;
  /** The spreadsheet owner's email (default `owner@example.com`). */
  readonly owner?: string;
  /** The current (effective) user's email (default: the owner). */
  readonly user?: string;
  /** The current user's edit access comes from a Google Group (see `Protection.removeEditors`). */
  readonly userViaGroup?: boolean;
  /** The clock TODAY() reads (default: the machine's), so a test can say what day it is. */
  readonly now?: () => Date;
}

/** A cell as getValues reads it. */
export type FakeValue = string | number | boolean | Date;

export interface ValidationData {
  /** CUSTOM_FORMULA: values[0] is the formula as it reads for this cell. */
  readonly criteria: 'VALUE_IN_LIST' | 'NUMBER_GREATER_THAN_OR_EQUAL_TO' | 'NUMBER_BETWEEN' | 'CUSTOM_FORMULA';
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

interface CellProps {
  format?: string;
  background?: string;
  weight?: 'bold';
  fontColor?: string;
  note?: string;
  validation?: ValidationData;
}

export interface SheetModel {
  readonly gid: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  /** Keyed `row,column`; moved with rows and columns. */
  cells: Map<string, CellProps>;
  metadata: MetadataModel[];
  rules: { ranges: Grid[]; formula: string; background: string | null; fontColor: string | null }[];
  charts: ChartModel[];
  frozenRows: number;
  frozenColumns: number;
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  widths: Map<number, number>;
  /** Column group depth by column (0 where none); moved with the columns. */
  columnGroups: Map<number, number>;
  deleted: boolean;
}

export interface MetadataModel {
  readonly id: number;
  readonly sheet: SheetModel;
  readonly key: string;
  value: string | null;
}

/** A range handed to the script: fixed coordinates, as Apps Script's Range objects are. */
export interface RangeRef {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface ProtectionModel {
  readonly id: number;
  readonly type: 'SHEET' | 'RANGE';
  readonly sheet: SheetModel;
  /** RANGE only; moves with rows and columns. */
  range: Grid | null;
  description: string;
  warningOnly: boolean;
  domainEdit: boolean;
  editors: string[];
  /** The current user's group, when it was the current user's way in at creation. */
  group: boolean;
  unprotected: Grid[];
  removed: boolean;
}

export interface NamedModel {
  readonly name: string;
  sheet: SheetModel;
  range: Grid;
}

export interface ChartState {
  type: 'LINE' | null;
  title: string | null;
  options: Record<string, unknown>;
  ranges: { sheet: SheetModel; grid: Grid }[];
  transpose: boolean;
  numHeaders: number | null;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

export interface ChartModel extends ChartState {
  id: number | null;
}

export const GENERAL = 'General';
export const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const NO_PERMISSION = 'You do not have permission to edit this protection. You are trying to edit a protected cell or object.';
export const OUTSIDE = 'Those coordinates are outside the dimensions of the sheet.';
/** Cells a spreadsheet holds at most (https://support.google.com/drive/answer/37603). */
const MAX_CELLS = 10_000_000;

const key = (row: number, column: number) => `${row},${column}`;
const parseKey = (k: string) => k.split(',').map(Number) as [number, number];
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
/** What a named range stands for in the engine. */
const namedExpression = (named: NamedModel) => `=${sheetRef(named.sheet.name, named.range)}`;
export const chartTitle = (chart: ChartState) => chart.title ?? (typeof chart.options.title === 'string' ? chart.options.title : null);

export class SpreadsheetModel {
  readonly owner: string;
  /** The current (effective) user: for canEdit, new protections and edits. */
  user: string;
  /** Users whose edit access comes from a Google Group. */
  readonly viaGroup: Set<string>;
  readonly locale: string;
  readonly timeZone: string;
  readonly hf: HyperFormula;
  sheets: SheetModel[] = [];
  active!: SheetModel;
  protections: ProtectionModel[] = [];
  /** By lower-case name: Sheets' names are case-insensitive. */
  readonly named = new Map<string, NamedModel>();
  /** The document lock: free, held by the running script, or held by another script. */
  lock: 'free' | 'run' | 'other' = 'free';
  nextId = 1;
  private nextGid = 1;

  constructor(options: FakeSheetsOptions) {
    this.locale = options.locale ?? 'en_US';
    this.timeZone = options.timeZone ?? 'Asia/Tokyo';
    this.hf = buildEngine({ now: options.now ?? (() => new Date()), timeZone: this.timeZone });
    this.owner = options.owner ?? 'owner@example.com';
    this.user = options.user ?? this.owner;
    this.viaGroup = new Set(options.userViaGroup && this.user !== this.owner ? [this.user] : []);
    // A new spreadsheet has one sheet, and a spreadsheet can never have none.
    this.addSheet('Sheet1', 0, 0);
  }

  // -------------------------------------------------------------------------------------------
  // Sheets.

  addSheet(name: string, index: number, gid = this.nextGid++): SheetModel {
    this.hf.addSheet(name);
    const sheet: SheetModel = {
      gid,
      name,
      maxRows: 1000,
      maxColumns: 26,
      cells: new Map(),
      metadata: [],
      rules: [],
      charts: [],
      frozenRows: 0,
      frozenColumns: 0,
      hiddenRows: new Set(),
      hiddenColumns: new Set(),
      widths: new Map(),
      columnGroups: new Map(),
      deleted: false,
    };
    this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }

  hfId(sheet: SheetModel): number {
    return this.hf.getSheetId(sheet.name)!;
  }

  byName(name: string): SheetModel {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  }

  /** platform.md: names are unique case-insensitively, at most 100 characters, none of []*?/\: */
  checkName(name: unknown, self?: SheetModel): string {
    if (typeof name !== 'string' || name.trim() === '') throw new Error('Sheet names cannot be empty.');
    if (name.length > 100) throw new Error(`The sheet name "${name}" is longer than 100 characters.`);
    if (/[[\]*?/\\:]/.test(name)) throw new Error(`The sheet name "${name}" contains one of the characters [ ] * ? / \\ :`);
    if (this.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    return name;
  }

  /**
   * A spreadsheet holds at most 10 million cells, every sheet's whole grid counted, filled or
   * not: "Up to 10 million cells" (https://support.google.com/drive/answer/37603). Growing past
   * it fails with the message Sheets gives.
   */
  assertRoom(added: number): void {
    const cells = this.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
    if (cells + added > MAX_CELLS) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  insertSheet(name: string, index?: number): SheetModel {
    this.checkName(name);
    this.assertRoom(1000 * 26);
    // Where insertSheet(name) puts the sheet (after the active one here) is not documented:
    // code that cares passes an index.
    const at = index ?? this.sheets.indexOf(this.active) + 1;
    if (!Number.isInteger(at) || at < 0 || at > this.sheets.length) throw new Error(`Invalid sheet index ${index}`);
    // "The new sheet becomes the active sheet." (Spreadsheet.insertSheet)
    return this.addSheet(name, at);
  }

  renameSheet(sheet: SheetModel, name: string): void {
    this.checkName(name, sheet);
    this.hf.renameSheet(this.hfId(sheet), name);
    sheet.name = name;
  }

  /**
   * Every reference to a deleted sheet becomes #REF! and stays so: a sheet added or renamed to
   * its name later does not bring it back (platform.md; https://support.google.com/docs/answer/3093290
   * for #REF!). HyperFormula would reconnect them, so the formulas are rewritten first.
   */
  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.hf.batch(() => {
      for (const other of this.sheets) {
        if (other === sheet) continue;
        const id = this.hfId(other);
        this.hf.getSheetFormulas(id).forEach((row, r) =>
          row.forEach((formula, c) => {
            if (formula === undefined) return;
            const rewritten = dropSheetRefs(formula, sheet.name);
            if (rewritten !== formula) this.hf.setCellContents({ sheet: id, row: r, col: c }, [[rewritten]]);
          }),
        );
      }
      for (const [k, named] of this.named) {
        if (named.sheet !== sheet) continue;
        this.named.delete(k);
        // Kept in the engine as #REF!, so formulas that used the name read #REF! as in Sheets.
        this.hf.changeNamedExpression(named.name, '=#REF!');
      }
    });
    for (const p of this.protections) if (p.sheet === sheet) p.removed = true;
    this.protections = this.protections.filter((p) => !p.removed);
    for (const other of this.sheets) for (const chart of other.charts) chart.ranges = chart.ranges.filter((r) => r.sheet !== sheet);
    this.hf.removeSheet(this.hfId(sheet));
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[Math.max(0, index - 1)];
  }

  // -------------------------------------------------------------------------------------------
  // Named ranges: each is a named expression in the engine, so the formulas that use it compute.

  addName(name: string, range: RangeRef): void {
    const named: NamedModel = { name, sheet: range.sheet, range: gridOf(range) };
    this.named.set(name.toLowerCase(), named);
    // A name deleted with its sheet still sits in the engine as #REF!.
    if (this.hf.listNamedExpressions().some((n) => n.toLowerCase() === name.toLowerCase()))
      this.hf.changeNamedExpression(name, namedExpression(named));
    else this.hf.addNamedExpression(name, namedExpression(named));
  }

  pointName(named: NamedModel, range: RangeRef): void {
    named.sheet = range.sheet;
    named.range = gridOf(range);
    this.hf.changeNamedExpression(named.name, namedExpression(named));
  }

  removeName(named: NamedModel): void {
    this.named.delete(named.name.toLowerCase());
    this.hf.removeNamedExpression(named.name);
  }

  // -------------------------------------------------------------------------------------------
  // Cells.

  /** A range of the sheet; beyond its rows and columns, the error Sheets gives. */
  range(sheet: SheetModel, grid: Grid): RangeRef {
    if (
      grid.rows < 1 ||
      grid.columns < 1 ||
      grid.row < 1 ||
      grid.column < 1 ||
      grid.row + grid.rows - 1 > sheet.maxRows ||
      grid.column + grid.columns - 1 > sheet.maxColumns
    ) {
      throw new Error(OUTSIDE);
    }
    return { sheet, ...grid };
  }

  props(sheet: SheetModel, row: number, column: number): CellProps {
    return sheet.cells.get(key(row, column)) ?? {};
  }

  setProp<K extends keyof CellProps>(sheet: SheetModel, row: number, column: number, field: K, value: CellProps[K] | undefined): void {
    const k = key(row, column);
    const props = { ...(sheet.cells.get(k) ?? {}) };
    if (value === undefined) delete props[field];
    else props[field] = value;
    if (Object.keys(props).length === 0) sheet.cells.delete(k);
    else sheet.cells.set(k, props);
  }

  formatOf(sheet: SheetModel, row: number, column: number): string {
    return this.props(sheet, row, column).format ?? GENERAL;
  }

  rawValue(sheet: SheetModel, row: number, column: number): CellValue {
    return this.hf.getCellValue({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 });
  }

  private isDate(sheet: SheetModel, row: number, column: number): boolean {
    const format = this.formatOf(sheet, row, column);
    if (format !== GENERAL) return isDateFormat(format);
    const type = this.hf.getCellValueDetailedType({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 });
    return type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME' || type === 'NUMBER_TIME';
  }

  /** A cell as getValues reads it: dates as Date, errors as their text, blanks as ''. */
  valueOf(sheet: SheetModel, row: number, column: number): FakeValue {
    const value = this.rawValue(sheet, row, column);
    if (value === null) return '';
    if (value instanceof DetailedCellError) return errorText(value);
    if (typeof value === 'number' && this.isDate(sheet, row, column)) return dateOf(value, this.timeZone);
    return value;
  }

  displayOf(sheet: SheetModel, row: number, column: number): string {
    const value = this.rawValue(sheet, row, column);
    if (value === null) return '';
    if (value instanceof DetailedCellError) return errorText(value);
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'string') return value;
    const format = this.formatOf(sheet, row, column);
    if (this.isDate(sheet, row, column)) return formatSerial(value, format === GENERAL ? 'yyyy-mm-dd' : format);
    return formatNumber(value, format);
  }

  formulaOf(sheet: SheetModel, row: number, column: number): string | null {
    const address = { sheet: this.hfId(sheet), row: row - 1, col: column - 1 };
    return this.hf.doesCellHaveFormula(address) ? this.hf.getCellFormula(address)! : null;
  }

  /**
   * What a written value becomes, as if a person typed it (platform.md; Range.setValues:
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)).
   * Text goes to the engine behind an apostrophe so that it is never parsed again.
   */
  private parse(value: unknown, format: string): { raw: RawCellContent; date: boolean } {
    if (value === null || value === undefined || value === '') return { raw: null, date: false };
    if (typeof value === 'boolean') return { raw: value, date: false };
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to a cell.`);
      return { raw: value, date: false };
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new Error('Cannot write an invalid Date to a cell.');
      return { raw: serialOf(value, this.timeZone), date: true };
    }
    if (typeof value !== 'string') throw new Error(`Cannot write ${Object.prototype.toString.call(value)} to a cell.`);
    // In a plain-text cell whatever is written stays text, verbatim: a formula shows its source.
    // An apostrophe there is kept literally too (unverified in live Sheets: code must not rely
    // on writing one there, and keeping it shows such code up).
    if (format === '@') return { raw: `'${value}`, date: false };
    if (value.startsWith('=') && value.length > 1) return { raw: value, date: false };
    if (value.startsWith("'")) return { raw: value, date: false };
    const trimmed = value.trim();
    const number = parseNumber(trimmed, this.locale);
    if (number !== null) return { raw: number, date: false };
    const date = parseDate(trimmed);
    if (date !== null) return { raw: date, date: true };
    if (/^(TRUE|FALSE)$/i.test(trimmed)) return { raw: trimmed.toUpperCase() === 'TRUE', date: false };
    return { raw: `'${value}`, date: false };
  }

  /** Writes a grid of values (checked against the range already) the way setValues does. */
  writeValues(range: RangeRef, grid: readonly (readonly unknown[])[]): void {
    const raws = grid.map((row, r) =>
      row.map((value, c) => {
        const [rowAt, columnAt] = [range.row + r, range.column + c];
        const parsed = this.parse(value, this.formatOf(range.sheet, rowAt, columnAt));
        // A date written into an unformatted cell gets a date format, as in Sheets.
        if (parsed.date && this.formatOf(range.sheet, rowAt, columnAt) === GENERAL) {
          const withTime = typeof parsed.raw === 'number' && !Number.isInteger(parsed.raw);
          this.setProp(range.sheet, rowAt, columnAt, 'format', withTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd');
        }
        return parsed.raw;
      }),
    );
    this.hf.setCellContents({ sheet: this.hfId(range.sheet), row: range.row - 1, col: range.column - 1 }, raws);
  }

  /**
   * Range.copyTo: "Both the values and formatting are copied"; only the destination's top-left
   * cell matters (https://developers.google.com/apps-script/reference/spreadsheet/range#copyTo(Range)).
   * A formula's relative references move with it, as in Sheets. The copy must fit the sheet
   * (whether Sheets grows it is not documented: code makes room first).
   */
  copy(from: RangeRef, to: RangeRef): void {
    const target = this.range(to.sheet, { row: to.row, column: to.column, rows: from.rows, columns: from.columns });
    this.assertEditable(to.sheet, target);
    const [dRow, dColumn] = [to.row - from.row, to.column - from.column];
    const contents = this.hf
      .getRangeSerialized({
        start: { sheet: this.hfId(from.sheet), row: from.row - 1, col: from.column - 1 },
        end: { sheet: this.hfId(from.sheet), row: from.row + from.rows - 2, col: from.column + from.columns - 2 },
      })
      .map((row) =>
        row.map((content) => (typeof content === 'string' && content.startsWith('=') ? shiftFormula(content, dRow, dColumn) : content)),
      );
    const props = Array.from({ length: from.rows }, (_, i) =>
      Array.from({ length: from.columns }, (_, j) => this.props(from.sheet, from.row + i, from.column + j)),
    );
    this.hf.setCellContents({ sheet: this.hfId(to.sheet), row: to.row - 1, col: to.column - 1 }, contents as RawCellContent[][]);
    props.forEach((row, i) =>
      row.forEach((p, j) => {
        const k = key(to.row + i, to.column + j);
        if (Object.keys(p).length === 0) to.sheet.cells.delete(k);
        else to.sheet.cells.set(k, { ...p });
      }),
    );
  }

  /** Empties the cells; their formats, notes and validation stay. */
  clearContent(range: RangeRef): void {
    const blanks = Array.from({ length: range.rows }, () => Array<null>(range.columns).fill(null));
    this.hf.setCellContents({ sheet: this.hfId(range.sheet), row: range.row - 1, col: range.column - 1 }, blanks);
  }

  /** The last row and column holding content (a formula counts even when it shows ''). */
  extent(sheet: SheetModel): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    this.hf.getSheetSerialized(this.hfId(sheet)).forEach((row, r) =>
      row.forEach((content, c) => {
        if (content === null || content === undefined || content === '') return;
        rows = Math.max(rows, r + 1);
        columns = Math.max(columns, c + 1);
      }),
    );
    return { rows, columns };
  }

  // -------------------------------------------------------------------------------------------
  // Protections (https://developers.google.com/apps-script/reference/spreadsheet/protection).

  canEdit(p: ProtectionModel, user = this.user): boolean {
    return (
      user === this.owner ||
      p.editors.includes(user) ||
      (p.group && this.viaGroup.has(user)) ||
      // "all users in the domain that owns the spreadsheet" (Protection.canDomainEdit)
      (p.domainEdit && domainOf(user) === domainOf(this.owner))
    );
  }

  groupEmail(): string {
    return `editors-group@${domainOf(this.owner)}`;
  }

  ownerInWorkspace(): boolean {
    return !['gmail.com', 'googlemail.com'].includes(domainOf(this.owner));
  }

  /**
   * A new protection's editors are the owner and the current user; when the current user's
   * access comes through a group, the group (not the user) is listed. The page for
   * Sheet.protect() says a new protection "mirrors" the spreadsheet's permissions until its
   * editors change; this fake is stricter: only those editors can edit it from the start.
   */
  newProtection(type: 'SHEET' | 'RANGE', sheet: SheetModel, range: Grid | null): ProtectionModel {
    const throughGroup = this.viaGroup.has(this.user);
    const p: ProtectionModel = {
      id: this.nextId++,
      type,
      sheet,
      range,
      description: '',
      warningOnly: false,
      domainEdit: this.ownerInWorkspace(),
      editors: [this.owner, ...(this.user !== this.owner && !throughGroup ? [this.user] : [])],
      group: throughGroup,
      unprotected: [],
      removed: false,
    };
    this.protections.push(p);
    return p;
  }

  mayChange(p: ProtectionModel): void {
    if (p.removed) throw new Error('This protection has been removed.');
    if (!this.canEdit(p)) throw new Error(NO_PERMISSION);
  }

  /** Writes into cells a non-warning protection keeps the current user out of fail. */
  assertEditable(sheet: SheetModel, grid: Grid): void {
    for (const p of this.protections) {
      if (p.sheet !== sheet || p.warningOnly || this.canEdit(p)) continue;
      if (p.type === 'RANGE' ? intersects(p.range!, grid) : !covered(grid, p.unprotected)) throw new Error(PROTECTED);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Inserting, deleting and moving rows and columns: everything anchored to cells follows.

  structural(sheet: SheetModel, axis: Axis, change: Change): void {
    const max = axis === 'row' ? sheet.maxRows : sheet.maxColumns;
    const whole = (at: number, n: number): Grid =>
      axis === 'row' ? { row: at, column: 1, rows: n, columns: sheet.maxColumns } : { row: 1, column: at, rows: sheet.maxRows, columns: n };
    if (change.kind === 'insert') {
      if (change.at < 1 || change.at > max + 1 || change.n < 1) throw new Error(OUTSIDE);
      this.assertRoom(axis === 'row' ? change.n * sheet.maxColumns : change.n * sheet.maxRows);
      // New rows or columns inside a protected sheet are protected cells.
      if (this.protections.some((p) => p.sheet === sheet && p.type === 'SHEET' && !p.warningOnly && !this.canEdit(p)))
        throw new Error(PROTECTED);
    } else if (change.kind === 'delete') {
      if (change.at < 1 || change.n < 1 || change.at + change.n - 1 > max) throw new Error(OUTSIDE);
      const frozen = axis === 'row' ? sheet.frozenRows : sheet.frozenColumns;
      const frozenLeft = frozen - Math.max(0, Math.min(frozen, change.at + change.n - 1) - change.at + 1);
      if (max - change.n <= frozenLeft) throw new Error(`Sorry, it is not possible to delete all non-frozen ${axis}s.`);
      this.assertEditable(sheet, whole(change.at, change.n));
    } else {
      if (change.from < 1 || change.from > max || change.to < 1 || change.to > max) throw new Error(OUTSIDE);
      this.assertEditable(sheet, whole(change.from, 1));
    }

    const id = this.hfId(sheet);
    if (change.kind === 'insert') {
      if (axis === 'row') this.hf.addRows(id, [change.at - 1, change.n]);
      else this.hf.addColumns(id, [change.at - 1, change.n]);
    } else if (change.kind === 'delete') {
      if (axis === 'row') this.hf.removeRows(id, [change.at - 1, change.n]);
      else this.hf.removeColumns(id, [change.at - 1, change.n]);
    } else if (change.from !== change.to) {
      // HyperFormula moves to before its (0-based) target; the row ends up at `to`.
      const target = change.to > change.from ? change.to : change.to - 1;
      if (axis === 'row') this.hf.moveRows(id, change.from - 1, 1, target);
      else this.hf.moveColumns(id, change.from - 1, 1, target);
    }

    const cells = new Map<string, CellProps>();
    for (const [k, props] of sheet.cells) {
      const [row, column] = parseKey(k);
      const moved = mapPoint(axis === 'row' ? row : column, change);
      if (moved === null) continue;
      // A custom formula's references move with the cells, as a formula's do.
      const rule = props.validation;
      const followed =
        rule?.criteria === 'CUSTOM_FORMULA'
          ? { ...props, validation: { ...rule, values: [moveRefs(String(rule.values[0]), sheet.name, axis, change)] } }
          : props;
      cells.set(axis === 'row' ? key(moved, column) : key(row, moved), followed);
    }
    sheet.cells = cells;

    const move = (g: Grid) => moveGrid(g, axis, change);
    for (const p of this.protections) {
      if (p.sheet !== sheet) continue;
      p.unprotected = p.unprotected.filter(move);
      if (p.range && !move(p.range)) p.removed = true;
    }
    this.protections = this.protections.filter((p) => !p.removed);
    for (const [k, named] of this.named) {
      if (named.sheet !== sheet) continue;
      if (move(named.range)) this.hf.changeNamedExpression(named.name, namedExpression(named));
      else {
        this.named.delete(k);
        this.hf.changeNamedExpression(named.name, '=#REF!');
      }
    }
    // A rule's references move with the cells too, as Sheets rewrites them.
    sheet.rules = sheet.rules.filter((rule) => {
      rule.ranges = rule.ranges.filter(move);
      rule.formula = moveRefs(rule.formula, sheet.name, axis, change);
      return rule.ranges.length > 0;
    });
    for (const other of this.sheets) {
      for (const chart of other.charts) chart.ranges = chart.ranges.filter((r) => r.sheet !== sheet || move(r.grid));
    }
    for (const chart of sheet.charts) {
      const anchor = axis === 'row' ? 'row' : 'column';
      // A chart whose anchor row goes sits on the row before.
      chart.position[anchor] = mapPoint(chart.position[anchor], change) ?? Math.max(1, change.kind === 'delete' ? change.at - 1 : 1);
    }

    const hidden = axis === 'row' ? sheet.hiddenRows : sheet.hiddenColumns;
    const movedHidden = [...hidden].map((n) => mapPoint(n, change)).filter((n): n is number => n !== null);
    hidden.clear();
    movedHidden.forEach((n) => hidden.add(n));
    if (axis === 'column') {
      const follow = (byColumn: Map<number, number>) =>
        new Map(
          [...byColumn].flatMap(([c, w]) => {
            const moved = mapPoint(c, change);
            return moved === null ? [] : [[moved, w] as [number, number]];
          }),
        );
      sheet.widths = follow(sheet.widths);
      sheet.columnGroups = follow(sheet.columnGroups);
    }
    const frozenKey = axis === 'row' ? 'frozenRows' : 'frozenColumns';
    if (change.kind === 'insert' && change.at <= sheet[frozenKey]) sheet[frozenKey] += change.n;
    if (change.kind === 'delete') {
      sheet[frozenKey] -= Math.max(0, Math.min(sheet[frozenKey], change.at + change.n - 1) - change.at + 1);
    }
    const delta = change.kind === 'insert' ? change.n : change.kind === 'delete' ? -change.n : 0;
    if (axis === 'row') sheet.maxRows += delta;
    else sheet.maxColumns += delta;
  }
}
