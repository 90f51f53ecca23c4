import { DAY_MS } from '../core/dataImport';
import { ref } from '../core/sheet/a1';
import { VALIDATED_CELL } from '../core/sheet/draft';
import { rectangles } from '../core/sheet/writes';
import type {
  CellContent,
  ChartSpec,
  ConditionalRule,
  ExistingRule,
  FoundProtection,
  GridRange,
  ReadValue,
  SheetGateway,
  SheetLayoutProps,
  Validation,
} from './gateway';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The Apps Script services the edge uses: the globals in Apps Script, a strict fake in tests. */
export interface AppsScriptServices {
  readonly SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly LockService: GoogleAppsScript.Lock.LockService;
  readonly Session: GoogleAppsScript.Base.Session;
  readonly Utilities: GoogleAppsScript.Utilities.Utilities;
}

export const TAG_KEY = 'kpi-tree';

/**
 * No time zone changes its clocks twice within this many days (runs between changes last weeks
 * to months; the shortest in recent tz data, Morocco's Ramadan without summer time, about a
 * month), so an offset the same at both ends of such a span held all through it.
 */
const STEADY_DAYS = 16;
const gridRange = (r: Range): GridRange => ({ row: r.getRow(), column: r.getColumn(), rows: r.getNumRows(), columns: r.getNumColumns() });
const a1 = (r: GridRange): string => `${ref(r.column, r.row)}:${ref(r.column + r.columns - 1, r.row + r.rows - 1)}`;

/**
 * The gateway over the Spreadsheet service: each write is one batched call on one range. The
 * services are asked for on first use, so loading the project for a custom function touches
 * none.
 */
export class AppsScriptWorkbook implements SheetGateway {
  private cached: Spreadsheet | null = null;
  private services: AppsScriptServices | null = null;
  /**
   * While the document lock is held, sheets and tags looked up once serve the whole run (each
   * lookup is a call); people may rename or delete sheets at any other time, so no longer.
   */
  private run: { sheets: Map<string, Sheet>; tags: { sheet: string; tag: string }[] | null } | null = null;

  constructor(private readonly connect: () => AppsScriptServices) {}

  private get app(): AppsScriptServices {
    return (this.services ??= this.connect());
  }

  private get book(): Spreadsheet {
    return (this.cached ??= this.app.SpreadsheetApp.getActiveSpreadsheet());
  }

  private sheet(name: string): Sheet {
    const known = this.run?.sheets.get(name);
    if (known) return known;
    const sheet = this.book.getSheetByName(name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    this.run?.sheets.set(name, sheet);
    return sheet;
  }

  private range(sheet: string | Sheet, r: GridRange): Range {
    return (typeof sheet === 'string' ? this.sheet(sheet) : sheet).getRange(r.row, r.column, r.rows, r.columns);
  }

  locale(): string {
    return this.book.getSpreadsheetLocale();
  }

  formatDate(date: Date, pattern: string): string {
    return this.app.Utilities.formatDate(date, this.book.getSpreadsheetTimeZone(), pattern);
  }

  ownerEmail(): string {
    return this.book.getOwner()?.getEmail() ?? '';
  }

  sheetNames(): string[] {
    return this.book.getSheets().map((s) => s.getName());
  }

  sheetId(sheet: string): number {
    return this.sheet(sheet).getSheetId();
  }

  url(): string {
    return this.book.getUrl();
  }

  activeSheetName(): string | null {
    return this.book.getActiveSheet()?.getName() ?? null;
  }

  activate(sheet: string): void {
    this.sheet(sheet).activate();
  }

  sheetIds(): { name: string; id: number }[] {
    return this.book.getSheets().map((s) => ({ name: s.getName(), id: s.getSheetId() }));
  }

  readRow(sheet: string, row: number): ReadValue[] {
    const target = this.sheet(sheet);
    const columns = target.getLastColumn();
    if (columns === 0) return [];
    return this.readable(target.getRange(row, 1, 1, columns).getValues(), this.dayReader())[0];
  }

  readColumns(sheet: string, columns: readonly number[], fromRow: number): ReadValue[][] {
    const target = this.sheet(sheet);
    const rows = target.getLastRow() - fromRow + 1;
    if (rows <= 0) return [];
    const day = this.dayReader();
    const read = columns.map((column) => this.readable(target.getRange(fromRow, column, rows, 1).getValues(), day));
    return Array.from({ length: rows }, (_, r) => read.map((values) => values[r][0]));
  }

  readValues(sheet: string): ReadValue[][] {
    return this.readable(this.sheet(sheet).getDataRange().getValues(), this.dayReader());
  }

  /** Values as the core reads them: a date (a typed note or owner, or a data sheet's) as its day, by `day`. */
  private readable(values: unknown[][], day: (date: Date) => string): ReadValue[][] {
    const text = (v: unknown) => (v instanceof Date ? day(v) : String(v));
    return values.map((row) =>
      row.map((v: unknown) => (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : text(v))),
    );
  }

  /**
   * The day (`yyyy-MM-dd`) a date falls on in the spreadsheet's time zone, with few formatDate
   * calls however many rows: a data sheet of 100,000 rows holds a year's few hundred days, often
   * with times of day (a CRM's "created at"). The zone's offset is asked at the ends of each block
   * of STEADY_DAYS UTC days met (ends shared with the neighbouring blocks); where they agree, the
   * offset held all through the block and every time in it is shifted by it without a call. In a
   * block where the clocks change, each day's ends are asked the same way, and on the day itself
   * each minute met (within a minute the day cannot change: zones are offset by whole quarter hours).
   */
  private dayReader(): (date: Date) => string {
    let zone: string | null = null;
    const format = (date: Date, pattern: string) =>
      this.app.Utilities.formatDate(date, (zone ??= this.book.getSpreadsheetTimeZone()), pattern);
    const offsets = new Map<number, number>();
    /** The zone's offset from UTC, in ms, at the start of UTC day `utcDay`. */
    const offsetAt = (utcDay: number) => {
      let offset = offsets.get(utcDay);
      if (offset === undefined) {
        const [y, mo, d, h, mi] = format(new Date(utcDay * DAY_MS), 'yyyy MM dd HH mm')
          .split(' ')
          .map(Number);
        offset = Date.UTC(y, mo - 1, d, h, mi) - utcDay * DAY_MS;
        offsets.set(utcDay, offset);
      }
      return offset;
    };
    /** The offset held through UTC days [from, from + days), or null where it changes. */
    const steady = (from: number, days: number) => (offsetAt(from) === offsetAt(from + days) ? offsetAt(from) : null);
    const byMinute = new Map<number, string>();
    return (date) => {
      const time = date.getTime();
      const utcDay = Math.floor(time / DAY_MS);
      const offset = steady(utcDay - (((utcDay % STEADY_DAYS) + STEADY_DAYS) % STEADY_DAYS), STEADY_DAYS) ?? steady(utcDay, 1);
      if (offset !== null) return new Date(time + offset).toISOString().slice(0, 10);
      const minute = Math.floor(time / 60_000);
      let found = byMinute.get(minute);
      if (found === undefined) {
        found = format(date, 'yyyy-MM-dd');
        byMinute.set(minute, found);
      }
      return found;
    };
  }

  readValidated(sheet: string, range: GridRange): boolean[][] {
    return this.range(sheet, range)
      .getDataValidations()
      .map((row) => row.map((rule) => rule !== null));
  }

  readFormulas(sheet: string): string[][] {
    return this.sheet(sheet).getDataRange().getFormulas();
  }

  taggedSheets(): { sheet: string; tag: string }[] {
    if (this.run?.tags) return this.run.tags;
    const tags = this.book
      .createDeveloperMetadataFinder()
      .withKey(TAG_KEY)
      .find()
      .flatMap((m) => {
        const sheet = m.getLocation().getSheet();
        return sheet ? [{ sheet: sheet.getName(), tag: m.getValue() ?? '' }] : [];
      });
    if (this.run) this.run.tags = tags;
    return tags;
  }

  insertSheet(name: string, rows: number, columns: number): void {
    const sheet = this.book.insertSheet(name);
    if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
    if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
  }

  ensureRows(sheet: string, rows: number): void {
    const target = this.sheet(sheet);
    if (target.getMaxRows() < rows) target.insertRowsAfter(target.getMaxRows(), rows - target.getMaxRows());
  }

  ensureColumns(sheet: string, columns: number): void {
    const target = this.sheet(sheet);
    if (target.getMaxColumns() < columns) target.insertColumnsAfter(target.getMaxColumns(), columns - target.getMaxColumns());
  }

  insertRowsAfter(sheet: string, after: number, count: number): void {
    this.sheet(sheet).insertRowsAfter(after, count);
  }

  deleteRows(sheet: string, row: number, count: number): void {
    this.sheet(sheet).deleteRows(row, count);
  }

  moveColumns(sheet: string, from: number, count: number, before: number): void {
    const target = this.sheet(sheet);
    target.moveColumns(target.getRange(1, from, 1, count), before);
  }

  deleteSheet(sheet: string): void {
    this.book.deleteSheet(this.sheet(sheet));
    this.run?.sheets.delete(sheet);
    if (this.run) this.run.tags = null;
  }

  tagSheet(sheet: string, tag: string): void {
    if (this.run) this.run.tags = null;
    const target = this.sheet(sheet);
    const found = target.getDeveloperMetadata().find((m) => m.getKey() === TAG_KEY);
    if (found) found.setValue(tag);
    else target.addDeveloperMetadata(TAG_KEY, tag);
  }

  setContents(sheet: string, range: GridRange, contents: readonly (readonly CellContent[])[]): void {
    // A leading apostrophe keeps text as text: a label `=HYPERLINK(…)` or `+81…` never becomes a
    // formula. A plain-text cell (format `@`) already keeps it verbatim, so it gets none.
    const text = (c: { text: string; plain?: boolean }) => (c.plain ? c.text : `'${c.text}`);
    const values = contents.map((row) => row.map((c) => (c === null ? '' : 'text' in c ? text(c) : 'number' in c ? c.number : c.formula)));
    this.range(sheet, range).setValues(values);
  }

  setNumberFormats(sheet: string, range: GridRange, formats: readonly (readonly string[])[]): void {
    this.range(sheet, range).setNumberFormats(formats as string[][]);
  }

  setBackgrounds(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void {
    this.range(sheet, range).setBackgrounds(colors as string[][]);
  }

  setFontWeights(sheet: string, range: GridRange, weights: readonly (readonly ('bold' | 'normal')[])[]): void {
    this.range(sheet, range).setFontWeights(weights.map((row) => [...row]));
  }

  setFontColors(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void {
    this.range(sheet, range).setFontColors(colors as string[][]);
  }

  setNotes(sheet: string, range: GridRange, notes: readonly (readonly string[])[]): void {
    this.range(sheet, range).setNotes(notes as string[][]);
  }

  setValidations(sheet: string, range: GridRange, rules: readonly (readonly (Validation | null)[])[]): void {
    const target = this.sheet(sheet);
    const builder = (rule: Validation) => this.app.SpreadsheetApp.newDataValidation().setAllowInvalid(false).setHelpText(rule.help);
    // One built rule per distinct rule: each builder step is a call.
    const built = new Map<Validation, GoogleAppsScript.Spreadsheet.DataValidation>();
    const build = (rule: Validation) => {
      const b = builder(rule);
      if (rule.kind === 'list') b.requireValueInList([...rule.values], true);
      else if (rule.kind === 'number' && rule.max === undefined) b.requireNumberGreaterThanOrEqualTo(rule.min);
      else if (rule.kind === 'number') b.requireNumberBetween(rule.min, rule.max!);
      return b.build();
    };
    const grid = rules.map((row) =>
      row.map((rule) => {
        if (rule === null || rule.kind === 'formula') return null;
        if (!built.has(rule)) built.set(rule, build(rule));
        return built.get(rule)!;
      }),
    );
    this.range(target, range).setDataValidations(grid as GoogleAppsScript.Spreadsheet.DataValidation[][]);
    // A custom formula is relative to the top-left of the range it is set on: one rule per
    // rectangle of cells sharing it, its formula written for that rectangle's top-left (a copy
    // of the rule's first build, which costs fewer calls than a new builder).
    const formulas = new Set(rules.flat().filter((rule) => rule?.kind === 'formula'));
    const rows = Array.from({ length: range.rows }, (_, i) => range.row + i);
    for (const rule of formulas) {
      let first: GoogleAppsScript.Spreadsheet.DataValidation | null = null;
      const inRule = (row: number, column: number) => column >= range.column && rules[row - range.row][column - range.column] === rule;
      for (const r of rectangles(rows, range.column + range.columns - 1, inRule, inRule)) {
        const formula = rule.formula.split(VALIDATED_CELL).join(ref(r.column, r.row));
        const built: GoogleAppsScript.Spreadsheet.DataValidation = (first ? first.copy() : builder(rule))
          .requireFormulaSatisfied(formula)
          .build();
        first ??= built;
        this.range(target, r).setDataValidation(built);
      }
    }
  }

  readConditionalRules(sheet: string): ExistingRule[] {
    return this.sheet(sheet)
      .getConditionalFormatRules()
      .map((rule) => ({
        background: rule.getBooleanCondition()?.getBackground() ?? null,
        handle: rule,
      }));
  }

  hasConditionalRule(sheet: string, background: string): boolean {
    const rules = this.sheet(sheet).getConditionalFormatRules();
    for (let i = rules.length - 1; i >= 0; i--) if (rules[i].getBooleanCondition()?.getBackground() === background) return true;
    return false;
  }

  /** Ranges from A1 notation in two calls, however many: each getRange would be one. */
  private ranges(sheet: Sheet, ranges: readonly GridRange[]): Range[] {
    return ranges.length === 0 ? [] : sheet.getRangeList(ranges.map(a1)).getRanges();
  }

  setConditionalRules(sheet: string, rules: readonly ConditionalRule[], kept: readonly ExistingRule[]): void {
    const target = this.sheet(sheet);
    const ours = rules.map((rule) => {
      const builder = this.app.SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.background)
        .setRanges(this.ranges(target, rule.ranges));
      if (rule.fontColor) builder.setFontColor(rule.fontColor);
      return builder.build();
    });
    // A person's own rules stay as they are, first, as they were.
    target.setConditionalFormatRules([...kept.map((k) => k.handle as GoogleAppsScript.Spreadsheet.ConditionalFormatRule), ...ours]);
  }

  protectExcept(sheet: string, inputs: readonly GridRange[], description: string): void {
    const target = this.sheet(sheet);
    // Sheet.protect() hands back the sheet's protection when it has one.
    const protection = target.protect().setDescription(description).setWarningOnly(true);
    protection.setUnprotectedRanges(this.ranges(target, inputs));
  }

  rangeProtections(sheet: string, wanted: (description: string, canEdit: boolean) => boolean): FoundProtection[] {
    return this.sheet(sheet)
      .getProtections(this.app.SpreadsheetApp.ProtectionType.RANGE)
      .flatMap((p) => {
        const description = p.getDescription();
        const canEdit = p.canEdit();
        if (!wanted(description, canEdit)) return [];
        // getEditors() throws for a user who may not edit the protection.
        const editors = canEdit ? p.getEditors().map((u) => u.getEmail()) : [];
        return [{ range: gridRange(p.getRange()), description, editors, canEdit, handle: p }];
      });
  }

  protectRanges(
    sheet: string,
    blocks: readonly { readonly range: GridRange; readonly editors: readonly string[] }[],
    description: string,
  ): void {
    const target = this.sheet(sheet);
    const made: GoogleAppsScript.Spreadsheet.Protection[] = [];
    try {
      const me = this.app.Session.getEffectiveUser();
      for (const { range, editors } of blocks) {
        const protection = this.range(target, range).protect().setDescription(description);
        made.push(protection);
        // Google's own order: add the current user first, else removing a group they edit
        // through throws; the owner and the current user are never removed.
        protection.addEditor(me);
        protection.removeEditors(protection.getEditors());
        if (protection.canDomainEdit()) protection.setDomainEdit(false);
        protection.addEditors([...editors]);
      }
    } catch (error) {
      made.forEach((p) => p.remove());
      throw error;
    }
  }

  removeProtections(found: readonly FoundProtection[]): void {
    found.forEach((p) => (p.handle as GoogleAppsScript.Spreadsheet.Protection).remove());
  }

  setNamedRanges(sheet: string, names: readonly { readonly prefix: string; readonly range: GridRange }[]): void {
    const target = this.sheet(sheet);
    const gid = target.getSheetId();
    // Look the name up and re-point it: whether setNamedRange re-points an existing name is
    // not documented. A name of this sheet from before a rename keeps working the same way.
    const existing = this.book.getNamedRanges();
    for (const { prefix, range } of names) {
      const cell = this.range(target, range);
      const found = existing.find((n) => n.getName().startsWith(prefix) && n.getRange().getSheet().getSheetId() === gid);
      if (found) found.setRange(cell);
      else this.book.setNamedRange(`${prefix}${gid}`, cell);
    }
  }

  setLayout(sheet: string, layout: SheetLayoutProps): void {
    const target = this.sheet(sheet);
    target.setFrozenRows(layout.frozenRows);
    target.setFrozenColumns(layout.frozenColumns);
    layout.hiddenColumns.forEach((c) => target.hideColumns(c));
    layout.hiddenRows.forEach((r) => target.hideRows(r));
    for (const [column, width] of Object.entries(layout.columnWidths)) target.setColumnWidth(Number(column), width);
    // Grouped once: shifting a grouped range's depth again would nest a second group.
    for (const group of layout.columnGroups) {
      if (target.getColumnGroupDepth(group.column) === 0) this.range(target, { row: 1, rows: 1, ...group }).shiftColumnGroupDepth(1);
    }
  }

  addCharts(sheet: string, charts: readonly ChartSpec[]): void {
    const target = this.sheet(sheet);
    for (const spec of charts) {
      target.insertChart(
        target
          .newChart()
          .asLineChart()
          .setTitle(spec.title)
          .addRange(this.range(target, spec.range))
          .setTransposeRowsAndColumns(true)
          .setNumHeaders(1)
          .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
          .build(),
      );
    }
  }

  gridSizes(): { sheet: string; rows: number; columns: number }[] {
    return this.book.getSheets().map((s) => ({ sheet: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() }));
  }

  resizeSheet(sheet: string, rows: number, columns: number): void {
    const target = this.sheet(sheet);
    const [hasRows, hasColumns] = [target.getMaxRows(), target.getMaxColumns()];
    if (hasRows < rows) target.insertRowsAfter(hasRows, rows - hasRows);
    if (hasRows > rows) target.deleteRows(rows + 1, hasRows - rows);
    if (hasColumns < columns) target.insertColumnsAfter(hasColumns, columns - hasColumns);
    if (hasColumns > columns) target.deleteColumns(columns + 1, hasColumns - columns);
  }

  renameSheet(sheet: string, name: string): void {
    const target = this.sheet(sheet);
    target.setName(name);
    this.run?.sheets.delete(sheet);
    this.run?.sheets.set(name, target);
    if (this.run) this.run.tags = null;
  }

  copyRange(from: string, range: GridRange, to: string): void {
    // Only the destination's top-left cell matters to copyTo.
    this.range(from, range).copyTo(this.sheet(to).getRange(range.row, range.column));
  }

  clearContents(sheet: string, range: GridRange): void {
    this.range(sheet, range).clearContent();
  }

  removeCharts(sheet: string, titles: readonly string[]): void {
    const target = this.sheet(sheet);
    for (const chart of target.getCharts()) {
      if (titles.includes(String(chart.getOptions().get('title') ?? ''))) target.removeChart(chart);
    }
  }

  withDocumentLock<T>(work: () => T): { ran: true; result: T } | { ran: false } {
    // Never the script lock: it is shared by every user of every document.
    const lock = this.app.LockService.getDocumentLock();
    if (!lock?.tryLock(10_000)) return { ran: false };
    this.run = { sheets: new Map(), tags: null };
    try {
      return { ran: true, result: work() };
    } finally {
      this.run = null;
      lock.releaseLock();
    }
  }
}
