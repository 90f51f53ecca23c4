/**
 * A strict, data-holding fake of the Apps Script Spreadsheet service, with LockService, Session
 * and Utilities, for running the real Apps Script edge (src/server/appsScriptWorkbook.ts) in Node.
 *
 * Strict: every object it hands out is a Proxy that throws on any member the fake does not model
 * (`Unexpected use of Sheet.someMethod`), every call is recorded as `Class.method`, and the rules
 * of Sheets in ../../../shared/platform.md are enforced, each citing Google's page. Data-holding:
 * cells live in HyperFormula (its Google Sheets-compatible setup), so formulas are evaluated and
 * follow inserted, deleted and moved rows; per-cell properties and every stored range (protections,
 * named ranges, conditional-format rules, charts) move with them.
 *
 * Besides the services, a test drives it as people do (`edit`, `insertRows`, `as`…) and inspects
 * it in plain values (`protections`, `rules`, `view`…); those controller methods are not recorded.
 */
import {
  DetailedCellError, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type CellValue, type RawCellContent,
} from 'hyperformula';

// ---------------------------------------------------------------------------------------------
// HyperFormula, set up as Google Sheets computes.

/** SPARKLINE is drawn by Sheets; here it becomes a row of bars, so the preview still shows a trend. */
class SparklinePlugin extends FunctionPlugin {
  static override implementedFunctions = {
    SPARKLINE: { method: 'sparkline', parameters: [{ argumentType: FunctionArgumentType.RANGE }] },
  };

  // HyperFormula does not export its AST and state types; they are passed through untouched.
  sparkline(ast: { args: unknown[] }, state: unknown) {
    return this.runFunction(ast.args as never, state as never, this.metadata('SPARKLINE'), (range: SimpleRangeValue) => {
      const values = range.data.flat().filter((v): v is number => typeof v === 'number');
      if (values.length === 0) return '';
      const max = Math.max(...values, 0);
      const bars = '▁▂▃▄▅▆▇█';
      return values.map((v) => bars[max > 0 ? Math.min(7, Math.max(0, Math.round((v / max) * 7))) : 0]).join('');
    });
  }
}
// The registry is global to the module instance; another double may have registered it already.
if (!HyperFormula.getRegisteredFunctionNames('enGB').includes('SPARKLINE')) {
  HyperFormula.registerFunctionPlugin(SparklinePlugin, { enGB: { SPARKLINE: 'SPARKLINE' } });
}

function buildEngine(): HyperFormula {
  const hf = HyperFormula.buildEmpty({
    licenseKey: 'gpl-v3',
    dateFormats: ['YYYY/MM/DD', 'MM/DD/YYYY'],
    useArrayArithmetic: false,
    leapYear1900: false,
    smartRounding: false,
  });
  hf.addNamedExpression('TRUE', '=TRUE()');
  hf.addNamedExpression('FALSE', '=FALSE()');
  return hf;
}

// ---------------------------------------------------------------------------------------------
// Public types.

/** The run was killed (platform.md: the 6-minute kill is not an exception the script sees). */
export class FakeKilled extends Error {
  constructor(method: string) {
    super(`Killed: ${method} did not run`);
    this.name = 'FakeKilled';
  }
}

export interface FakeServices {
  readonly SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly LockService: GoogleAppsScript.Lock.LockService;
  readonly Session: GoogleAppsScript.Base.Session;
  readonly Utilities: GoogleAppsScript.Utilities.Utilities;
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
}

/** A rectangle, 1-based. */
export interface FakeGrid {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** A cell as getValues reads it. */
export type FakeValue = string | number | boolean | Date;

export type FakeValidation =
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly help: string; readonly allowInvalid: boolean }
  | { readonly kind: 'number'; readonly min: number; readonly max?: number; readonly help: string; readonly allowInvalid: boolean };

export interface FakeRule {
  readonly ranges: readonly FakeGrid[];
  readonly formula: string;
  readonly background: string | null;
  readonly fontColor: string | null;
}

export interface FakeProtection {
  readonly type: 'SHEET' | 'RANGE';
  readonly range: FakeGrid;
  readonly description: string;
  /** Explicit editors, plus the group's address while the group has access. */
  readonly editors: readonly string[];
  readonly warningOnly: boolean;
  readonly domainEdit: boolean;
  readonly unprotected: readonly FakeGrid[];
}

export interface FakeChart {
  readonly type: 'LINE';
  readonly title: string | null;
  readonly ranges: readonly (FakeGrid & { readonly sheet: string })[];
  readonly transpose: boolean;
  readonly numHeaders: number | null;
  readonly position: { readonly row: number; readonly column: number; readonly offsetX: number; readonly offsetY: number };
}

export interface FakeLayout {
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly hiddenColumns: readonly number[];
  readonly hiddenRows: readonly number[];
  /** Pixel widths of the columns not at the default 100. */
  readonly columnWidths: Readonly<Record<number, number>>;
}

export interface FakeViewCell {
  readonly display: string;
  /** Dates as their serial number. */
  readonly value: string | number | boolean;
  readonly formula: string | null;
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly bold: boolean;
  /** In an unprotected range of the sheet's protection: where people type. */
  readonly input: boolean;
  readonly note: string;
}

export interface FakeSheetView extends FakeLayout {
  readonly name: string;
  readonly rows: readonly (readonly FakeViewCell[])[];
}

// ---------------------------------------------------------------------------------------------
// The model.

type Axis = 'row' | 'column';
type Grid = { row: number; column: number; rows: number; columns: number };
type Change = { kind: 'insert'; at: number; n: number } | { kind: 'delete'; at: number; n: number } | { kind: 'move'; from: number; to: number };

interface ValidationData {
  readonly criteria: 'VALUE_IN_LIST' | 'NUMBER_GREATER_THAN_OR_EQUAL_TO' | 'NUMBER_BETWEEN';
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

interface SheetModel {
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
  deleted: boolean;
}

interface MetadataModel { readonly id: number; readonly sheet: SheetModel; readonly key: string; value: string | null }

/** A range handed to the script: fixed coordinates, as Apps Script's Range objects are. */
interface RangeRef { readonly sheet: SheetModel; readonly row: number; readonly column: number; readonly rows: number; readonly columns: number }

interface ProtectionModel {
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

interface NamedModel { readonly name: string; sheet: SheetModel; range: Grid }

interface ChartState {
  type: 'LINE' | null;
  title: string | null;
  options: Record<string, unknown>;
  ranges: { sheet: SheetModel; grid: Grid }[];
  transpose: boolean;
  numHeaders: number | null;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

interface ChartModel extends ChartState { id: number | null }

interface RuleData { ranges: RangeRef[]; formula: string | null; background: string | null; fontColor: string | null }

type Methods = Record<string, (...args: never[]) => unknown>;

const GENERAL = 'General';
const DEFAULT_WIDTH = 100;
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const NO_PERMISSION = 'You do not have permission to edit this protection. You are trying to edit a protected cell or object.';
const OUTSIDE = 'Those coordinates are outside the dimensions of the sheet.';
/** Names Jest and Node read when printing or comparing objects; they read as absent. */
const INSPECTED = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor']);

const key = (row: number, column: number) => `${row},${column}`;
const parseKey = (k: string) => k.split(',').map(Number) as [number, number];
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const inside = (g: Grid, row: number, column: number) =>
  row >= g.row && row < g.row + g.rows && column >= g.column && column < g.column + g.columns;
const intersects = (a: Grid, b: Grid) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
const plainGrid = (g: Grid): FakeGrid => ({ row: g.row, column: g.column, rows: g.rows, columns: g.columns });

// ---------------------------------------------------------------------------------------------
// The fake.

export function createFakeSheets(options: FakeSheetsOptions = {}): FakeSheets {
  return new FakeSheets(options);
}

export class FakeSheets {
  readonly services: FakeServices;
  /** Every service call, `Class.method`, in order. */
  readonly calls: string[] = [];
  /** Runs before each recorded call executes: a person's edit, or `kill()`. */
  beforeCall: ((method: string) => void) | null = null;
  readonly owner: string;

  private currentUser: string;
  private readonly viaGroup: Set<string>;
  private readonly locale: string;
  private readonly timeZone: string;
  private readonly hf = buildEngine();
  private sheets: SheetModel[] = [];
  private active!: SheetModel;
  private protectionList: ProtectionModel[] = [];
  /** By lower-case name: Sheets' names are case-insensitive. */
  private readonly named = new Map<string, NamedModel>();
  private readonly handles = new WeakMap<object, { kind: string; model: unknown }>();
  private killed = false;
  private inHook = false;
  private lock: 'free' | 'run' | 'other' = 'free';
  private nextId = 1;
  private nextGid = 1;

  constructor(options: FakeSheetsOptions = {}) {
    this.locale = options.locale ?? 'en_US';
    this.timeZone = options.timeZone ?? 'Asia/Tokyo';
    this.owner = options.owner ?? 'owner@example.com';
    this.currentUser = options.user ?? this.owner;
    this.viaGroup = new Set(options.userViaGroup && this.currentUser !== this.owner ? [this.currentUser] : []);
    // A new spreadsheet has one sheet, and a spreadsheet can never have none.
    this.addSheetModel('Sheet1', 0, 0);
    this.services = this.buildServices();
  }

  // -------------------------------------------------------------------------------------------
  // Counting, hooks and kills.

  callCount(): number {
    return this.calls.length;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  countsByMethod(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls) counts[call] = (counts[call] ?? 0) + 1;
    return counts;
  }

  /** Ends the run: every further service call throws FakeKilled and changes nothing. */
  kill(): void {
    this.killed = true;
  }

  /** The next run. The killed run's document lock was released when it ended. */
  revive(): void {
    this.killed = false;
    if (this.lock === 'run') this.lock = 'free';
  }

  private invoke(method: string, sheet: SheetModel | undefined, run: () => unknown): unknown {
    if (this.killed) throw new FakeKilled(method);
    this.calls.push(method);
    if (this.beforeCall && !this.inHook) {
      this.inHook = true;
      try {
        this.beforeCall(method);
      } finally {
        this.inHook = false;
      }
      if (this.killed) throw new FakeKilled(method);
    }
    if (sheet?.deleted) throw new Error(`The sheet "${sheet.name}" has been deleted.`);
    return run();
  }

  /** Wraps an object's methods in a strict, recording Proxy. */
  private expose(kind: string, model: unknown, methods: Methods, sheet?: SheetModel, values: Record<string, unknown> = {}): object {
    const own = (o: object, p: string) => Object.prototype.hasOwnProperty.call(o, p);
    const proxy: object = new Proxy(Object.create(null) as object, {
      get: (_target, prop) => {
        if (typeof prop === 'symbol' || INSPECTED.has(prop)) return undefined;
        if (own(values, prop)) return values[prop];
        if (!own(methods, prop)) throw new Error(`Unexpected use of ${kind}.${prop}`);
        const method = methods[prop] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => this.invoke(`${kind}.${prop}`, sheet, () => method(...args));
      },
      set: (_target, prop) => {
        throw new Error(`Unexpected use of ${kind}.${String(prop)}`);
      },
    });
    this.handles.set(proxy, { kind, model });
    return proxy;
  }

  /** The model behind an object this fake handed out; anything else is refused. */
  private unwrap<T>(value: unknown, kind: string): T {
    const handle = typeof value === 'object' && value !== null ? this.handles.get(value) : undefined;
    if (!handle || handle.kind !== kind) {
      throw new Error(`Expected a ${kind} from this spreadsheet`);
    }
    return handle.model as T;
  }

  // -------------------------------------------------------------------------------------------
  // Sheets.

  private addSheetModel(name: string, index: number, gid = this.nextGid++): SheetModel {
    this.hf.addSheet(name);
    const sheet: SheetModel = {
      gid, name, maxRows: 1000, maxColumns: 26, cells: new Map(), metadata: [], rules: [], charts: [],
      frozenRows: 0, frozenColumns: 0, hiddenRows: new Set(), hiddenColumns: new Set(), widths: new Map(), deleted: false,
    };
    this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }

  private hfId(sheet: SheetModel): number {
    return this.hf.getSheetId(sheet.name)!;
  }

  private byName(name: string): SheetModel {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  }

  /** platform.md: names are unique case-insensitively, at most 100 characters, none of []*?/\: */
  private checkName(name: unknown, self?: SheetModel): string {
    if (typeof name !== 'string' || name.trim() === '') throw new Error('Sheet names cannot be empty.');
    if (name.length > 100) throw new Error(`The sheet name "${name}" is longer than 100 characters.`);
    if (/[[\]*?/\\:]/.test(name)) throw new Error(`The sheet name "${name}" contains one of the characters [ ] * ? / \\ :`);
    if (this.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    return name;
  }

  private insertSheet(name: string, index?: number): SheetModel {
    this.checkName(name);
    // Where insertSheet(name) puts the sheet (after the active one here) is not documented:
    // code that cares passes an index.
    const at = index ?? this.sheets.indexOf(this.active) + 1;
    if (!Number.isInteger(at) || at < 0 || at > this.sheets.length) throw new Error(`Invalid sheet index ${index}`);
    // "The new sheet becomes the active sheet." (Spreadsheet.insertSheet)
    return this.addSheetModel(name, at);
  }

  private renameSheetModel(sheet: SheetModel, name: string): void {
    this.checkName(name, sheet);
    this.hf.renameSheet(this.hfId(sheet), name);
    sheet.name = name;
  }

  /**
   * Every reference to a deleted sheet becomes #REF! and stays so: a sheet added or renamed to
   * its name later does not bring it back (platform.md; https://support.google.com/docs/answer/3093290
   * for #REF!). HyperFormula would reconnect them, so the formulas are rewritten first.
   */
  private removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.hf.batch(() => {
      for (const other of this.sheets) {
        if (other === sheet) continue;
        const id = this.hfId(other);
        this.hf.getSheetFormulas(id).forEach((row, r) => row.forEach((formula, c) => {
          if (formula === undefined) return;
          const rewritten = dropSheetRefs(formula, sheet.name);
          if (rewritten !== formula) this.hf.setCellContents({ sheet: id, row: r, col: c }, [[rewritten]]);
        }));
      }
      for (const [k, named] of this.named) {
        if (named.sheet !== sheet) continue;
        this.named.delete(k);
        // Kept in the engine as #REF!, so formulas that used the name read #REF! as in Sheets.
        this.hf.changeNamedExpression(named.name, '=#REF!');
      }
    });
    for (const p of this.protectionList) if (p.sheet === sheet) p.removed = true;
    this.protectionList = this.protectionList.filter((p) => !p.removed);
    for (const other of this.sheets) for (const chart of other.charts) chart.ranges = chart.ranges.filter((r) => r.sheet !== sheet);
    this.hf.removeSheet(this.hfId(sheet));
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[Math.max(0, index - 1)];
  }

  // -------------------------------------------------------------------------------------------
  // Cells.

  private props(sheet: SheetModel, row: number, column: number): CellProps {
    return sheet.cells.get(key(row, column)) ?? {};
  }

  private setProp<K extends keyof CellProps>(sheet: SheetModel, row: number, column: number, field: K, value: CellProps[K] | undefined): void {
    const k = key(row, column);
    const props = { ...(sheet.cells.get(k) ?? {}) };
    if (value === undefined) delete props[field];
    else props[field] = value;
    if (Object.keys(props).length === 0) sheet.cells.delete(k);
    else sheet.cells.set(k, props);
  }

  private formatOf(sheet: SheetModel, row: number, column: number): string {
    return this.props(sheet, row, column).format ?? GENERAL;
  }

  private rawValue(sheet: SheetModel, row: number, column: number): CellValue {
    return this.hf.getCellValue({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 });
  }

  private isDate(sheet: SheetModel, row: number, column: number): boolean {
    const format = this.formatOf(sheet, row, column);
    if (format !== GENERAL) return isDateFormat(format);
    const type = this.hf.getCellValueDetailedType({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 });
    return type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME' || type === 'NUMBER_TIME';
  }

  /** A cell as getValues reads it: dates as Date, errors as their text, blanks as ''. */
  private valueOf(sheet: SheetModel, row: number, column: number): FakeValue {
    const value = this.rawValue(sheet, row, column);
    if (value === null) return '';
    if (value instanceof DetailedCellError) return errorText(value);
    if (typeof value === 'number' && this.isDate(sheet, row, column)) return instantOf(partsFromSerial(value), this.timeZone);
    return value;
  }

  private displayOf(sheet: SheetModel, row: number, column: number): string {
    const value = this.rawValue(sheet, row, column);
    if (value === null) return '';
    if (value instanceof DetailedCellError) return errorText(value);
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'string') return value;
    const format = this.formatOf(sheet, row, column);
    if (this.isDate(sheet, row, column)) return formatSerial(value, format === GENERAL ? 'yyyy-mm-dd' : format);
    return formatNumber(value, format);
  }

  private formulaOf(sheet: SheetModel, row: number, column: number): string | null {
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
      return { raw: serialFromParts(zonedParts(value, this.timeZone)), date: true };
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
  private writeValues(range: RangeRef, grid: readonly (readonly unknown[])[]): void {
    const raws = grid.map((row, r) => row.map((value, c) => {
      const [rowAt, columnAt] = [range.row + r, range.column + c];
      const parsed = this.parse(value, this.formatOf(range.sheet, rowAt, columnAt));
      // A date written into an unformatted cell gets a date format, as in Sheets.
      if (parsed.date && this.formatOf(range.sheet, rowAt, columnAt) === GENERAL) {
        const withTime = typeof parsed.raw === 'number' && !Number.isInteger(parsed.raw);
        this.setProp(range.sheet, rowAt, columnAt, 'format', withTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd');
      }
      return parsed.raw;
    }));
    this.hf.setCellContents({ sheet: this.hfId(range.sheet), row: range.row - 1, col: range.column - 1 }, raws);
  }

  /** The last row and column holding content (a formula counts even when it shows ''). */
  private extent(sheet: SheetModel): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    this.hf.getSheetSerialized(this.hfId(sheet)).forEach((row, r) => row.forEach((content, c) => {
      if (content === null || content === undefined || content === '') return;
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
    }));
    return { rows, columns };
  }

  // -------------------------------------------------------------------------------------------
  // Protections (https://developers.google.com/apps-script/reference/spreadsheet/protection).

  private canEdit(p: ProtectionModel, user = this.currentUser): boolean {
    return user === this.owner
      || p.editors.includes(user)
      || (p.group && this.viaGroup.has(user))
      // "all users in the domain that owns the spreadsheet" (Protection.canDomainEdit)
      || (p.domainEdit && domainOf(user) === domainOf(this.owner));
  }

  private groupEmail(): string {
    return `editors-group@${domainOf(this.owner)}`;
  }

  private ownerInWorkspace(): boolean {
    return !['gmail.com', 'googlemail.com'].includes(domainOf(this.owner));
  }

  /**
   * A new protection's editors are the owner and the current user; when the current user's
   * access comes through a group, the group (not the user) is listed. The page for
   * Sheet.protect() says a new protection "mirrors" the spreadsheet's permissions until its
   * editors change; this fake is stricter: only those editors can edit it from the start.
   */
  private newProtection(type: 'SHEET' | 'RANGE', sheet: SheetModel, range: Grid | null): ProtectionModel {
    const throughGroup = this.viaGroup.has(this.currentUser);
    const p: ProtectionModel = {
      id: this.nextId++, type, sheet, range, description: '', warningOnly: false, domainEdit: this.ownerInWorkspace(),
      editors: [this.owner, ...(this.currentUser !== this.owner && !throughGroup ? [this.currentUser] : [])],
      group: throughGroup, unprotected: [], removed: false,
    };
    this.protectionList.push(p);
    return p;
  }

  private mayChange(p: ProtectionModel): void {
    if (p.removed) throw new Error('This protection has been removed.');
    if (!this.canEdit(p)) throw new Error(NO_PERMISSION);
  }

  /** Writes into cells a non-warning protection keeps the current user out of fail. */
  private assertEditable(sheet: SheetModel, grid: Grid): void {
    for (const p of this.protectionList) {
      if (p.sheet !== sheet || p.warningOnly || this.canEdit(p)) continue;
      if (p.type === 'RANGE' ? intersects(p.range!, grid) : !covered(grid, p.unprotected)) throw new Error(PROTECTED);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Inserting, deleting and moving rows and columns: everything anchored to cells follows.

  private structural(sheet: SheetModel, axis: Axis, change: Change): void {
    const max = axis === 'row' ? sheet.maxRows : sheet.maxColumns;
    const whole = (at: number, n: number): Grid => (axis === 'row'
      ? { row: at, column: 1, rows: n, columns: sheet.maxColumns }
      : { row: 1, column: at, rows: sheet.maxRows, columns: n });
    if (change.kind === 'insert') {
      if (change.at < 1 || change.at > max + 1 || change.n < 1) throw new Error(OUTSIDE);
      // New rows or columns inside a protected sheet are protected cells.
      if (this.protectionList.some((p) => p.sheet === sheet && p.type === 'SHEET' && !p.warningOnly && !this.canEdit(p))) throw new Error(PROTECTED);
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
      if (moved !== null) cells.set(axis === 'row' ? key(moved, column) : key(row, moved), props);
    }
    sheet.cells = cells;

    const move = (g: Grid) => moveGrid(g, axis, change);
    for (const p of this.protectionList) {
      if (p.sheet !== sheet) continue;
      p.unprotected = p.unprotected.filter(move);
      if (p.range && !move(p.range)) p.removed = true;
    }
    this.protectionList = this.protectionList.filter((p) => !p.removed);
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
      sheet.widths = new Map([...sheet.widths].flatMap(([c, w]) => {
        const moved = mapPoint(c, change);
        return moved === null ? [] : [[moved, w] as [number, number]];
      }));
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

  // -------------------------------------------------------------------------------------------
  // The services.

  private buildServices(): FakeServices {
    const SpreadsheetApp = this.expose('SpreadsheetApp', null, {
      getActiveSpreadsheet: () => this.spreadsheetApi(),
      getActive: () => this.spreadsheetApi(),
      flush: () => undefined,
      newDataValidation: () => this.validationBuilderApi({ criteria: null, values: [], allowInvalid: true, helpText: '' }),
      newConditionalFormatRule: () => this.ruleBuilderApi({ ranges: [], formula: null, background: null, fontColor: null }),
    }, undefined, {
      ProtectionType: Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' }),
      DataValidationCriteria: Object.freeze({
        VALUE_IN_LIST: 'VALUE_IN_LIST', NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', NUMBER_BETWEEN: 'NUMBER_BETWEEN',
      }),
      DeveloperMetadataLocationType: Object.freeze({ SHEET: 'SHEET' }),
    });
    const LockService = this.expose('LockService', null, { getDocumentLock: () => this.lockApi() });
    const Session = this.expose('Session', null, {
      // In live Apps Script reading this user's email needs the userinfo.email scope, which the
      // add-on does not ask for: production passes the User object on (Protection.addEditor).
      getEffectiveUser: () => this.userApi(this.currentUser),
    });
    const Utilities = this.expose('Utilities', null, {
      formatDate: (date: Date, timeZone: string, pattern: string) => formatDate(date, timeZone, pattern),
    });
    return { SpreadsheetApp, LockService, Session, Utilities } as unknown as FakeServices;
  }

  private userApi(email: string): object {
    return this.expose('User', email, { getEmail: () => email });
  }

  private emailOf(user: unknown): string {
    const email = typeof user === 'string' ? user : this.unwrap<string>(user, 'User');
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`Invalid email: ${email}`);
    return email;
  }

  private lockApi(): object {
    return this.expose('Lock', null, {
      // Another script holding it past the timeout: tryLock answers false (no real waiting here).
      tryLock: (_timeoutMs: number) => {
        if (this.lock === 'other') return false;
        this.lock = 'run';
        return true;
      },
      waitLock: (_timeoutMs: number) => {
        if (this.lock === 'other') throw new Error('Lock timeout: another process was holding the lock for too long.');
        this.lock = 'run';
      },
      releaseLock: () => {
        if (this.lock === 'run') this.lock = 'free';
      },
      hasLock: () => this.lock === 'run',
    });
  }

  private spreadsheetApi(): object {
    const self: object = this.expose('Spreadsheet', null, {
      getSpreadsheetLocale: () => this.locale,
      getSpreadsheetTimeZone: () => this.timeZone,
      getUrl: () => 'https://docs.google.com/spreadsheets/d/fake/edit',
      getOwner: () => this.userApi(this.owner),
      getSheets: () => this.sheets.map((s) => this.sheetApi(s)),
      // Exact name here: code must use the name it wrote.
      getSheetByName: (name: string) => {
        const sheet = this.sheets.find((s) => s.name === name);
        return sheet ? this.sheetApi(sheet) : null;
      },
      getActiveSheet: () => this.sheetApi(this.active),
      setActiveSheet: (sheet: unknown) => {
        this.active = this.unwrap<SheetModel>(sheet, 'Sheet');
        return this.sheetApi(this.active);
      },
      moveActiveSheet: (position: number) => {
        if (!Number.isInteger(position) || position < 1 || position > this.sheets.length) throw new Error(`Invalid sheet position ${position}`);
        this.sheets.splice(this.sheets.indexOf(this.active), 1);
        this.sheets.splice(position - 1, 0, this.active);
      },
      insertSheet: (...args: unknown[]) => {
        const [first, second] = args;
        if (args.length > 2 || !['string', 'number', 'undefined'].includes(typeof first) || (second !== undefined && typeof second !== 'number')) {
          throw new Error('Unexpected use of Spreadsheet.insertSheet arguments');
        }
        const name = typeof first === 'string' ? first : this.freeSheetName();
        const index = typeof first === 'number' ? first : second as number | undefined;
        return this.sheetApi(this.insertSheet(name, index));
      },
      deleteSheet: (sheet: unknown) => {
        const model = this.unwrap<SheetModel>(sheet, 'Sheet');
        if (model.deleted) throw new Error(`The sheet "${model.name}" has been deleted.`);
        // Whether a user may delete a sheet holding protections they cannot edit is unverified;
        // refusing shows up code that relies on it.
        if (this.protectionList.some((p) => p.sheet === model && !p.warningOnly && !this.canEdit(p))) throw new Error(PROTECTED);
        this.removeSheet(model);
      },
      getProtections: (type: string) => this.protectionsOfType(type, null),
      /**
       * Whether setNamedRange with an existing name re-points it or throws is unverified
       * (platform.md): this fake throws, so code looks the name up and calls NamedRange.setRange.
       */
      setNamedRange: (name: string, range: unknown) => {
        const ref = this.unwrap<RangeRef>(range, 'Range');
        checkRangeName(name);
        if (this.named.has(name.toLowerCase())) throw new Error(`A named range with this name already exists: ${name}`);
        const named: NamedModel = { name, sheet: ref.sheet, range: { row: ref.row, column: ref.column, rows: ref.rows, columns: ref.columns } };
        this.named.set(name.toLowerCase(), named);
        // A name deleted with its sheet still sits in the engine as #REF!.
        if (this.hf.listNamedExpressions().some((n) => n.toLowerCase() === name.toLowerCase())) this.hf.changeNamedExpression(name, namedExpression(named));
        else this.hf.addNamedExpression(name, namedExpression(named));
      },
      getNamedRanges: () => [...this.named.values()].map((n) => this.namedRangeApi(n)),
      getRangeByName: (name: string) => {
        const named = this.named.get(String(name).toLowerCase());
        return named ? this.rangeApi({ sheet: named.sheet, ...named.range }) : null;
      },
      // One call finds the tagged sheets (platform.md: createDeveloperMetadataFinder).
      createDeveloperMetadataFinder: () => this.finderApi({}),
    });
    return self;
  }

  private freeSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  private protectionsOfType(type: string, sheet: SheetModel | null): object[] {
    if (type !== 'RANGE' && type !== 'SHEET') throw new Error(`Invalid protection type ${type}`);
    return this.protectionList.filter((p) => p.type === type && (sheet === null || p.sheet === sheet)).map((p) => this.protectionApi(p));
  }

  private finderApi(filter: { key?: string; value?: string }): object {
    return this.expose('DeveloperMetadataFinder', filter, {
      withKey: (k: string) => this.finderApi({ ...filter, key: k }),
      withValue: (v: string) => this.finderApi({ ...filter, value: v }),
      find: () => this.sheets.flatMap((s) => s.metadata)
        .filter((m) => (filter.key === undefined || m.key === filter.key) && (filter.value === undefined || m.value === filter.value))
        .map((m) => this.metadataApi(m)),
    });
  }

  private metadataApi(m: MetadataModel): object {
    const self: object = this.expose('DeveloperMetadata', m, {
      getId: () => m.id,
      getKey: () => m.key,
      getValue: () => m.value,
      setValue: (value: string) => {
        m.value = value;
        return self;
      },
      remove: () => {
        m.sheet.metadata = m.sheet.metadata.filter((x) => x !== m);
      },
      getLocation: () => this.expose('DeveloperMetadataLocation', m, {
        getLocationType: () => 'SHEET',
        getSheet: () => this.sheetApi(m.sheet),
      }, m.sheet),
    }, m.sheet);
    return self;
  }

  private namedRangeApi(named: NamedModel): object {
    const live = () => {
      if (this.named.get(named.name.toLowerCase()) !== named) throw new Error(`The named range ${named.name} has been removed.`);
    };
    const self: object = this.expose('NamedRange', named, {
      getName: () => named.name,
      getRange: () => {
        live();
        return this.rangeApi({ sheet: named.sheet, ...named.range });
      },
      setRange: (range: unknown) => {
        live();
        const ref = this.unwrap<RangeRef>(range, 'Range');
        named.sheet = ref.sheet;
        named.range = { row: ref.row, column: ref.column, rows: ref.rows, columns: ref.columns };
        this.hf.changeNamedExpression(named.name, namedExpression(named));
        return self;
      },
      remove: () => {
        live();
        this.named.delete(named.name.toLowerCase());
        this.hf.removeNamedExpression(named.name);
      },
    });
    return self;
  }

  private sheetApi(s: SheetModel): object {
    const rowsAfter = (after: number, n: number) => {
      checkInt(after, 'afterPosition');
      checkInt(n, 'howMany');
      if (after < 1 || after > s.maxRows) throw new Error(OUTSIDE);
      this.structural(s, 'row', { kind: 'insert', at: after + 1, n });
      return self;
    };
    const rowsBefore = (before: number, n: number) => {
      checkInt(before, 'beforePosition');
      checkInt(n, 'howMany');
      if (before < 1 || before > s.maxRows) throw new Error(OUTSIDE);
      this.structural(s, 'row', { kind: 'insert', at: before, n });
      return self;
    };
    const columnsAfter = (after: number, n: number) => {
      checkInt(after, 'afterPosition');
      checkInt(n, 'howMany');
      if (after < 1 || after > s.maxColumns) throw new Error(OUTSIDE);
      this.structural(s, 'column', { kind: 'insert', at: after + 1, n });
      return self;
    };
    const columnsBefore = (before: number, n: number) => {
      checkInt(before, 'beforePosition');
      checkInt(n, 'howMany');
      if (before < 1 || before > s.maxColumns) throw new Error(OUTSIDE);
      this.structural(s, 'column', { kind: 'insert', at: before, n });
      return self;
    };
    const remove = (axis: Axis, at: number, n: number) => {
      checkInt(at, 'position');
      checkInt(n, 'howMany');
      this.structural(s, axis, { kind: 'delete', at, n });
    };
    const hide = (axis: Axis, at: number, n = 1) => {
      checkInt(at, axis);
      checkInt(n, 'howMany');
      const max = axis === 'row' ? s.maxRows : s.maxColumns;
      if (at < 1 || n < 1 || at + n - 1 > max) throw new Error(OUTSIDE);
      for (let i = at; i < at + n; i++) (axis === 'row' ? s.hiddenRows : s.hiddenColumns).add(i);
    };
    const frozen = (axis: Axis, n: number) => {
      checkInt(n, axis === 'row' ? 'rows' : 'columns');
      const max = axis === 'row' ? s.maxRows : s.maxColumns;
      if (n < 0 || n >= max) throw new Error(`Sorry, it is not possible to freeze all ${axis}s.`);
      if (axis === 'row') s.frozenRows = n;
      else s.frozenColumns = n;
    };
    const width = (column: number, n: number, px: number) => {
      checkInt(column, 'column');
      checkInt(n, 'numColumns');
      checkInt(px, 'width');
      if (column < 1 || n < 1 || column + n - 1 > s.maxColumns) throw new Error(OUTSIDE);
      for (let c = column; c < column + n; c++) {
        if (px === DEFAULT_WIDTH) s.widths.delete(c);
        else s.widths.set(c, px);
      }
      return self;
    };
    const self: object = this.expose('Sheet', s, {
      getName: () => s.name,
      setName: (name: string) => {
        this.renameSheetModel(s, name);
        return self;
      },
      getSheetId: () => s.gid,
      getIndex: () => this.sheets.indexOf(s) + 1,
      activate: () => {
        this.active = s;
        return self;
      },
      getParent: () => this.spreadsheetApi(),
      getMaxRows: () => s.maxRows,
      getMaxColumns: () => s.maxColumns,
      getLastRow: () => this.extent(s).rows,
      getLastColumn: () => this.extent(s).columns,
      getRange: (...args: unknown[]) => this.rangeApi(this.rangeOf(s, args)),
      getRangeList: (a1s: string[]) => {
        if (!Array.isArray(a1s)) throw new Error('getRangeList takes an array of A1 notations');
        const refs = a1s.map((a1) => this.rangeOf(s, [a1]));
        return this.expose('RangeList', refs, { getRanges: () => refs.map((r) => this.rangeApi(r)) }, s);
      },
      getDataRange: () => {
        const { rows, columns } = this.extent(s);
        return this.rangeApi({ sheet: s, row: 1, column: 1, rows: Math.max(rows, 1), columns: Math.max(columns, 1) });
      },
      insertRowsAfter: rowsAfter,
      insertRowsBefore: rowsBefore,
      insertRowAfter: (after: number) => rowsAfter(after, 1),
      insertRowBefore: (before: number) => rowsBefore(before, 1),
      deleteRows: (position: number, n: number) => remove('row', position, n),
      deleteRow: (position: number) => {
        remove('row', position, 1);
        return self;
      },
      insertColumnsAfter: columnsAfter,
      insertColumnsBefore: columnsBefore,
      insertColumnAfter: (after: number) => columnsAfter(after, 1),
      insertColumnBefore: (before: number) => columnsBefore(before, 1),
      deleteColumns: (position: number, n: number) => remove('column', position, n),
      deleteColumn: (position: number) => {
        remove('column', position, 1);
        return self;
      },
      // "If the sheet is already protected, this method returns an object representing the
      // existing protection settings." https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
      protect: () => {
        const existing = this.protectionList.find((p) => p.sheet === s && p.type === 'SHEET');
        return this.protectionApi(existing ?? this.newProtection('SHEET', s, null));
      },
      getProtections: (type: string) => this.protectionsOfType(type, s),
      addDeveloperMetadata: (k: string, value?: string) => {
        if (typeof k !== 'string' || k === '') throw new Error('Developer metadata needs a key.');
        if (value !== undefined && typeof value !== 'string') throw new Error('Unexpected use of Sheet.addDeveloperMetadata arguments');
        s.metadata.push({ id: this.nextId++, sheet: s, key: k, value: value ?? null });
        return self;
      },
      getDeveloperMetadata: () => s.metadata.map((m) => this.metadataApi(m)),
      getConditionalFormatRules: () => s.rules.map((rule) => this.ruleApi({
        ranges: rule.ranges.map((g) => ({ sheet: s, ...g })), formula: rule.formula, background: rule.background, fontColor: rule.fontColor,
      })),
      setConditionalFormatRules: (rules: unknown[]) => {
        if (!Array.isArray(rules)) throw new Error('setConditionalFormatRules takes an array of rules');
        s.rules = rules.map((rule) => {
          const data = this.unwrap<RuleData>(rule, 'ConditionalFormatRule');
          if (data.ranges.length === 0) throw new Error('A conditional format rule needs at least one range.');
          if (data.ranges.some((r) => r.sheet !== s)) throw new Error('The conditional format rule cannot reference a different sheet.');
          return { ranges: data.ranges.map((r) => ({ row: r.row, column: r.column, rows: r.rows, columns: r.columns })), formula: data.formula!, background: data.background, fontColor: data.fontColor };
        });
      },
      setFrozenRows: (n: number) => frozen('row', n),
      setFrozenColumns: (n: number) => frozen('column', n),
      getFrozenRows: () => s.frozenRows,
      getFrozenColumns: () => s.frozenColumns,
      hideRows: (row: number, n?: number) => hide('row', row, n),
      hideColumns: (column: number, n?: number) => hide('column', column, n),
      isRowHiddenByUser: (row: number) => s.hiddenRows.has(row),
      isColumnHiddenByUser: (column: number) => s.hiddenColumns.has(column),
      setColumnWidth: (column: number, px: number) => width(column, 1, px),
      setColumnWidths: (column: number, n: number, px: number) => width(column, n, px),
      getColumnWidth: (column: number) => s.widths.get(column) ?? DEFAULT_WIDTH,
      newChart: () => this.chartBuilderApi(s, {
        type: null, title: null, options: {}, ranges: [], transpose: false, numHeaders: null, position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
      }),
      insertChart: (chart: unknown) => {
        const model = this.unwrap<ChartModel>(chart, 'EmbeddedChart');
        if (model.id !== null) throw new Error('This chart is already in the sheet.');
        model.id = this.nextId++;
        s.charts.push(model);
      },
      getCharts: () => s.charts.map((c) => this.chartApi(c)),
      removeChart: (chart: unknown) => {
        const model = this.unwrap<ChartModel>(chart, 'EmbeddedChart');
        const index = s.charts.findIndex((c) => c.id !== null && c.id === model.id);
        if (index < 0) throw new Error('The chart is not on this sheet.');
        s.charts.splice(index, 1);
      },
    }, s);
    return self;
  }

  /** getRange(row, column, numRows?, numColumns?) or getRange('B7:C9'), checked against the sheet. */
  private rangeOf(sheet: SheetModel, args: unknown[]): RangeRef {
    let grid: Grid;
    if (args.length === 1 && typeof args[0] === 'string') {
      grid = parseA1(args[0]);
    } else {
      if (args.length < 2 || args.length > 4 || args.some((a) => typeof a !== 'number' || !Number.isInteger(a))) {
        throw new Error(`The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
      }
      const [row, column, rows = 1, columns = 1] = args as number[];
      grid = { row, column, rows, columns };
    }
    if (grid.rows < 1 || grid.columns < 1 || grid.row < 1 || grid.column < 1
      || grid.row + grid.rows - 1 > sheet.maxRows || grid.column + grid.columns - 1 > sheet.maxColumns) {
      throw new Error(OUTSIDE);
    }
    return { sheet, ...grid };
  }

  private rangeApi(r: RangeRef): object {
    const cells = <T>(read: (row: number, column: number) => T): T[][] =>
      Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => read(r.row + i, r.column + j)));
    const fill = <T>(value: T): T[][] => cells(() => value);
    /** Sets one property grid, after the shape and protection checks every set…s call makes. */
    const setGrid = (grid: unknown, apply: (row: number, column: number, value: unknown) => void) => {
      const checked = checkGrid(grid, r);
      this.assertEditable(r.sheet, r);
      checked.forEach((row, i) => row.forEach((value, j) => apply(r.row + i, r.column + j, value)));
      return self;
    };
    const setFormat = (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid number format ${String(value)}`);
      this.setProp(r.sheet, row, column, 'format', value === null || value === '' || value === GENERAL ? undefined : value);
    };
    const setColor = (field: 'background' | 'fontColor') => (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid color ${String(value)}`);
      this.setProp(r.sheet, row, column, field, value === null || value === '' ? undefined : normalizeColor(value));
    };
    const setWeight = (row: number, column: number, value: unknown) => {
      if (value !== null && value !== 'bold' && value !== 'normal') throw new Error(`Invalid font weight ${String(value)}`);
      this.setProp(r.sheet, row, column, 'weight', value === 'bold' ? 'bold' : undefined);
    };
    const setNote = (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid note ${String(value)}`);
      this.setProp(r.sheet, row, column, 'note', value ? value : undefined);
    };
    const setValidation = (row: number, column: number, value: unknown) => {
      this.setProp(r.sheet, row, column, 'validation', value === null ? undefined : this.unwrap<ValidationData>(value, 'DataValidation'));
    };
    const setValues = (grid: unknown) => {
      const checked = checkGrid(grid, r);
      this.assertEditable(r.sheet, r);
      this.writeValues(r, checked);
      return self;
    };
    /** One value for every cell; a formula's relative references move from the top-left, as in Sheets. */
    const setOne = (value: unknown) => setValues(cells((row, column) => (typeof value === 'string' && value.startsWith('=')
      && this.formatOf(r.sheet, row, column) !== '@' ? shiftFormula(value, row - r.row, column - r.column) : value)));
    const self: object = this.expose('Range', r, {
      getRow: () => r.row,
      getColumn: () => r.column,
      getNumRows: () => r.rows,
      getNumColumns: () => r.columns,
      getLastRow: () => r.row + r.rows - 1,
      getLastColumn: () => r.column + r.columns - 1,
      getSheet: () => this.sheetApi(r.sheet),
      getA1Notation: () => a1Of(r),
      getValues: () => cells((row, column) => this.valueOf(r.sheet, row, column)),
      getValue: () => this.valueOf(r.sheet, r.row, r.column),
      getDisplayValues: () => cells((row, column) => this.displayOf(r.sheet, row, column)),
      getDisplayValue: () => this.displayOf(r.sheet, r.row, r.column),
      getFormulas: () => cells((row, column) => this.formulaOf(r.sheet, row, column) ?? ''),
      getFormula: () => this.formulaOf(r.sheet, r.row, r.column) ?? '',
      getNumberFormats: () => cells((row, column) => this.formatOf(r.sheet, row, column)),
      getNumberFormat: () => this.formatOf(r.sheet, r.row, r.column),
      getBackgrounds: () => cells((row, column) => this.props(r.sheet, row, column).background ?? '#ffffff'),
      getBackground: () => this.props(r.sheet, r.row, r.column).background ?? '#ffffff',
      getFontWeights: () => cells((row, column) => this.props(r.sheet, row, column).weight ?? 'normal'),
      getFontWeight: () => this.props(r.sheet, r.row, r.column).weight ?? 'normal',
      getFontColors: () => cells((row, column) => this.props(r.sheet, row, column).fontColor ?? '#000000'),
      getFontColor: () => this.props(r.sheet, r.row, r.column).fontColor ?? '#000000',
      getNotes: () => cells((row, column) => this.props(r.sheet, row, column).note ?? ''),
      getNote: () => this.props(r.sheet, r.row, r.column).note ?? '',
      getDataValidations: () => cells((row, column) => {
        const rule = this.props(r.sheet, row, column).validation;
        return rule ? this.validationApi(rule) : null;
      }),
      getDataValidation: () => {
        const rule = this.props(r.sheet, r.row, r.column).validation;
        return rule ? this.validationApi(rule) : null;
      },
      setValues,
      setValue: setOne,
      setFormulas: (grid: unknown) => {
        checkGrid(grid, r).flat().forEach((f) => {
          if (typeof f !== 'string') throw new Error(`Invalid formula ${String(f)}`);
        });
        return setValues(grid);
      },
      setFormula: (formula: string) => {
        if (typeof formula !== 'string') throw new Error(`Invalid formula ${String(formula)}`);
        return setOne(formula);
      },
      setNumberFormats: (grid: unknown) => setGrid(grid, setFormat),
      setNumberFormat: (format: string) => setGrid(fill(format), setFormat),
      setBackgrounds: (grid: unknown) => setGrid(grid, setColor('background')),
      setBackground: (color: string | null) => setGrid(fill(color), setColor('background')),
      setFontWeights: (grid: unknown) => setGrid(grid, setWeight),
      setFontWeight: (weight: string | null) => setGrid(fill(weight), setWeight),
      setFontColors: (grid: unknown) => setGrid(grid, setColor('fontColor')),
      setFontColor: (color: string | null) => setGrid(fill(color), setColor('fontColor')),
      setNotes: (grid: unknown) => setGrid(grid, setNote),
      setNote: (note: string | null) => setGrid(fill(note), setNote),
      setDataValidations: (grid: unknown) => setGrid(grid, setValidation),
      setDataValidation: (rule: unknown) => setGrid(fill(rule), setValidation),
      // "If the range is already protected, this method creates a new protected range that
      // overlaps the existing one." (Range.protect)
      protect: () => this.protectionApi(this.newProtection('RANGE', r.sheet, { row: r.row, column: r.column, rows: r.rows, columns: r.columns })),
      clearContent: () => {
        this.assertEditable(r.sheet, r);
        this.hf.setCellContents({ sheet: this.hfId(r.sheet), row: r.row - 1, col: r.column - 1 }, fill(null));
        return self;
      },
    }, r.sheet);
    return self;
  }

  private protectionApi(p: ProtectionModel): object {
    const sheetGrid = (): Grid => ({ row: 1, column: 1, rows: p.sheet.maxRows, columns: p.sheet.maxColumns });
    const addEditors = (users: unknown[]) => {
      this.mayChange(p);
      for (const email of users.map((u) => this.emailOf(u))) if (!p.editors.includes(email)) p.editors.push(email);
      return self;
    };
    /**
     * "Neither the owner of the spreadsheet nor the current user can be removed", and removing
     * editors throws when the current user's access comes from a group unless the current user
     * was added first (Google's own sample does so). Protection.removeEditors, platform.md.
     */
    const removeEditors = (users: unknown[]) => {
      this.mayChange(p);
      if (this.viaGroup.has(this.currentUser) && !p.editors.includes(this.currentUser)) {
        throw new Error("You can't remove yourself as an editor: your access comes from a group. Add yourself as an editor first.");
      }
      const emails = users.map((u) => this.emailOf(u));
      if (emails.includes(this.groupEmail())) p.group = false;
      p.editors = p.editors.filter((e) => e === this.owner || e === this.currentUser || !emails.includes(e));
      return self;
    };
    const self: object = this.expose('Protection', p, {
      canEdit: () => this.canEdit(p),
      remove: () => {
        this.mayChange(p);
        p.removed = true;
        this.protectionList = this.protectionList.filter((x) => x !== p);
      },
      getProtectionType: () => p.type,
      getRange: () => this.rangeApi({ sheet: p.sheet, ...(p.range ?? sheetGrid()) }),
      getDescription: () => p.description,
      setDescription: (description: string) => {
        this.mayChange(p);
        p.description = String(description);
        return self;
      },
      isWarningOnly: () => p.warningOnly,
      setWarningOnly: (warningOnly: boolean) => {
        this.mayChange(p);
        p.warningOnly = Boolean(warningOnly);
        return self;
      },
      // "Throws an exception if the user does not have permission to edit the protected range or sheet itself."
      getEditors: () => {
        this.mayChange(p);
        return [...p.editors, ...(p.group ? [this.groupEmail()] : [])].map((e) => this.userApi(e));
      },
      addEditor: (user: unknown) => addEditors([user]),
      addEditors: (users: unknown[]) => addEditors(users),
      removeEditor: (user: unknown) => removeEditors([user]),
      removeEditors: (users: unknown[]) => removeEditors(users),
      canDomainEdit: () => {
        this.mayChange(p);
        return p.domainEdit;
      },
      setDomainEdit: (editable: boolean) => {
        this.mayChange(p);
        // "Throws an exception if the spreadsheet does not belong to a Google Workspace domain."
        if (!this.ownerInWorkspace()) throw new Error('The spreadsheet does not belong to a Google Workspace domain.');
        p.domainEdit = Boolean(editable);
        return self;
      },
      // "Throws an exception if the protection type is not SHEET" (Protection.setUnprotectedRanges).
      setUnprotectedRanges: (ranges: unknown[]) => {
        this.mayChange(p);
        if (p.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on a sheet protection.');
        const refs = ranges.map((range) => this.unwrap<RangeRef>(range, 'Range'));
        if (refs.some((ref) => ref.sheet !== p.sheet)) throw new Error('An unprotected range must be on the protected sheet.');
        p.unprotected = refs.map((ref) => ({ row: ref.row, column: ref.column, rows: ref.rows, columns: ref.columns }));
        return self;
      },
      getUnprotectedRanges: () => p.unprotected.map((g) => this.rangeApi({ sheet: p.sheet, ...g })),
    }, p.sheet);
    return self;
  }

  private validationBuilderApi(state: { criteria: ValidationData['criteria'] | null; values: unknown[]; allowInvalid: boolean; helpText: string }): object {
    const self: object = this.expose('DataValidationBuilder', state, {
      // New rules allow invalid input (with a warning) unless told otherwise.
      setAllowInvalid: (allow: boolean) => ((state.allowInvalid = Boolean(allow)), self),
      setHelpText: (text: string) => ((state.helpText = String(text)), self),
      requireValueInList: (values: string[], showDropdown = true) => {
        if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new Error('requireValueInList takes an array of strings');
        state.criteria = 'VALUE_IN_LIST';
        state.values = [[...values], showDropdown];
        return self;
      },
      requireNumberGreaterThanOrEqualTo: (n: number) => {
        checkNumber(n);
        state.criteria = 'NUMBER_GREATER_THAN_OR_EQUAL_TO';
        state.values = [n];
        return self;
      },
      requireNumberBetween: (a: number, b: number) => {
        checkNumber(a);
        checkNumber(b);
        state.criteria = 'NUMBER_BETWEEN';
        state.values = [a, b];
        return self;
      },
      build: () => {
        if (state.criteria === null) throw new Error('A data validation rule needs a criterion.');
        return this.validationApi(Object.freeze({ ...state, criteria: state.criteria, values: [...state.values] }));
      },
    });
    return self;
  }

  private validationApi(rule: ValidationData): object {
    return this.expose('DataValidation', rule, {
      getCriteriaType: () => rule.criteria,
      getCriteriaValues: () => [...rule.values],
      getHelpText: () => rule.helpText,
      getAllowInvalid: () => rule.allowInvalid,
      copy: () => this.validationBuilderApi({ ...rule, values: [...rule.values] }),
    });
  }

  private ruleBuilderApi(state: RuleData): object {
    const self: object = this.expose('ConditionalFormatRuleBuilder', state, {
      whenFormulaSatisfied: (formula: string) => {
        if (typeof formula !== 'string' || !formula.startsWith('=')) throw new Error(`A custom formula starts with "=": ${String(formula)}`);
        state.formula = formula;
        return self;
      },
      setBackground: (color: string | null) => ((state.background = color ? normalizeColor(color) : null), self),
      setFontColor: (color: string | null) => ((state.fontColor = color ? normalizeColor(color) : null), self),
      setRanges: (ranges: unknown[]) => {
        if (!Array.isArray(ranges)) throw new Error('setRanges takes an array of ranges');
        state.ranges = ranges.map((range) => this.unwrap<RangeRef>(range, 'Range'));
        return self;
      },
      build: () => {
        if (state.formula === null) throw new Error('A conditional format rule needs a condition.');
        return this.ruleApi({ ...state, ranges: [...state.ranges] });
      },
    });
    return self;
  }

  private ruleApi(rule: RuleData): object {
    return this.expose('ConditionalFormatRule', rule, {
      getRanges: () => rule.ranges.map((r) => this.rangeApi(r)),
      copy: () => this.ruleBuilderApi({ ...rule, ranges: [...rule.ranges] }),
      getBooleanCondition: () => this.expose('BooleanCondition', rule, {
        getCriteriaType: () => 'CUSTOM_FORMULA',
        getCriteriaValues: () => [rule.formula],
        getBackground: () => rule.background,
        getFontColor: () => rule.fontColor,
      }),
    });
  }

  private chartBuilderApi(sheet: SheetModel, state: ChartState): object {
    const line = state.type === 'LINE';
    const methods: Methods = {
      asLineChart: () => this.chartBuilderApi(sheet, { ...state, type: 'LINE' }),
      addRange: (range: unknown) => {
        const ref = this.unwrap<RangeRef>(range, 'Range');
        state.ranges.push({ sheet: ref.sheet, grid: { row: ref.row, column: ref.column, rows: ref.rows, columns: ref.columns } });
        return self;
      },
      setTransposeRowsAndColumns: (transpose: boolean) => ((state.transpose = Boolean(transpose)), self),
      setNumHeaders: (n: number) => {
        checkInt(n, 'headers');
        state.numHeaders = n;
        return self;
      },
      setPosition: (row: number, column: number, offsetX: number, offsetY: number) => {
        [row, column, offsetX, offsetY].forEach((n) => checkInt(n, 'position'));
        if (row < 1 || column < 1 || row > sheet.maxRows || column > sheet.maxColumns) throw new Error(OUTSIDE);
        state.position = { row, column, offsetX, offsetY };
        return self;
      },
      setOption: (option: string, value: unknown) => {
        state.options = { ...state.options, [option]: value };
        return self;
      },
      build: () => {
        if (state.type === null) throw new Error('A chart needs a chart type (asLineChart…).');
        const model: ChartModel = {
          ...state, id: null, options: { ...state.options }, ranges: state.ranges.map((r) => ({ sheet: r.sheet, grid: { ...r.grid } })), position: { ...state.position },
        };
        return this.chartApi(model);
      },
    };
    // Only the typed builders have setTitle; the generic builder has setOption('title', …).
    if (line) methods.setTitle = (title: string) => ((state.title = String(title)), self);
    const self: object = this.expose(line ? 'EmbeddedLineChartBuilder' : 'EmbeddedChartBuilder', state, methods, sheet);
    return self;
  }

  private chartApi(chart: ChartModel): object {
    return this.expose('EmbeddedChart', chart, {
      getChartId: () => chart.id,
      getId: () => (chart.id === null ? null : `u${chart.id}`),
      getRanges: () => chart.ranges.map((r) => this.rangeApi({ sheet: r.sheet, ...r.grid })),
      getOptions: () => this.expose('ChartOptions', chart, {
        get: (option: string) => (option === 'title' ? chartTitle(chart) : chart.options[option] ?? null),
      }),
      getContainerInfo: () => this.expose('ContainerInfo', chart, {
        getAnchorRow: () => chart.position.row,
        getAnchorColumn: () => chart.position.column,
        getOffsetX: () => chart.position.offsetX,
        getOffsetY: () => chart.position.offsetY,
      }),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The person at the keyboard (not recorded).

  /** The current user from now on: for canEdit, new protections and edits. */
  as(email: string): void {
    this.currentUser = email;
  }

  get user(): string {
    return this.currentUser;
  }

  /**
   * A person typing into a cell: read as Sheets reads typing, kept verbatim in `@` cells,
   * refused by a cell's rejecting validation (with its help text) and by a non-warning
   * protection the person cannot edit. A warning-only protection only asks first.
   */
  edit(sheetName: string, row: number, column: number, input: string): void {
    const sheet = this.byName(sheetName);
    const range = this.rangeOf(sheet, [row, column]);
    this.assertEditable(sheet, range);
    const id = this.hfId(sheet);
    const before = this.hf.getCellSerialized({ sheet: id, row: row - 1, col: column - 1 });
    const format = this.props(sheet, row, column).format;
    this.writeValues(range, [[input]]);
    const rule = this.props(sheet, row, column).validation;
    if (rule && !rule.allowInvalid && input.trim() !== '' && !accepts(rule, this.rawValue(sheet, row, column))) {
      this.hf.setCellContents({ sheet: id, row: row - 1, col: column - 1 }, [[before]]);
      this.setProp(sheet, row, column, 'format', format);
      throw new Error(rule.helpText || 'The data you entered violates the data validation rules set on this cell.');
    }
  }

  /** A person inserting `n` rows before row `before`. */
  insertRows(sheetName: string, before: number, n = 1): void {
    this.structural(this.byName(sheetName), 'row', { kind: 'insert', at: before, n });
  }

  deleteRows(sheetName: string, row: number, n = 1): void {
    this.structural(this.byName(sheetName), 'row', { kind: 'delete', at: row, n });
  }

  insertColumns(sheetName: string, before: number, n = 1): void {
    this.structural(this.byName(sheetName), 'column', { kind: 'insert', at: before, n });
  }

  /** A person dragging a row so that it ends up at row `to`: formulas follow, as in Sheets. */
  moveRow(sheetName: string, from: number, to: number): void {
    this.structural(this.byName(sheetName), 'row', { kind: 'move', from, to });
  }

  renameSheet(oldName: string, newName: string): void {
    this.renameSheetModel(this.byName(oldName), newName);
  }

  deleteSheet(name: string): void {
    this.removeSheet(this.byName(name));
  }

  /** A person adding a sheet at the end (the active sheet stays). */
  addSheet(name: string): void {
    this.checkName(name);
    const active = this.active;
    this.addSheetModel(name, this.sheets.length);
    this.active = active;
  }

  /** Another script holds the document lock until `releaseHeldLock`. */
  holdLock(): void {
    if (this.lock === 'run') throw new Error('The running script holds the document lock.');
    this.lock = 'other';
  }

  releaseHeldLock(): void {
    if (this.lock === 'other') this.lock = 'free';
  }

  // -------------------------------------------------------------------------------------------
  // Inspection (not recorded).

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  activeSheetName(): string {
    return this.active.name;
  }

  gid(sheetName: string): number {
    return this.byName(sheetName).gid;
  }

  maxRows(sheetName: string): number {
    return this.byName(sheetName).maxRows;
  }

  valueAt(sheetName: string, row: number, column: number): FakeValue {
    return this.valueOf(this.byName(sheetName), row, column);
  }

  displayAt(sheetName: string, row: number, column: number): string {
    return this.displayOf(this.byName(sheetName), row, column);
  }

  formulaAt(sheetName: string, row: number, column: number): string | null {
    return this.formulaOf(this.byName(sheetName), row, column);
  }

  formatAt(sheetName: string, row: number, column: number): string {
    return this.formatOf(this.byName(sheetName), row, column);
  }

  backgroundAt(sheetName: string, row: number, column: number): string | null {
    return this.props(this.byName(sheetName), row, column).background ?? null;
  }

  fontColorAt(sheetName: string, row: number, column: number): string | null {
    return this.props(this.byName(sheetName), row, column).fontColor ?? null;
  }

  boldAt(sheetName: string, row: number, column: number): boolean {
    return this.props(this.byName(sheetName), row, column).weight === 'bold';
  }

  noteAt(sheetName: string, row: number, column: number): string {
    return this.props(this.byName(sheetName), row, column).note ?? '';
  }

  validationAt(sheetName: string, row: number, column: number): FakeValidation | null {
    const rule = this.props(this.byName(sheetName), row, column).validation;
    if (!rule) return null;
    const common = { help: rule.helpText, allowInvalid: rule.allowInvalid };
    if (rule.criteria === 'VALUE_IN_LIST') return { kind: 'list', values: [...(rule.values[0] as string[])], ...common };
    const [min, max] = rule.values as number[];
    return rule.criteria === 'NUMBER_BETWEEN' ? { kind: 'number', min, max, ...common } : { kind: 'number', min, ...common };
  }

  rules(sheetName: string): FakeRule[] {
    return this.byName(sheetName).rules.map((rule) => ({
      ranges: rule.ranges.map(plainGrid), formula: rule.formula, background: rule.background, fontColor: rule.fontColor,
    }));
  }

  protections(sheetName: string): FakeProtection[] {
    const sheet = this.byName(sheetName);
    return this.protectionList.filter((p) => p.sheet === sheet).map((p) => ({
      type: p.type,
      range: plainGrid(p.range ?? { row: 1, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns }),
      description: p.description,
      editors: [...p.editors, ...(p.group ? [this.groupEmail()] : [])],
      warningOnly: p.warningOnly,
      domainEdit: p.domainEdit,
      unprotected: p.unprotected.map(plainGrid),
    }));
  }

  namedRanges(): { name: string; sheet: string; range: FakeGrid }[] {
    return [...this.named.values()].map((n) => ({ name: n.name, sheet: n.sheet.name, range: plainGrid(n.range) }));
  }

  charts(sheetName: string): FakeChart[] {
    return this.byName(sheetName).charts.map((c) => ({
      type: 'LINE',
      title: chartTitle(c),
      ranges: c.ranges.map((r) => ({ sheet: r.sheet.name, ...plainGrid(r.grid) })),
      transpose: c.transpose,
      numHeaders: c.numHeaders,
      position: { ...c.position },
    }));
  }

  metadata(sheetName: string): { key: string; value: string | null }[] {
    return this.byName(sheetName).metadata.map((m) => ({ key: m.key, value: m.value }));
  }

  layout(sheetName: string): FakeLayout {
    const sheet = this.byName(sheetName);
    return {
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
      hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
      columnWidths: Object.fromEntries([...sheet.widths].sort(([a], [b]) => a - b)),
    };
  }

  /** Like getDataRange().getValues(). */
  values(sheetName: string): FakeValue[][] {
    const sheet = this.byName(sheetName);
    const { rows, columns } = this.extent(sheet);
    return Array.from({ length: Math.max(rows, 1) }, (_, r) => Array.from({ length: Math.max(columns, 1) }, (_, c) => this.valueOf(sheet, r + 1, c + 1)));
  }

  /**
   * The sheet as a person sees it, for the local preview. Colours come from the first
   * conditional rule that holds, its formula moved from the first range's top-left to the cell
   * (Sheets documents that anchor for one range; for several it is unverified, so code must
   * give the same answer either way — platform.md).
   */
  view(sheetName: string): FakeSheetView {
    const sheet = this.byName(sheetName);
    const id = this.hfId(sheet);
    const { rows, columns } = this.extent(sheet);
    const inputs = this.protectionList.find((p) => p.sheet === sheet && p.type === 'SHEET')?.unprotected ?? [];
    const cache = new Map<string, boolean>();
    const ruleAt = (row: number, column: number) => sheet.rules.find((rule) => {
      if (!rule.ranges.some((g) => inside(g, row, column))) return false;
      const origin = rule.ranges[0];
      const formula = shiftFormula(rule.formula, row - origin.row, column - origin.column);
      let holds = cache.get(formula);
      if (holds === undefined) {
        const result = this.hf.calculateFormula(formula, id);
        holds = result === true || (typeof result === 'number' && result !== 0);
        cache.set(formula, holds);
      }
      return holds;
    });
    const cells = Array.from({ length: rows }, (_, ri) => Array.from({ length: columns }, (_, ci): FakeViewCell => {
      const [row, column] = [ri + 1, ci + 1];
      const props = this.props(sheet, row, column);
      const raw = this.rawValue(sheet, row, column);
      const rule = ruleAt(row, column);
      return {
        display: this.displayOf(sheet, row, column),
        value: raw === null ? '' : raw instanceof DetailedCellError ? errorText(raw) : raw,
        formula: this.formulaOf(sheet, row, column),
        background: rule?.background ?? props.background ?? null,
        fontColor: rule?.fontColor ?? props.fontColor ?? null,
        bold: props.weight === 'bold',
        input: inputs.some((g) => inside(g, row, column)),
        note: props.note ?? '',
      };
    }));
    return { name: sheet.name, rows: cells, ...this.layout(sheetName) };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function checkInt(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`Invalid argument: ${what} (${String(value)})`);
}

function checkNumber(value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`Invalid argument: ${String(value)}`);
}

/**
 * Every set…s grid must match the range exactly (platform.md; Range.setValues:
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)).
 */
function checkGrid(grid: unknown, range: Grid): unknown[][] {
  if (!Array.isArray(grid) || grid.some((row) => !Array.isArray(row))) throw new Error('The data must be a two-dimensional array.');
  if (grid.length !== range.rows) {
    throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${range.rows}.`);
  }
  for (const row of grid as unknown[][]) {
    if (row.length !== range.columns) {
      throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${range.columns}.`);
    }
  }
  return grid as unknown[][];
}

/** Every cell of `grid` lies in one of `ranges`. */
function covered(grid: Grid, ranges: readonly Grid[]): boolean {
  for (let r = grid.row; r < grid.row + grid.rows; r++) {
    for (let c = grid.column; c < grid.column + grid.columns; c++) if (!ranges.some((g) => inside(g, r, c))) return false;
  }
  return true;
}

/**
 * Named range names: letters, numbers and underscores, not starting with a number or with
 * "true"/"false", not an A1 or R1C1 reference, at most 250 characters
 * (https://support.google.com/docs/answer/63175).
 */
function checkRangeName(name: unknown): void {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name)
    || /^(true|false)/i.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name)) {
    throw new Error(`Invalid named range name: ${String(name)}`);
  }
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const namedExpression = (named: NamedModel) => `=${quoteSheet(named.sheet.name)}!${a1Of(named.range, true)}`;
const chartTitle = (chart: ChartState) => chart.title ?? (typeof chart.options.title === 'string' ? chart.options.title : null);

function errorText(error: DetailedCellError): string {
  // Sheets says #REF! for circular references and for arrays that cannot spill.
  return error.value === '#CYCLE!' || error.value === '#SPILL!' ? '#REF!' : error.value;
}

// Colors: Sheets reads them back as lower-case #rrggbb.
const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00', gray: '#808080', grey: '#808080', orange: '#ffa500',
};

function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  if (/^#[0-9a-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((d) => d + d).join('')}`;
  return NAMED_COLORS[c] ?? c;
}

// Rows and columns moving.

function mapPoint(x: number, c: Change): number | null {
  switch (c.kind) {
    case 'insert': return x >= c.at ? x + c.n : x;
    case 'delete': return x < c.at ? x : x >= c.at + c.n ? x - c.n : null;
    case 'move':
      if (x === c.from) return c.to;
      if (c.from < c.to && x > c.from && x <= c.to) return x - 1;
      if (c.from > c.to && x >= c.to && x < c.from) return x + 1;
      return x;
  }
}

/** A span after the change: it grows when rows are inserted inside it, shrinks or goes when deleted. */
function mapSpan(start: number, end: number, c: Change): [number, number] | null {
  switch (c.kind) {
    case 'insert': return [start >= c.at ? start + c.n : start, end >= c.at ? end + c.n : end];
    case 'delete': {
      const last = c.at + c.n - 1;
      const s = start < c.at ? start : start > last ? start - c.n : c.at;
      const e = end < c.at ? end : end > last ? end - c.n : c.at - 1;
      return e < s ? null : [s, e];
    }
    case 'move': {
      if (start === end) {
        const p = mapPoint(start, c)!;
        return [p, p];
      }
      // As a deletion then an insertion: the moved row leaves a span and may join another.
      const removed = mapSpan(start, end, { kind: 'delete', at: c.from, n: 1 })!;
      return mapSpan(removed[0], removed[1], { kind: 'insert', at: c.to, n: 1 });
    }
  }
}

function moveGrid(g: Grid, axis: Axis, c: Change): boolean {
  const span = axis === 'row' ? mapSpan(g.row, g.row + g.rows - 1, c) : mapSpan(g.column, g.column + g.columns - 1, c);
  if (!span) return false;
  if (axis === 'row') [g.row, g.rows] = [span[0], span[1] - span[0] + 1];
  else [g.column, g.columns] = [span[0], span[1] - span[0] + 1];
  return true;
}

// A1 notation and formula references.

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const fromLetters = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function a1Of(g: Grid, absolute = false): string {
  const $ = absolute ? '$' : '';
  const cell = (row: number, column: number) => `${$}${columnLetter(column)}${$}${row}`;
  const start = cell(g.row, g.column);
  return g.rows === 1 && g.columns === 1 && !absolute ? start : `${start}:${cell(g.row + g.rows - 1, g.column + g.columns - 1)}`;
}

function parseA1(a1: string): Grid {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) throw new Error(`Range not found: ${a1} (this fake reads only B7 and B7:C9)`);
  const [c1, r1] = [fromLetters(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [fromLetters(m[3]), Number(m[4])] : [c1, r1];
  return { row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

interface CellRef { colLock: boolean; column: number; rowLock: boolean; row: number }

const SHEET_NAME = String.raw`(?:'(?:[^']|'')+'|[\p{L}\p{N}_.]+)`;
const CELL = String.raw`(\$?)([A-Z]{1,3})(\$?)(\d+)`;
/** A string literal, or a cell or range reference with an optional sheet. */
const REFERENCE = new RegExp(String.raw`("(?:[^"]|"")*")|(?<![\p{L}\p{N}_.$!'])(?:(${SHEET_NAME})!)?${CELL}(?::${CELL})?(?![\p{L}\p{N}_(!])`, 'gu');
/** A string literal, or anything addressed on a named sheet (`Tree!B2`, `'A b'!A:A`). */
const SHEET_REFERENCE = new RegExp(String.raw`("(?:[^"]|"")*")|(?<![\p{L}\p{N}_.$!'])(${SHEET_NAME})!\$?[A-Z]*\$?\d*(?::\$?[A-Z]*\$?\d*)?`, 'gu');

const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name);
const cellText = (c: CellRef) => `${c.colLock ? '$' : ''}${columnLetter(c.column)}${c.rowLock ? '$' : ''}${c.row}`;

/** Rewrites each reference of a formula; `fn` returns null to drop it for #REF!. */
function mapRefs(formula: string, fn: (sheet: string | undefined, cells: CellRef[]) => CellRef[] | null): string {
  return formula.replace(REFERENCE, (match: string, quoted: string | undefined, sheet: string | undefined, ...parts: (string | undefined)[]) => {
    if (quoted !== undefined) return match;
    const cells: CellRef[] = [];
    for (let i = 0; i < 8; i += 4) {
      if (parts[i + 1] === undefined) continue;
      cells.push({ colLock: parts[i] === '$', column: fromLetters(parts[i + 1]!), rowLock: parts[i + 2] === '$', row: Number(parts[i + 3]) });
    }
    const mapped = fn(sheet === undefined ? undefined : unquote(sheet), cells);
    if (mapped === null) return '#REF!';
    return `${sheet === undefined ? '' : `${sheet}!`}${mapped.map(cellText).join(':')}`;
  });
}

/** Moves the relative references of a formula by rows and columns, as copying it does. */
function shiftFormula(formula: string, rows: number, columns: number): string {
  return mapRefs(formula, (_sheet, cells) => {
    const moved = cells.map((c) => ({ ...c, row: c.rowLock ? c.row : c.row + rows, column: c.colLock ? c.column : c.column + columns }));
    return moved.some((c) => c.row < 1 || c.column < 1) ? null : moved;
  });
}

/** A formula on `sheetName` after its rows or columns changed: references follow their cells. */
function moveRefs(formula: string, sheetName: string, axis: Axis, change: Change): string {
  return mapRefs(formula, (sheet, cells) => {
    if (sheet !== undefined && sheet.toLowerCase() !== sheetName.toLowerCase()) return cells;
    const field = axis === 'row' ? 'row' : 'column';
    if (cells.length === 1) {
      const moved = mapPoint(cells[0][field], change);
      return moved === null ? null : [{ ...cells[0], [field]: moved }];
    }
    const span = mapSpan(cells[0][field], cells[1][field], change);
    return span === null ? null : [{ ...cells[0], [field]: span[0] }, { ...cells[1], [field]: span[1] }];
  });
}

/** Every reference to a deleted sheet becomes #REF!. */
function dropSheetRefs(formula: string, sheetName: string): string {
  return formula.replace(SHEET_REFERENCE, (match: string, quoted: string | undefined, sheet: string) =>
    (quoted === undefined && unquote(sheet).toLowerCase() === sheetName.toLowerCase() ? '#REF!' : match));
}

// Numbers and dates as typed, and as shown.

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale.replace('_', '-')).formatToParts(12345.6);
  return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}

/** `1,234`, `-3.5`, `1e3`, `30%` (→ 0.3), read with the spreadsheet locale's separators. */
function parseNumber(text: string, locale: string): number | null {
  const { group, decimal } = separators(locale);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^([-+]?)((?:\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)?(?:${esc(decimal)}\\d+)?)(?:[eE]([-+]?\\d+))?(%?)$`).exec(text);
  if (!m || !/\d/.test(m[2])) return null;
  const n = Number(m[2].split(group).join('').replace(decimal, '.')) * 10 ** Number(m[3] ?? 0);
  const signed = m[1] === '-' ? -n : n;
  return m[4] ? signed / 100 : signed;
}

interface DateParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** `2026-05`, `2026-05-01` or `2026/5/1` as a date serial. */
function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return serialFromParts({ year, month, day, hour: 0, minute: 0, second: 0 });
}

function serialFromParts(p: DateParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - EPOCH) / DAY_MS;
}

function partsFromSerial(serial: number): DateParts {
  const d = new Date(EPOCH + Math.round(serial * DAY_MS / 1000) * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

function zonedParts(date: Date, timeZone: string): DateParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false,
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The instant a wall-clock time in a time zone stands for. */
function instantOf(p: DateParts, timeZone: string): Date {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const z = zonedParts(new Date(t), timeZone);
    t -= Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - wall;
  }
  return new Date(t);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Utilities.formatDate with the pattern letters the add-on uses: yyyy MM dd HH mm ss and 'quoted'. */
function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) || typeof timeZone !== 'string' || typeof pattern !== 'string') throw new Error('Utilities.formatDate(date, timeZone, pattern)');
  const p = zonedParts(date, timeZone);
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss|'([^']*)'|[A-Za-z]+/g, (token: string, literal: string | undefined) => {
    switch (token) {
      case 'yyyy': return String(p.year);
      case 'MM': return pad(p.month);
      case 'dd': return pad(p.day);
      case 'HH': return pad(p.hour);
      case 'mm': return pad(p.minute);
      case 'ss': return pad(p.second);
      default:
        if (literal !== undefined) return literal;
        throw new Error(`Unexpected use of Utilities.formatDate pattern letters "${token}"`);
    }
  });
}

/** A number format shows dates when it has date or time letters outside quotes and brackets. */
function isDateFormat(format: string): boolean {
  return /[ydhs]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

function formatSerial(serial: number, format: string): string {
  const p = partsFromSerial(serial);
  let afterHour = false;
  return format.replace(/"([^"]*)"|yyyy|yy|mm|m|dd|d|hh|h|ss/gi, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    const t = token.toLowerCase();
    const minute = afterHour && (t === 'mm' || t === 'm');
    if (t === 'hh' || t === 'h') afterHour = true;
    switch (t) {
      case 'yyyy': return String(p.year);
      case 'yy': return pad(p.year % 100);
      case 'mm': return pad(minute ? p.minute : p.month);
      case 'm': return String(minute ? p.minute : p.month);
      case 'dd': return pad(p.day);
      case 'd': return String(p.day);
      case 'hh': return pad(p.hour);
      case 'h': return String(p.hour);
      default: return pad(p.second);
    }
  });
}

/** The number formats the tree sheet uses, rendered as Sheets does in en_US. */
function formatNumber(value: number, format: string): string {
  const grouped = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (format) {
    case '"¥"#,##0': return `${value < 0 ? '-' : ''}¥${grouped(Math.abs(value))}`;
    case '#,##0': return grouped(value);
    case '0.0%': return `${(value * 100).toFixed(1)}%`;
    case '0%': return `${(value * 100).toFixed(0)}%`;
    case '0': return value.toFixed(0);
    case '0.###': return String(Number(value.toFixed(3)));
    default: return String(Number(value.toPrecision(10)));
  }
}

/** Whether a value passes a validation rule (blank always passes). */
function accepts(rule: ValidationData, value: CellValue): boolean {
  if (value === null || value === '') return true;
  if (rule.criteria === 'VALUE_IN_LIST') {
    const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value instanceof DetailedCellError ? value.value : String(value);
    return (rule.values[0] as string[]).includes(text);
  }
  if (typeof value !== 'number') return false;
  const [min, max] = rule.values as number[];
  return value >= min && (rule.criteria !== 'NUMBER_BETWEEN' || value <= max);
}
