/**
 * Data beyond a tab: the same deals as a warehouse summarises them (build/preview/samples/
 * warehouse-summary*.csv, one row per month × stage × owner with counts and amounts), imported by
 * the real import and linked by the real linkNode with its month column as the date column and
 * its count column summed, fill the tree and the Team sheet exactly as the raw rows do; with the
 * month written as a first day (2025-04-01) or as month text (2025-04, 2025年4月). A few figures
 * are also added up here from the summary's own text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../src/core/i18n';
import { monthKey } from '../../src/core/sheet/schema';
import { templateById } from '../../src/core/templates';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { LinkRule, TeamStatus } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { importFile } from '../support/importFile';
import { TreeSheet } from '../support/treeSheet';

const SAMPLES = join(__dirname, '../../build/preview/samples');
/** FY2025 (the samples' year, April 2025 to March 2026) is over: every month is due. */
const APRIL_2026 = new Date(2026, 3, 15);
const KGI = 300_000_000;
const NODES = ['leads', 'deals', 'orders', 'revenue'] as const;
type Node = (typeof NODES)[number];
/** A node's rule: its date column, the stages it counts, the column it sums (null: count rows). */
type Rule = readonly [date: string, stages: readonly string[], sum: string | null];

interface Sample {
  readonly lang: Lang;
  readonly locale: string;
  readonly raw: string;
  readonly summary: string;
  readonly stage: string;
  readonly owner: string;
  /** The raw export's rules, as test/sheet/teamFromSamples.test.ts links them. */
  readonly rawRules: Readonly<Record<Node, Rule>>;
  /** The same counts from the summary: its month column, the same stages, a count or amount column summed. */
  readonly summaryRules: Readonly<Record<Node, Rule>>;
  /** How a warehouse may write the month instead of its first day: 2025-04-01 → 2025-04. */
  readonly monthText: (firstDay: string) => string;
  /** One person's year as test/sheet/teamFromSamples.test.ts works it out from the raw rows. */
  readonly worked: { readonly name: string; readonly figures: readonly number[] };
}

/** The HubSpot stages of a deal past its first meeting. */
const DEALS = ['Qualified to buy', 'Presentation scheduled', 'Decision maker bought-in', 'Contract sent', 'Closed won', 'Closed lost'];

const CASES: readonly Sample[] = [
  {
    lang: 'en',
    locale: 'en_US',
    raw: 'hubspot-deals.csv',
    summary: 'warehouse-summary.csv',
    stage: 'Deal Stage',
    owner: 'Deal owner',
    rawRules: {
      leads: ['Create date', [], null],
      deals: ['Create date', DEALS, null],
      orders: ['Close date', ['Closed won'], null],
      revenue: ['Close date', ['Closed won'], 'Amount'],
    },
    summaryRules: {
      leads: ['Month', [], 'Deals created'],
      deals: ['Month', DEALS, 'Deals created'],
      orders: ['Month', ['Closed won'], 'Deals by close date'],
      revenue: ['Month', ['Closed won'], 'Amount by close date'],
    },
    monthText: (day) => day.slice(0, 7),
    // 71 leads, 56 deals, 8 orders for ¥20,630,000.
    worked: { name: 'Sota Ito', figures: [71, 56, 8, 20_630_000] },
  },
  {
    lang: 'ja',
    locale: 'ja_JP',
    raw: 'excel-sjis-deals.csv',
    summary: 'warehouse-summary-ja.csv',
    stage: 'ステージ',
    owner: '担当者',
    rawRules: {
      leads: ['日付', [], null],
      deals: ['日付', ['商談', '提案', '受注', '失注'], null],
      orders: ['日付', ['受注'], null],
      revenue: ['日付', ['受注'], '金額'],
    },
    summaryRules: {
      leads: ['月', [], '件数'],
      deals: ['月', ['商談', '提案', '受注', '失注'], '件数'],
      orders: ['月', ['受注'], '件数'],
      revenue: ['月', ['受注'], '金額'],
    },
    monthText: (day) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月`,
    // 27 leads, 20 deals, 2 orders for ¥2,280,000.
    worked: { name: '田中 葵', figures: [27, 20, 2, 2_280_000] },
  },
];

/** A new-business tree for FY2025 with `bytes` imported as the sheet "Deals" and the four nodes linked to it. */
function linkedTree(c: Sample, file: string, bytes: Uint8Array, rules: Readonly<Record<Node, Rule>>) {
  const tree = TreeSheet.build({ lang: c.lang, kgi: KGI, fiscalYear: 2025 }, APRIL_2026, c.locale);
  const api = createServerApi({ workbook: tree.workbook, today: () => APRIL_2026, vocabulary: () => VOCABULARY });
  const table = importFile(api, file, bytes);
  for (const id of NODES) {
    const [date, stages, amount] = rules[id];
    const rule: LinkRule = {
      sheet: 'Deals',
      date,
      conditions: stages.length > 0 ? [{ column: c.stage, values: [...stages] }] : [],
      amount,
      owner: c.owner,
    };
    api.linkNode(tree.name, id, rule);
  }
  return { tree, api, types: table.types };
}

/** Every node's twelve monthly actuals, as the tree's cells show them (the sheet read once). */
function months(tree: TreeSheet) {
  const values = tree.workbook.readValues(tree.name);
  const columns = Array.from({ length: 12 }, (_, m) => tree.columnOf(monthKey('actual', m + 1)));
  return templateById('new_business')!.nodes.map((n) => [n.id, columns.map((column) => values[tree.rowOf(n.id) - 1][column - 1])]);
}

/**
 * The Team sheet for the tree's period `period`, generated once and split evenly; its people in
 * name order (the sheet lists them in the order the data first names them, which differs).
 */
function team(tree: TreeSheet, api: ReturnType<typeof createServerApi>, period: string): TeamStatus {
  tree.setting('period', period);
  if (api.getTeam(tree.name) === null) {
    api.refreshTeam(tree.name);
    api.splitTeamEvenly(tree.name);
  }
  const status = api.getTeam(tree.name)!;
  return { ...status, people: [...status.people].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

describe.each(CASES)('a warehouse summary of the sample deals fills the tree as the raw rows do ($summary)', (c) => {
  const raw = linkedTree(c, c.raw, new Uint8Array(readFileSync(join(SAMPLES, c.raw))), c.rawRules);
  const summaryText = readFileSync(join(SAMPLES, c.summary), 'utf8');

  describe.each([
    ['its first day', (text: string) => text],
    ['month text', (text: string) => text.replace(/^(\d{4}-\d{2}-01),/gm, (_, day: string) => `${c.monthText(day)},`)],
  ])('the month written as %s', (_form, write) => {
    const text = write(summaryText);
    const summary = linkedTree(c, c.summary, new TextEncoder().encode(text), c.summaryRules);

    // The summary's own text, split at commas (it quotes nothing), added up by a filter of this test.
    const [header, ...rows] = text
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const at = (row: readonly string[], column: string) => row[header.indexOf(column)];
    const monthOf = (cell: string) => {
      const [, year, month] = /^(\d{4})(?:-(\d{2})(?:-01)?|年(\d{1,2})月)$/.exec(cell)!.filter((part) => part !== undefined);
      return `${year}-${month.padStart(2, '0')}`;
    };
    const total = (id: Node, owner: string | null, month: string | null) => {
      const [date, stages, sum] = c.summaryRules[id];
      return rows
        .filter(
          (row) =>
            (owner === null || at(row, c.owner) === owner) &&
            (month === null || monthOf(at(row, date)) === month) &&
            (stages.length === 0 || stages.includes(at(row, c.stage))),
        )
        .reduce((added, row) => added + Number(at(row, sum!)), 0);
    };

    it('imports the month column as dates', () => {
      expect(summary.types).toEqual(
        c.lang === 'en' ? ['date', 'text', 'text', 'whole', 'whole', 'whole'] : ['date', 'text', 'text', 'whole', 'whole'],
      );
    });

    it("gives every node's twelve monthly actuals the raw rows give, rates included", () => {
      expect(months(summary.tree)).toEqual(months(raw.tree));
      // October (fiscal month 7) and March (month 12) added up from the summary's text.
      for (const [m, month] of [
        [7, '2025-10'],
        [12, '2026-03'],
      ] as const) {
        for (const id of NODES)
          expect([id, month, summary.tree.value(id, monthKey('actual', m))]).toEqual([id, month, total(id, null, month)]);
      }
      expect(total('orders', null, '2025-10')).toBeGreaterThan(0);
    });

    it("gives the Team sheet's per-person figures and bottlenecks the raw rows give, for the year and for one month", () => {
      const year = team(summary.tree, summary.api, VOCABULARY.words[c.lang].ytd);
      expect(year).toEqual(team(raw.tree, raw.api, VOCABULARY.words[c.lang].ytd));
      expect(year.people.some((p) => p.bottleneck !== null)).toBe(true);
      // The worked person's year, the same from the summary's text as from the raw rows by hand.
      const w = year.people.find((p) => p.name === c.worked.name)!;
      expect(NODES.map((id) => total(id, c.worked.name, null))).toEqual(c.worked.figures);
      expect(NODES.map((id) => w.figures.find((f) => f.nodeId === id)!.actual)).toEqual(c.worked.figures);
      for (const p of year.people)
        expect([p.name, ...NODES.map((id) => p.figures.find((f) => f.nodeId === id)!.actual)]).toEqual([
          p.name,
          ...NODES.map((id) => total(id, p.name, null)),
        ]);

      const october = team(summary.tree, summary.api, '2025-10');
      expect(october).toEqual(team(raw.tree, raw.api, '2025-10'));
      expect(october).not.toEqual(year);
    });
  });
});
