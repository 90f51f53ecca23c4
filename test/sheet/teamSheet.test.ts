/**
 * The Team sheet over a pasted CRM export, in the sheet's own formulas: each person's actuals by
 * stage, their plan from their allocation, achievement and their own bottleneck, worked out by
 * hand below; it follows the tree's period selector, keeps typed allocations when refreshed,
 * and costs the same Apps Script calls however many people. English and Japanese trees.
 */

import type { Lang } from '../../src/core/i18n';
import { SHEET_WORDS } from '../../src/core/sheet/labels';
import { PALETTE } from '../../src/core/sheet/schema';
import { TEAM_COLUMN, TEAM_ROW } from '../../src/core/sheet/teamLayout';
import { readTeamSheet } from '../../src/core/sheet/teamReadBack';
import { templateById } from '../../src/core/templates';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { TeamMember, TeamStatus } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { writeTeamSheet } from '../../src/server/team';
import { refusal } from '../support/refusal';
import { addDataSheet, DATA_SHEET, linkAll, ROWS, RULES, typeRows } from '../support/teamData';
import { processKpi, TreeSheet } from '../support/treeSheet';

const LANGS: readonly Lang[] = ['en', 'ja'];
const JUNE_2026 = new Date(2026, 5, 10); // April and May have ended
const KGI = 120_000_000;
const label = (lang: Lang, id: string) => templateById('new_business')!.nodes.find((n) => n.id === id)!.label[lang];

/** A ¥120m new-business tree looking at April, its counts linked to the CRM export beside it, and its Team sheet. */
function setUp(lang: Lang, rows = ROWS) {
  const tree = TreeSheet.build({ lang, kgi: KGI }, JUNE_2026);
  tree.setting('period', '2026-04');
  addDataSheet(tree.workbook, rows);
  linkAll(tree.workbook, tree.name);
  const status = writeTeamSheet(tree.workbook, VOCABULARY, tree.name);
  const api = createServerApi({ workbook: tree.workbook, today: () => JUNE_2026, vocabulary: () => VOCABULARY });
  const team = status.teamSheet;
  const allocate = (...amounts: string[]) =>
    amounts.forEach((a, i) => tree.workbook.edit(team, TEAM_ROW.firstPerson + i, TEAM_COLUMN.allocation, a));
  return { tree, team, api, allocate, status: () => api.getTeam(tree.name)! };
}

const member = (status: TeamStatus, name: string): TeamMember => status.people.find((p) => p.name === name)!;
const figure = (m: TeamMember, id: string) => m.figures.find((f) => f.nodeId === id)!;

describe.each(LANGS)('the Team sheet fills itself from the data (%s)', (lang) => {
  it("counts each person's April by stage and names the stage each one is stuck at", () => {
    const { tree, team, allocate, status } = setUp(lang);
    expect(team).toBe(lang === 'en' ? 'Team · New business' : 'チーム · 新規開拓営業');
    allocate('60000000', '36000000', '24000000'); // shares 50%, 30%, 20%
    const s = status();
    expect(s.people.map((p) => p.name)).toEqual(['Aiko', 'Ben', 'Carol']);
    // April's plan on the tree (even months, ¥120m): revenue ¥10m, 5 orders, 17 deals, 83 leads, 333 visits.
    expect([tree.value('revenue', 'period_plan'), tree.value('visits', 'period_plan')]).toEqual([10_000_000, 333]);

    // Aiko: 160 visits, 40 leads, 8 deals (6 "Qualified" and 2 「商談化」), 2 orders for ¥4.4m; March's 999 visits are last year.
    const aiko = member(s, 'Aiko');
    expect(['visits', 'leads', 'deals', 'orders', 'revenue'].map((id) => figure(aiko, id).actual)).toEqual([160, 40, 8, 2, 4_400_000]);
    expect(figure(aiko, 'win_rate').actual).toBe(0.25);
    expect(figure(aiko, 'deal_size').actual).toBe(2_200_000);
    expect(figure(aiko, 'revenue').plan).toBe(5_000_000);
    expect(figure(aiko, 'visits').plan).toBeCloseTo(166.5, 9);
    expect(figure(aiko, 'visits').achievement).toBeCloseTo(160 / 166.5, 12);
    expect(figure(aiko, 'win_rate').plan).toBe(0.3);
    expect(figure(aiko, 'win_rate').achievement).toBeCloseTo(0.25 / 0.3, 12);
    // Her win rate back at 30% on 8 deals at her ¥2.2m a deal: (0.3 − 0.25) × 8 × 2.2m = ¥880,000;
    // her visits, 6.5 short, recover 6.5 × 0.25 × 0.2 × 0.25 × 2.2m = ¥178,750; the rest are on plan.
    expect(aiko.bottleneck).toEqual({ nodeId: 'win_rate', label: label(lang, 'win_rate') });
    expect(aiko.recoverable).toBeCloseTo(880_000, 4);

    // Ben: 60 visits, 24 leads, 6 deals, 2 orders for ¥3m. Visits back at 99.9 recover
    // 39.9 × 24/60 × 6/24 × 2/6 × 1.5m = ¥1,995,000, more than his deal size back at ¥2m (0.5m × 2 = ¥1m).
    const ben = member(s, 'Ben');
    expect(ben.bottleneck?.nodeId).toBe('visits');
    expect(ben.recoverable).toBeCloseTo(39.9 * (24 / 60) * (6 / 24) * (2 / 6) * 1_500_000, 4);
    expect(ben.recoverable).toBeCloseTo(1_995_000, 4);

    // Carol: 4 deals and no order: her win rate
    // is 0, a stage with nothing achieved, first; restoring it recovers 0.3 × 4 × the planned ¥2m
    // (her deal size is 0 ÷ 0, so its plan stands in).
    const carol = member(s, 'Carol');
    expect(figure(carol, 'deal_size').actual).toBeNull();
    expect(carol.bottleneck?.nodeId).toBe('win_rate');
    expect(carol.recoverable).toBeCloseTo(2_400_000, 4);

    // The team: everyone's rows and the order without an owner; against the tree's own plan.
    // Deal size back at ¥2m on 5 orders: (2m − 8.4m/5) × 5 = ¥1.6m, above the win rate
    // ((0.3 − 5/18) × 18 × 1.68m = ¥672,000) and visits (43 × 5/290 × 1.68m ≈ ¥1.25m).
    const total = s.total!;
    expect(['visits', 'leads', 'deals', 'orders', 'revenue'].map((id) => figure(total, id).actual)).toEqual([290, 84, 18, 5, 8_400_000]);
    expect(figure(total, 'revenue').plan).toBe(10_000_000);
    expect(total.bottleneck?.nodeId).toBe('deal_size');
    expect(total.recoverable).toBeCloseTo(1_600_000, 4);

    // The sheet shows it: each person's bottleneck stage in red, its name beside theirs.
    const view = tree.workbook.view(team);
    const row = (name: string) => TEAM_ROW.firstPerson + s.people.findIndex((p) => p.name === name) - 1;
    expect(view.rows[row('Ben')][TEAM_COLUMN.bottleneck - 1].display).toBe(label(lang, 'visits'));
    const keys = tree.workbook.readValues(team)[TEAM_ROW.keys - 1];
    const visits = keys.indexOf('visits:actual');
    expect(view.rows[row('Ben')][visits].background).toBe(PALETTE.bottleneck);
    expect(view.rows[row('Aiko')][visits].background).not.toBe(PALETTE.bottleneck);
  });

  it("follows the tree's period selector", () => {
    const { tree, status } = setUp(lang);
    tree.setting('period', '2026-05');
    expect(['Aiko', 'Ben'].map((n) => figure(member(status(), n), 'visits').actual)).toEqual([0, 50]);
    tree.setting('period', VOCABULARY.words[lang].ytd); // April and May
    expect(['Aiko', 'Ben'].map((n) => figure(member(status(), n), 'visits').actual)).toEqual([160, 110]);
    expect(figure(member(status(), 'Ben'), 'leads').actual).toBe(34);
  });

  it('flags allocations that do not add up to the KGI, and splits it evenly in whole yen', () => {
    const { tree, team, api, allocate, status } = setUp(lang);
    const warning = SHEET_WORDS[lang].team.allocationOff;
    // Nothing allocated yet: said, and no person's stage is named without a plan.
    expect(status().allocationWarning).toBe(warning);
    expect(status().people.every((p) => p.bottleneck === null)).toBe(true);
    allocate('60000000', '36000000', '20000000');
    expect(status().allocated).toBe(116_000_000);
    expect(status().allocationWarning).toBe(warning);
    expect(tree.workbook.view(team).rows[TEAM_ROW.firstPerson - 1][TEAM_COLUMN.allocation - 1].background).toBe(PALETTE.check);

    const split = api.splitTeamEvenly(tree.name);
    expect(split.people.map((p) => p.allocation)).toEqual([40_000_000, 40_000_000, 40_000_000]);
    expect(split.allocationWarning).toBe('');
    expect(tree.workbook.view(team).rows[TEAM_ROW.firstPerson - 1][TEAM_COLUMN.allocation - 1].background).toBe(PALETTE.input);
    // A third each: Ben's visits plan is 333 ÷ 3 = 111.
    expect(figure(member(split, 'Ben'), 'visits').plan).toBeCloseTo(111, 9);
  });

  it('refreshes in place: same sheet, new people added, typed allocations kept (a formula stays a formula)', () => {
    const { tree, team, api, allocate } = setUp(lang);
    const id = tree.workbook.sheetId(team);
    allocate('=50000000+10000000', '36000000');
    // A new owner whose name looks like a formula: their name stays text.
    typeRows(tree.workbook, DATA_SHEET, [['2026-04-09', '=Dan', 'Visit', 30, '']], ROWS.length + 2);
    const refreshed = api.refreshTeam(tree.name);
    expect(refreshed.teamSheet).toBe(team);
    expect(tree.workbook.sheetId(team)).toBe(id);
    expect(refreshed.people.map((p) => [p.name, p.allocation])).toEqual([
      ['Aiko', 60_000_000],
      ['Ben', 36_000_000],
      ['Carol', null],
      ['=Dan', null],
    ]);
    expect(tree.workbook.formulaAt(team, TEAM_ROW.firstPerson + 3, TEAM_COLUMN.person)).toBeNull();
    expect(tree.workbook.valueAt(team, TEAM_ROW.firstPerson + 3, TEAM_COLUMN.person)).toBe('=Dan');
    expect(tree.workbook.formulaAt(team, TEAM_ROW.firstPerson, TEAM_COLUMN.allocation)).toBe('=50000000+10000000');
    expect(figure(refreshed.total!, 'visits').actual).toBe(320);
    expect(readTeamSheet(tree.workbook.readValues(team))!.total!.row).toBe(TEAM_ROW.firstPerson + 4);
  });

  it('says which column or sheet it cannot find, in the tree’s language', () => {
    const tree = TreeSheet.build({ lang, kgi: KGI }, JUNE_2026);
    const api = createServerApi({ workbook: tree.workbook, today: () => JUNE_2026, vocabulary: () => VOCABULARY });
    expect(api.getTeam(tree.name)).toBeNull();
    // No link yet, then a link without an owner column: nothing to count per person.
    const noLink = {
      en: `No node of "${tree.name}" is linked to data with an owner column yet: link a count or money node to data with an owner column first.`,
      ja: `「${tree.name}」のノードはまだ担当者列のあるデータにリンクされていません。先に件数・金額のノードを担当者列のあるデータにリンクしてください。`,
    };
    expect(refusal(() => api.refreshTeam(tree.name)).text).toEqual(noLink);
    addDataSheet(tree.workbook);
    linkAll(tree.workbook, tree.name, { orders: { ...RULES.orders, owner: null } });
    expect(refusal(() => api.refreshTeam(tree.name)).text).toEqual(noLink);
    linkAll(tree.workbook, tree.name);
    // A header renamed after linking: the column is named.
    tree.workbook.edit(DATA_SHEET, 1, 4, 'Quantity');
    expect(refusal(() => api.refreshTeam(tree.name)).text).toEqual({
      en: 'The data sheet "CRM export" has no column headed "Qty" in its first row.',
      ja: 'データシート「CRM export」の1行目に「Qty」という見出しの列がありません。',
    });
    tree.workbook.sheets.deleteSheet(DATA_SHEET);
    expect(refusal(() => api.refreshTeam(tree.name)).text.en).toMatch(/"CRM export" is not in this spreadsheet/);
    // Refused before anything was written.
    expect(api.getTeam(tree.name)).toBeNull();
  });
});

describe('a tree whose arithmetic grows', () => {
  it('refreshes the same Team sheet with the new channel’s columns, allocations kept', () => {
    const tree = TreeSheet.build({ templateId: 'b2b_pipeline', kgi: KGI }, JUNE_2026);
    tree.setting('period', '2026-04');
    addDataSheet(tree.workbook);
    linkAll(tree.workbook, tree.name, { pipeline: RULES.revenue, qualified: RULES.deals, web_leads: RULES.leads });
    const api = createServerApi({ workbook: tree.workbook, today: () => JUNE_2026, vocabulary: () => VOCABULARY });
    const { teamSheet } = writeTeamSheet(tree.workbook, VOCABULARY, tree.name);
    const id = tree.workbook.sheetId(teamSheet);
    const columns = tree.workbook.readValues(teamSheet)[0].length;
    tree.workbook.edit(teamSheet, TEAM_ROW.firstPerson, TEAM_COLUMN.allocation, '60000000');

    api.addProcessKpi(tree.name, processKpi({ channelShare: 0.1 }));
    const refreshed = api.refreshTeam(tree.name);
    expect(tree.workbook.sheetId(teamSheet)).toBe(id);
    const keys = tree.workbook.readValues(teamSheet)[TEAM_ROW.keys - 1];
    // The channel's actual, plan and achievement, and, as a stage, its slope, recoverable and score.
    expect(keys.length).toBe(columns + 6);
    const added = refreshed.nodes.find((n) => n.label === 'Referrals')!;
    expect(keys).toContain(`${added.nodeId}:actual`);
    expect(member(refreshed, 'Aiko').allocation).toBe(60_000_000);
    // Web leads from the data (April: 40 + 24 + 20 = 84); the new channel has no data, so the
    // leads they add up to stay blank rather than a partial sum.
    expect(figure(refreshed.total!, 'web_leads').actual).toBe(84);
    expect(figure(refreshed.total!, 'leads').actual).toBeNull();
    expect(figure(refreshed.total!, 'qualified').actual).toBe(18);
  });
});

describe('Apps Script calls', () => {
  /**
   * The calls a generation and a refresh make: over the sample rows plus 20 more people's or
   * Aiko's, and `dated` more dated rows of Aiko's (the owners are read, not the dates).
   */
  function calls(extra: number, dated = 0) {
    const people = Array.from(
      { length: 20 },
      (_, i) => ['2026-04-05', i < extra ? `Person ${i + 1}` : 'Aiko', 'Visit', 10 + i, ''] as const,
    );
    const more = Array.from({ length: dated }, (_, i) => [`2026-0${4 + (i % 6)}-1${i % 10}`, 'Aiko', 'Lead', 1, ''] as const);
    const tree = TreeSheet.build({ kgi: KGI }, JUNE_2026);
    addDataSheet(tree.workbook, [...ROWS, ...people, ...more]);
    linkAll(tree.workbook, tree.name);
    const start = tree.workbook.calls.length;
    const status = writeTeamSheet(tree.workbook, VOCABULARY, tree.name);
    const generated = tree.workbook.calls.slice(start);
    const again = tree.workbook.calls.length;
    writeTeamSheet(tree.workbook, VOCABULARY, tree.name);
    return { people: status.people.length, generated, refreshed: tree.workbook.calls.slice(again) };
  }

  it('are batched: the same calls for 3 people as for 23', () => {
    const few = calls(0);
    const many = calls(20);
    expect([few.people, many.people]).toEqual([3, 23]);
    expect(many.generated).toEqual(few.generated);
    expect(many.refreshed).toEqual(few.refreshed);
    // One write per property, not per row or cell.
    expect(few.generated.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    console.log(`Team sheet: ${few.generated.length} Apps Script calls to generate, ${few.refreshed.length} to refresh`);
  });

  it('do not grow with the data: the same calls over 3,000 more dated rows (no Utilities.formatDate per date)', () => {
    const small = calls(0);
    const large = calls(0, 3000);
    expect(large.generated).toEqual(small.generated);
    expect(large.refreshed).toEqual(small.refreshed);
    const dates = large.generated.filter((c) => c === 'Utilities.formatDate').length;
    console.log(
      `Team sheet over ${ROWS.length + 20 + 3000} data rows: ${large.generated.length} calls, ${dates} of them Utilities.formatDate`,
    );
  });
});
