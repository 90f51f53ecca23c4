/**
 * The month close as people read its results: "Closed through" agrees with History, the period
 * shows the month just closed, History reads as a report (dates in the spreadsheet's time zone,
 * numbers by unit, ids hidden, header frozen) in one language per sheet, and the trend
 * sparkline draws the months entered. Each in English and in Japanese.
 */
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import type { Lang } from '../../src/core/i18n';
import { SHEET_WORDS } from '../../src/core/sheet/labels';
import { monthKey, NUMBER_FORMAT, PALETTE } from '../../src/core/sheet/schema';
import { templateById } from '../../src/core/templates';
import { orderTree } from '../../src/core/tree';
import { VOCABULARY } from '../../src/core/vocabulary';
import { createServerApi } from '../../src/server/api';
import { buildTreeSheet } from '../../src/server/build';
import { request, TreeSheet } from '../support/treeSheet';

const APRIL_2026 = new Date(2026, 3, 10);
const OCTOBER_2026 = new Date(2026, 9, 5); // April to September have ended: due, not closed
const april = { revenue: 56_000_000, orders: 28, deals: 139, leads: 695, visits: 2778, proposals: 70 };
const nodes = orderTree(templateById('new_business')!);
const LOCALE: Record<Lang, string> = { en: 'en_US', ja: 'ja_JP' };

/** History's columns (1-based), as the headers in labels.ts list them. */
const H = { closedAt: 1, sheet: 2, month: 3, revision: 4, nodeId: 5, label: 6, plan: 8, actual: 9, achievement: 10, recoverable: 11 };

const apiFor = (workbook: MemoryWorkbook, today: Date) => createServerApi({ workbook, today: () => today, vocabulary: () => VOCABULARY });

/** The History sheet of a language, found by its tag as the add-on finds it. */
function historyOf(workbook: MemoryWorkbook, lang: Lang): string | undefined {
  return workbook.taggedSheets().find(({ tag }) => {
    const parsed = JSON.parse(tag) as { history?: number; lang?: string };
    return parsed.history === 1 && parsed.lang === lang;
  })?.sheet;
}

/** The months History holds for a tree sheet, in every History. */
function monthsRecorded(workbook: MemoryWorkbook, sheetName: string): string[] {
  const sheets = workbook.taggedSheets().filter(({ tag }) => (JSON.parse(tag) as { history?: number }).history === 1);
  const months = sheets.flatMap(({ sheet }) =>
    workbook
      .readValues(sheet)
      .filter((r) => r[H.sheet - 1] === sheetName)
      .map((r) => String(r[H.month - 1])),
  );
  return [...new Set(months)].sort();
}

describe.each<Lang>(['en', 'ja'])('the month close, in a tree in %s', (lang) => {
  const words = SHEET_WORDS[lang];
  const build = (today: Date, timeZone?: string) => {
    const workbook = new MemoryWorkbook({ locale: LOCALE[lang], now: () => today, ...(timeZone ? { timeZone } : {}) });
    const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request({ lang }));
    return new TreeSheet(workbook, sheetName);
  };

  describe('"Closed through" means recorded in History', () => {
    it('is the latest month History holds for the tree, whichever month a close records', () => {
      const sheet = build(OCTOBER_2026);
      const api = apiFor(sheet.workbook, OCTOBER_2026);
      const agrees = () => expect(sheet.setting('closedThrough')).toBe(monthsRecorded(sheet.workbook, sheet.name).at(-1));

      // The first close of a tree built mid-year records the first month due, and says so.
      expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-04');
      expect(api.closeMonth(sheet.name, true)).toMatchObject({ closed: true, month: '2026-04' });
      expect(monthsRecorded(sheet.workbook, sheet.name)).toEqual(['2026-04']);
      expect(sheet.setting('closedThrough')).toBe('2026-04');

      // A later month named: closed through it; the months before it still wait, earliest first.
      expect(api.closeMonth(sheet.name, true, '2026-07')).toMatchObject({ closed: true, month: '2026-07', revision: 1 });
      agrees();
      expect(sheet.setting('closedThrough')).toBe('2026-07');
      expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-05');
      expect(api.closeMonth(sheet.name, true)).toMatchObject({ month: '2026-05' });
      agrees();
      expect(sheet.setting('closedThrough')).toBe('2026-07');

      // A revision of an earlier month leaves it where it is.
      expect(api.closeMonth(sheet.name, true, '2026-04')).toMatchObject({ month: '2026-04', revision: 2 });
      agrees();
      expect(api.getTreeStatus(sheet.name).nextToClose).toBe('2026-06');
    });

    it('refuses and records nothing while the month has blank actuals', () => {
      const sheet = build(APRIL_2026);
      const api = apiFor(sheet.workbook, APRIL_2026);
      expect(api.closeMonth(sheet.name, false)).toMatchObject({ closed: false, month: '2026-04' });
      expect(sheet.setting('closedThrough')).toBe(words.none);
      expect(historyOf(sheet.workbook, lang)).toBeUndefined();
    });

    it('starts a tree built mid-year with nothing closed, its ended months due and flagged', () => {
      const sheet = build(OCTOBER_2026);
      expect(sheet.setting('closedThrough')).toBe(words.none);
      expect(sheet.seen('orders', monthKey('actual', 6)).background).toBe(PALETTE.missing);
      expect(sheet.seen('orders', monthKey('actual', 7)).background).toBe(PALETTE.input);
      const status = apiFor(sheet.workbook, OCTOBER_2026).getTreeStatus(sheet.name);
      expect(status.missing.find((m) => m.nodeId === 'orders')?.months).toHaveLength(6);
    });
  });

  describe('the period after a close', () => {
    it('shows the month just closed, with its figures, not the empty month after it', () => {
      const sheet = build(APRIL_2026);
      sheet.actuals(1, april);
      const api = apiFor(sheet.workbook, new Date(2026, 4, 3));
      expect(api.closeMonth(sheet.name, false)).toEqual({ closed: true, month: '2026-04', revision: 1, period: '2026-04' });
      expect(sheet.setting('period')).toBe('2026-04');
      expect(sheet.value('orders', 'period_actual')).toBe(28);
      expect(sheet.value('win_rate', 'period_actual')).toBeCloseTo(28 / 139, 12);
      expect(api.getTreeStatus(sheet.name).period).toBe('2026-04');

      // The next month, closed in turn, is shown in its place.
      sheet.actuals(2, { ...april, orders: 31 });
      expect(api.closeMonth(sheet.name, false)).toMatchObject({ closed: true, month: '2026-05', period: '2026-05' });
      expect(sheet.setting('period')).toBe('2026-05');
      expect(sheet.value('orders', 'period_actual')).toBe(31);
    });

    it('shows a month closed again for a correction', () => {
      const sheet = build(APRIL_2026);
      sheet.actuals(1, april);
      sheet.actuals(2, april);
      const api = apiFor(sheet.workbook, new Date(2026, 5, 2));
      api.closeMonth(sheet.name, false);
      api.closeMonth(sheet.name, false);
      sheet.setting('period', words.ytd);
      expect(api.closeMonth(sheet.name, false, '2026-04')).toMatchObject({ month: '2026-04', revision: 2, period: '2026-04' });
      expect(sheet.setting('period')).toBe('2026-04');
      expect(sheet.setting('closedThrough')).toBe('2026-05');
    });
  });

  describe('History, a sheet people read', () => {
    it('writes its numbers by unit, hides the ids, freezes the header, in the tree’s language', () => {
      const sheet = build(APRIL_2026);
      sheet.actuals(1, april);
      apiFor(sheet.workbook, APRIL_2026).closeMonth(sheet.name, false);
      const history = historyOf(sheet.workbook, lang)!;
      expect(history).toBe(words.history.sheet);
      const { sheets } = sheet.workbook;
      expect(sheet.workbook.readValues(history)[0]).toEqual(words.history.headers);
      expect(sheets.boldAt(history, 1, 1)).toBe(true);
      expect(sheets.layout(history)).toMatchObject({ frozenRows: 1, hiddenColumns: [H.nodeId] });

      const rowOf = (id: string) => sheet.workbook.readValues(history).findIndex((r) => r[H.nodeId - 1] === id) + 1;
      const format = (id: string, column: number) => sheets.formatAt(history, rowOf(id), column);
      const shown = (id: string, column: number) => sheets.displayAt(history, rowOf(id), column);
      for (const node of nodes) {
        expect(format(node.id, H.plan)).toBe(NUMBER_FORMAT[node.unit]);
        expect(format(node.id, H.actual)).toBe(NUMBER_FORMAT[node.unit]);
        expect(format(node.id, H.achievement)).toBe('0.0%');
      }
      expect(shown('revenue', H.actual)).toBe('¥56,000,000');
      expect(shown('orders', H.actual)).toBe('28');
      expect(shown('win_rate', H.actual)).toBe(`${((28 / 139) * 100).toFixed(1)}%`);
      expect(shown('orders', H.achievement)).toMatch(/^\d+\.\d%$/);
      expect(format('win_rate', H.recoverable)).toBe(NUMBER_FORMAT.yen);
      expect(shown('win_rate', H.recoverable)).toMatch(/^¥[\d,]+$/);
      // The month stays the label people chose, not a date.
      expect(sheets.valueAt(history, rowOf('orders'), H.month)).toBe('2026-04');

      // Labels and statuses in the tree's language.
      const orders = nodes.find((n) => n.id === 'orders')!;
      expect(sheets.valueAt(history, rowOf('orders'), H.label)).toBe(orders.label[lang]);
      const statuses = new Set(
        sheet.workbook
          .readValues(history)
          .slice(1)
          .map((r) => r[11]),
      );
      for (const status of statuses) expect([...Object.values(words.status), '']).toContain(status);
    });

    it('records the close time as a date, shown in the spreadsheet’s time zone', () => {
      // 20:00 UTC on 23 November is 05:00 on the 24th in Tokyo, 15:00 on the 23rd in New York.
      const now = new Date(Date.UTC(2026, 10, 23, 20, 0));
      for (const [timeZone, seen] of [
        ['Asia/Tokyo', '2026-11-24 05:00'],
        ['America/New_York', '2026-11-23 15:00'],
      ] as const) {
        const sheet = build(APRIL_2026, timeZone);
        apiFor(sheet.workbook, now).closeMonth(sheet.name, true);
        const history = historyOf(sheet.workbook, lang)!;
        const { sheets } = sheet.workbook;
        expect(sheets.formatAt(history, 2, H.closedAt)).toBe('yyyy-mm-dd hh:mm');
        expect(sheets.displayAt(history, 2, H.closedAt)).toBe(seen);
        // A date value, the instant itself: it sorts and filters as a date, not as text.
        const value = sheets.valueAt(history, 2, H.closedAt);
        expect(value).toBeInstanceOf(Date);
        expect((value as Date).getTime()).toBe(now.getTime());
      }
    });

    it('keeps every row of History in one language when trees of both languages close', () => {
      const other: Lang = lang === 'en' ? 'ja' : 'en';
      const workbook = new MemoryWorkbook({ locale: LOCALE[lang] });
      const mine = buildTreeSheet(workbook, VOCABULARY, request({ lang })).sheetName;
      const theirs = buildTreeSheet(workbook, VOCABULARY, request({ lang: other, templateId: 'inside_sales' })).sheetName;
      const api = apiFor(workbook, APRIL_2026);
      api.closeMonth(mine, true);
      api.closeMonth(theirs, true);
      api.closeMonth(mine, true);

      const ours = historyOf(workbook, lang)!;
      const foreign = historyOf(workbook, other)!;
      expect([ours, foreign]).toEqual([SHEET_WORDS[lang].history.sheet, SHEET_WORDS[other].history.sheet]);
      expect(workbook.readValues(ours)[0]).toEqual(SHEET_WORDS[lang].history.headers);
      expect(workbook.readValues(foreign)[0]).toEqual(SHEET_WORDS[other].history.headers);
      expect(
        new Set(
          workbook
            .readValues(ours)
            .slice(1)
            .map((r) => r[H.sheet - 1]),
        ),
      ).toEqual(new Set([mine]));
      expect(
        new Set(
          workbook
            .readValues(foreign)
            .slice(1)
            .map((r) => r[H.sheet - 1]),
        ),
      ).toEqual(new Set([theirs]));
      expect(workbook.sheets.layout(foreign)).toMatchObject({ frozenRows: 1, hiddenColumns: [H.nodeId] });
      // Each tree moved on by its own History.
      expect(api.getTreeStatus(mine).nextToClose).toBe('2026-06');
      expect(api.getTreeStatus(theirs).nextToClose).toBe('2026-05');
    });

    it('writes into the History of the language a tree switched to, its months and revisions carried on', () => {
      const sheet = build(APRIL_2026);
      const other: Lang = lang === 'en' ? 'ja' : 'en';
      const api = apiFor(sheet.workbook, APRIL_2026);
      api.closeMonth(sheet.name, true);
      api.updateTree(sheet.name, { lang: other });
      expect(api.closeMonth(sheet.name, true)).toMatchObject({ month: '2026-05', revision: 1 });
      expect(api.closeMonth(sheet.name, true, '2026-04')).toMatchObject({ month: '2026-04', revision: 2 });
      const before = sheet.workbook.readValues(historyOf(sheet.workbook, lang)!);
      expect(before.slice(1).every((r) => r[H.month - 1] === '2026-04' && r[H.revision - 1] === 1)).toBe(true);
      const after = sheet.workbook.readValues(historyOf(sheet.workbook, other)!);
      expect(after[0]).toEqual(SHEET_WORDS[other].history.headers);
      expect(after.slice(1).map((r) => r[H.month - 1])).toEqual([...nodes.map(() => '2026-05'), ...nodes.map(() => '2026-04')]);
      expect(sheet.setting('closedThrough')).toBe('2026-05');
    });

    it('adopts a History from before it had a language only for trees of the language of its headers', () => {
      const workbook = new MemoryWorkbook({ locale: LOCALE[lang] });
      const other: Lang = lang === 'en' ? 'ja' : 'en';
      // As the add-on wrote it before: tagged without a language, the header in one language.
      const headers = SHEET_WORDS[lang].history.headers;
      workbook.insertSheet('Old history', 1, headers.length);
      workbook.tagSheet('Old history', JSON.stringify({ app: 'kpi-tree', history: 1 }));
      workbook.setContents('Old history', { row: 1, column: 1, rows: 1, columns: headers.length }, [headers.map((h) => ({ text: h }))]);

      const mine = buildTreeSheet(workbook, VOCABULARY, request({ lang })).sheetName;
      const theirs = buildTreeSheet(workbook, VOCABULARY, request({ lang: other, templateId: 'inside_sales' })).sheetName;
      const api = apiFor(workbook, APRIL_2026);
      api.closeMonth(theirs, true);
      expect(workbook.readValues('Old history')).toHaveLength(1);
      api.closeMonth(mine, true);
      expect(historyOf(workbook, lang)).toBe('Old history');
      expect(
        workbook
          .readValues('Old history')
          .slice(1)
          .map((r) => r[H.sheet - 1]),
      ).toEqual(nodes.map(() => mine));
      expect(workbook.sheets.layout('Old history')).toMatchObject({ frozenRows: 1, hiddenColumns: [H.nodeId] });
      expect(historyOf(workbook, other)).toBe(SHEET_WORDS[other].history.sheet);
    });
  });

  describe('the trend sparkline', () => {
    it('draws a line through the months entered, leaving the blank ones out', () => {
      const sheet = build(APRIL_2026);
      const formula = sheet.workbook.formulaAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('trend'))!;
      const actuals = /SPARKLINE\(FILTER\((\$[A-Z]+\d+:\$[A-Z]+\d+),ISNUMBER\(\1\)\)\)/.exec(formula);
      expect(actuals).not.toBeNull();
      // Line is Sheets' default chart type: no option turns it into bars.
      expect(formula).not.toMatch(/charttype/i);
      expect(formula).toMatch(/^=IF\(COUNT\(/);

      // Nothing entered: no chart. Then one mark a month entered, blanks and a rate's "" left out.
      expect(sheet.value('orders', 'trend')).toBe('');
      expect(sheet.value('win_rate', 'trend')).toBe('');
      sheet.actuals(1, april);
      sheet.actuals(3, { ...april, orders: 14 });
      expect([...String(sheet.value('orders', 'trend'))]).toHaveLength(2);
      expect([...String(sheet.value('win_rate', 'trend'))]).toHaveLength(2);
      expect([...String(sheet.value('visits', 'trend'))]).toHaveLength(2);
    });
  });
});
