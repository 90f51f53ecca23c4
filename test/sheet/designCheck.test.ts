import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';
import type { CheckId, DesignCheck } from '../../src/core/designCheck';
import { monthKey } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import { createServerApi } from '../../src/server/api';
import { buildTreeSheet } from '../../src/server/build';
import { request, TreeSheet } from '../support/treeSheet';

const MAY_2026 = new Date(2026, 4, 20);

const apiFor = (workbook: MemoryWorkbook, today = MAY_2026) =>
  createServerApi({ workbook, today: () => today, vocabulary: () => VOCABULARY });
const byId = (checks: readonly DesignCheck[]) => new Map(checks.map((c) => [c.id, c]));
const states = (checks: readonly DesignCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.state])) as Record<CheckId, string>;

describe('the design check of a tree sheet as it stands', () => {
  it('passes a new tree but for its owners, in a handful of Apps Script calls', () => {
    const sheet = TreeSheet.build({}, MAY_2026);
    const before = sheet.workbook.calls.length;
    const checks = apiFor(sheet.workbook).getDesignCheck(sheet.name);
    const calls = sheet.workbook.calls.slice(before);
    expect(states(checks)).toEqual({
      kgi: 'passed',
      mainKpis: 'passed',
      targets: 'passed',
      definitions: 'passed',
      owners: 'failed',
      inputRules: 'passed',
      coherence: 'passed',
      realistic: 'unknown',
      quality: 'passed',
      alerts: 'passed',
    });
    const owners = byId(checks).get('owners')!;
    expect(owners.row).toBe('Average deal size');
    expect(owners.reason?.en).toBe('"Average deal size", "Orders" and 7 more: no owner. Name the person or team who moves it.');
    // The tags, the sheet's values, its input rules and its conditional rules; History (none here) adds nothing.
    expect(calls.filter((c) => /getDataValidations|getValues|getConditionalFormatRules|createDeveloperMetadataFinder/.test(c))).toEqual([
      'Spreadsheet.createDeveloperMetadataFinder',
      'Range.getValues',
      'Range.getDataValidations',
      'Sheet.getConditionalFormatRules',
    ]);
    // The missing-input rule is the add-on's last: found at once, however many rules the sheet has.
    expect(calls.filter((c) => c === 'BooleanCondition.getBackground')).toHaveLength(1);
    expect(calls.length).toBe(17);
  });

  it('follows what people type: owners filled pass, a planned rate cleared fails its targets and coherence', () => {
    const sheet = TreeSheet.build({}, MAY_2026);
    const api = apiFor(sheet.workbook);
    for (const id of ['orders', 'deal_size', 'win_rate', 'deals', 'deal_rate', 'leads', 'lead_rate', 'visits', 'proposals']) {
      sheet.type(id, 'owner', 'sato@example.com');
    }
    expect(byId(api.getDesignCheck(sheet.name)).get('owners')!.state).toBe('passed');

    sheet.type('win_rate', 'plan_input', '');
    const checks = byId(api.getDesignCheck(sheet.name));
    expect([checks.get('targets')!.state, checks.get('targets')!.row]).toEqual(['failed', 'Win rate']);
    expect(checks.get('coherence')!.state).toBe('failed');

    // A deals target typed over the reverse calculation, short of what the KGI needs.
    sheet.type('win_rate', 'plan_input', '30%');
    sheet.type('deals', 'plan_input', '600');
    const short = byId(api.getDesignCheck(sheet.name)).get('coherence')!;
    expect([short.state, short.row, short.reason?.en]).toEqual([
      'failed',
      'Deals',
      "The plan's activity yields 36% of the KGI: raise the targets.",
    ]);
  });

  it('fails the definition of a row whose definition was cleared, and the input rule of a row whose validation was removed', () => {
    const sheet = TreeSheet.build({}, MAY_2026);
    sheet.workbook.edit(sheet.name, sheet.rowOf('deal_rate'), sheet.columnOf('definition'), '');
    const visits = sheet.rowOf('visits');
    sheet.workbook.setValidations(sheet.name, { row: visits, column: sheet.columnOf(monthKey('actual', 3)), rows: 1, columns: 1 }, [
      [null],
    ]);
    const checks = byId(apiFor(sheet.workbook).getDesignCheck(sheet.name));
    expect([checks.get('definitions')!.state, checks.get('definitions')!.row]).toEqual(['failed', 'Deal rate']);
    expect([checks.get('inputRules')!.state, checks.get('inputRules')!.row]).toEqual(['failed', 'Visits']);
  });

  it("fails the alerts when the sheet's missing-input rule was removed", () => {
    const sheet = TreeSheet.build({}, MAY_2026);
    sheet.workbook.setConditionalRules(sheet.name, [], []);
    expect(byId(apiFor(sheet.workbook).getDesignCheck(sheet.name)).get('alerts')!.state).toBe('failed');
  });

  it('speaks Japanese with the Japanese labels of a Japanese tree', () => {
    const sheet = TreeSheet.build({ lang: 'ja' }, MAY_2026, 'ja_JP');
    const owners = byId(apiFor(sheet.workbook).getDesignCheck(sheet.name)).get('owners')!;
    expect(owners.row).toBe('顧客単価');
    expect(owners.reason?.ja).toBe('「顧客単価」「受注件数」ほか 7 件：担当者がいません。動かす人かチームを入力してください。');
  });
});

describe("realistic rates against last year's actuals", () => {
  /** FY2025's tree with a 22% win rate every month (22 orders of 100 deals), and FY2026's beside it. */
  function twoYears(winRate2026: number) {
    const workbook = new MemoryWorkbook({ locale: 'en_US', now: () => MAY_2026 });
    const lastYear = new TreeSheet(workbook, buildTreeSheet(workbook, VOCABULARY, request({ fiscalYear: 2025 })).sheetName);
    for (let m = 1; m <= 12; m++) lastYear.actuals(m, { revenue: 44_000_000, orders: 22, deals: 100, leads: 500, visits: 2000 });
    const thisYear = new TreeSheet(
      workbook,
      buildTreeSheet(workbook, VOCABULARY, request({ fiscalYear: 2026, inputs: { win_rate: winRate2026 } })).sheetName,
    );
    return { workbook, lastYear, thisYear };
  }

  it("flags a win rate planned at 40% after last year's tree ran at 22%", () => {
    const { workbook, lastYear, thisYear } = twoYears(0.4);
    const check = byId(apiFor(workbook).getDesignCheck(thisYear.name)).get('realistic')!;
    expect([check.state, check.row]).toEqual(['failed', 'Win rate']);
    expect(check.reason?.en).toBe(
      `Planned at 40% after 22% last year ("${lastYear.name}"): plan a reachable step or say how it will change.`,
    );
  });

  it('passes 25% after 22%', () => {
    const { workbook, thisYear } = twoYears(0.25);
    expect(byId(apiFor(workbook).getDesignCheck(thisYear.name)).get('realistic')!.state).toBe('passed');
  });

  it("reads last year's rates from History once last year's sheet is gone", () => {
    const { workbook, lastYear, thisYear } = twoYears(0.4);
    const api = apiFor(workbook);
    for (let m = 1; m <= 12; m++) expect(api.closeMonth(lastYear.name, true).closed).toBe(true);
    workbook.deleteSheet(lastYear.name);
    const check = byId(api.getDesignCheck(thisYear.name)).get('realistic')!;
    expect([check.state, check.row]).toEqual(['failed', 'Win rate']);
    expect(check.reason?.en).toBe(
      'Planned at 40% after 22% last year (History 2025-04–2026-03): plan a reachable step or say how it will change.',
    );
  });
});
