/**
 * Lead times: a tracked KPI linked to a data sheet with two stage dates per row shows, each
 * fiscal month, the median whole days from proposal to contract of the rows contracted that
 * month, computed here by the formula engine over a small data sheet worked out by hand.
 */

import { monthKey, PALETTE } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { LinkRule } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { linkNode, previewLink, treeLinks, unlinkNode } from '../../src/server/links';
import { refusal } from '../support/refusal';
import { NOV_2026, processKpi, TreeSheet } from '../support/treeSheet';

/** FY2026 from April, seen on 23 November 2026 (YTD is April–October). Days worked out per row. */
const DEALS = [
  ['Deal', 'Proposal', 'Contract', 'Stage', 'Owner'],
  // April, won: 20, 10, 28 days → median 20 (odd count). L4 is lost: left out.
  ['L1', '2026-03-20', '2026-04-09', 'Won', 'sato'],
  ['L2', '2026-04-01', '2026-04-11', 'Won', 'tanaka'],
  ['L3', '2026-04-02', '2026-04-30', 'Won', 'sato'],
  ['L4', '2026-04-05', '2026-04-07', 'Lost', 'sato'],
  // May: 16 and 30 → median 23 (even count). L7 has no proposal date: left out.
  ['L5', '2026-04-15', '2026-05-01', 'Won', 'tanaka'],
  ['L6', '2026-05-01', '2026-05-31', 'Won', 'sato'],
  ['L7', '', '2026-05-20', 'Won', 'sato'],
  // June: 3, 41, 10, 5 → sorted 3, 5, 10, 41 → median (5 + 10) ÷ 2 = 7.5.
  ['L8', '2026-06-01', '2026-06-04', 'Won', 'tanaka'],
  ['L9', '2026-05-20', '2026-06-30', 'Won', 'sato'],
  ['L10', '2026-06-09', '2026-06-19', 'Won', 'tanaka'],
  ['L11', '2026-06-01', '2026-06-06', 'Won', 'sato'],
  // July: a row, but none won → blank (no median), not 0.
  ['L12', '2026-07-01', '2026-07-10', 'Lost', 'tanaka'],
  // Contracted last fiscal year: in no month.
  ['L0', '2026-02-01', '2026-03-31', 'Won', 'sato'],
];

const JA_WORDS: Record<string, string> = {
  Deal: '商談ID',
  Proposal: '提案日',
  Contract: '契約日',
  Stage: 'ステージ',
  Owner: '担当者',
  Won: '受注',
  Lost: '失注',
};
const ja = (rows: string[][]) => rows.map((row) => row.map((v) => JA_WORDS[v] ?? v));

/** The new-business tree with a tracked lead-time KPI under orders, and the data sheet. */
function withLeadTime(lang: 'en' | 'ja' = 'en', rows = DEALS) {
  const sheet = TreeSheet.build({ lang }, NOV_2026, lang === 'ja' ? 'ja_JP' : 'en_US');
  const name = lang === 'ja' ? '商談' : 'Deals';
  sheet.workbook.sheets.addSheet(name);
  (lang === 'ja' ? ja(rows) : rows).forEach((row, r) => {
    row.forEach((v, c) => {
      sheet.workbook.edit(name, r + 1, c + 1, v);
    });
  });
  const api = createServerApi({ workbook: sheet.workbook, today: () => NOV_2026, vocabulary: () => VOCABULARY });
  api.addProcessKpi(
    sheet.name,
    processKpi({ parent: 'orders', label: { en: 'Proposal to contract', ja: '提案から契約まで' }, plan: 20, lowerIsBetter: true }),
  );
  // The first process KPI added takes the id kpi_1.
  const id = 'kpi_1';
  return { sheet, api, id, name };
}

const rule = (fields: Partial<LinkRule> = {}): LinkRule => ({
  sheet: 'Deals',
  date: 'Contract',
  start: 'Proposal',
  conditions: [{ column: 'Stage', values: ['Won'] }],
  amount: null,
  owner: null,
  ...fields,
});

const months = (sheet: TreeSheet, id: string) => Array.from({ length: 12 }, (_, m) => sheet.value(id, monthKey('actual', m + 1)));

describe('a lead time linked to data', () => {
  const { sheet, id, api } = withLeadTime();
  linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule());

  it('shows the median days of the rows contracted each month, blank where none', () => {
    expect(months(sheet, id)).toEqual([20, 23, 7.5, '', '', '', '', '', '', '', '', '']);
  });

  it('takes the period’s figure as the median over the period’s rows, not from the months', () => {
    // YTD: all won rows with a proposal date, April–October: 3 5 10 10 16 20 28 30 41 → 16
    // (the months' median would say 20, their average 16.83).
    expect(sheet.value(id, 'period_actual')).toBe(16);
    // The target of days holds every month and over the period: it is not phased.
    expect(sheet.value(id, 'plan_1')).toBe(20);
    expect(sheet.value(id, 'period_plan')).toBe(20);
    // Fewer days is better: 16 against 20 is on plan.
    expect(sheet.value(id, 'status')).toBe('On plan');
    sheet.setting('period', '2026-06');
    expect(sheet.value(id, 'period_actual')).toBe(7.5);
    sheet.setting('period', '2026-07');
    expect(sheet.value(id, 'period_actual')).toBe('');
    sheet.setting('period', 'YTD');
  });

  it('states the rule in the definition', () => {
    expect(sheet.value(id, 'definition')).toContain(
      'Actual: median whole days from Proposal to Contract over rows of "Deals" (rows without Proposal left out), by Contract (fiscal month), where Stage = Won.',
    );
    const status = treeLinks(sheet.workbook, VOCABULARY, sheet.name).links[0];
    expect(status.form).toEqual(rule());
  });

  it('follows the data as rows arrive', () => {
    // A deal won in August after 12 days.
    sheet.workbook.edit('Deals', 15, 1, 'L13');
    sheet.workbook.edit('Deals', 15, 2, '2026-08-01');
    sheet.workbook.edit('Deals', 15, 3, '2026-08-13');
    sheet.workbook.edit('Deals', 15, 4, 'Won');
    expect(months(sheet, id).slice(0, 6)).toEqual([20, 23, 7.5, '', 12, '']);
  });

  it('stays a lead time when the tree is updated, its column found again after it moved', () => {
    // A column inserted before the proposal date: the link finds its columns by header.
    sheet.workbook.sheets.insertColumns('Deals', 2);
    api.addProcessKpi(sheet.name, processKpi({ parent: 'orders', label: { en: 'Referrals', ja: '紹介数' } }));
    expect(months(sheet, id).slice(0, 6)).toEqual([20, 23, 7.5, '', 12, '']);
    // YTD now: 3 5 10 10 12 16 20 28 30 41 → (12 + 16) ÷ 2.
    expect(sheet.value(id, 'period_actual')).toBe(14);
    expect(treeLinks(sheet.workbook, VOCABULARY, sheet.name).links[0].problems).toEqual([]);
  });
});

describe('a level from the catalogue (days, a rate, an average), typed or unlinked', () => {
  // The catalogue's "Lead time: proposal to contract" is a level: the form sends `level`.
  const { sheet, api } = withLeadTime();
  api.addProcessKpi(
    sheet.name,
    processKpi({ parent: 'orders', label: { en: 'Lead time', ja: 'リードタイム' }, plan: 30, lowerIsBetter: true, level: true }),
  );
  const id = 'kpi_2';

  it('holds its target every month and takes the period from its last month entered, never a sum of days', () => {
    expect([sheet.value(id, 'plan_1'), sheet.value(id, 'plan_12'), sheet.value(id, 'annual')]).toEqual([30, 30, 30]);
    sheet.type(id, 'actual_1', '40');
    sheet.type(id, 'actual_2', '25');
    // Summed, April and May would read 65 days against a phased 5: a level reads May's 25 against 30.
    expect(sheet.value(id, 'period_actual')).toBe(25);
    expect(sheet.value(id, 'period_plan')).toBe(30);
    expect(sheet.value(id, 'status')).toBe('On plan');
  });

  it('stays a level once linked and unlinked again', () => {
    linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule());
    expect(sheet.value(id, 'period_actual')).toBe(16);
    unlinkNode(sheet.workbook, VOCABULARY, sheet.name, id);
    // The values shown are kept as typed ones (April 20, May 23, June 7.5 days); the period reads June.
    expect(months(sheet, id).slice(0, 4)).toEqual([20, 23, 7.5, '']);
    expect(sheet.value(id, 'period_actual')).toBe(7.5);
    expect(sheet.value(id, 'plan_1')).toBe(30);
    // Half a day is a real median: shown with its decimals, not flagged as a fraction.
    expect(sheet.seen(id, 'actual_3')).toMatchObject({ display: '7.50', background: PALETTE.input });
  });

  it('takes decimals typed in its actuals, where a count refuses them', () => {
    sheet.type(id, 'actual_4', '12.5');
    expect(sheet.value(id, 'actual_4')).toBe(12.5);
    expect(() => sheet.type('deals', 'actual_4', '12.5')).toThrow();
    expect(() => sheet.type(id, 'actual_5', '-1')).toThrow();
  });
});

describe('a rate and money from the catalogue', () => {
  const { sheet, api } = withLeadTime();
  // Win rate as the form sends it: 30% a month, a level; the value of orders: ¥600m a year.
  api.addProcessKpi(
    sheet.name,
    processKpi({ parent: 'orders', label: { en: 'Win rate', ja: '受注率' }, plan: 0.3, unit: 'rate', level: true }),
  );
  api.addProcessKpi(
    sheet.name,
    processKpi({ parent: 'orders', label: { en: 'Order value', ja: '受注金額' }, plan: 600_000_000, unit: 'yen' }),
  );
  const [rate, value] = ['kpi_2', 'kpi_3'];

  it('shows a rate as a percentage held each month, typed as Sheets reads 25%', () => {
    expect(sheet.seen(rate, 'plan_1').display).toBe('30.0%');
    sheet.type(rate, 'actual_1', '25%');
    sheet.type(rate, 'actual_2', '32.5%');
    expect(sheet.value(rate, 'period_actual')).toBe(0.325);
    expect(sheet.seen(rate, 'period_actual').display).toBe('32.5%');
    expect(sheet.value(rate, 'status')).toBe('On plan');
  });

  it('adds money up over the months, in yen: ¥50m a month against a phased ¥600m', () => {
    expect(sheet.seen(value, 'annual').display).toBe('¥600,000,000');
    sheet.type(value, 'actual_1', '40000000');
    sheet.type(value, 'actual_2', '35000000');
    expect(sheet.value(value, 'period_actual')).toBe(75_000_000);
    expect(sheet.seen(value, 'period_actual').display).toBe('¥75,000,000');
  });

  it('refuses to link a rate (a link counts or sums rows), and a unit it does not know', () => {
    expect(refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, rate, rule({ start: undefined })))).toMatchObject({
      field: 'node',
      text: {
        en: '"Win rate" is a rate, and a link counts or sums rows: add the two counts it divides as KPIs and link those, or type the rate.',
      },
    });
    expect(refusal(() => api.addProcessKpi(sheet.name, processKpi({ unit: 'percent' as never })))).toMatchObject({ field: 'unit' });
    expect(refusal(() => api.addProcessKpi(sheet.name, processKpi({ unit: 'rate', plan: 30 })))).toMatchObject({ field: 'plan' });
  });
});

describe('a lead time per person, previewed, in Japanese', () => {
  it("takes only the rows whose owner is the row's Owner", () => {
    const { sheet, id } = withLeadTime();
    linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule({ owner: 'Owner' }));
    sheet.type(id, 'owner', 'tanaka');
    // April: L2 10; May: L5 16; June: L8 3, L10 10 → 6.5.
    expect(months(sheet, id).slice(0, 4)).toEqual([10, 16, 6.5, '']);
  });

  it('previews the same medians the cells then show', () => {
    const { sheet, id } = withLeadTime();
    const found = previewLink(sheet.workbook, VOCABULARY, sheet.name, id, rule());
    expect(found.counts).toEqual([20, 23, 7.5, null, null, null, null, null, null, null, null, null]);
  });

  it('works with Japanese headers and words', () => {
    const { sheet, id } = withLeadTime('ja');
    linkNode(sheet.workbook, VOCABULARY, sheet.name, id, {
      sheet: '商談',
      date: '契約日',
      start: '提案日',
      conditions: [{ column: 'ステージ', values: ['受注'] }],
      amount: null,
      owner: null,
    });
    expect(months(sheet, id).slice(0, 4)).toEqual([20, 23, 7.5, '']);
    expect(sheet.value(id, 'period_actual')).toBe(16);
    expect(sheet.value(id, 'definition')).toContain(
      '実績: 「商談」の行の提案日から契約日までの日数（整数）の中央値（提案日が空欄の行は除く）',
    );
  });
});

describe('refusals', () => {
  it('refuses columns that do not hold dates, naming the row', () => {
    const { sheet, id } = withLeadTime('en', [...DEALS, ['L14', 'soon', '2026-09-01', 'Won', 'sato']]);
    expect(refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule()))).toMatchObject({
      field: 'start',
      text: { en: 'The column "Proposal" of "Deals" must hold dates, or rows would go uncounted without a word; row 15 holds "soon".' },
    });
    expect(refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule({ start: 'Stage' })))).toMatchObject({
      field: 'start',
      text: { ja: '「Deals」の列「Stage」には日付が必要です（日付のない行は黙って集計から漏れます）。2 行目が「Won」です。' },
    });
    expect(refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, id, rule({ start: 'Contract' })))).toMatchObject({
      field: 'start',
      text: { en: 'Choose two different columns: a lead time runs from a start date to a later end date.' },
    });
  });

  it('refuses a lead time on a node of the arithmetic', () => {
    const { sheet } = withLeadTime();
    expect(refusal(() => linkNode(sheet.workbook, VOCABULARY, sheet.name, 'orders', rule()))).toMatchObject({
      field: 'node',
      text: { en: expect.stringContaining('"Orders" is part of the tree\'s arithmetic') },
    });
  });
});
