/**
 * The one typed interface between the sidebar and the server. The server implements it
 * (src/server/api.ts, each method a top-level Apps Script function); the sidebar calls it
 * through a promise client over `google.script.run`. Values crossing it are plain data:
 * numbers, strings, booleans, arrays and objects of them; never `Date`s.
 */
import type { Lang, Localized } from './core/i18n';
import type { TemplateId } from './core/templates';

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
}

export interface NodeStatus {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  /** Actual ÷ plan for the selected period (plan ÷ actual when lower is better); null when no actual. */
  readonly achievement: number | null;
  /** KGI recovered if this node alone were restored to plan; null when it cannot be said. */
  readonly recoverable: number | null;
}

export interface MissingInput {
  readonly nodeId: string;
  readonly label: string;
  readonly owner: string;
  /** Labels of closed months whose actual is still blank. */
  readonly months: readonly string[];
}

export interface TreeStatus {
  readonly sheetName: string;
  /** The selected period as shown in the sheet (a month, or year to date). */
  readonly period: string;
  readonly kgi: { readonly plan: number; readonly actual: number | null };
  /** The stage whose restoration to plan recovers the most KGI, or null when on plan / no actuals. */
  readonly bottleneck: NodeStatus | null;
  /** Other nodes under plan, worst first. */
  readonly underPlan: readonly NodeStatus[];
  readonly missing: readonly MissingInput[];
}

/** What the server tells the sidebar when it opens. */
export interface SidebarContext {
  /** From the spreadsheet's locale; the sidebar lets the user switch. */
  readonly lang: Lang;
  readonly trees: readonly TreeRef[];
  /** The tree sheet that is active, if any: the sidebar opens on its status. */
  readonly activeTree: string | null;
}

export interface ServerApi {
  getContext(): SidebarContext;
  buildTree(request: BuildRequest): BuildResult;
  getTreeStatus(sheetName: string): TreeStatus;
  openSheet(sheetName: string): void;
}

/**
 * How a failure crosses `google.script.run`, which keeps only an error's message: the server
 * encodes a KpiError as this JSON behind a marker; the client decodes it into an `RpcError`.
 */
export interface RpcFailure {
  readonly text: Localized;
  readonly field?: string;
}

export const RPC_ERROR_MARKER = 'KPI_TREE_ERROR:';
