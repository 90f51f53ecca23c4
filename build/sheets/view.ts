/**
 * What the spreadsheet holds and what a person sees of it, in plain values: the inspection a test
 * checks, and `view()`, the sheet the local preview draws (displayed values by number format,
 * colours from conditional rules, the cells people type into). Nothing here is recorded.
 */
import { DetailedCellError } from 'hyperformula';
import { errorText } from './formats';
import { chartTitle, type FakeValue, type SpreadsheetModel } from './model';
import { gridOf, inside, shiftFormula } from './references';

/** A rectangle, 1-based. */
export interface FakeGrid {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export type FakeValidation =
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly help: string; readonly allowInvalid: boolean }
  | { readonly kind: 'number'; readonly min: number; readonly max?: number; readonly help: string; readonly allowInvalid: boolean }
  /** The formula as it reads for this cell. */
  | { readonly kind: 'formula'; readonly formula: string; readonly help: string; readonly allowInvalid: boolean };

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
  /** Column group depth of the grouped columns. */
  readonly columnGroups: Readonly<Record<number, number>>;
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

/** What a person or a test sees, by sheet name. */
export class Inspection {
  constructor(protected readonly model: SpreadsheetModel) {}

  get owner(): string {
    return this.model.owner;
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  activeSheetName(): string {
    return this.model.active.name;
  }

  gid(sheetName: string): number {
    return this.model.byName(sheetName).gid;
  }

  maxRows(sheetName: string): number {
    return this.model.byName(sheetName).maxRows;
  }

  valueAt(sheetName: string, row: number, column: number): FakeValue {
    return this.model.valueOf(this.model.byName(sheetName), row, column);
  }

  displayAt(sheetName: string, row: number, column: number): string {
    return this.model.displayOf(this.model.byName(sheetName), row, column);
  }

  formulaAt(sheetName: string, row: number, column: number): string | null {
    return this.model.formulaOf(this.model.byName(sheetName), row, column);
  }

  formatAt(sheetName: string, row: number, column: number): string {
    return this.model.formatOf(this.model.byName(sheetName), row, column);
  }

  backgroundAt(sheetName: string, row: number, column: number): string | null {
    return this.model.props(this.model.byName(sheetName), row, column).background ?? null;
  }

  fontColorAt(sheetName: string, row: number, column: number): string | null {
    return this.model.props(this.model.byName(sheetName), row, column).fontColor ?? null;
  }

  boldAt(sheetName: string, row: number, column: number): boolean {
    return this.model.props(this.model.byName(sheetName), row, column).weight === 'bold';
  }

  noteAt(sheetName: string, row: number, column: number): string {
    return this.model.props(this.model.byName(sheetName), row, column).note ?? '';
  }

  validationAt(sheetName: string, row: number, column: number): FakeValidation | null {
    const rule = this.model.props(this.model.byName(sheetName), row, column).validation;
    if (!rule) return null;
    const common = { help: rule.helpText, allowInvalid: rule.allowInvalid };
    if (rule.criteria === 'VALUE_IN_LIST') return { kind: 'list', values: [...(rule.values[0] as string[])], ...common };
    if (rule.criteria === 'CUSTOM_FORMULA') return { kind: 'formula', formula: String(rule.values[0]), ...common };
    const [min, max] = rule.values as number[];
    return rule.criteria === 'NUMBER_BETWEEN' ? { kind: 'number', min, max, ...common } : { kind: 'number', min, ...common };
  }

  rules(sheetName: string): FakeRule[] {
    return this.model.byName(sheetName).rules.map((rule) => ({
      ranges: rule.ranges.map(gridOf),
      formula: rule.formula,
      background: rule.background,
      fontColor: rule.fontColor,
    }));
  }

  protections(sheetName: string): FakeProtection[] {
    const sheet = this.model.byName(sheetName);
    return this.model.protections
      .filter((p) => p.sheet === sheet)
      .map((p) => ({
        type: p.type,
        range: gridOf(p.range ?? { row: 1, column: 1, rows: sheet.maxRows, columns: sheet.maxColumns }),
        description: p.description,
        editors: [...p.editors, ...(p.group ? [this.model.groupEmail()] : [])],
        warningOnly: p.warningOnly,
        domainEdit: p.domainEdit,
        unprotected: p.unprotected.map(gridOf),
      }));
  }

  namedRanges(): { name: string; sheet: string; range: FakeGrid }[] {
    return [...this.model.named.values()].map((n) => ({ name: n.name, sheet: n.sheet.name, range: gridOf(n.range) }));
  }

  charts(sheetName: string): FakeChart[] {
    return this.model.byName(sheetName).charts.map((c) => ({
      type: 'LINE',
      title: chartTitle(c),
      ranges: c.ranges.map((r) => ({ sheet: r.sheet.name, ...gridOf(r.grid) })),
      transpose: c.transpose,
      numHeaders: c.numHeaders,
      position: { ...c.position },
    }));
  }

  metadata(sheetName: string): { key: string; value: string | null }[] {
    return this.model.byName(sheetName).metadata.map((m) => ({ key: m.key, value: m.value }));
  }

  layout(sheetName: string): FakeLayout {
    const sheet = this.model.byName(sheetName);
    return {
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
      hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
      columnWidths: Object.fromEntries([...sheet.widths].sort(([a], [b]) => a - b)),
      columnGroups: Object.fromEntries([...sheet.columnGroups].sort(([a], [b]) => a - b)),
    };
  }

  /** Like getDataRange().getValues(). */
  values(sheetName: string): FakeValue[][] {
    const sheet = this.model.byName(sheetName);
    const { rows, columns } = this.model.extent(sheet);
    return Array.from({ length: Math.max(rows, 1) }, (_, r) =>
      Array.from({ length: Math.max(columns, 1) }, (_, c) => this.model.valueOf(sheet, r + 1, c + 1)),
    );
  }

  /**
   * The sheet as a person sees it, for the local preview. Colours come from the first
   * conditional rule that holds, its formula moved from the first range's top-left to the cell
   * (Sheets documents that anchor for one range; for several it is unverified, so code must
   * give the same answer either way — platform.md).
   */
  view(sheetName: string): FakeSheetView {
    const sheet = this.model.byName(sheetName);
    const id = this.model.hfId(sheet);
    const { rows, columns } = this.model.extent(sheet);
    const inputs = this.model.protections.find((p) => p.sheet === sheet && p.type === 'SHEET')?.unprotected ?? [];
    const cache = new Map<string, boolean>();
    const ruleAt = (row: number, column: number) =>
      sheet.rules.find((rule) => {
        if (!rule.ranges.some((g) => inside(g, row, column))) return false;
        const origin = rule.ranges[0];
        const formula = shiftFormula(rule.formula, row - origin.row, column - origin.column);
        let holds = cache.get(formula);
        if (holds === undefined) {
          const result = this.model.hf.calculateFormula(formula, id);
          holds = result === true || (typeof result === 'number' && result !== 0);
          cache.set(formula, holds);
        }
        return holds;
      });
    const cells = Array.from({ length: rows }, (_, ri) =>
      Array.from({ length: columns }, (_, ci): FakeViewCell => {
        const [row, column] = [ri + 1, ci + 1];
        const props = this.model.props(sheet, row, column);
        const raw = this.model.rawValue(sheet, row, column);
        const rule = ruleAt(row, column);
        return {
          display: this.model.displayOf(sheet, row, column),
          value: raw === null ? '' : raw instanceof DetailedCellError ? errorText(raw) : raw,
          formula: this.model.formulaOf(sheet, row, column),
          background: rule?.background ?? props.background ?? null,
          fontColor: rule?.fontColor ?? props.fontColor ?? null,
          bold: props.weight === 'bold',
          input: inputs.some((g) => inside(g, row, column)),
          note: props.note ?? '',
        };
      }),
    );
    return { name: sheet.name, rows: cells, ...this.layout(sheetName) };
  }
}
