import { KpiError, langFromLocale } from '../core/i18n';
import type { Vocabulary } from '../core/vocabulary';
import { RPC_ERROR_MARKER, type RpcFailure, type ServerApi } from '../rpc';
import { buildTreeSheet, rolloverYear } from './build';
import { cancelImport, finishImport, importRows, startImport } from './dataImport';
import { designCheck } from './designCheck';
import type { SheetGateway } from './gateway';
import { linkNode, previewLink, treeLinks, unlinkNode } from './links';
import { closeMonth, nextToClose, recordedMonths } from './monthClose';
import { setOwnerProtection } from './ownerProtection';
import { treeStatus } from './status';
import { findTeam, splitTeamEvenly, writeTeamSheet } from './team';
import { addProcessKpi, applyWhatIf } from './treeEdits';
import { listTrees, readTree } from './trees';
import { updateTreeSheet } from './update';
import { savedLang, saveLang, type UserPropertyStore } from './userSettings';

/** What the server needs from its surroundings: a workbook, a clock and the templates. */
export interface ServerEnv {
  readonly workbook: SheetGateway;
  readonly today: () => Date;
  /**
   * Templates and sheet words, asked for only when a call needs them: in Apps Script they are a
   * data file read on demand, so custom functions never load them.
   */
  readonly vocabulary: () => Vocabulary;
  /** The person's own settings (their language); without it, every sidebar starts in the spreadsheet's language. */
  readonly userProperties?: () => UserPropertyStore;
}

export function createServerApi({ workbook, today, vocabulary, userProperties }: ServerEnv): ServerApi {
  return {
    getContext() {
      const trees = listTrees(workbook);
      const active = workbook.activeSheetName();
      return {
        lang: (userProperties && savedLang(userProperties())) ?? langFromLocale(workbook.locale()),
        trees,
        activeTree: trees.some((t) => t.sheetName === active) ? active : null,
      };
    },
    setLanguage(lang) {
      if (userProperties) saveLang(userProperties(), lang);
    },
    buildTree: (request) => buildTreeSheet(workbook, vocabulary(), request),
    updateTree: (sheetName, update) => updateTreeSheet(workbook, vocabulary(), sheetName, update),
    getTreeStatus(sheetName) {
      const data = vocabulary();
      const { tag, contents, tree } = readTree(workbook, data, sheetName);
      const next = contents.monthLabels[nextToClose(contents, recordedMonths(workbook, sheetName)) - 1];
      return treeStatus(sheetName, contents, tree, { ownerProtection: tag.ownerProtection ?? false, nextToClose: next, lang: tag.lang });
    },
    openSheet(sheetName) {
      readTree(workbook, vocabulary(), sheetName);
      workbook.activate(sheetName);
    },
    closeMonth: (sheetName, confirmBlank, month) => closeMonth(workbook, vocabulary(), sheetName, confirmBlank, today(), month),
    addProcessKpi: (sheetName, kpi) => addProcessKpi(workbook, vocabulary(), sheetName, kpi),
    applyWhatIf: (sheetName, change) => applyWhatIf(workbook, vocabulary(), sheetName, change),
    rolloverYear: (sheetName) => rolloverYear(workbook, vocabulary(), sheetName, today()),
    setOwnerProtection: (sheetName, enabled) => setOwnerProtection(workbook, vocabulary(), sheetName, enabled),
    getDesignCheck: (sheetName) => designCheck(workbook, vocabulary(), sheetName),
    getTeam: (sheetName) => findTeam(workbook, vocabulary(), sheetName),
    refreshTeam: (sheetName) => writeTeamSheet(workbook, vocabulary(), sheetName),
    splitTeamEvenly: (sheetName) => splitTeamEvenly(workbook, vocabulary(), sheetName),
    startImport: (request) => startImport(workbook, vocabulary(), request),
    importRows: (ticket, row, rows) => importRows(workbook, vocabulary(), ticket, row, rows),
    finishImport: (ticket) => finishImport(workbook, vocabulary(), ticket, today()),
    cancelImport: (ticket) => cancelImport(workbook, vocabulary(), ticket),
    getLinks: (sheetName) => treeLinks(workbook, vocabulary(), sheetName),
    previewLink: (sheetName, nodeId, rule) => previewLink(workbook, vocabulary(), sheetName, nodeId, rule),
    linkNode: (sheetName, nodeId, rule) => linkNode(workbook, vocabulary(), sheetName, nodeId, rule),
    unlinkNode: (sheetName, nodeId) => unlinkNode(workbook, vocabulary(), sheetName, nodeId),
  };
}

/**
 * `google.script.run` keeps only an error's message: a KpiError crosses as a marker and JSON,
 * so the sidebar can show the message in the user's language beside the field it concerns.
 */
export function exposeApi(api: ServerApi): ServerApi {
  const exposed = {} as Record<keyof ServerApi, (...args: never[]) => unknown>;
  for (const name of Object.keys(api) as (keyof ServerApi)[]) {
    const method = api[name] as (...args: unknown[]) => unknown;
    exposed[name] = (...args: unknown[]) => {
      try {
        return method(...args);
      } catch (error) {
        if (!(error instanceof KpiError)) throw error;
        const failure: RpcFailure = error.field === undefined ? { text: error.text } : { text: error.text, field: error.field };
        throw new Error(RPC_ERROR_MARKER + JSON.stringify(failure));
      }
    };
  }
  return exposed as unknown as ServerApi;
}
