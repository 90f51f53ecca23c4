/**
 * The words a tree sheet shows a planner: the start month as a month, units as words ("%",
 * 「率」) rather than internal names, and one Japanese term per idea.
 */
import { ROW, SETTINGS } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import { updateTreeSheet } from '../../src/server/update';
import { TreeSheet } from '../support/treeSheet';

const LANGS = [
  { lang: 'en', startMonth: 'Month 4', rate: '%', yen: '¥', count: 'count' },
  { lang: 'ja', startMonth: '4月', rate: '率', yen: '円', count: '件' },
] as const;

describe.each(LANGS)('a tree sheet’s words ($lang)', (t) => {
  const sheet = TreeSheet.build({ lang: t.lang });
  const shown = (row: number, column: number) => sheet.workbook.view(sheet.name).rows[row - 1][column - 1].display;

  it('shows the start month as a month, and keeps it a number for the formulas', () => {
    expect(shown(ROW.settings, SETTINGS.startMonth)).toBe(t.startMonth);
    expect(sheet.setting('startMonth')).toBe(4);
  });

  it('says each unit as a word', () => {
    expect(sheet.seen('win_rate', 'unit').display).toBe(t.rate);
    expect(sheet.seen('revenue', 'unit').display).toBe(t.yen);
    expect(sheet.seen('orders', 'unit').display).toBe(t.count);
  });
});

describe('a tree sheet changed to the other language', () => {
  it('shows the start month in that language', () => {
    const sheet = TreeSheet.build({ lang: 'en' });
    const { sheetName } = updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { lang: 'ja' });
    expect(sheet.workbook.view(sheetName).rows[ROW.settings - 1][SETTINGS.startMonth - 1].display).toBe('4月');
  });
});

describe('the Japanese sheet', () => {
  const sheet = TreeSheet.build({ lang: 'ja' });
  const text = sheet.workbook
    .view(sheet.name)
    .rows.flat()
    .map((cell) => `${cell.display} ${cell.note}`)
    .join('\n');

  it('uses one term per idea: 差異 for a gap, 季節指数 for the weights', () => {
    expect(text).toContain('差異');
    expect(text).not.toContain('差額');
    expect(text).toContain('季節指数');
    expect(text).not.toContain('季節係数');
  });
});
