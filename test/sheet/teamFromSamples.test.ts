/**
 * The whole path with the preview's sample exports (build/preview/samples/): a file read as the
 * sidebar reads it, imported by the real import functions, the new-business tree's counts and
 * money linked to it by the real linkNode, then the tree's months, the Team sheet's per-person
 * actuals and each person's bottleneck, all filled by the sheets' own formulas, against figures
 * worked out here from the file's raw text by a small filter of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, records } from '../../sidebar/client/dataImport';
import type { Lang } from '../../src/core/i18n';
import { monthKey } from '../../src/core/sheet/schema';
import { templateById } from '../../src/core/templates';
import { VOCABULARY } from '../../src/core/vocabulary';
import type { LinkRule, TeamMember, TeamStatus } from '../../src/rpc';
import { createServerApi } from '../../src/server/api';
import { importFile } from '../support/importFile';
import { TreeSheet } from '../support/treeSheet';

const SAMPLES = join(__dirname, '../../build/preview/samples');
/** FY2025 (the samples' year, April 2025 to March 2026) is over: every month is due. */
const APRIL_2026 = new Date(2026, 3, 15);
const KGI = 300_000_000;

interface Sample {
  readonly lang: Lang;
  readonly locale: string;
  readonly file: string;
  readonly owner: string;
  readonly stage: string;
  readonly amount: string;
  /** The date each node counts by. */
  readonly created: string;
  readonly closed: string;
  readonly won: string;
  /** Stages of a deal past its first meeting. */
  readonly deals: readonly string[];
  /** A date of the file's own text as `yyyy-mm` (the filter's own reading, not the importer's). */
  readonly month: (text: string) => string;
  /** One person's year worked out by hand (see the comment of each case). */
  readonly worked: { readonly name: string; readonly figures: readonly number[]; readonly stage: string; readonly recoverable: number };
}

const SAMPLE_CASES: readonly Sample[] = [
  {
    lang: 'en',
    locale: 'en_US',
    file: 'hubspot-deals.csv',
    owner: 'Deal owner',
    stage: 'Deal Stage',
    amount: 'Amount',
    created: 'Create date',
    closed: 'Close date',
    won: 'Closed won',
    deals: ['Qualified to buy', 'Presentation scheduled', 'Decision maker bought-in', 'Contract sent', 'Closed won', 'Closed lost'],
    month: (text) => text.slice(0, 7), // 2026-03-01 10:25
    // Sota Ito: 71 leads, 56 deals, 8 orders for ¥20,630,000, a deal size of ¥2,578,750 (above
    // ¥2m: 0 to recover); deal rate 56 ÷ 71 is above 20% (0); win rate 8 ÷ 56 against 30%:
    // (0.3 × 56 − 8) × ¥2,578,750 = 8.8 × ¥2,578,750 = ¥22,693,000. Stuck at the win rate.
    worked: { name: 'Sota Ito', figures: [71, 56, 8, 20_630_000], stage: 'win_rate', recoverable: 22_693_000 },
  },
  {
    lang: 'ja',
    locale: 'ja_JP',
    file: 'excel-sjis-deals.csv',
    owner: '担当者',
    stage: 'ステージ',
    amount: '金額',
    created: '日付',
    closed: '日付',
    won: '受注',
    deals: ['商談', '提案', '受注', '失注'],
    month: (text) => {
      const [y, m] = text.split('/'); // 2025/4/12
      return `${y}-${m.padStart(2, '0')}`;
    },
    // 田中 葵: 27 leads, 20 deals, 2 orders for ¥2,280,000, a deal size of ¥1,140,000:
    // deal size back at ¥2m recovers (2,000,000 − 1,140,000) × 2 = ¥1,720,000; win rate 2 ÷ 20
    // back at 30%: (0.3 × 20 − 2) × ¥1,140,000 = 4 × ¥1,140,000 = ¥4,560,000, more. Stuck at the win rate.
    // (佐藤 陽翔 is ahead everywhere — 16 ÷ 20 deals, 5 ÷ 16 wins, ¥3.4m a deal — so no stage is named.)
    worked: { name: '田中 葵', figures: [27, 20, 2, 2_280_000], stage: 'win_rate', recoverable: 4_560_000 },
  },
];

const member = (status: TeamStatus, name: string): TeamMember => status.people.find((p) => p.name === name)!;
const actual = (m: TeamMember, id: string) => m.figures.find((f) => f.nodeId === id)!.actual;

describe.each(SAMPLE_CASES)('a sample export fills the tree and its Team sheet ($file)', (c) => {
  // The file as the sidebar reads it (Shift_JIS decoded), imported as the sidebar sends it.
  const bytes = new Uint8Array(readFileSync(join(SAMPLES, c.file)));
  const tree = TreeSheet.build({ lang: c.lang, kgi: KGI, fiscalYear: 2025 }, APRIL_2026, c.locale);
  const api = createServerApi({ workbook: tree.workbook, today: () => APRIL_2026, vocabulary: () => VOCABULARY });
  importFile(api, c.file, bytes);

  // Leads: every deal by the day it was made; deals: those past the first stage; orders and revenue: wins by their close.
  const rule = (date: string, stages: readonly string[], amount: string | null = null): LinkRule => ({
    sheet: 'Deals',
    date,
    conditions: stages.length > 0 ? [{ column: c.stage, values: [...stages] }] : [],
    amount,
    owner: c.owner,
  });
  const rules: Record<string, LinkRule> = {
    leads: rule(c.created, []),
    deals: rule(c.created, c.deals),
    orders: rule(c.closed, [c.won]),
    revenue: rule(c.closed, [c.won], c.amount),
  };
  for (const [nodeId, r] of Object.entries(rules)) api.linkNode(tree.name, nodeId, r);

  // The filter of this test: the file's own text, split into fields, nothing typed.
  const [header, ...rows] = records(decode(bytes, c.file).text).filter((r) => r.some((v) => v !== ''));
  const at = (row: readonly string[], column: string) => row[header.indexOf(column)];
  const yen = (text: string) => Number(text.replace(/[^\d]/g, ''));
  const matching = (id: string, owner: string | null, month: string | null) =>
    rows.filter((row) => {
      const r = rules[id];
      const date = c.month(at(row, r.date));
      return (
        (owner === null || at(row, c.owner) === owner) &&
        (month === null || date === month) &&
        date >= '2025-04' &&
        date <= '2026-03' &&
        r.conditions.every((k) => k.values.includes(at(row, k.column)))
      );
    });
  const count = (id: string, owner: string | null = null, month: string | null = null) =>
    id === 'revenue' ? matching(id, owner, month).reduce((sum, row) => sum + yen(at(row, c.amount)), 0) : matching(id, owner, month).length;
  const owners = [...new Set(rows.map((row) => at(row, c.owner)))];

  it("fills the tree's monthly actuals from the data", () => {
    // October (fiscal month 7) and March (month 12), the whole team's (the rows' Owner cells are blank).
    for (const [m, month] of [
      [7, '2025-10'],
      [12, '2026-03'],
    ] as const) {
      for (const id of Object.keys(rules))
        expect([id, month, tree.value(id, monthKey('actual', m))]).toEqual([id, month, count(id, null, month)]);
    }
    expect(count('orders', null, '2025-10')).toBeGreaterThan(0);
  });

  it("generates the Team sheet from the links: each person's year by stage, and their own bottleneck", () => {
    expect(api.getTeam(tree.name)).toBeNull();
    tree.setting('period', VOCABULARY.words[c.lang].ytd);
    const generated = api.refreshTeam(tree.name);
    expect(generated.people.map((p) => p.name).sort()).toEqual([...owners].sort());
    const s = api.splitTeamEvenly(tree.name);
    for (const name of owners) {
      const m = member(s, name);
      expect([name, ...['leads', 'deals', 'orders', 'revenue'].map((id) => actual(m, id))]).toEqual([
        name,
        ...['leads', 'deals', 'orders', 'revenue'].map((id) => count(id, name)),
      ]);
    }
    expect(['leads', 'orders', 'revenue'].map((id) => actual(s.total!, id))).toEqual(['leads', 'orders', 'revenue'].map((id) => count(id)));

    const w = member(s, c.worked.name);
    expect(['leads', 'deals', 'orders', 'revenue'].map((id) => actual(w, id))).toEqual(c.worked.figures);
    expect(w.bottleneck?.nodeId).toBe(c.worked.stage);
    expect(w.recoverable).toBeCloseTo(c.worked.recoverable, 2);
    if (c.lang === 'ja') expect(member(s, '佐藤 陽翔').bottleneck).toBeNull();

    // Each person's bottleneck by the same rule, among the stages the data gives (visits and the lead
    // rate have none): restoring a stage alone to plan recovers
    //   deal size  (¥2,000,000 − revenue ÷ orders) × orders
    //   win rate   (30% − orders ÷ deals) × deals × deal size
    //   deal rate  (20% − deals ÷ leads) × leads × win rate × deal size
    // (none below 0); a rate of 0 against its plan (no order) comes first whatever it recovers;
    // nothing to recover names no stage.
    const label = (id: string) => templateById('new_business')!.nodes.find((n) => n.id === id)!.label[c.lang];
    for (const name of owners) {
      const [leads, deals, orders, revenue] = ['leads', 'deals', 'orders', 'revenue'].map((id) => count(id, name));
      const size = revenue / orders;
      const recovers: [string, number][] = [
        ['deal_size', Math.max(0, (2_000_000 - size) * orders)],
        ['win_rate', Math.max(0, (0.3 - orders / deals) * deals * size)],
        ['deal_rate', Math.max(0, (0.2 - deals / leads) * leads * (orders / deals) * size)],
      ];
      const [stage, recoverable] = orders === 0 ? ['win_rate', null] : recovers.reduce((a, b) => (b[1] > a[1] ? b : a));
      const m = member(s, name);
      const named = recoverable === 0 ? null : { nodeId: stage, label: label(stage) };
      expect([name, m.bottleneck]).toEqual([name, named]);
      if (recoverable !== null) expect(m.recoverable ?? 0).toBeCloseTo(recoverable, 2);
    }
  });
});
