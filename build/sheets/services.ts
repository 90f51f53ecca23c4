/**
 * The Apps Script services a script calls, over the model: SpreadsheetApp (the spreadsheet,
 * sheets, ranges, protections, data validation, conditional-format rules, developer metadata,
 * named ranges, charts), LockService, Session and Utilities, as far as the add-on's edge
 * (src/server/appsScriptWorkbook.ts) uses them.
 *
 * Strict: every object handed out is a Proxy that throws on any member not modelled here
 * (`Unexpected use of Sheet.someMethod`), and refuses objects it did not hand out. Recorded:
 * every call is counted as `Class.method`, so a test sees what the script would pay Google for.
 * The rules of Sheets they enforce (../../../shared/platform.md) cite Google's pages.
 */
import type { AppsScriptServices } from '../../src/server/appsScriptWorkbook';
import { formatDate, normalizeColor } from './formats';
import {
  type ChartModel,
  type ChartState,
  chartTitle,
  GENERAL,
  type MetadataModel,
  type NamedModel,
  OUTSIDE,
  PROTECTED,
  type ProtectionModel,
  type RangeRef,
  type SheetModel,
  type SpreadsheetModel,
  type ValidationData,
} from './model';
import { type Axis, a1Of, type Grid, gridOf, parseA1, shiftFormula } from './references';

/** The run was killed (platform.md: the 6-minute kill is not an exception the script sees). */
export class FakeKilled extends Error {
  constructor(method: string) {
    super(`Killed: ${method} did not run`);
    this.name = 'FakeKilled';
  }
}

/** The services the add-on's edge is given: the fake stands in for them. */
export type FakeServices = AppsScriptServices;

/** The run the services record into: its calls, a hook before each, and whether it was killed. */
export interface Run {
  readonly calls: string[];
  readonly beforeCall: ((method: string) => void) | null;
  readonly killed: boolean;
}

interface RuleData {
  ranges: RangeRef[];
  formula: string | null;
  background: string | null;
  fontColor: string | null;
}

/** A column's width in pixels until it is set. */
const DEFAULT_WIDTH = 100;

type Methods = Record<string, (...args: never[]) => unknown>;

/** Names Jest and Node read when printing or comparing objects; they read as absent. */
const INSPECTED = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor']);

export function appsScriptServices(model: SpreadsheetModel, run: Run): FakeServices {
  return new Services(model, run).build();
}

class Services {
  private readonly handles = new WeakMap<object, { kind: string; model: unknown }>();
  private inHook = false;

  constructor(
    private readonly model: SpreadsheetModel,
    private readonly run: Run,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Recording.

  private invoke(method: string, sheet: SheetModel | undefined, run: () => unknown): unknown {
    if (this.run.killed) throw new FakeKilled(method);
    this.run.calls.push(method);
    if (this.run.beforeCall && !this.inHook) {
      this.inHook = true;
      try {
        this.run.beforeCall(method);
      } finally {
        this.inHook = false;
      }
      if (this.run.killed) throw new FakeKilled(method);
    }
    if (sheet?.deleted) throw new Error(`The sheet "${sheet.name}" has been deleted.`);
    return run();
  }

  /** Wraps an object's methods in a strict, recording Proxy. */
  private expose(kind: string, model: unknown, methods: Methods, sheet?: SheetModel, values: Record<string, unknown> = {}): object {
    const own = (o: object, p: string) => Object.hasOwn(o, p);
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
  // The services.

  build(): FakeServices {
    const SpreadsheetApp = this.expose(
      'SpreadsheetApp',
      null,
      {
        getActiveSpreadsheet: () => this.spreadsheetApi(),
        getActive: () => this.spreadsheetApi(),
        flush: () => undefined,
        newDataValidation: () => this.validationBuilderApi({ criteria: null, values: [], allowInvalid: true, helpText: '' }),
        newConditionalFormatRule: () => this.ruleBuilderApi({ ranges: [], formula: null, background: null, fontColor: null }),
      },
      undefined,
      {
        ProtectionType: Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' }),
        DataValidationCriteria: Object.freeze({
          VALUE_IN_LIST: 'VALUE_IN_LIST',
          NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
          NUMBER_BETWEEN: 'NUMBER_BETWEEN',
          CUSTOM_FORMULA: 'CUSTOM_FORMULA',
        }),
        DeveloperMetadataLocationType: Object.freeze({ SHEET: 'SHEET' }),
      },
    );
    const LockService = this.expose('LockService', null, { getDocumentLock: () => this.lockApi() });
    const Session = this.expose('Session', null, {
      // In live Apps Script reading this user's email needs the userinfo.email scope, which the
      // add-on does not ask for: production passes the User object on (Protection.addEditor).
      getEffectiveUser: () => this.userApi(this.model.user),
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
        if (this.model.lock === 'other') return false;
        this.model.lock = 'run';
        return true;
      },
      waitLock: (_timeoutMs: number) => {
        if (this.model.lock === 'other') throw new Error('Lock timeout: another process was holding the lock for too long.');
        this.model.lock = 'run';
      },
      releaseLock: () => {
        if (this.model.lock === 'run') this.model.lock = 'free';
      },
      hasLock: () => this.model.lock === 'run',
    });
  }

  private spreadsheetApi(): object {
    const self: object = this.expose('Spreadsheet', null, {
      getSpreadsheetLocale: () => this.model.locale,
      getSpreadsheetTimeZone: () => this.model.timeZone,
      getUrl: () => 'https://docs.google.com/spreadsheets/d/fake/edit',
      getOwner: () => this.userApi(this.model.owner),
      getSheets: () => this.model.sheets.map((s) => this.sheetApi(s)),
      // Exact name here: code must use the name it wrote.
      getSheetByName: (name: string) => {
        const sheet = this.model.sheets.find((s) => s.name === name);
        return sheet ? this.sheetApi(sheet) : null;
      },
      getActiveSheet: () => this.sheetApi(this.model.active),
      setActiveSheet: (sheet: unknown) => {
        this.model.active = this.unwrap<SheetModel>(sheet, 'Sheet');
        return this.sheetApi(this.model.active);
      },
      moveActiveSheet: (position: number) => {
        if (!Number.isInteger(position) || position < 1 || position > this.model.sheets.length)
          throw new Error(`Invalid sheet position ${position}`);
        this.model.sheets.splice(this.model.sheets.indexOf(this.model.active), 1);
        this.model.sheets.splice(position - 1, 0, this.model.active);
      },
      insertSheet: (...args: unknown[]) => {
        const [first, second] = args;
        if (
          args.length > 2 ||
          !['string', 'number', 'undefined'].includes(typeof first) ||
          (second !== undefined && typeof second !== 'number')
        ) {
          throw new Error('Unexpected use of Spreadsheet.insertSheet arguments');
        }
        const name = typeof first === 'string' ? first : this.freeSheetName();
        const index = typeof first === 'number' ? first : (second as number | undefined);
        return this.sheetApi(this.model.insertSheet(name, index));
      },
      deleteSheet: (sheet: unknown) => {
        const model = this.unwrap<SheetModel>(sheet, 'Sheet');
        if (model.deleted) throw new Error(`The sheet "${model.name}" has been deleted.`);
        // Whether a user may delete a sheet holding protections they cannot edit is unverified;
        // refusing shows up code that relies on it.
        if (this.model.protections.some((p) => p.sheet === model && !p.warningOnly && !this.model.canEdit(p))) throw new Error(PROTECTED);
        this.model.removeSheet(model);
      },
      getProtections: (type: string) => this.protectionsOfType(type, null),
      /**
       * Whether setNamedRange with an existing name re-points it or throws is unverified
       * (platform.md): this fake throws, so code looks the name up and calls NamedRange.setRange.
       */
      setNamedRange: (name: string, range: unknown) => {
        const ref = this.unwrap<RangeRef>(range, 'Range');
        checkRangeName(name);
        if (this.model.named.has(name.toLowerCase())) throw new Error(`A named range with this name already exists: ${name}`);
        this.model.addName(name, ref);
      },
      getNamedRanges: () => [...this.model.named.values()].map((n) => this.namedRangeApi(n)),
      getRangeByName: (name: string) => {
        const named = this.model.named.get(String(name).toLowerCase());
        return named ? this.rangeApi({ sheet: named.sheet, ...named.range }) : null;
      },
      // One call finds the tagged sheets (platform.md: createDeveloperMetadataFinder).
      createDeveloperMetadataFinder: () => this.finderApi({}),
    });
    return self;
  }

  private freeSheetName(): string {
    for (let n = this.model.sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  private protectionsOfType(type: string, sheet: SheetModel | null): object[] {
    if (type !== 'RANGE' && type !== 'SHEET') throw new Error(`Invalid protection type ${type}`);
    return this.model.protections.filter((p) => p.type === type && (sheet === null || p.sheet === sheet)).map((p) => this.protectionApi(p));
  }

  private finderApi(filter: { key?: string; value?: string }): object {
    return this.expose('DeveloperMetadataFinder', filter, {
      withKey: (k: string) => this.finderApi({ ...filter, key: k }),
      withValue: (v: string) => this.finderApi({ ...filter, value: v }),
      find: () =>
        this.model.sheets
          .flatMap((s) => s.metadata)
          .filter((m) => (filter.key === undefined || m.key === filter.key) && (filter.value === undefined || m.value === filter.value))
          .map((m) => this.metadataApi(m)),
    });
  }

  private metadataApi(m: MetadataModel): object {
    const self: object = this.expose(
      'DeveloperMetadata',
      m,
      {
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
        getLocation: () =>
          this.expose(
            'DeveloperMetadataLocation',
            m,
            {
              getLocationType: () => 'SHEET',
              getSheet: () => this.sheetApi(m.sheet),
            },
            m.sheet,
          ),
      },
      m.sheet,
    );
    return self;
  }

  private namedRangeApi(named: NamedModel): object {
    const live = () => {
      if (this.model.named.get(named.name.toLowerCase()) !== named) throw new Error(`The named range ${named.name} has been removed.`);
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
        this.model.pointName(named, ref);
        return self;
      },
      remove: () => {
        live();
        this.model.removeName(named);
      },
    });
    return self;
  }

  private sheetApi(s: SheetModel): object {
    /** insertRowsAfter and its kin: `after` inserts past the position, else before it. */
    const insert = (axis: Axis, position: number, n: number, after: boolean) => {
      checkInt(position, after ? 'afterPosition' : 'beforePosition');
      checkInt(n, 'howMany');
      if (position < 1 || position > (axis === 'row' ? s.maxRows : s.maxColumns)) throw new Error(OUTSIDE);
      this.model.structural(s, axis, { kind: 'insert', at: after ? position + 1 : position, n });
      return self;
    };
    const remove = (axis: Axis, at: number, n: number) => {
      checkInt(at, 'position');
      checkInt(n, 'howMany');
      this.model.structural(s, axis, { kind: 'delete', at, n });
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
    const self: object = this.expose(
      'Sheet',
      s,
      {
        getName: () => s.name,
        setName: (name: string) => {
          this.model.renameSheet(s, name);
          return self;
        },
        getSheetId: () => s.gid,
        getIndex: () => this.model.sheets.indexOf(s) + 1,
        activate: () => {
          this.model.active = s;
          return self;
        },
        getParent: () => this.spreadsheetApi(),
        getMaxRows: () => s.maxRows,
        getMaxColumns: () => s.maxColumns,
        getLastRow: () => this.model.extent(s).rows,
        getLastColumn: () => this.model.extent(s).columns,
        getRange: (...args: unknown[]) => this.rangeApi(this.rangeOf(s, args)),
        getRangeList: (a1s: string[]) => {
          if (!Array.isArray(a1s)) throw new Error('getRangeList takes an array of A1 notations');
          const refs = a1s.map((a1) => this.rangeOf(s, [a1]));
          return this.expose('RangeList', refs, { getRanges: () => refs.map((r) => this.rangeApi(r)) }, s);
        },
        getDataRange: () => {
          const { rows, columns } = this.model.extent(s);
          return this.rangeApi({ sheet: s, row: 1, column: 1, rows: Math.max(rows, 1), columns: Math.max(columns, 1) });
        },
        insertRowsAfter: (after: number, n: number) => insert('row', after, n, true),
        insertRowsBefore: (before: number, n: number) => insert('row', before, n, false),
        insertRowAfter: (after: number) => insert('row', after, 1, true),
        insertRowBefore: (before: number) => insert('row', before, 1, false),
        deleteRows: (position: number, n: number) => remove('row', position, n),
        deleteRow: (position: number) => {
          remove('row', position, 1);
          return self;
        },
        insertColumnsAfter: (after: number, n: number) => insert('column', after, n, true),
        insertColumnsBefore: (before: number, n: number) => insert('column', before, n, false),
        insertColumnAfter: (after: number) => insert('column', after, 1, true),
        insertColumnBefore: (before: number) => insert('column', before, 1, false),
        deleteColumns: (position: number, n: number) => remove('column', position, n),
        /**
         * "Moves the columns selected by the given range to the position indicated by the
         * destinationIndex … based on the coordinates before the columns are moved"; references
         * follow the moved cells, as with inserted and deleted columns.
         * https://developers.google.com/apps-script/reference/spreadsheet/sheet#moveColumns(Range,Integer)
         */
        moveColumns: (columnSpec: unknown, destinationIndex: number) => {
          const spec = this.unwrap<RangeRef>(columnSpec, 'Range');
          checkInt(destinationIndex, 'destinationIndex');
          if (spec.sheet !== s) throw new Error('The columns to move must be on this sheet.');
          const [from, n] = [spec.column, spec.columns];
          if (destinationIndex < 1 || destinationIndex > s.maxColumns + 1) throw new Error(OUTSIDE);
          if (destinationIndex > from && destinationIndex < from + n) throw new Error('Columns cannot be moved into themselves.');
          for (let k = 0; k < n; k++) {
            const move = destinationIndex < from ? { from: from + k, to: destinationIndex + k } : { from, to: destinationIndex - 1 };
            if (destinationIndex !== from + n) this.model.structural(s, 'column', { kind: 'move', ...move });
          }
        },
        // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getColumnGroupDepth(Integer)
        getColumnGroupDepth: (column: number) => {
          checkInt(column, 'columnIndex');
          return s.columnGroups.get(column) ?? 0;
        },
        deleteColumn: (position: number) => {
          remove('column', position, 1);
          return self;
        },
        // "If the sheet is already protected, this method returns an object representing the
        // existing protection settings." https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
        protect: () => {
          const existing = this.model.protections.find((p) => p.sheet === s && p.type === 'SHEET');
          return this.protectionApi(existing ?? this.model.newProtection('SHEET', s, null));
        },
        getProtections: (type: string) => this.protectionsOfType(type, s),
        addDeveloperMetadata: (k: string, value?: string) => {
          if (typeof k !== 'string' || k === '') throw new Error('Developer metadata needs a key.');
          if (value !== undefined && typeof value !== 'string') throw new Error('Unexpected use of Sheet.addDeveloperMetadata arguments');
          s.metadata.push({ id: this.model.nextId++, sheet: s, key: k, value: value ?? null });
          return self;
        },
        getDeveloperMetadata: () => s.metadata.map((m) => this.metadataApi(m)),
        getConditionalFormatRules: () =>
          s.rules.map((rule) =>
            this.ruleApi({
              ranges: rule.ranges.map((g) => ({ sheet: s, ...g })),
              formula: rule.formula,
              background: rule.background,
              fontColor: rule.fontColor,
            }),
          ),
        setConditionalFormatRules: (rules: unknown[]) => {
          if (!Array.isArray(rules)) throw new Error('setConditionalFormatRules takes an array of rules');
          s.rules = rules.map((rule) => {
            const data = this.unwrap<RuleData>(rule, 'ConditionalFormatRule');
            if (data.ranges.length === 0) throw new Error('A conditional format rule needs at least one range.');
            if (data.ranges.some((r) => r.sheet !== s)) throw new Error('The conditional format rule cannot reference a different sheet.');
            return { ranges: data.ranges.map(gridOf), formula: data.formula!, background: data.background, fontColor: data.fontColor };
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
        newChart: () =>
          this.chartBuilderApi(s, {
            type: null,
            title: null,
            options: {},
            ranges: [],
            transpose: false,
            numHeaders: null,
            position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          }),
        insertChart: (chart: unknown) => {
          const model = this.unwrap<ChartModel>(chart, 'EmbeddedChart');
          if (model.id !== null) throw new Error('This chart is already in the sheet.');
          model.id = this.model.nextId++;
          s.charts.push(model);
        },
        getCharts: () => s.charts.map((c) => this.chartApi(c)),
        removeChart: (chart: unknown) => {
          const model = this.unwrap<ChartModel>(chart, 'EmbeddedChart');
          const index = s.charts.findIndex((c) => c.id !== null && c.id === model.id);
          if (index < 0) throw new Error('The chart is not on this sheet.');
          s.charts.splice(index, 1);
        },
      },
      s,
    );
    return self;
  }

  /** getRange(row, column, numRows?, numColumns?) or getRange('B7:C9'). */
  private rangeOf(sheet: SheetModel, args: unknown[]): RangeRef {
    let grid: Grid;
    if (args.length === 1 && typeof args[0] === 'string') {
      grid = parseA1(args[0]);
    } else {
      if (args.length < 2 || args.length > 4 || args.some((a) => typeof a !== 'number' || !Number.isInteger(a))) {
        throw new Error(
          `The parameters (${args.map((a) => typeof a).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
        );
      }
      const [row, column, rows = 1, columns = 1] = args as number[];
      grid = { row, column, rows, columns };
    }
    return this.model.range(sheet, grid);
  }

  private rangeApi(r: RangeRef): object {
    const cells = <T>(read: (row: number, column: number) => T): T[][] =>
      Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => read(r.row + i, r.column + j)));
    const fill = <T>(value: T): T[][] => cells(() => value);
    /** Sets one property grid, after the shape and protection checks every set…s call makes. */
    const setGrid = (grid: unknown, apply: (row: number, column: number, value: unknown) => void) => {
      const checked = checkGrid(grid, r);
      this.model.assertEditable(r.sheet, r);
      checked.forEach((row, i) => row.forEach((value, j) => apply(r.row + i, r.column + j, value)));
      return self;
    };
    const setFormat = (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid number format ${String(value)}`);
      this.model.setProp(r.sheet, row, column, 'format', value === null || value === '' || value === GENERAL ? undefined : value);
    };
    const setColor = (field: 'background' | 'fontColor') => (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid color ${String(value)}`);
      this.model.setProp(r.sheet, row, column, field, value === null || value === '' ? undefined : normalizeColor(value));
    };
    const setWeight = (row: number, column: number, value: unknown) => {
      if (value !== null && value !== 'bold' && value !== 'normal') throw new Error(`Invalid font weight ${String(value)}`);
      this.model.setProp(r.sheet, row, column, 'weight', value === 'bold' ? 'bold' : undefined);
    };
    const setNote = (row: number, column: number, value: unknown) => {
      if (value !== null && typeof value !== 'string') throw new Error(`Invalid note ${String(value)}`);
      this.model.setProp(r.sheet, row, column, 'note', value ? value : undefined);
    };
    /**
     * A custom formula is written for the range's top-left cell and holds for each cell with its
     * relative references moved there (DataValidationBuilder.requireFormulaSatisfied:
     * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireFormulaSatisfied(String)).
     */
    const setValidation = (row: number, column: number, value: unknown) => {
      const rule = value === null ? undefined : this.unwrap<ValidationData>(value, 'DataValidation');
      const forCell =
        rule?.criteria === 'CUSTOM_FORMULA'
          ? { ...rule, values: [shiftFormula(String(rule.values[0]), row - r.row, column - r.column)] }
          : rule;
      this.model.setProp(r.sheet, row, column, 'validation', forCell);
    };
    const setValues = (grid: unknown) => {
      const checked = checkGrid(grid, r);
      this.model.assertEditable(r.sheet, r);
      this.model.writeValues(r, checked);
      return self;
    };
    /** One value for every cell; a formula's relative references move from the top-left, as in Sheets. */
    const setOne = (value: unknown) =>
      setValues(
        cells((row, column) =>
          typeof value === 'string' && value.startsWith('=') && this.model.formatOf(r.sheet, row, column) !== '@'
            ? shiftFormula(value, row - r.row, column - r.column)
            : value,
        ),
      );
    const self: object = this.expose(
      'Range',
      r,
      {
        getRow: () => r.row,
        getColumn: () => r.column,
        getNumRows: () => r.rows,
        getNumColumns: () => r.columns,
        getLastRow: () => r.row + r.rows - 1,
        getLastColumn: () => r.column + r.columns - 1,
        getSheet: () => this.sheetApi(r.sheet),
        getA1Notation: () => a1Of(r),
        getValues: () => cells((row, column) => this.model.valueOf(r.sheet, row, column)),
        getValue: () => this.model.valueOf(r.sheet, r.row, r.column),
        getDisplayValues: () => cells((row, column) => this.model.displayOf(r.sheet, row, column)),
        getDisplayValue: () => this.model.displayOf(r.sheet, r.row, r.column),
        getFormulas: () => cells((row, column) => this.model.formulaOf(r.sheet, row, column) ?? ''),
        getFormula: () => this.model.formulaOf(r.sheet, r.row, r.column) ?? '',
        getNumberFormats: () => cells((row, column) => this.model.formatOf(r.sheet, row, column)),
        getNumberFormat: () => this.model.formatOf(r.sheet, r.row, r.column),
        getBackgrounds: () => cells((row, column) => this.model.props(r.sheet, row, column).background ?? '#ffffff'),
        getBackground: () => this.model.props(r.sheet, r.row, r.column).background ?? '#ffffff',
        getFontWeights: () => cells((row, column) => this.model.props(r.sheet, row, column).weight ?? 'normal'),
        getFontWeight: () => this.model.props(r.sheet, r.row, r.column).weight ?? 'normal',
        getFontColors: () => cells((row, column) => this.model.props(r.sheet, row, column).fontColor ?? '#000000'),
        getFontColor: () => this.model.props(r.sheet, r.row, r.column).fontColor ?? '#000000',
        getNotes: () => cells((row, column) => this.model.props(r.sheet, row, column).note ?? ''),
        getNote: () => this.model.props(r.sheet, r.row, r.column).note ?? '',
        getDataValidations: () =>
          cells((row, column) => {
            const rule = this.model.props(r.sheet, row, column).validation;
            return rule ? this.validationApi(rule) : null;
          }),
        getDataValidation: () => {
          const rule = this.model.props(r.sheet, r.row, r.column).validation;
          return rule ? this.validationApi(rule) : null;
        },
        setValues,
        setValue: setOne,
        setFormulas: (grid: unknown) => {
          checkGrid(grid, r)
            .flat()
            .forEach((f) => {
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
        // How Sheets anchors a custom formula given cell by cell in a grid is not documented:
        // refusing it shows up code that relies on it (a range's rule is anchored at its top-left).
        setDataValidations: (grid: unknown) => {
          for (const rule of checkGrid(grid, r).flat()) {
            if (rule !== null && this.unwrap<ValidationData>(rule, 'DataValidation').criteria === 'CUSTOM_FORMULA')
              throw new Error('Unverified: a custom-formula rule set cell by cell; set it on a range with setDataValidation.');
          }
          return setGrid(grid, setValidation);
        },
        setDataValidation: (rule: unknown) => setGrid(fill(rule), setValidation),
        /**
         * Groups (delta > 0) or ungroups the columns the range spans.
         * https://developers.google.com/apps-script/reference/spreadsheet/range#shiftColumnGroupDepth(Integer)
         */
        shiftColumnGroupDepth: (delta: number) => {
          checkInt(delta, 'delta');
          for (let c = r.column; c < r.column + r.columns; c++) {
            const depth = Math.max(0, (r.sheet.columnGroups.get(c) ?? 0) + delta);
            if (depth === 0) r.sheet.columnGroups.delete(c);
            else r.sheet.columnGroups.set(c, depth);
          }
          return self;
        },
        // "If the range is already protected, this method creates a new protected range that
        // overlaps the existing one." (Range.protect)
        protect: () => this.protectionApi(this.model.newProtection('RANGE', r.sheet, gridOf(r))),
        copyTo: (...args: unknown[]) => {
          if (args.length !== 1) throw new Error('Unexpected use of Range.copyTo arguments');
          this.model.copy(r, this.unwrap<RangeRef>(args[0], 'Range'));
        },
        clearContent: () => {
          this.model.assertEditable(r.sheet, r);
          this.model.clearContent(r);
          return self;
        },
      },
      r.sheet,
    );
    return self;
  }

  private protectionApi(p: ProtectionModel): object {
    const sheetGrid = (): Grid => ({ row: 1, column: 1, rows: p.sheet.maxRows, columns: p.sheet.maxColumns });
    const addEditors = (users: unknown[]) => {
      this.model.mayChange(p);
      for (const email of users.map((u) => this.emailOf(u))) if (!p.editors.includes(email)) p.editors.push(email);
      return self;
    };
    /**
     * "Neither the owner of the spreadsheet nor the current user can be removed", and removing
     * editors throws when the current user's access comes from a group unless the current user
     * was added first (Google's own sample does so). Protection.removeEditors, platform.md.
     */
    const removeEditors = (users: unknown[]) => {
      this.model.mayChange(p);
      if (this.model.viaGroup.has(this.model.user) && !p.editors.includes(this.model.user)) {
        throw new Error("You can't remove yourself as an editor: your access comes from a group. Add yourself as an editor first.");
      }
      const emails = users.map((u) => this.emailOf(u));
      if (emails.includes(this.model.groupEmail())) p.group = false;
      p.editors = p.editors.filter((e) => e === this.model.owner || e === this.model.user || !emails.includes(e));
      return self;
    };
    const self: object = this.expose(
      'Protection',
      p,
      {
        canEdit: () => this.model.canEdit(p),
        remove: () => {
          this.model.mayChange(p);
          p.removed = true;
          this.model.protections = this.model.protections.filter((x) => x !== p);
        },
        getProtectionType: () => p.type,
        getRange: () => this.rangeApi({ sheet: p.sheet, ...(p.range ?? sheetGrid()) }),
        getDescription: () => p.description,
        setDescription: (description: string) => {
          this.model.mayChange(p);
          p.description = String(description);
          return self;
        },
        isWarningOnly: () => p.warningOnly,
        setWarningOnly: (warningOnly: boolean) => {
          this.model.mayChange(p);
          p.warningOnly = Boolean(warningOnly);
          return self;
        },
        // "Throws an exception if the user does not have permission to edit the protected range or sheet itself."
        getEditors: () => {
          this.model.mayChange(p);
          return [...p.editors, ...(p.group ? [this.model.groupEmail()] : [])].map((e) => this.userApi(e));
        },
        addEditor: (user: unknown) => addEditors([user]),
        addEditors: (users: unknown[]) => addEditors(users),
        removeEditor: (user: unknown) => removeEditors([user]),
        removeEditors: (users: unknown[]) => removeEditors(users),
        canDomainEdit: () => {
          this.model.mayChange(p);
          return p.domainEdit;
        },
        setDomainEdit: (editable: boolean) => {
          this.model.mayChange(p);
          // "Throws an exception if the spreadsheet does not belong to a Google Workspace domain."
          if (!this.model.ownerInWorkspace()) throw new Error('The spreadsheet does not belong to a Google Workspace domain.');
          p.domainEdit = Boolean(editable);
          return self;
        },
        // "Throws an exception if the protection type is not SHEET" (Protection.setUnprotectedRanges).
        setUnprotectedRanges: (ranges: unknown[]) => {
          this.model.mayChange(p);
          if (p.type !== 'SHEET') throw new Error('Unprotected ranges can only be set on a sheet protection.');
          const refs = ranges.map((range) => this.unwrap<RangeRef>(range, 'Range'));
          if (refs.some((ref) => ref.sheet !== p.sheet)) throw new Error('An unprotected range must be on the protected sheet.');
          p.unprotected = refs.map(gridOf);
          return self;
        },
        getUnprotectedRanges: () => p.unprotected.map((g) => this.rangeApi({ sheet: p.sheet, ...g })),
      },
      p.sheet,
    );
    return self;
  }

  private validationBuilderApi(state: {
    criteria: ValidationData['criteria'] | null;
    values: unknown[];
    allowInvalid: boolean;
    helpText: string;
  }): object {
    const self: object = this.expose('DataValidationBuilder', state, {
      // New rules allow invalid input (with a warning) unless told otherwise.
      setAllowInvalid: (allow: boolean) => {
        state.allowInvalid = Boolean(allow);
        return self;
      },
      setHelpText: (text: string) => {
        state.helpText = String(text);
        return self;
      },
      requireValueInList: (values: string[], showDropdown = true) => {
        if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
          throw new Error('requireValueInList takes an array of strings');
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
      requireFormulaSatisfied: (formula: string) => {
        if (typeof formula !== 'string' || !formula.startsWith('='))
          throw new Error(`A custom formula starts with "=": ${String(formula)}`);
        state.criteria = 'CUSTOM_FORMULA';
        state.values = [formula];
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
        if (typeof formula !== 'string' || !formula.startsWith('='))
          throw new Error(`A custom formula starts with "=": ${String(formula)}`);
        state.formula = formula;
        return self;
      },
      setBackground: (color: string | null) => {
        state.background = color ? normalizeColor(color) : null;
        return self;
      },
      setFontColor: (color: string | null) => {
        state.fontColor = color ? normalizeColor(color) : null;
        return self;
      },
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
      getBooleanCondition: () =>
        this.expose('BooleanCondition', rule, {
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
        state.ranges.push({ sheet: ref.sheet, grid: gridOf(ref) });
        return self;
      },
      setTransposeRowsAndColumns: (transpose: boolean) => {
        state.transpose = Boolean(transpose);
        return self;
      },
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
          ...state,
          id: null,
          options: { ...state.options },
          ranges: state.ranges.map((r) => ({ sheet: r.sheet, grid: { ...r.grid } })),
          position: { ...state.position },
        };
        return this.chartApi(model);
      },
    };
    // Only the typed builders have setTitle; the generic builder has setOption('title', …).
    if (line)
      methods.setTitle = (title: string) => {
        state.title = String(title);
        return self;
      };
    const self: object = this.expose(line ? 'EmbeddedLineChartBuilder' : 'EmbeddedChartBuilder', state, methods, sheet);
    return self;
  }

  private chartApi(chart: ChartModel): object {
    return this.expose('EmbeddedChart', chart, {
      getChartId: () => chart.id,
      getId: () => (chart.id === null ? null : `u${chart.id}`),
      getRanges: () => chart.ranges.map((r) => this.rangeApi({ sheet: r.sheet, ...r.grid })),
      getOptions: () =>
        this.expose('ChartOptions', chart, {
          get: (option: string) => (option === 'title' ? chartTitle(chart) : (chart.options[option] ?? null)),
        }),
      getContainerInfo: () =>
        this.expose('ContainerInfo', chart, {
          getAnchorRow: () => chart.position.row,
          getAnchorColumn: () => chart.position.column,
          getOffsetX: () => chart.position.offsetX,
          getOffsetY: () => chart.position.offsetY,
        }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Arguments.

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
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${range.rows}.`,
    );
  }
  for (const row of grid as unknown[][]) {
    if (row.length !== range.columns) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${range.columns}.`,
      );
    }
  }
  return grid as unknown[][];
}

/**
 * Named range names: letters, numbers and underscores, not starting with a number or with
 * "true"/"false", not an A1 or R1C1 reference, at most 250 characters
 * (https://support.google.com/docs/answer/63175).
 */
function checkRangeName(name: unknown): void {
  if (
    typeof name !== 'string' ||
    !/^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) ||
    /^(true|false)/i.test(name) ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^R\d*C\d*$/i.test(name)
  ) {
    throw new Error(`Invalid named range name: ${String(name)}`);
  }
}
