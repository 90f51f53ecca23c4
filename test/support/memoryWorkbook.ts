/**
 * An in-memory workbook behind the same narrow gateway as Apps Script, for the tests and the
 * local preview. Formulas are evaluated by HyperFormula in its Google Sheets-compatible setup
 * (with smart rounding off: stricter than Sheets, so the sheet's own noise guards are tested),
 * conditional-format rules are evaluated per cell, and every gateway call is recorded.
 */
import { FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type CellValue } from 'hyperformula';
import { KpiError } from '../../src/core/i18n';
import { columnLetter } from '../../src/core/sheet/grid';
import type {
  CellContent, ChartSpec, ConditionalRule, ExistingRule, GridRange, ReadValue, SheetGateway, SheetLayoutProps, Validation,
} from '../../src/server/gateway';

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
HyperFormula.registerFunctionPlugin(SparklinePlugin, { enGB: { SPARKLINE: 'SPARKLINE' } });

interface SheetState {
  readonly gid: number;
  /** As in Apps Script: a new sheet has at least 1,000 rows, and writing past the last fails. */
  maxRows: number;
  tag: string | null;
  readonly formats: Map<string, string>;
  readonly backgrounds: Map<string, string | null>;
  readonly weights: Map<string, 'bold' | 'normal'>;
  readonly fontColors: Map<string, string | null>;
  readonly notes: Map<string, string>;
  readonly validations: Map<string, Validation | null>;
  rules: ConditionalRule[];
  protection: { inputs: readonly GridRange[]; description: string } | null;
  rowProtections: { range: GridRange; editors: readonly string[]; description: string }[];
  charts: readonly ChartSpec[];
  layout: SheetLayoutProps;
}

export interface ViewCell {
  readonly display: string;
  readonly value: string | number | boolean;
  readonly formula: string | null;
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly bold: boolean;
  readonly input: boolean;
  readonly note: string;
}

export interface SheetView extends SheetLayoutProps {
  readonly name: string;
  readonly rows: readonly (readonly ViewCell[])[];
}

export interface RecordedCall {
  readonly method: string;
  readonly sheet?: string;
}

const key = (row: number, column: number) => `${row},${column}`;
const EMPTY_LAYOUT: SheetLayoutProps = { frozenRows: 0, frozenColumns: 0, hiddenColumns: [], hiddenRows: [], columnWidths: {} };

export class MemoryWorkbook implements SheetGateway {
  readonly calls: RecordedCall[] = [];
  readonly namedRanges = new Map<string, { sheet: string; range: GridRange }>();
  private readonly hf: HyperFormula;
  private readonly sheets = new Map<string, SheetState>();
  private order: string[] = [];
  private active: string | null = null;
  private locked = false;
  private nextGid = 1;
  /** Test hook: a gateway method that fails, to prove a failure leaves nothing half-built. */
  failOn: string | null = null;

  constructor(private readonly options: { locale?: string } = {}) {
    this.hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      dateFormats: ['YYYY/MM/DD', 'MM/DD/YYYY'],
      useArrayArithmetic: false,
      leapYear1900: false,
      smartRounding: false,
    });
    this.hf.addNamedExpression('TRUE', '=TRUE()');
    this.hf.addNamedExpression('FALSE', '=FALSE()');
  }

  private record(method: string, sheet?: string): void {
    this.calls.push(sheet === undefined ? { method } : { method, sheet });
    if (this.failOn === method) throw new Error(`Simulated service failure in ${method}`);
  }

  private state(sheet: string): SheetState {
    const state = this.sheets.get(sheet);
    if (!state) throw new Error(`No sheet named "${sheet}"`);
    return state;
  }

  private hfId(sheet: string): number {
    this.state(sheet);
    return this.hf.getSheetId(sheet)!;
  }

  private eachCell<T>(range: GridRange, grid: readonly (readonly T[])[], apply: (row: number, column: number, value: T) => void) {
    for (let r = 0; r < range.rows; r++) for (let c = 0; c < range.columns; c++) apply(range.row + r, range.column + c, grid[r][c]);
  }

  // Reads.
  locale(): string {
    this.record('getSpreadsheetLocale');
    return this.options.locale ?? 'en_US';
  }

  sheetNames(): string[] {
    this.record('getSheets');
    return [...this.order];
  }

  sheetId(sheet: string): number {
    this.record('getSheetId', sheet);
    return this.state(sheet).gid;
  }

  url(): string {
    this.record('getUrl');
    return 'https://docs.google.com/spreadsheets/d/memory/edit';
  }

  activeSheetName(): string | null {
    this.record('getActiveSheet');
    return this.active;
  }

  activate(sheet: string): void {
    this.record('activate', sheet);
    this.state(sheet);
    this.active = sheet;
  }

  readValues(sheet: string): ReadValue[][] {
    this.record('getValues', sheet);
    return this.hf.getSheetValues(this.hfId(sheet)).map((row) => row.map(readValue));
  }

  readSheetTag(sheet: string): string | null {
    this.record('getDeveloperMetadata', sheet);
    return this.state(sheet).tag;
  }

  sheetIndex(sheet: string): number {
    this.record('getIndex', sheet);
    return this.order.indexOf(sheet);
  }

  // Writes.
  /** Columns grow as they are written here; rows are kept to Apps Script's size. */
  insertSheet(name: string, rows: number, _columns: number): void {
    this.record('insertSheet', name);
    if (this.sheets.has(name)) throw new Error(`A sheet named "${name}" already exists`);
    this.hf.addSheet(name);
    this.sheets.set(name, {
      gid: this.nextGid++, maxRows: Math.max(rows, 1000), tag: null, formats: new Map(), backgrounds: new Map(), weights: new Map(), fontColors: new Map(),
      notes: new Map(), validations: new Map(), rules: [], protection: null, rowProtections: [], charts: [], layout: EMPTY_LAYOUT,
    });
    this.order.push(name);
  }

  ensureRows(sheet: string, rows: number): void {
    this.record('insertRowsAfter', sheet);
    const state = this.state(sheet);
    state.maxRows = Math.max(state.maxRows, rows);
  }

  deleteSheet(sheet: string): void {
    this.record('deleteSheet', sheet);
    this.hf.removeSheet(this.hfId(sheet));
    this.sheets.delete(sheet);
    this.order = this.order.filter((s) => s !== sheet);
    for (const [name, named] of this.namedRanges) if (named.sheet === sheet) this.namedRanges.delete(name);
    if (this.active === sheet) this.active = this.order[0] ?? null;
  }

  renameSheet(sheet: string, newName: string, index?: number): void {
    this.record('setName', sheet);
    const state = this.state(sheet);
    this.hf.renameSheet(this.hfId(sheet), newName);
    this.sheets.delete(sheet);
    this.sheets.set(newName, state);
    this.order = this.order.filter((s) => s !== sheet);
    this.order.splice(index ?? this.order.length, 0, newName);
    for (const named of this.namedRanges.values()) if (named.sheet === sheet) named.sheet = newName;
    if (this.active === sheet) this.active = newName;
  }

  tagSheet(sheet: string, tag: string): void {
    this.record('addDeveloperMetadata', sheet);
    this.state(sheet).tag = tag;
  }

  setContents(sheet: string, range: GridRange, contents: readonly (readonly CellContent[])[]): void {
    this.record('setValues', sheet);
    if (range.row + range.rows - 1 > this.state(sheet).maxRows) {
      throw new Error(`Those coordinates are outside the dimensions of "${sheet}" (${this.state(sheet).maxRows} rows)`);
    }
    const raw = contents.map((row) => row.map(toRaw));
    this.hf.setCellContents({ sheet: this.hfId(sheet), row: range.row - 1, col: range.column - 1 }, raw);
  }

  setNumberFormats(sheet: string, range: GridRange, formats: readonly (readonly string[])[]): void {
    this.record('setNumberFormats', sheet);
    const map = this.state(sheet).formats;
    this.eachCell(range, formats, (r, c, f) => map.set(key(r, c), f));
  }

  setBackgrounds(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void {
    this.record('setBackgrounds', sheet);
    const map = this.state(sheet).backgrounds;
    this.eachCell(range, colors, (r, c, v) => map.set(key(r, c), v));
  }

  setFontWeights(sheet: string, range: GridRange, weights: readonly (readonly ('bold' | 'normal')[])[]): void {
    this.record('setFontWeights', sheet);
    const map = this.state(sheet).weights;
    this.eachCell(range, weights, (r, c, v) => map.set(key(r, c), v));
  }

  setFontColors(sheet: string, range: GridRange, colors: readonly (readonly (string | null)[])[]): void {
    this.record('setFontColors', sheet);
    const map = this.state(sheet).fontColors;
    this.eachCell(range, colors, (r, c, v) => map.set(key(r, c), v));
  }

  setNotes(sheet: string, range: GridRange, notes: readonly (readonly string[])[]): void {
    this.record('setNotes', sheet);
    const map = this.state(sheet).notes;
    this.eachCell(range, notes, (r, c, v) => map.set(key(r, c), v));
  }

  setValidations(sheet: string, range: GridRange, rules: readonly (readonly (Validation | null)[])[]): void {
    this.record('setDataValidations', sheet);
    const map = this.state(sheet).validations;
    this.eachCell(range, rules, (r, c, v) => map.set(key(r, c), v));
  }

  readConditionalRules(sheet: string): ExistingRule[] {
    this.record('getConditionalFormatRules', sheet);
    return this.state(sheet).rules.map((rule) => ({ ranges: rule.ranges, handle: rule }));
  }

  setConditionalRules(sheet: string, rules: readonly ConditionalRule[], kept: readonly ExistingRule[]): void {
    this.record('setConditionalFormatRules', sheet);
    this.state(sheet).rules = [...kept.map((k) => k.handle as ConditionalRule), ...rules];
  }

  protectExcept(sheet: string, inputs: readonly GridRange[], description: string): void {
    this.record('protect', sheet);
    this.state(sheet).protection = { inputs, description };
  }

  protectRows(sheet: string, rows: readonly { readonly ranges: readonly GridRange[]; readonly editors: readonly string[] }[], description: string): void {
    this.record('protectRanges', sheet);
    const state = this.state(sheet);
    for (const { ranges, editors } of rows) for (const range of ranges) state.rowProtections.push({ range, editors, description });
  }

  unprotectRows(sheet: string, description: string): void {
    this.record('removeProtections', sheet);
    const state = this.state(sheet);
    state.rowProtections = state.rowProtections.filter((p) => p.description !== description);
  }

  hasRowProtections(sheet: string, description: string): boolean {
    this.record('getProtections', sheet);
    return this.state(sheet).rowProtections.some((p) => p.description === description);
  }

  /** Who may edit a cell, where a row protection covers it; null where anyone may. */
  editorsAt(sheet: string, row: number, column: number): readonly string[] | null {
    const found = this.state(sheet).rowProtections.find(({ range: g }) =>
      row >= g.row && row < g.row + g.rows && column >= g.column && column < g.column + g.columns);
    return found ? found.editors : null;
  }

  setNamedRange(name: string, sheet: string, range: GridRange): void {
    this.record('setNamedRange', sheet);
    this.state(sheet);
    this.namedRanges.set(name, { sheet, range });
  }

  setLayout(sheet: string, layout: SheetLayoutProps): void {
    this.record('setLayout', sheet);
    this.state(sheet).layout = layout;
  }

  setCharts(sheet: string, charts: readonly ChartSpec[]): void {
    this.record('insertChart', sheet);
    this.state(sheet).charts = charts;
  }

  charts(sheet: string): readonly ChartSpec[] {
    return this.state(sheet).charts;
  }

  withDocumentLock<T>(work: () => T): { ran: true; result: T } | { ran: false } {
    this.record('getDocumentLock');
    if (this.locked) return { ran: false };
    this.locked = true;
    try {
      return { ran: true, result: work() };
    } finally {
      this.locked = false;
    }
  }

  // What a person does and sees.

  /** The cell's stored content: a formula, or the value typed. */
  formulaAt(sheet: string, row: number, column: number): string | null {
    const address = { sheet: this.hfId(sheet), row: row - 1, col: column - 1 };
    return this.hf.doesCellHaveFormula(address) ? this.hf.getCellFormula(address)! : null;
  }

  valueAt(sheet: string, row: number, column: number): ReadValue {
    return readValue(this.hf.getCellValue({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 }));
  }

  /** A person typing into a cell, as Sheets reads it; the cell's validation rejects bad input. */
  edit(sheet: string, row: number, column: number, input: string): void {
    const rule = this.state(sheet).validations.get(key(row, column)) ?? null;
    const content = typedContent(input);
    if (rule && content !== null && !accepts(rule, content)) throw new KpiError({ en: rule.help, ja: rule.help }, 'cell');
    this.hf.setCellContents({ sheet: this.hfId(sheet), row: row - 1, col: column - 1 }, [[toRaw(content)]]);
  }

  /**
   * A person inserting a row or a column before `at`: values and formulas move and references
   * follow, as in Sheets (formats and rules here stay put; tests after it read values).
   */
  insertRow(sheet: string, at: number): void {
    this.hf.addRows(this.hfId(sheet), [at - 1, 1]);
  }

  insertColumn(sheet: string, at: number): void {
    this.hf.addColumns(this.hfId(sheet), [at - 1, 1]);
  }

  /** A person dragging a row so that it ends up at row `to`: formulas follow, as in Sheets. */
  moveRow(sheet: string, from: number, to: number): void {
    if (from === to) return;
    // HyperFormula moves rows to before its target row.
    this.hf.moveRows(this.hfId(sheet), from - 1, 1, to > from ? to : to - 1);
  }

  conditionalRules(sheet: string): readonly ConditionalRule[] {
    return this.state(sheet).rules;
  }

  protection(sheet: string) {
    return this.state(sheet).protection;
  }

  validationAt(sheet: string, row: number, column: number): Validation | null {
    return this.state(sheet).validations.get(key(row, column)) ?? null;
  }

  view(sheet: string): SheetView {
    const state = this.state(sheet);
    const id = this.hfId(sheet);
    const values = this.hf.getSheetValues(id);
    const width = Math.max(0, ...values.map((r) => r.length));
    const inputs = state.protection?.inputs ?? [];
    const isInput = (r: number, c: number) =>
      inputs.some((g) => r >= g.row && r < g.row + g.rows && c >= g.column && c < g.column + g.columns);
    const ruleCache = new Map<string, boolean>();
    const colourOf = (r: number, c: number): ConditionalRule | null => {
      for (const rule of state.rules) {
        const origin = rule.ranges[0];
        if (!rule.ranges.some((g) => r >= g.row && r < g.row + g.rows && c >= g.column && c < g.column + g.columns)) continue;
        const formula = shiftFormula(rule.formula, r - origin.row, c - origin.column);
        let holds = ruleCache.get(formula);
        if (holds === undefined) {
          const result = this.hf.calculateFormula(formula, id);
          holds = result === true || (typeof result === 'number' && result !== 0);
          ruleCache.set(formula, holds);
        }
        if (holds) return rule;
      }
      return null;
    };
    const rows = values.map((row, ri) =>
      Array.from({ length: width }, (_, ci): ViewCell => {
        const r = ri + 1;
        const c = ci + 1;
        const value = readValue(row[ci] ?? null);
        const k = key(r, c);
        const rule = colourOf(r, c);
        return {
          display: formatValue(value, state.formats.get(k) ?? 'General'),
          value,
          formula: this.formulaAt(sheet, r, c),
          background: rule?.background ?? state.backgrounds.get(k) ?? null,
          fontColor: rule?.fontColor ?? state.fontColors.get(k) ?? null,
          bold: state.weights.get(k) === 'bold',
          input: isInput(r, c),
          note: state.notes.get(k) ?? '',
        };
      }),
    );
    return { name: sheet, rows, ...state.layout };
  }
}

function readValue(value: CellValue): ReadValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.value;
  return value;
}

/** Text is stored behind an apostrophe, as Sheets does, so `=SUM(1)` typed as a label stays text. */
function toRaw(content: CellContent): string | number | null {
  if (content === null) return null;
  if ('text' in content) return `'${content.text}`;
  if ('number' in content) return content.number;
  return content.formula;
}

function typedContent(input: string): CellContent {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('=')) return { formula: trimmed };
  const numeric = /^[-+]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?%?$/.test(trimmed) && /\d/.test(trimmed);
  if (numeric) {
    const n = Number(trimmed.replace(/[,%]/g, ''));
    return { number: trimmed.endsWith('%') ? n / 100 : n };
  }
  return { text: input };
}

function accepts(rule: Validation, content: Exclude<CellContent, null>): boolean {
  if (rule.kind === 'list') return 'text' in content && rule.values.includes(content.text);
  if (!('number' in content)) return false;
  return content.number >= rule.min && (rule.max === undefined || content.number <= rule.max);
}

/** Moves the relative references of a rule's formula from its origin cell to another cell. */
function shiftFormula(formula: string, rows: number, columns: number): string {
  return formula.replace(/("[^"]*")|(?<![A-Za-z_])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g,
    (match, quoted: string | undefined, colLock: string, letters: string, rowLock: string, digits: string) => {
      if (quoted) return match;
      const column = colLock ? letters : columnLetter(fromLetters(letters) + columns);
      const row = rowLock ? digits : String(Number(digits) + rows);
      return `${colLock}${column}${rowLock}${row}`;
    });
}

const fromLetters = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The few number formats the tree sheet uses, rendered as Sheets would in en_US. */
export function formatValue(value: ReadValue, format: string): string {
  if (typeof value !== 'number') return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value;
  const grouped = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
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
