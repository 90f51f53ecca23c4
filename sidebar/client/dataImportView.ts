/**
 * The Import data section: a file picked, read in the browser and previewed (its first rows,
 * each column's type), then imported into its data sheet in chunks, with progress. A file that
 * cannot be imported says why under the picker, and nothing is sent.
 */
import { type ColumnType, dataSheetName, serialText } from '../../src/core/dataImport';
import { KpiError } from '../../src/core/i18n';
import type { ServerApi } from '../../src/rpc';
import { whileBusy } from './busy';
import { importTable, type PickedFile, readFile } from './dataImport';
import { byId, el, say } from './dom';
import { fieldErrors } from './fieldErrors';
import type { Promisified } from './rpc';
import { MESSAGES, PHRASES } from './text';

/** Rows the preview shows. */
export const PREVIEW_ROWS = 5;

const TYPE_NAMES = {
  date: MESSAGES.typeDate,
  datetime: MESSAGES.typeDatetime,
  whole: MESSAGES.typeWhole,
  number: MESSAGES.typeNumber,
  text: MESSAGES.typeText,
} as const satisfies Record<ColumnType, unknown>;

/** A cell as the preview shows it: dates as 2026-04-01, numbers grouped, text as it is. */
function shown(type: ColumnType, cell: string | number | null): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (type === 'date' || type === 'datetime') return serialText(cell);
  return cell.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

function previewTable(file: PickedFile): HTMLTableElement {
  const { header, types, rows } = file.table;
  const table = byId<HTMLTableElement>('import-table');
  const head = el('thead');
  const names = el('tr');
  header.forEach((name, c) => {
    const th = el('th', undefined, name);
    th.scope = 'col';
    const kind = el('span', `type type-${types[c]}`);
    say(kind, TYPE_NAMES[types[c]]);
    th.append(el('br'), kind);
    names.append(th);
  });
  head.append(names);
  const body = el('tbody');
  for (const row of rows.slice(0, PREVIEW_ROWS)) {
    const tr = el('tr');
    row.forEach((cell, c) => tr.append(el('td', types[c] === 'text' ? undefined : 'num', shown(types[c], cell))));
    body.append(tr);
  }
  table.replaceChildren(head, body);
  return table;
}

export function initDataImport(rpc: Promisified<ServerApi>): void {
  const form = byId<HTMLFormElement>('import-form');
  const input = byId<HTMLInputElement>('import-file');
  const sheet = byId<HTMLInputElement>('import-sheet');
  const run = byId<HTMLButtonElement>('import-run');
  const preview = byId('import-preview');
  const result = byId('import-result');
  const errors = fieldErrors(form);
  let picked: PickedFile | null = null;

  input.addEventListener('change', async () => {
    picked = null;
    preview.hidden = true;
    result.hidden = true;
    errors.show(new Map());
    const file = input.files?.[0];
    if (!file) return;
    try {
      picked = readFile(file.name, new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (!(error instanceof KpiError)) throw error;
      errors.fail(error);
      return;
    }
    const { table } = picked;
    say(
      byId('import-summary'),
      PHRASES.importSummary(table.rows.length, table.header.length, picked.encoding, Math.min(PREVIEW_ROWS, table.rows.length)),
    );
    previewTable(picked);
    sheet.value = dataSheetName(file.name);
    preview.hidden = false;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = picked;
    if (!file) return;
    const name = sheet.value.trim();
    result.hidden = true;
    errors.show(new Map());
    const progressText = byId('import-progress-text');
    say(progressText, PHRASES.importing(0, file.table.rows.length));
    const done = await whileBusy(
      run,
      () => importTable(rpc, file, name, (written) => say(progressText, PHRASES.importing(written, file.table.rows.length))),
      { progress: byId('import-progress'), failed: errors.fail },
    );
    if (!done) return;
    say(byId('import-result-text'), PHRASES.imported(done.rows, done.sheetName, done.replaced));
    result.hidden = false;
  });
}
