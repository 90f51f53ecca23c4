import { readFile } from '../../sidebar/client/dataImport';
import type { ServerApi } from '../../src/rpc';

/**
 * A file imported as the sidebar imports it: read (decoded, parsed, typed) as the sidebar reads a
 * picked file, and sent to the server's import in one chunk. Returns the table as read.
 */
export function importFile(api: ServerApi, file: string, bytes: Uint8Array, sheetName = 'Deals') {
  const { table } = readFile(file, bytes);
  const ticket = api.startImport({
    sheetName,
    fileName: file,
    header: [...table.header],
    types: [...table.types],
    rows: table.rows.length,
  });
  api.importRows(
    ticket,
    2,
    table.rows.map((r) => [...r]),
  );
  api.finishImport(ticket);
  return table;
}
