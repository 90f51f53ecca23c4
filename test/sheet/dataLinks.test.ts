/**
 * Actuals that fill themselves: a node linked to a data sheet (a CRM tab, a pasted export) gets
 * native COUNTIFS/SUMIFS formulas by fiscal month, computed here by the formula engine over a
 * small data sheet whose figures are worked out by hand.
 */

import { ref } from '../../src/core/sheet/a1';
import { monthKey, PALETTE, ROW, SETTINGS } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { LinkRule } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { linkNode, previewLink, treeLinks, unlinkNode } from '../../src/server/links';
import { updateTreeSheet } from '../../src/server/update';
import { refusal } from '../support/refusal';
import { NOV_2026, TreeSheet } from '../support/treeSheet';

/**
 * FY2026 from April, looked at on 23 November 2026: April–October are due. The last row is the
 * year before, so it counts in no month.
 */
const DEALS = [
  ['Deal', 'Created', 'Stage', 'Owner', 'Amount'],
  ['D1', '2026-04-03', 'Qualified', 'sato', '1000000'],
  ['D2', '2026-04-20', 'Won', 'sato', '2000000'],
  ['D3', '2026-04-30', 'Qualified', 'tanaka', '500000'],
  ['D4', '2026-05-02', 'Qualified', 'sato', '3000000'],
  ['D5', '2026-05-15', 'Lost', 'tanaka', '0'],
  ['D6', '2026-06-10', 'Won', 'tanaka', '2500000'],
  ['D7', '2026-10-31', 'Won', 'tanaka', '1000000'],
  ['D0', '2026-03-31', 'Won', 'sato', '9000000'],
];

const ja = (rows: string[][]) =>
  rows.map((row, i) =>
    i === 0
      ? ['商談ID', '作成日', 'ステージ', '担当者', '金額']
      : row.map((v) => ({ Qualified: '商談化', Won: '受注', Lost: '失注' })[v] ?? v),
  );

function withData(rows = DEALS, lang: 'en' | 'ja' = 'en', name = 'Deals'): TreeSheet {
  const sheet = TreeSheet.build({ lang }, NOV_2026, lang === 'ja' ? 'ja_JP' : 'en_US');
  sheet.workbook.sheets.addSheet(name);
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      sheet.workbook.edit(name, r + 1, c + 1, v);
    });
  });
  return sheet;
}

const stage = (...values: string[]): LinkRule => ({
  sheet: 'Deals',
  date: 'Created',
  conditions: [{ column: 'Stage', values }],
  amount: null,
  owner: null,
});

const months = (sheet: TreeSheet, id: string) => Array.from({ length: 12 }, (_, m) => sheet.value(id, monthKey('actual', m + 1)));
const api = (sheet: TreeSheet) => createServerApi({ workbook: sheet.workbook, today: () => NOV_2026, vocabulary: () => VOCABULARY });

describe('a node linked to a data sheet fills itself', () => {
  const sheet = withData();
  linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
  linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
  linkNode(sheet.workbook, VOCABULARY, sheet.name, 'revenue', { ...stage('Won'), amount: 'Amount' });

  it('counts the rows of each fiscal month, blank where the data has no row that month', () => {
    // April: D1, D2, D3; May: D4 (D5 is lost); June: D6; October: D7. March's D0 is last year.
    expect(months(sheet, 'deals')).toEqual([3, 1, 1, '', '', '', 1, '', '', '', '', '']);
    // May has rows, none won: a real 0.
    expect(months(sheet, 'orders')).toEqual([1, 0, 1, '', '', '', 1, '', '', '', '', '']);
    expect(months(sheet, 'revenue')).toEqual([2_000_000, 0, 2_500_000, '', '', '', 1_000_000, '', '', '', '', '']);
  });

  it('lets rates follow from the linked counts as from typed ones', () => {
    expect(sheet.value('win_rate', 'actual_1')).toBeCloseTo(1 / 3, 12);
    expect(sheet.value('win_rate', 'actual_2')).toBe(0);
    // Revenue over orders in June: ¥2.5m a deal.
    expect(sheet.value('deal_size', 'actual_3')).toBe(2_500_000);
  });

  it('writes native formulas over whole columns, marked, noted and not typed in', () => {
    const formula = sheet.workbook.formulaAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_1'));
    // Whole columns, so rows a connector appends count too; the month bounds from the sheet's own settings.
    const [year, start] = [ref(SETTINGS.fiscalYear, ROW.settings, 'both'), ref(SETTINGS.startMonth, ROW.settings, 'both')];
    expect(formula?.replace(/'/g, '')).toContain(
      `COUNTIFS(Deals!$B:$B,">="&DATE(${year},${start}+0,1),Deals!$B:$B,"<"&DATE(${year},${start}+1,1)`,
    );
    expect(formula).toContain('"=Won"');
    // Whether a month has rows is counted once per data sheet and date column: by the first linked
    // row (revenue, the KGI's), whose cell the others read (blank exactly when the month has none).
    const first = sheet.workbook.formulaAt(sheet.name, sheet.rowOf('revenue'), sheet.columnOf('actual_1'));
    expect(first).toMatch(/^=IF\(COUNTIFS\(/);
    const april = ref(sheet.columnOf('actual_1'), sheet.rowOf('revenue'));
    for (const id of ['deals', 'orders']) {
      expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf(id), sheet.columnOf('actual_1'))).toMatch(
        new RegExp(`^=IF\\(${april}="",""`),
      );
    }
    const seen = sheet.seen('orders', 'actual_1');
    expect(seen.background).toBe(PALETTE.linked);
    expect(seen.note).toContain('count of rows of "Deals", by Created (fiscal month), where Stage = Won');
    expect(sheet.workbook.sheets.validationAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_1'))).toBeNull();
    expect(sheet.value('deals', 'definition')).toContain('where Stage = Qualified or Won');
  });

  it('follows the data tab as rows arrive or change', () => {
    sheet.workbook.edit('Deals', 4, 3, 'Won'); // D3 is won now
    sheet.workbook.edit('Deals', 10, 1, 'D8');
    sheet.workbook.edit('Deals', 10, 2, '2026-08-08');
    sheet.workbook.edit('Deals', 10, 3, 'Qualified');
    expect(months(sheet, 'orders').slice(0, 5)).toEqual([2, 0, 1, '', 0]);
    expect(months(sheet, 'deals').slice(0, 5)).toEqual([3, 1, 1, '', 1]);
  });

  it('puts linked nodes with no rows in a due month on the missing-input list', () => {
    const missing = api(sheet).getTreeStatus(sheet.name).missing;
    // July and September have no row at all (August has D8 now).
    expect(missing.find((m) => m.nodeId === 'deals')?.months).toEqual(['2026-07', '2026-09']);
  });

  it('colours those months missing in the sheet too, as blank typed months are', () => {
    const colour = (id: string, month: number) => sheet.seen(id, monthKey('actual', month)).background;
    // July (fiscal month 4) and September (6) are due without a row; August has D8.
    expect([4, 5, 6].map((m) => colour('deals', m))).toEqual([PALETTE.missing, PALETTE.linked, PALETTE.missing]);
    // November is not due yet: a blank there is not missing.
    expect(colour('deals', 8)).toBe(PALETTE.linked);
    // A rate's blank follows from its counts: it is not input, so not missing.
    expect(sheet.value('win_rate', 'actual_4')).toBe('');
    expect(colour('win_rate', 4)).not.toBe(PALETTE.missing);
  });

  it('shows the latest date in the data sheet on the tree sheet and in the sidebar', () => {
    const links = treeLinks(sheet.workbook, VOCABULARY, sheet.name);
    expect(links.links.map((l) => [l.nodeId, l.sheet, l.latest, l.problems])).toEqual([
      ['deals', 'Deals', '2026-10-31', []],
      ['orders', 'Deals', '2026-10-31', []],
      ['revenue', 'Deals', '2026-10-31', []],
    ]);
    expect(sheet.workbook.view(sheet.name).rows[0][9].display).toBe('Latest data');
    expect(sheet.workbook.view(sheet.name).rows[0][10].display).toBe('Deals');
    expect(sheet.workbook.view(sheet.name).rows[0][11].display).toBe('2026-10-31');
    expect(links.dataSheets).toEqual([{ name: 'Deals', headers: ['Deal', 'Created', 'Stage', 'Owner', 'Amount'] }]);
  });
});

describe('linking, per person and per team', () => {
  it("counts only the rows whose owner is the row's Owner, all of the team's while it is blank", () => {
    const sheet = withData();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', { ...stage('Won'), owner: 'Owner' });
    expect(months(sheet, 'orders').slice(0, 7)).toEqual([1, 0, 1, '', '', '', 1]);
    sheet.type('orders', 'owner', 'tanaka');
    expect(months(sheet, 'orders').slice(0, 7)).toEqual([0, 0, 1, '', '', '', 1]);
    sheet.type('orders', 'owner', 'sato');
    expect(months(sheet, 'orders').slice(0, 7)).toEqual([1, 0, 0, '', '', '', 0]);
  });

  it('previews what it finds month by month before applying, as the cells then show it', () => {
    const sheet = withData();
    sheet.actuals(1, { deals: 5 });
    const found = previewLink(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
    expect(found.counts).toEqual([3, 1, 1, null, null, null, 1, null, null, null, null, null]);
    expect(found.matched).toBe(7);
    expect(found.latest).toBe('2026-10-31');
    expect(found.typedMonths).toBe(1);
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
    expect(months(sheet, 'deals')).toEqual(found.counts.map((c) => c ?? ''));
  });

  it('works in Japanese: Japanese headers and stages, a Japanese note and definition', () => {
    const sheet = withData(ja(DEALS), 'ja', '商談');
    const rule: LinkRule = {
      sheet: '商談',
      date: '作成日',
      conditions: [{ column: 'ステージ', values: ['商談化', '受注'] }],
      amount: null,
      owner: null,
    };
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', rule);
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'revenue', {
      ...rule,
      conditions: [{ column: 'ステージ', values: ['受注'] }],
      amount: '金額',
    });
    expect(months(sheet, 'deals')).toEqual([3, 1, 1, '', '', '', 1, '', '', '', '', '']);
    expect(months(sheet, 'revenue').slice(0, 3)).toEqual([2_000_000, 0, 2_500_000]);
    expect(sheet.seen('deals', 'actual_1').note).toContain('「商談」の行数、作成日で会計月ごとに集計、条件: ステージ = 商談化 または 受注');
    expect(sheet.value('deals', 'definition')).toContain('実績: 「商談」の行数');
    expect(sheet.workbook.view(sheet.name).rows[0][9].display).toBe('最新データ');
  });

  it('costs a handful of batched calls, whatever the months and conditions', () => {
    const sheet = withData();
    sheet.workbook.sheets.resetCalls();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
    const counts = sheet.workbook.sheets.countsByMethod();
    expect(counts['Range.setValues'] ?? 0).toBeLessThanOrEqual(10);
    expect(counts['Range.setNotes']).toBe(2);
    // The tree, the data's header row, its two columns the rule reads (the check that it matches), and the tree again to write what differs.
    expect(counts['Range.getValues']).toBe(5);
  });

  it('reads only the columns its rule names from a wide data sheet', () => {
    const wide = DEALS.map((row, r) => [...row, ...Array.from({ length: 20 }, (_, c) => (r === 0 ? `Field ${c + 1}` : `v${r}.${c}`))]);
    const sheet = withData(wide);
    const readValues = jest.spyOn(sheet.workbook, 'readValues');
    const readColumns = jest.spyOn(sheet.workbook, 'readColumns');
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', { ...stage('Qualified', 'Won'), owner: 'Owner' });
    expect(readValues.mock.calls.map(([name]) => name)).not.toContain('Deals');
    // Created, Stage and Owner: columns 2, 3 and 4 of 25.
    expect(readColumns.mock.calls.map(([name, columns]) => [name, columns])).toEqual([['Deals', [2, 3, 4]]]);
    expect(months(sheet, 'deals')).toEqual([3, 1, 1, '', '', '', 1, '', '', '', '', '']);
  });

  it('reads a long data sheet’s dates with a call per day met, not per row', () => {
    const sheet = withData();
    const tab = sheet.workbook.sheets.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals')!;
    const rows = Array.from({ length: 2000 }, (_, i) => [`X${i}`, new Date(2026, 3, 1 + (i % 20)), 'Qualified', 'sato', 1000]);
    tab.insertRowsAfter(tab.getMaxRows(), rows.length);
    tab.getRange(DEALS.length + 1, 1, rows.length, 5).setValues(rows);
    sheet.workbook.sheets.resetCalls();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
    // 2,000 dated rows over 20 days, and the 8 days of the first rows: the zone's offset at the
    // start of each day met and of the day after (shared by neighbouring days).
    expect(sheet.workbook.sheets.countsByMethod()['Utilities.formatDate']).toBeLessThanOrEqual(2 * 28);
    expect(months(sheet, 'deals')[0]).toBe(3 + 2000);
  });
});

describe('unlinking', () => {
  it('returns the cells to typed input holding the values they showed', () => {
    const sheet = withData();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualified', 'Won'));
    unlinkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals');
    expect(months(sheet, 'deals')).toEqual([3, 1, 1, '', '', '', 1, '', '', '', '', '']);
    expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf('deals'), sheet.columnOf('actual_1'))).toBeNull();
    const seen = sheet.seen('deals', 'actual_1');
    expect(seen.background).toBe(PALETTE.input);
    expect(seen.note).toBe('');
    expect(sheet.value('deals', 'definition')).not.toContain('Deals');
    // Typed again, and the data no longer moves it.
    sheet.type('deals', 'actual_4', '2');
    sheet.workbook.edit('Deals', 2, 3, 'Lost');
    expect(months(sheet, 'deals').slice(0, 4)).toEqual([3, 1, 1, 2]);
    expect(treeLinks(sheet.workbook, VOCABULARY, sheet.name).links).toEqual([]);
  });

  it("carries links into next year's tree, which reads next year's months from the same data", () => {
    const sheet = withData([...DEALS, ['D9', '2027-04-05', 'Won', 'sato', '700000']]);
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
    const next = new TreeSheet(sheet.workbook, api(sheet).rolloverYear(sheet.name).sheetName);
    expect(months(next, 'orders').slice(0, 2)).toEqual([1, '']);
    expect(months(sheet, 'orders').slice(0, 2)).toEqual([1, 0]);
  });

  it('keeps the links through an update in place', () => {
    const sheet = withData();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { lang: 'ja' });
    expect(months(sheet, 'orders').slice(0, 3)).toEqual([1, 0, 1]);
    expect(sheet.seen('orders', 'actual_2').note).toContain('データ連携');
  });
});

describe('bad input loses nothing', () => {
  it('refuses a link to a rate: it follows from the counts', () => {
    const sheet = withData();
    const error = refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, 'win_rate', stage('Won')));
    expect(error.text.en).toBe(
      '"Win rate" follows from other figures (a rate from its counts, a total from its channels), so it cannot be linked. Link the counts it comes from.',
    );
    expect(error.text.ja).toContain('連携できません');
    expect(error.field).toBe('node');
  });

  it('refuses a rule that matches no row, naming its conditions, and changes nothing', () => {
    const sheet = withData();
    sheet.actuals(1, { deals: 5 });
    const error = refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Qualifed')));
    expect(error.text.en).toBe(
      'The rule matches no row of "Deals": no row has Stage = Qualifed. Check the values (and the date column "Created").',
    );
    expect(error.field).toBe('conditions');
    expect(sheet.value('deals', 'actual_1')).toBe(5);
    expect(treeLinks(sheet.workbook, VOCABULARY, sheet.name).links).toEqual([]);
  });

  it('refuses a date column holding text, naming the row, as rows would go uncounted without a word', () => {
    // A report's total row, or month text from a connected extract (a STRING column).
    const sheet = withData([...DEALS, ['Total', 'all', '', '', '12000000']]);
    sheet.actuals(1, { deals: 5 });
    const error = refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', stage('Won')));
    expect(error).toMatchObject({
      field: 'date',
      text: {
        en: 'The column "Created" of "Deals" must hold dates, or rows would go uncounted without a word; row 10 holds "all".',
        ja: '「Deals」の列「Created」には日付が必要です（日付のない行は黙って集計から漏れます）。10 行目が「all」です。',
      },
    });
    expect(sheet.value('deals', 'actual_1')).toBe(5);
    // A text column chosen as the date column: its first row is named.
    expect(
      refusal(() => previewLink(sheet.workbook, VOCABULARY, sheet.name, 'deals', { ...stage('Won'), date: 'Owner' })).text.en,
    ).toContain('row 2 holds "sato"');
  });

  it('refuses a column the data sheet does not have, and a tree sheet as data', () => {
    const sheet = withData();
    expect(refusal(() => previewLink(sheet.workbook, VOCABULARY, sheet.name, 'deals', { ...stage('Won'), date: 'Closed' })).text.en).toBe(
      '"Deals" has no column "Closed" in its header row (row 1).',
    );
    expect(refusal(() => previewLink(sheet.workbook, VOCABULARY, sheet.name, 'deals', { ...stage('Won'), sheet: sheet.name })).field).toBe(
      'sheet',
    );
  });

  it('follows a renamed data sheet, and an update writes its new name', () => {
    const sheet = withData();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
    sheet.workbook.sheets.renameSheet('Deals', 'CRM deals');
    expect(months(sheet, 'orders').slice(0, 3)).toEqual([1, 0, 1]);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    expect(sheet.workbook.formulaAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('actual_1'))).toContain("'CRM deals'!$B:$B");
    expect(months(sheet, 'orders').slice(0, 3)).toEqual([1, 0, 1]);
    expect(treeLinks(sheet.workbook, VOCABULARY, sheet.name).links[0]).toMatchObject({
      sheet: 'CRM deals',
      latest: '2026-10-31',
      problems: [],
    });
  });

  it('follows columns moved in the data sheet, and says which column lost its header', () => {
    const sheet = withData();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
    sheet.workbook.sheets.insertColumns('Deals', 2); // a new column A-side of Created: every column moves right
    expect(months(sheet, 'orders').slice(0, 3)).toEqual([1, 0, 1]);
    updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2_000_000_000 });
    expect(months(sheet, 'orders').slice(0, 3)).toEqual([1, 0, 1]);
    sheet.workbook.edit('Deals', 1, 4, 'Status');
    expect(treeLinks(sheet.workbook, VOCABULARY, sheet.name).links[0].problems).toEqual([
      {
        en: 'The column "Stage" of "Orders" is no longer in the header row of "Deals": link it again with the column\'s new name, or unlink it.',
        ja: '「受注件数」が使う列「Stage」が「Deals」の見出し行にありません。新しい列名で連携し直すか、連携を解除してください。',
      },
    ]);
  });

  it('says which link broke when its data sheet is deleted; the tree and typed actuals keep working', () => {
    const sheet = withData();
    sheet.actuals(1, { leads: 600, visits: 3000 });
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', stage('Won'));
    sheet.workbook.sheets.deleteSheet('Deals');
    expect(sheet.value('orders', 'actual_1')).toBe('#REF!');
    expect(sheet.value('leads', 'actual_1')).toBe(600);
    expect(sheet.value('orders', 'status')).toBe('Check input');
    const [broken] = treeLinks(sheet.workbook, VOCABULARY, sheet.name).links;
    expect(broken.problems.map((p) => p.en)).toEqual([
      'The data sheet "Deals" of "Orders" was deleted: its cells show #REF!. Link it again, or unlink it to type its actuals.',
    ]);
    expect(() => api(sheet).getTreeStatus(sheet.name)).not.toThrow();
    // Unlinking brings typed input back; the months that showed #REF! are blank.
    unlinkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders');
    expect(sheet.value('orders', 'actual_1')).toBe('');
    expect(sheet.value('leads', 'actual_1')).toBe(600);
  });
});

describe('data beyond a tab: a summary the warehouse produces', () => {
  it('sums a count column over a month column (a Connected Sheets extract of counts per stage and owner)', () => {
    const summary = [
      ['Month', 'Stage', 'Owner', 'Deals'],
      ['2026-04-01', 'Qualified', 'sato', '1200'],
      ['2026-04-01', 'Qualified', 'tanaka', '800'],
      ['2026-04-01', 'Won', 'sato', '300'],
      ['2026-05-01', 'Qualified', 'sato', '1500'],
      ['2026-05-01', 'Won', 'tanaka', '0'],
    ];
    const sheet = withData(summary, 'en', 'Pipeline summary');
    const rule: LinkRule = {
      sheet: 'Pipeline summary',
      date: 'Month',
      conditions: [{ column: 'Stage', values: ['Qualified'] }],
      amount: 'Deals',
      owner: 'Owner',
    };
    linkNode(sheet.workbook, VOCABULARY, sheet.name, 'deals', rule);
    // April: 1,200 + 800; May: 1,500. Per person once the row names its owner.
    expect(months(sheet, 'deals').slice(0, 3)).toEqual([2000, 1500, '']);
    sheet.type('deals', 'owner', 'tanaka');
    expect(months(sheet, 'deals').slice(0, 3)).toEqual([800, 0, '']);
  });
});
