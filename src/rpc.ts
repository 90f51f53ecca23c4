/**
 * The one typed interface between the sidebar and the server. The server implements it
 * (src/server/api.ts, each method a top-level Apps Script function); the sidebar calls it
 * through a promise client over `google.script.run`. Values crossing it are plain data:
 * numbers, strings, booleans, arrays and objects of them; never `Date`s.
 */

import type { ColumnType, DataCell } from './core/dataImport';
import type { DesignCheck } from './core/designCheck';
import type { Lang, Localized } from './core/i18n';
import type { TemplateId } from './core/templates';
import type { Tree, Unit } from './core/tree';

export interface BuildRequest {
  readonly templateId: TemplateId;
  readonly lang: Lang;
  /** The annual goal (KGI), already parsed to a number. */
  readonly kgi: number;
  /** Planned values by node id (rates, sizes, shares); a node left out keeps its template default. */
  readonly inputs: Readonly<Record<string, number>>;
  readonly fiscalYear: number;
  /** 1–12; Japanese fiscal years usually start in April. */
  readonly startMonth: number;
  /** Twelve seasonal weights in fiscal order, or null for an even split. */
  readonly seasonality: readonly number[] | null;
}

export interface BuildResult {
  readonly sheetName: string;
  readonly sheetId: number;
  readonly url: string;
}

export interface TreeRef {
  readonly sheetName: string;
  readonly templateId: TemplateId;
  /** The language of the tree's labels. */
  readonly lang: Lang;
  readonly fiscalYear: number | null;
}

/**
 * A change to an existing tree, made in place on its sheet (same sheet, same id): only what is
 * given changes; every actual, owner, note and planned value people typed is kept. Any update
 * also brings the tree to its template's current version.
 */
export interface TreeUpdate {
  readonly kgi?: number;
  /** Planned values by node id (rates, sizes, shares) to change. */
  readonly inputs?: Readonly<Record<string, number>>;
  /** Twelve weights, or null for an even split. */
  readonly seasonality?: readonly number[] | null;
  readonly lang?: Lang;
  readonly fiscalYear?: number;
  readonly startMonth?: number;
}

export interface NodeStatus {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  /** What its figures are counted in: rates as fractions, yen, counts. */
  readonly unit: Unit;
  /** The selected period's plan and actual as the sheet shows them; null where blank. */
  readonly plan: number | null;
  readonly actual: number | null;
  /** Actual ÷ plan for the selected period (plan ÷ actual when lower is better); null when no actual. */
  readonly achievement: number | null;
  /** KGI recovered if this node alone were restored to plan; null when it cannot be said. */
  readonly recoverable: number | null;
  /**
   * A lever the sheet ranks (its score is above zero: restoring it recovers KGI, or it stands at
   * zero): the first of these in rank order is the bottleneck. False for outcomes, process KPIs,
   * and levers whose recovery cannot be said yet.
   */
  readonly ranked: boolean;
}

/** What the year comes to: the KGI's landing forecast against the annual KGI, with and without the fix. */
export interface YearOutlook {
  /** The annual KGI. */
  readonly kgi: number;
  /** The KGI's landing forecast (着地予測): the actuals entered plus the plan of the months still blank. */
  readonly landing: number;
  /** Landing − KGI: below zero, the year falls short of the KGI. */
  readonly gap: number;
  /**
   * The landing had the bottleneck been on plan in the selected period: the landing plus the KGI
   * restoring it recovers. Null without a bottleneck, or when what it recovers cannot be said.
   */
  readonly landingWithFix: number | null;
  readonly gapWithFix: number | null;
}

export interface MissingInput {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  /** Labels of closed months whose actual is still blank. */
  readonly months: readonly string[];
}

/** A row whose input the sheet cannot compute with (it says "check input"), and where it is now. */
export interface InputToCheck {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  /** The row's number in the sheet, so a person finds it. */
  readonly row: number;
}

/** A node's figures as the sheet shows them, for owners' views and what-if. */
export interface NodeFigures {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  readonly annual: number | null;
  readonly periodPlan: number | null;
  readonly periodActual: number | null;
  /** The landing forecast for the year (actuals to date plus remaining plan). */
  readonly forecast: number | null;
}

export interface TreeStatus {
  readonly sheetName: string;
  /** The selected period as shown in the sheet (a month, or year to date). */
  readonly period: string;
  readonly kgi: { readonly plan: number; readonly actual: number | null };
  /** The annual KGI typed in the sheet. */
  readonly kgiTarget: number;
  /** The tree as the sheet holds it, planned values applied: what-if runs on it in the browser. */
  readonly tree: Tree;
  readonly nodes: readonly NodeFigures[];
  /** Fiscal month labels, and how many are closed. */
  readonly months: readonly string[];
  readonly closedMonths: number;
  /** The month a close records next: the earliest not yet in History, or after the last closed. */
  readonly nextToClose: string;
  /** Whether only owners edit their rows (off until someone turns it on). */
  readonly ownerProtection: boolean;
  /** The tree's settings, for "Update this tree": the language of its labels, its year, its weights. */
  readonly lang: Lang;
  readonly fiscalYear: number | null;
  readonly startMonth: number | null;
  /** Twelve seasonal weights as the sheet holds them (null where one is blank). */
  readonly weights: readonly (number | null)[];
  /**
   * The lever (a stage a team acts on: a leaf of the arithmetic) whose restoration to plan
   * recovers the most KGI, as the sheet names it; null when none is under plan or no actuals.
   */
  readonly bottleneck: NodeStatus | null;
  /**
   * The other levers under plan, ranked as the sheet ranks them (its score: the KGI restoring each
   * recovers, a stage at zero first; ties to the earlier row), so none outranks the bottleneck.
   * Levers whose recovery cannot be said yet come last.
   */
  readonly underPlan: readonly NodeStatus[];
  /** Outcomes under plan, in tree order: the KGI and the nodes computed from their children. */
  readonly outcomes: readonly NodeStatus[];
  /** Process KPIs under plan, in tree order: tracked beside the tree, outside its arithmetic. */
  readonly trackedUnderPlan: readonly NodeStatus[];
  /** The year with and without fixing the bottleneck; null before the KGI has an actual. */
  readonly year: YearOutlook | null;
  readonly missing: readonly MissingInput[];
  /** Rows whose input needs checking, in tree order: until they are fixed no stage is named. */
  readonly checkInput: readonly InputToCheck[];
}

/** What the server tells the sidebar when it opens. */
export interface SidebarContext {
  /** The language the person chose last (setLanguage), else the spreadsheet's locale's. */
  readonly lang: Lang;
  readonly trees: readonly TreeRef[];
  /** The tree sheet that is active, if any: the sidebar opens on its status. */
  readonly activeTree: string | null;
}

export type CloseMonthResult =
  | { readonly closed: true; readonly month: string; readonly revision: number; readonly period: string }
  /** Refused: the month still has blank actuals; closing again with `confirmBlank` records it anyway. */
  | { readonly closed: false; readonly month: string; readonly missing: readonly MissingInput[]; readonly text: Localized };

/**
 * A process KPI added under the node it feeds. It stays outside the tree's arithmetic unless the
 * planner says it is one of the channels its parent adds up (`channelShare`).
 */
export interface NewProcessKpi {
  readonly parent: string;
  readonly label: Localized;
  readonly definition: Localized;
  /** The annual target (a channel's follows from its share instead). */
  readonly plan: number;
  readonly lowerIsBetter: boolean;
  /**
   * A level (a rate, an average, days, a list's size), not a count over months: its target holds
   * each month and a period reads its last month entered (the catalogue says which are).
   */
  readonly level?: boolean;
  /** A rate (0–1) or money; a count where absent (the catalogue says which). */
  readonly unit?: Unit;
  /**
   * Its share of the parent (0–1), when it is a channel of a parent that adds up channels: it
   * then enters the arithmetic, and the other channels' shares shrink in proportion.
   */
  readonly channelShare?: number;
}

/** Planned values to write; only cells whose value changes are written. */
export interface WhatIfChange {
  readonly kgi?: number;
  readonly inputs: Readonly<Record<string, number>>;
}

/**
 * A rule linking a node's monthly actuals to a data sheet (columns named by their headers in row 1):
 * rows dated in each fiscal month whose columns equal one of the values, counted, or an amount
 * summed; optionally only the rows whose owner column is the node's Owner.
 */
export interface LinkRule {
  readonly sheet: string;
  readonly date: string;
  readonly conditions: readonly { readonly column: string; readonly values: readonly string[] }[];
  /** The column to sum; null counts rows. */
  readonly amount: string | null;
  readonly owner: string | null;
  /** A lead time: the start date column; `date` is then the end date, and the cells are median days between them. */
  readonly start?: string | null;
}

/** What a rule finds before it is applied, by fiscal month. */
export interface LinkPreviewResult {
  readonly months: readonly string[];
  /** Per month, what the linked cell will show; null: no row dated in the month (missing input). */
  readonly counts: readonly (number | null)[];
  /** Rows the conditions match, any date. */
  readonly matched: number;
  /** The latest date in the date column (yyyy-MM-dd). */
  readonly latest: string | null;
  /** Months of the node now holding a typed actual, which the link replaces. */
  readonly typedMonths: number;
}

/** A node linked to data, as the tree holds it now. */
export interface LinkStatus {
  readonly nodeId: string;
  readonly label: string;
  /** The data sheet's current name (or its last known one, if it was deleted). */
  readonly sheet: string;
  /** The rule in the tree's language, as the cells' note says it. */
  readonly rule: string;
  /** The latest date in the data sheet, as the tree sheet shows it; null when it has none. */
  readonly latest: string | null;
  /** What broke: the sheet deleted, a column gone; empty when it works. */
  readonly problems: readonly Localized[];
  /** The rule as the link form shows it, to change it. */
  readonly form: LinkRule;
}

export interface TreeLinks {
  readonly links: readonly LinkStatus[];
  /** Sheets a node can link to: not trees, with a header row. */
  readonly dataSheets: readonly { readonly name: string; readonly headers: readonly string[] }[];
}

export interface ServerApi {
  getContext(): SidebarContext;
  /** Remembers the person's choice of the sidebar's language, for every spreadsheet they open. */
  setLanguage(lang: Lang): void;
  buildTree(request: BuildRequest): BuildResult;
  /** Changes an existing tree in place (see TreeUpdate). */
  updateTree(sheetName: string, update: TreeUpdate): BuildResult;
  getTreeStatus(sheetName: string): TreeStatus;
  openSheet(sheetName: string): void;
  /**
   * Closes a month: records it in History and moves the period selector on. Without `month`,
   * the earliest not yet recorded; naming a recorded month records a revision.
   */
  closeMonth(sheetName: string, confirmBlank: boolean, month?: string): CloseMonthResult;
  addProcessKpi(sheetName: string, kpi: NewProcessKpi): BuildResult;
  /** Writes a what-if into the sheet; returns the node ids (and 'kgi') whose cells changed. */
  applyWhatIf(sheetName: string, change: WhatIfChange): readonly string[];
  /** Starts next fiscal year's tree from this one (targets, weights, owners, no actuals), or opens it if it exists. */
  rolloverYear(sheetName: string): BuildResult;
  /** Off by default: when on, only a row's owner (an email) and the sheet's owners edit its inputs. */
  setOwnerProtection(sheetName: string, enabled: boolean): number;
  /** The tree's design against the checklist of a good KPI design, each check passed or failed with the row to fix. */
  getDesignCheck(sheetName: string): readonly DesignCheck[];
  /** The tree's Team sheet as its formulas computed it; null before one is generated. */
  getTeam(sheetName: string): TeamStatus | null;
  /** Generates the tree's Team sheet, or updates it in place (new people added, allocations kept). */
  refreshTeam(sheetName: string): TeamStatus;
  /** Writes whole allocations that add up to the KGI exactly, one equal share each (the first get the extra units). */
  splitTeamEvenly(sheetName: string): TeamStatus;
  /**
   * Starts importing a file into the data sheet `sheetName` (a new one, or one imported before:
   * its rows are replaced). Rows go to a pending sheet; nothing else changes until finishImport.
   */
  startImport(request: ImportStart): ImportTicket;
  /** Writes rows from sheet row `row` (the header is row 1) into the pending sheet: one write. */
  importRows(ticket: ImportTicket, row: number, rows: DataCell[][]): void;
  /** Puts the pending rows into the data sheet in one step and records the import on it. */
  finishImport(ticket: ImportTicket): ImportResult;
  /** Removes the pending sheet of an import that failed part-way; the data sheet is untouched. */
  cancelImport(ticket: ImportTicket): void;
  /** The tree's links to data and the sheets it can link to. */
  getLinks(sheetName: string): TreeLinks;
  /** What the rule would fill in, month by month; refused as linkNode would be. */
  previewLink(sheetName: string, nodeId: string, rule: LinkRule): LinkPreviewResult;
  /** Links a count or money node's actuals to data: its month cells become formulas over the data sheet. */
  linkNode(sheetName: string, nodeId: string, rule: LinkRule): BuildResult;
  /** Back to typed actuals, holding the values the cells showed. */
  unlinkNode(sheetName: string, nodeId: string): BuildResult;
}

/** A file the sidebar has read, about to be imported; its rows follow in chunks. */
export interface ImportStart {
  /** The data sheet: new, or one an earlier import of this export made. */
  readonly sheetName: string;
  readonly fileName: string;
  readonly header: readonly string[];
  readonly types: readonly ColumnType[];
  /** Data rows, without the header. */
  readonly rows: number;
}

/** The pending sheet an import writes into, and the run it belongs to. */
export interface ImportTicket {
  readonly pending: string;
  readonly id: string;
}

export interface ImportResult extends BuildResult {
  readonly rows: number;
  /** Whether the rows replaced an earlier import's. */
  readonly replaced: boolean;
}

/**
 * How a failure crosses `google.script.run`, which keeps only an error's message: the server
 * encodes a KpiError as this JSON behind a marker; the client decodes it into a KpiError again,
 * so one error type crosses the boundary.
 */
export interface RpcFailure {
  readonly text: Localized;
  readonly field?: string;
}

export const RPC_ERROR_MARKER = 'KPI_TREE_ERROR:';

/**
 * The view a menu item opens the sidebar on. The sidebar's HTML is a static file, so the server
 * appends this tag to it and the sidebar reads it once the page is loaded.
 */
export type SidebarView = 'new' | 'status' | 'month';
export const SIDEBAR_VIEW_META = 'kpi-tree-view';
export const sidebarViewTag = (view: SidebarView): string => `<meta name="${SIDEBAR_VIEW_META}" content="${view}">`;

/** A node's figures for one person (or the team) in the selected period, as the Team sheet computed them. */
export interface TeamFigure {
  readonly nodeId: string;
  readonly actual: number | null;
  readonly plan: number | null;
  readonly achievement: number | null;
}

/** One row of the Team sheet: a person (or a team, as the data's owner column names it), or the total. */
export interface TeamMember {
  readonly name: string;
  /** Their share of the KGI as typed (null while blank) and as a fraction of the KGI. */
  readonly allocation: number | null;
  readonly share: number | null;
  /** Their own bottleneck stage by the tree's rule, as the sheet names it; null when none. */
  readonly bottleneck: { readonly nodeId: string; readonly label: string } | null;
  readonly recoverable: number | null;
  readonly figures: readonly TeamFigure[];
}

/** A tree's Team sheet read back: who is stuck at which stage, for the period the tree selects. */
export interface TeamStatus {
  readonly treeSheet: string;
  readonly teamSheet: string;
  readonly period: string;
  /** The nodes shown, in tree order, with the stages (levers) a bottleneck can name marked. */
  readonly nodes: readonly { readonly nodeId: string; readonly label: string; readonly unit: Unit; readonly stage: boolean }[];
  readonly kgi: number | null;
  readonly allocated: number | null;
  /** Row 2's warning while the allocations do not add up to the KGI; '' when they do. */
  readonly allocationWarning: string;
  readonly people: readonly TeamMember[];
  readonly total: TeamMember | null;
}
