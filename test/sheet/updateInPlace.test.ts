/**
 * Updates of a tree sheet that a team shares, against the strict fake of the Spreadsheet
 * service: in place, never rewriting what people typed, whole after a kill at any call.
 */

import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import { FakeKilled } from '../../build/sheets/spreadsheet';

import { ref } from '../../src/core/sheet/a1';
import { readTreeSheet } from '../../src/core/sheet/readBack';
import { monthKey, ROW } from '../../src/core/sheet/schema';
import type { NodeDef } from '../../src/core/tree';
import { VOCABULARY } from '../../src/core/vocabulary';
import { buildTreeSheet } from '../../src/server/build';
import { treeTags } from '../../src/server/trees';
import { type UpdateRequest, updateTreeSheet } from '../../src/server/update';
import { refusal } from '../support/refusal';
import { request, TreeSheet } from '../support/treeSheet';

/** A process KPI under the average deal size: its row goes in above Orders and Deals. */
const upsells: NodeDef = {
  id: 'upsell_talks',
  parent: 'deal_size',
  kind: 'tracked',
  unit: 'count',
  role: 'process',
  plan: 40,
  label: { en: 'Upsell talks', ja: 'アップセル商談' },
  definition: { en: 'Talks about a larger order', ja: '増額の商談' },
};

const UPDATES: [string, UpdateRequest][] = [
  ['a new KGI', { kgi: 2_000_000_000 }],
  ['a KPI added above Deals', { addNodes: [upsells] }],
  ['another language', { lang: 'ja' }],
  ['new seasonal weights', { seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3] }],
  ['a planned rate', { inputs: { win_rate: 0.25 } }],
];

/** What a manager typed in October: actuals, owners, notes. */
function typedTree(): TreeSheet {
  const sheet = TreeSheet.build();
  sheet.actuals(1, { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778 });
  sheet.actuals(7, { orders: 31, deals: 150 });
  sheet.type('deals', 'owner', 'tanaka@example.co.jp');
  sheet.type('leads', 'note', 'seminar in May');
  sheet.type('deal_rate', 'plan_input', '22%');
  return sheet;
}

const typedValues = (sheet: TreeSheet) => ({
  orders1: sheet.value('orders', 'actual_1'),
  deals1: sheet.value('deals', 'actual_1'),
  orders7: sheet.value('orders', 'actual_7'),
  owner: sheet.value('deals', 'owner'),
  note: sheet.value('leads', 'note'),
  dealRate: sheet.value('deal_rate', 'plan_input'),
});

describe('an update changes the tree sheet in place', () => {
  it.each(UPDATES)('keeps the sheet, its id, its tab position and everything typed after %s', (_, update) => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    sheets.addSheet('Dashboard');
    const gid = sheets.gid(sheet.name);
    const order = sheets.sheetNames();
    const before = typedValues(sheet);
    const result = updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, update);
    expect(result.sheetId).toBe(gid);
    expect(sheets.sheetNames()).toEqual(order);
    expect(typedValues(sheet)).toEqual(before);
  });

  it('moves another sheet’s reference with the Deals row when a row goes in above it', () => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    const dealsRow = sheet.rowOf('deals');
    sheets.addSheet('Dashboard');
    sheets.edit('Dashboard', 1, 1, `='${sheet.name}'!${ref(sheet.columnOf('actual_1'), dealsRow)}`);
    expect(sheets.valueAt('Dashboard', 1, 1)).toBe(139);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { addNodes: [upsells] });
    expect(sheet.rowOf('deals')).toBe(dealsRow + 1);
    expect(sheet.rowOf('upsell_talks')).toBe(sheet.rowOf('deal_size') + 1);
    expect(sheets.valueAt('Dashboard', 1, 1)).toBe(139);
    // The new row is whole: its target, its plan by month and its formulas.
    expect(sheet.value('upsell_talks', 'annual')).toBe(40);
    expect(sheet.value('orders', 'annual')).toBe(500);
  });

  it('keeps a formula a person typed into an input cell a formula', () => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    sheets.addSheet('CRM');
    sheets.edit('CRM', 2, 2, '44');
    sheet.type('orders', 'actual_2', '=CRM!B2');
    for (const [, update] of UPDATES) updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, update);
    expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_2'))).toBe('=CRM!B2');
    sheets.edit('CRM', 2, 2, '45');
    expect(sheet.value('orders', 'actual_2')).toBe(45);
  });

  it('keeps people’s own notes, named ranges, charts and columns on the sheet', () => {
    const sheet = typedTree();
    const { SpreadsheetApp } = sheet.workbook.sheets.services;
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const tab = book.getSheetByName(sheet.name)!;
    const dealsActual = () => tab.getRange(sheet.rowOf('deals'), sheet.columnOf('actual_1'));
    dealsActual().setNote('Checked with CRM on 3 Nov');
    book.setNamedRange('April_deals', dealsActual());
    tab.insertChart(tab.newChart().asLineChart().addRange(tab.getRange('AH9:AS9')).setPosition(30, 3, 0, 0).build());
    const own = tab.getMaxColumns() + 1;
    tab.insertColumnsAfter(tab.getMaxColumns(), 1);
    tab.getRange(9, own).setValue('West region');
    tab.getRange(9, own).setBackground('#abcdef');

    for (const [, update] of UPDATES) updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, update);
    expect(dealsActual().getNotes()[0][0]).toBe('Checked with CRM on 3 Nov');
    const named = sheet.workbook.sheets.namedRanges().find((n) => n.name === 'April_deals')!;
    expect(named.range).toEqual({ row: sheet.rowOf('deals'), column: sheet.columnOf('actual_1'), rows: 1, columns: 1 });
    expect(sheet.workbook.sheets.charts(sheet.name)).toHaveLength(2);
    expect(sheet.workbook.sheets.valueAt(sheet.name, 10, own)).toBe('West region'); // moved down with its row
    expect(sheet.workbook.sheets.backgroundAt(sheet.name, 10, own)).toBe('#abcdef');
  });

  it('shows the bottleneck’s name in row 3, not the formula’s source', () => {
    const sheet = typedTree();
    sheet.setting('period', '2026-04');
    const bottleneck = [ROW.summary, 10] as const;
    expect(sheet.workbook.sheets.formatAt(sheet.name, ...bottleneck)).not.toBe('@');
    expect(sheet.workbook.formulaAt(sheet.name, ...bottleneck)).toMatch(/^=IF\(/);
    expect(typeof sheet.summary('bottleneck')).toBe('string');
    expect(sheet.summary('bottleneck')).not.toMatch(/^=/);
  });
});

/** Calls that change the spreadsheet (the rest only read). */
const WRITE = /\.(set|insert|delete|add|remove|protect|hide|move|clear)/;

describe('nothing typed while an update runs is lost', () => {
  it.each(UPDATES)('keeps an edit made before every write of %s', (_, update) => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    const typed: { id: string; month: number; value: number }[] = [];
    const ids = ['orders', 'deals', 'leads', 'visits', 'revenue', 'proposals'];
    sheets.beforeCall = (method) => {
      if (!WRITE.test(method)) return;
      // A manager types the next figure while the update runs: found by key, as rows move.
      const n = typed.length;
      const entry = { id: ids[n % ids.length], month: 2 + (Math.floor(n / ids.length) % 10), value: 1000 + n };
      const values = sheets.values(sheet.name);
      const row = values.findIndex((r) => r[0] === entry.id) + 1;
      const column = sheet.columnOf(monthKey('actual', entry.month));
      sheets.edit(sheet.name, row, column, String(entry.value));
      typed.push(entry);
    };
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, update);
    sheets.beforeCall = null;
    expect(typed.length).toBeGreaterThan(10);
    const last = new Map(typed.map((e) => [`${e.id}/${e.month}`, e.value]));
    for (const [where, value] of last) {
      const [id, month] = where.split('/');
      expect([where, sheet.value(id, monthKey('actual', Number(month)))]).toEqual([where, value]);
    }
  });
});

describe('a run killed at any call leaves the workbook whole', () => {
  /** Kills the run just before its `k`-th write; returns false when the run has fewer writes. */
  function killAt(workbook: MemoryWorkbook, k: number, run: () => void): boolean {
    let writes = 0;
    workbook.sheets.beforeCall = (method) => {
      if (WRITE.test(method) && ++writes === k) workbook.sheets.kill();
    };
    let killed = false;
    try {
      run();
    } catch (error) {
      if (!(error instanceof FakeKilled)) throw error;
      killed = true;
    }
    workbook.sheets.beforeCall = null;
    workbook.sheets.revive();
    return killed;
  }

  it('an update: one readable tree, nothing typed lost, finished by the next update', () => {
    for (let k = 1; ; k++) {
      const sheet = typedTree();
      const before = typedValues(sheet);
      const killed = killAt(sheet.workbook, k, () =>
        updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { addNodes: [upsells], kgi: 2_000_000_000 }),
      );
      const trees = [...treeTags(sheet.workbook).keys()];
      expect([k, trees]).toEqual([k, [sheet.name]]);
      expect(readTreeSheet(sheet.workbook.readValues(sheet.name))).not.toBeNull();
      expect([k, typedValues(sheet)]).toEqual([k, before]);
      if (!killed) break;
      // The next update finishes what the killed one recorded: one row for the new KPI once its
      // tag holds it, and figures that follow the KGI the sheet holds.
      const recorded = treeTags(sheet.workbook)
        .get(sheet.name)!
        .added.some((n) => n.id === 'upsell_talks');
      updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, {});
      expect([k, sheet.workbook.readValues(sheet.name).filter((r) => r[0] === 'upsell_talks').length]).toEqual([k, recorded ? 1 : 0]);
      expect([k, sheet.value('orders', 'annual')]).toEqual([k, (sheet.setting('kgi') as number) / 2_000_000]);
    }
  });

  it('a build: no tree until it is complete; the next run removes what was left', () => {
    for (let k = 1; ; k++) {
      const workbook = new MemoryWorkbook();
      const killed = killAt(workbook, k, () => buildTreeSheet(workbook, VOCABULARY, request()));
      const trees = [...treeTags(workbook)];
      if (!killed) {
        expect(trees.map(([name]) => name)).toEqual(['New business']);
        break;
      }
      expect([k, trees]).toEqual([k, []]);
      buildTreeSheet(workbook, VOCABULARY, request());
      expect([k, [...treeTags(workbook).keys()]]).toEqual([k, [expect.stringMatching(/^New business/)]]);
      // At most the blank sheet a kill right after insertSheet leaves, never a half-built tree.
      expect(workbook.sheets.sheetNames().length).toBeLessThanOrEqual(3);
    }
  });
});

describe('a damaged or renamed tree sheet', () => {
  it('refuses when the hidden key column was cleared, changing nothing', () => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    const rows = sheets.values(sheet.name).length;
    for (let r = ROW.firstNode; r <= rows; r++) sheets.edit(sheet.name, r, 1, '');
    const before = sheets.values(sheet.name);
    const error = refusal(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2e9 }));
    expect(error.text.en).toMatch(/key column \(A\).*was cleared.*Nothing was changed/);
    expect(error.text.ja).toMatch(/キー列.*変更は行っていません/);
    expect(sheets.values(sheet.name)).toEqual(before);
  });

  it('refuses when the hidden key row was deleted, saying so', () => {
    const sheet = typedTree();
    sheet.workbook.sheets.deleteRows(sheet.name, ROW.keys, 1);
    const error = refusal(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2e9 }));
    expect(error.text.en).toMatch(/hidden key row.*Nothing was changed/);
    expect(error.text.ja).toMatch(/キー行/);
  });

  it('puts back a node row a person deleted, keeping the others’ figures', () => {
    const sheet = typedTree();
    sheet.workbook.sheets.deleteRows(sheet.name, sheet.rowOf('proposals'), 1);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, {});
    expect(sheet.value('proposals', 'annual')).toBe(900);
    expect(sheet.value('deals', 'actual_1')).toBe(139);
    expect(sheet.rowOf('proposals')).toBe(sheet.rowOf('deal_rate') + 1);
  });

  it('lays the chart block below the tree again when a person dragged a node row below it', () => {
    const sheet = typedTree();
    const chartTop = sheet.workbook.sheets.values(sheet.name).findIndex((r) => r[0] === '@chart') + 1;
    sheet.workbook.sheets.moveRow(sheet.name, sheet.rowOf('revenue'), chartTop + 5);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2e9 });
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 3e9 });
    expect(sheet.value('orders', 'annual')).toBe(1500);
    expect(typedValues(sheet).orders1).toBe(28);
  });

  it('follows a renamed sheet by its tag, and puts back a named range someone deleted', () => {
    const sheet = typedTree();
    const { sheets } = sheet.workbook;
    sheets.renameSheet(sheet.name, 'Sales plan');
    const named = () =>
      sheets
        .namedRanges()
        .filter((n) => n.sheet === 'Sales plan')
        .map((n) => n.name.replace(/\d+$/, ''));
    expect(named().sort()).toEqual(['KPI_KGI_', 'KPI_PERIOD_']);
    sheets.services.SpreadsheetApp.getActiveSpreadsheet()
      .getNamedRanges()
      .find((n) => n.getName().startsWith('KPI_KGI_'))!
      .remove();
    const result = updateTreeSheet(sheet.workbook, VOCABULARY, 'Sales plan', { kgi: 2e9 });
    expect(result.sheetName).toBe('Sales plan');
    expect(named().sort()).toEqual(['KPI_KGI_', 'KPI_PERIOD_']);
  });

  it('refuses a second update while one holds the document lock', () => {
    const sheet = typedTree();
    sheet.workbook.sheets.holdLock();
    expect(refusal(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2e9 })).text.en).toMatch(/Another update/);
    sheet.workbook.sheets.releaseHeldLock();
    expect(sheet.value('orders', 'annual')).toBe(500);
  });
});

describe('an update costs calls in proportion to what it changes', () => {
  it('writes cells with a handful of calls, whatever the change', () => {
    for (const [name, update] of UPDATES) {
      const sheet = typedTree();
      sheet.workbook.sheets.resetCalls();
      updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, update);
      const counts = sheet.workbook.sheets.countsByMethod();
      // The same few rectangles for a tree of any size: a language rewrites its label columns,
      // the header rows and the status column; a new KGI only the KGI cell.
      expect([name, (counts['Range.setValues'] ?? 0) <= 10]).toEqual([name, true]);
      expect([name, counts['Range.getValues']]).toEqual([name, 2]);
    }
  });
});

describe('sheet names as Sheets compares them', () => {
  it('builds beside a sheet whose name differs only in case', () => {
    const workbook = new MemoryWorkbook();
    workbook.sheets.addSheet('new business');
    expect(buildTreeSheet(workbook, VOCABULARY, request()).sheetName).toBe('New business (2)');
  });
});

describe('another language', () => {
  it('relabels the tree and its input help in place, keeping what was typed', () => {
    const sheet = typedTree();
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { lang: 'ja' });
    expect(sheet.value('deals', 'label')).toBe('商談数');
    expect(sheet.workbook.sheets.validationAt(sheet.name, sheet.rowOf('deals'), sheet.columnOf('actual_3'))?.help).toBe(
      '0 以上の整数を入力してください。',
    );
    expect(sheet.setting('period')).toBe('年度累計');
    expect(sheet.value('deals', 'actual_1')).toBe(139);
  });
});
