/**
 * Bench section for importing a file (build/bench.mjs bundles and lists it): a 100,000-row CSV
 * export read as the sidebar reads it (decode, parse, type), then imported through the server
 * code into the strict fake of the Spreadsheet service in chunks, as google.script.run sends
 * them: the calls, the chunks, the largest chunk's size and the times. Times on the fake are
 * the add-on's own work plus the fake's; Sheets' own time per call is not modelled.
 */
import { performance } from 'node:perf_hooks';
import { chunks, importTable, readFile } from '../sidebar/client/dataImport';
import type { Promisified } from '../sidebar/client/rpc';
import { VOCABULARY } from '../src/core/vocabulary';
import type { ServerApi } from '../src/rpc';
import { createServerApi } from '../src/server/api';
import { MemoryWorkbook } from './sheets/memoryWorkbook';

const ROWS = 100_000;
const OWNERS = ['Haruto Sato', 'Yui Suzuki', 'Ren Takahashi', 'Aoi Tanaka', 'Mei Kobayashi'];
const STAGES = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Closed Won', 'Closed Lost'];

/** A Salesforce-style opportunity report of `rows` rows over a year, the same every run. */
function report(rows: number): Uint8Array {
  const lines = ['Opportunity Owner,Account Name,Stage,Amount,Close Date,Created Date,Lead Source'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2025, 3, 1 + (i % 365)));
    const date = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
    const amount = (300_000 + ((i * 7919) % 471) * 10_000).toLocaleString('en-US');
    lines.push(`${OWNERS[i % 5]},Account ${i % 997},${STAGES[(i * 3) % 5]},"¥${amount}",${date},${date},Web`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** The server as the sidebar reaches it: arguments and results copied as JSON, as google.script.run copies them. */
function rpcOf(api: ServerApi, sent: number[]): Promisified<ServerApi> {
  return new Proxy({} as Promisified<ServerApi>, {
    get:
      (_t, name: keyof ServerApi) =>
      async (...args: unknown[]) => {
        const json = JSON.stringify(args);
        sent.push(json.length);
        return JSON.parse(JSON.stringify((api[name] as (...a: never[]) => unknown)(...(JSON.parse(json) as never[])) ?? null));
      },
  });
}

const CELL_CALLS = /^Range\.(set|get)(Values|Formulas|NumberFormats|FontWeights|DisplayValues)$|^Range\.copyTo$|^Range\.clearContent$/;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function importBenches(): { name: string; run: () => Promise<string> }[] {
  return [
    {
      name: `Import a ${fmt(ROWS)}-row CSV (7 columns) into a data sheet, then re-import it`,
      async run() {
        const bytes = report(ROWS);
        let start = performance.now();
        const file = readFile('opportunities.csv', bytes);
        const readMs = performance.now() - start;
        const workbook = new MemoryWorkbook({ locale: 'en_US' });
        const api = createServerApi({ workbook, today: () => new Date(), vocabulary: () => VOCABULARY });
        const sent: number[] = [];
        const rpc = rpcOf(api, sent);
        const run = async () => {
          const first = workbook.calls.length;
          sent.length = 0;
          start = performance.now();
          await importTable(rpc, file, 'Opportunities');
          const calls = workbook.calls.slice(first);
          return {
            ms: performance.now() - start,
            calls: calls.length,
            onCells: calls.filter((c) => CELL_CALLS.test(c)).length,
            requests: sent.length,
          };
        };
        const fresh = await run();
        const again = await run();
        const largest = Math.max(...sent);
        return (
          `${fmt(bytes.length / 1024)} KB read in the sidebar (decode, parse, type) in ${fmt(readMs)} ms; ` +
          `${chunks(file.table).length} chunks of at most ${fmt(chunks(file.table)[0].rows.length)} rows, the largest call ${fmt(largest / 1024)} KB; ` +
          `import: ${fresh.requests} google.script.run calls, ${fmt(fresh.calls)} Apps Script calls (${fresh.onCells} on cells), ${fmt(fresh.ms)} ms on the fake; ` +
          `re-import: ${again.requests} / ${fmt(again.calls)} (${again.onCells}), ${fmt(again.ms)} ms`
        );
      },
    },
  ];
}
