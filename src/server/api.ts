import { KpiError, langFromLocale } from '../core/i18n';
import { treeStatus } from '../core/sheet/status';
import { orderTree } from '../core/tree';
import { RPC_ERROR_MARKER, type RpcFailure, type ServerApi } from '../rpc';
import type { SheetGateway } from './gateway';
import { buildTreeSheet, listTrees, readTree } from './treeSheets';

/** What the server needs from its surroundings: a workbook and a clock. */
export interface ServerEnv {
  readonly workbook: SheetGateway;
  readonly today: () => Date;
}

export function createServerApi({ workbook, today }: ServerEnv): ServerApi {
  return {
    getContext() {
      const trees = listTrees(workbook);
      const active = workbook.activeSheetName();
      return {
        lang: langFromLocale(workbook.locale()),
        trees,
        activeTree: trees.some((t) => t.sheetName === active) ? active : null,
      };
    },
    buildTree: (request) => buildTreeSheet(workbook, request, today()),
    getTreeStatus(sheetName) {
      const { contents, tree } = readTree(workbook, sheetName);
      return treeStatus(sheetName, contents, orderTree(tree));
    },
    openSheet(sheetName) {
      readTree(workbook, sheetName);
      workbook.activate(sheetName);
    },
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
