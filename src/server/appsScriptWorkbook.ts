import type { CellContent, ChartSpec, ConditionalRule, ExistingRule, GridRange, ReadValue, SheetGateway, SheetLayoutProps, Validation } from './gateway';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const TAG_KEY = 'kpi-tree';

/**
 * The gateway over `SpreadsheetApp`: each method is one batched service call (plus the local
 * `getRange`). The spreadsheet is looked up on first use, so loading the project for a custom
 * function touches no service.
 */
export class AppsScriptWorkbook implements SheetGateway {
  private cached: Spreadsheet | null = null;

  constructor(private readonly open: () => Spreadsheet) {}

  private get book(): Spreadsheet {
    return (this.cached ??= this.open());
  }

  private sheet(name: string): Sheet {
    const sheet = this.book.getSheetByName(name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  }

  private range(sheet: string, r: GridRange) {
    return this.sheet(sheet).getRange(r.row, r.column, r.rows, r.columns);
  }

  locale(): string {
    return this.book.getSpreadsheetLocale();
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

  readValues(sheet: string): ReadValue[][] {
    // A date typed as a note or an owner comes back as it reads in the spreadsheet's time zone.
    let zone: string | null = null;
    const text = (v: unknown) => (v instanceof Date
      ? Utilities.formatDate(v, (zone ??= this.book.getSpreadsheetTimeZone()), 'yyyy-MM-dd')
      : String(v));
    return this.sheet(sheet).getDataRange().getValues()
      .map((row) => row.map((v: unknown) => (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : text(v))));
  }

  readSheetTag(sheet: string): string | null {
    const found = this.sheet(sheet).getDeveloperMetadata().find((m) => m.getKey() === TAG_KEY);
    return found ? found.getValue() : null;
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

  deleteSheet(sheet: string): void {
    this.book.deleteSheet(this.sheet(sheet));
  }

  renameSheet(sheet: string, newName: string, index?: number): void {
    const target = this.sheet(sheet);
    target.setName(newName);
    if (index !== undefined) {
      this.book.setActiveSheet(target);
      this.book.moveActiveSheet(index + 1);
    }
  }

  sheetIndex(sheet: string): number {
    return this.sheet(sheet).getIndex() - 1;
  }

  tagSheet(sheet: string, tag: string): void {
    const target = this.sheet(sheet);
    target.getDeveloperMetadata().filter((m) => m.getKey() === TAG_KEY).forEach((m) => m.remove());
    target.addDeveloperMetadata(TAG_KEY, tag);
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
    // Builders are local objects; one per distinct rule keeps the grid cheap to assemble.
    const built = new Map<Validation, GoogleAppsScript.Spreadsheet.DataValidation>();
    const build = (rule: Validation) => {
      const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(false).setHelpText(rule.help);
      if (rule.kind === 'list') builder.requireValueInList([...rule.values], true);
      else if (rule.max === undefined) builder.requireNumberGreaterThanOrEqualTo(rule.min);
      else builder.requireNumberBetween(rule.min, rule.max);
      return builder.build();
    };
    const grid = rules.map((row) => row.map((rule) => {
      if (rule === null) return null;
      if (!built.has(rule)) built.set(rule, build(rule));
      return built.get(rule)!;
    }));
    this.range(sheet, range).setDataValidations(grid as GoogleAppsScript.Spreadsheet.DataValidation[][]);
  }

  readConditionalRules(sheet: string): ExistingRule[] {
    return this.sheet(sheet).getConditionalFormatRules().map((rule) => ({
      ranges: rule.getRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), rows: r.getNumRows(), columns: r.getNumColumns() })),
      handle: rule,
    }));
  }

  setConditionalRules(sheet: string, rules: readonly ConditionalRule[], kept: readonly ExistingRule[]): void {
    const target = this.sheet(sheet);
    const toRanges = (ranges: readonly GridRange[]) => ranges.map((r) => target.getRange(r.row, r.column, r.rows, r.columns));
    const ours = rules.map((rule) => {
      const builder = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.background)
        .setRanges(toRanges(rule.ranges));
      if (rule.fontColor) builder.setFontColor(rule.fontColor);
      return builder.build();
    });
    // A person's own rules come along, moved onto this sheet.
    const theirs = kept.map((k) => (k.handle as GoogleAppsScript.Spreadsheet.ConditionalFormatRule).copy().setRanges(toRanges(k.ranges)).build());
    target.setConditionalFormatRules([...theirs, ...ours]);
  }

  protectExcept(sheet: string, inputs: readonly GridRange[], description: string): void {
    const target = this.sheet(sheet);
    const protection = target.protect().setDescription(description);
    protection.setUnprotectedRanges(inputs.map((r) => target.getRange(r.row, r.column, r.rows, r.columns)));
    protection.setWarningOnly(true);
  }

  protectRows(sheet: string, rows: readonly { readonly ranges: readonly GridRange[]; readonly editors: readonly string[] }[], description: string): void {
    // A protection per range is the service's unit: it cannot be batched.
    for (const { ranges, editors } of rows) {
      for (const r of ranges) {
        const protection = this.range(sheet, r).protect().setDescription(description);
        // Not the whole Workspace domain; the person who turns this on stays an editor (the
        // service never removes the current user).
        if (protection.canDomainEdit()) protection.setDomainEdit(false);
        protection.removeEditors(protection.getEditors());
        protection.addEditors([...editors]);
      }
    }
  }

  private rowProtections(sheet: string, description: string) {
    return this.sheet(sheet).getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === description);
  }

  unprotectRows(sheet: string, description: string): void {
    this.rowProtections(sheet, description).forEach((p) => p.remove());
  }

  hasRowProtections(sheet: string, description: string): boolean {
    return this.rowProtections(sheet, description).length > 0;
  }

  setNamedRange(name: string, sheet: string, range: GridRange): void {
    this.book.setNamedRange(name, this.range(sheet, range));
  }

  setLayout(sheet: string, layout: SheetLayoutProps): void {
    const target = this.sheet(sheet);
    target.setFrozenRows(layout.frozenRows);
    target.setFrozenColumns(layout.frozenColumns);
    layout.hiddenColumns.forEach((c) => target.hideColumns(c));
    layout.hiddenRows.forEach((r) => target.hideRows(r));
    for (const [column, width] of Object.entries(layout.columnWidths)) target.setColumnWidth(Number(column), width);
  }

  setCharts(sheet: string, charts: readonly ChartSpec[]): void {
    const target = this.sheet(sheet);
    target.getCharts().forEach((chart) => target.removeChart(chart));
    for (const spec of charts) {
      target.insertChart(target.newChart()
        .asLineChart()
        .setTitle(spec.title)
        .addRange(this.range(sheet, spec.range))
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
        .build());
    }
  }

  withDocumentLock<T>(work: () => T): { ran: true; result: T } | { ran: false } {
    const lock = LockService.getDocumentLock();
    if (!lock || !lock.tryLock(10_000)) return { ran: false };
    try {
      return { ran: true, result: work() };
    } finally {
      lock.releaseLock();
    }
  }
}
