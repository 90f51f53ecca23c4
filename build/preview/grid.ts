/**
 * The preview's spreadsheet: tabs and a grid drawn from the in-memory workbook's SheetView
 * (display strings, colours incl. conditional formats, which cells take input). Typing into an
 * input cell edits the workbook as a person would in Sheets; the grid then redraws.
 */
import type { Localized } from '../../src/core/i18n';
import type { SheetView, ViewCell } from '../sheets/memoryWorkbook';

const grid = document.getElementById('grid') as HTMLTableElement;
const tabs = document.getElementById('tabs') as HTMLElement;
const notice = document.getElementById('notice') as HTMLElement;

let current: string | null = null;
/** Column groups a person collapsed, by sheet and first column: as in Sheets, their columns hide. */
const collapsed = new Set<string>();
let view: SheetView | null = null;

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

function showNotice(text: string | null): void {
  notice.textContent = text ?? '';
  notice.hidden = text === null;
}

const columnName = (column: number): string => {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const cellAt = (row: number, column: number): ViewCell | undefined => view?.rows[row - 1]?.[column - 1];

const tdAt = (row: number, column: number): HTMLTableCellElement | null =>
  grid.querySelector<HTMLTableCellElement>(`td[data-row="${row}"][data-col="${column}"]`);

function focusCell(td: HTMLTableCellElement | null): void {
  if (!td) return;
  for (const other of grid.querySelectorAll('td[tabindex="0"]')) other.setAttribute('tabindex', '-1');
  td.tabIndex = 0;
  td.focus();
}

function renderTabs(names: readonly string[]): void {
  tabs.replaceChildren(
    ...names.map((name) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(name === current));
      tab.textContent = name;
      tab.addEventListener('click', () => {
        current = name;
        renderTabs(names);
        void loadSheet();
      });
      return tab;
    }),
  );
}

function renderGrid(sheet: SheetView): void {
  // Column groups: runs of grouped columns, each with a toggle over the column before it.
  const grouped = Object.keys(sheet.columnGroups).map(Number);
  const groups = grouped
    .filter((c) => !grouped.includes(c - 1))
    .map((first) => {
      let last = first;
      while (grouped.includes(last + 1)) last++;
      return { first, last, key: `${sheet.name}:${first}` };
    });
  const hiddenColumns = new Set(sheet.hiddenColumns);
  for (const g of groups) if (collapsed.has(g.key)) for (let c = g.first; c <= g.last; c++) hiddenColumns.add(c);
  const hiddenRows = new Set(sheet.hiddenRows);
  const width = Math.max(0, ...sheet.rows.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, i) => i + 1).filter((c) => !hiddenColumns.has(c));

  // The sheet's own widths, as Sheets draws them: a fixed table as wide as its columns.
  const widthOf = (c: number) => sheet.columnWidths[c] ?? 100;
  grid.style.width = `${40 + columns.reduce((px, c) => px + widthOf(c), 0)}px`;
  const colgroup = document.createElement('colgroup');
  const corner = document.createElement('col');
  corner.style.width = '40px';
  colgroup.append(
    corner,
    ...columns.map((c) => {
      const col = document.createElement('col');
      col.style.width = `${widthOf(c)}px`;
      return col;
    }),
  );

  const head = document.createElement('thead');
  const headRow = head.insertRow();
  headRow.append(
    document.createElement('th'),
    ...columns.map((c) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = columnName(c);
      const group = groups.find((g) => g.first === c + 1);
      if (group) {
        const open = !collapsed.has(group.key);
        const toggle = document.createElement('button');
        toggle.type = 'button';
        toggle.className = 'group-toggle';
        toggle.textContent = open ? '−' : '+';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.setAttribute('aria-label', `${open ? 'Collapse' : 'Expand'} columns ${columnName(group.first)}–${columnName(group.last)}`);
        toggle.addEventListener('click', () => {
          if (open) collapsed.add(group.key);
          else collapsed.delete(group.key);
          renderGrid(sheet);
        });
        th.append(' ', toggle);
      }
      return th;
    }),
  );

  const body = document.createElement('tbody');
  sheet.rows.forEach((cells, index) => {
    const row = index + 1;
    if (hiddenRows.has(row)) return;
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.className = 'rowhead';
    th.textContent = String(row);
    tr.append(th);
    for (const column of columns) {
      const cell = cells[column - 1];
      const td = tr.insertCell();
      td.dataset.row = String(row);
      td.dataset.col = String(column);
      td.tabIndex = -1;
      if (!cell) continue;
      td.textContent = cell.display;
      if (cell.note) td.title = cell.note;
      // As in Sheets, text runs on over the empty cells to its right.
      const next = cells[columns[columns.indexOf(column) + 1] - 1];
      if (typeof cell.value === 'string' && cell.display !== '' && !next?.display) td.classList.add('spill');
      if (typeof cell.value === 'number') td.classList.add('num');
      if (cell.input) td.classList.add('input');
      if (cell.background) td.style.background = cell.background;
      if (cell.fontColor) td.style.color = cell.fontColor;
      if (cell.bold) td.style.fontWeight = 'bold';
    }
  });
  grid.replaceChildren(colgroup, head, body);
  (grid.querySelector('td') as HTMLTableCellElement | null)?.setAttribute('tabindex', '0');
}

async function loadSheet(focus?: { row: number; column: number }): Promise<void> {
  if (current === null) {
    grid.replaceChildren();
    return;
  }
  view = await getJson<SheetView>(`/api/sheet/${encodeURIComponent(current)}`);
  renderGrid(view);
  if (focus) focusCell(tdAt(focus.row, focus.column));
}

/** After the sidebar's calls the active sheet may have changed (a build, "open the sheet"). */
async function loadSheets(followActive: boolean): Promise<void> {
  const { names, active } = await getJson<{ names: string[]; active: string | null }>('/api/sheets');
  if ((followActive && active) || current === null || !names.includes(current)) current = active ?? names[0] ?? null;
  renderTabs(names);
  await loadSheet();
}

async function commit(row: number, column: number, input: string): Promise<void> {
  const sheet = current;
  if (sheet === null) return;
  const reply = await getJson<{ ok: boolean; text?: Localized }>('/api/edit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sheet, row, column, input }),
  });
  showNotice(reply.ok ? null : `${reply.text?.en ?? 'Rejected'} / ${reply.text?.ja ?? ''}`);
  // As in Sheets, Enter moves to the cell below.
  await loadSheet({ row: reply.ok ? row + 1 : row, column });
}

function startEdit(td: HTMLTableCellElement, initial?: string): void {
  const row = Number(td.dataset.row);
  const column = Number(td.dataset.col);
  const cell = cellAt(row, column);
  if (!cell?.input) {
    showNotice('This cell is calculated by the tree; type actuals and plans into the outlined cells.');
    return;
  }
  const editor = document.createElement('input');
  editor.setAttribute('aria-label', `${columnName(column)}${row}`);
  editor.value = initial ?? cell.formula ?? String(cell.value);
  let done = false;
  const finish = (save: boolean): void => {
    if (done) return;
    done = true;
    if (save) void commit(row, column, editor.value);
    else {
      td.textContent = cell.display;
      focusCell(td);
    }
  };
  editor.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') finish(false);
  });
  editor.addEventListener('blur', () => finish(true));
  td.replaceChildren(editor);
  editor.focus();
}

const MOVES: Record<string, readonly [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

grid.addEventListener('dblclick', (event) => {
  const td = (event.target as HTMLElement).closest('td');
  if (td && !td.querySelector('input')) startEdit(td);
});
grid.addEventListener('click', (event) => {
  const td = (event.target as HTMLElement).closest('td');
  if (td && !td.querySelector('input')) focusCell(td);
});
grid.addEventListener('keydown', (event) => {
  const td = (event.target as HTMLElement).closest('td');
  if (!td) return;
  const move = MOVES[event.key];
  if (move) {
    event.preventDefault();
    const cells = [...grid.querySelectorAll<HTMLTableCellElement>('td')];
    const rows = [...new Set(cells.map((c) => Number(c.dataset.row)))];
    const columns = [...new Set(cells.map((c) => Number(c.dataset.col)))];
    const r = rows[rows.indexOf(Number(td.dataset.row)) + move[0]];
    const c = columns[columns.indexOf(Number(td.dataset.col)) + move[1]];
    if (r !== undefined && c !== undefined) focusCell(tdAt(r, c));
  } else if (event.key === 'Enter' || event.key === 'F2') {
    event.preventDefault();
    startEdit(td);
  } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    startEdit(td, event.key);
  }
});

window.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (event.origin === window.location.origin && data?.type === 'kpi-tree-rpc') void loadSheets(true);
});

void loadSheets(true);
