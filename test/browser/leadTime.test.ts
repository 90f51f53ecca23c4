/**
 * A lead time from the sidebar, in English and in Japanese, at the sidebar's real width: the
 * catalogue's proposal-to-contract KPI added beside the tree, linked as "median days between two
 * dates", previewed month by month in days, and the sheet's cells filling themselves.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyText } from './support/eventually';
import { nodeValue } from './support/grid';
import { dataAndTree, preview, sidebar, usePreview } from './support/preview';

/**
 * FY2025 from April, proposal and contract dates. April, won: 10, 20 and 31 days → median 20;
 * May: 4 and 13 → 8.5 (D5 is lost, D6 has no proposal date: both left out).
 */
const ROWS = [
  ['D1', '2025-03-25', '2025-04-04', 'Won'],
  ['D2', '2025-04-01', '2025-04-21', 'Won'],
  ['D3', '2025-03-30', '2025-04-30', 'Won'],
  ['D4', '2025-04-28', '2025-05-02', 'Won'],
  ['D5', '2025-05-01', '2025-05-03', 'Lost'],
  ['D6', '', '2025-05-10', 'Won'],
  ['D7', '2025-05-01', '2025-05-14', 'Won'],
];

const LANGS = [
  {
    lang: 'en',
    tree: 'New business',
    data: 'Deals',
    headers: ['Deal', 'Proposal date', 'Contract date', 'Stage'],
    stages: { Won: 'Won', Lost: 'Lost' },
    added: 'Added “Lead time: proposal to contract” under Orders.',
    days: ['2025-04 20 days', '2025-05 8.5 days', '2025-06 no rows'],
    daysHead: 'Median days',
    levelTarget: 'Target (each month)',
    linked: 'Linked Lead time: proposal to contract to Deals.',
    rule: 'median whole days from Proposal date to Contract date over rows of "Deals"',
  },
  {
    lang: 'ja',
    tree: '新規開拓営業',
    data: '商談',
    headers: ['商談ID', '提案日', '契約日', 'ステージ'],
    stages: { Won: '受注', Lost: '失注' },
    added: '「リードタイム（提案から契約まで）」を「受注件数」の下に追加しました。',
    days: ['2025-04 20日', '2025-05 8.5日', '2025-06 行なし'],
    daysHead: '日数の中央値',
    levelTarget: '目標（毎月）',
    linked: 'リードタイム（提案から契約まで）を「商談」に連携しました。',
    rule: '「商談」の行の提案日から契約日までの日数（整数）の中央値',
  },
] as const;

describe.each(LANGS)('a lead time linked to data ($lang)', (t) => {
  usePreview();

  beforeAll(async () => {
    const rows = ROWS.map(([id, from, to, stage]) => [id, from, to, t.stages[stage as keyof typeof t.stages]]);
    await dataAndTree(t.lang, t.data, [t.headers, ...rows], t.tree);
  });

  const leadTime = (month: number) => nodeValue(preview.workbook.view(t.tree), 'kpi_1', `actual_${month}`);

  it('adds the catalogue’s lead time beside the tree', async () => {
    await sidebar.locator('#add-kpi summary').click();
    await sidebar.locator('#kpi-group').selectOption('closing');
    await sidebar.locator('#kpi-pick').selectOption('proposal_to_contract_days');
    expect(await sidebar.locator('#kpi-lower').isChecked()).toBe(true);
    // Days are a level: the target holds each month, and the field says so.
    expect(await sidebar.locator('#kpi-plan-label').innerText()).toBe(t.levelTarget);
    await sidebar.locator('#kpi-parent').selectOption('orders');
    await sidebar.locator('#kpi-plan').fill('30');
    await sidebar.locator('#kpi-add').click();
    await eventuallyText(sidebar.locator('#kpi-result'), t.added);
  });

  it('offers the median days between two dates, previews it in days, and links it', async () => {
    await sidebar.locator('#link-data summary').click();
    await sidebar.locator('#link-node').selectOption('kpi_1');
    await sidebar.locator('#link-sheet').selectOption(t.data);
    expect(await sidebar.locator('#link-start-field').isVisible()).toBe(false);
    await sidebar.locator('#link-amount').selectOption(' lead time');
    expect(await sidebar.locator('#link-start-field').isVisible()).toBe(true);
    await sidebar.locator('#link-date').selectOption(t.headers[2]);
    await sidebar.locator('#link-start').selectOption(t.headers[1]);
    await sidebar.locator('#link-column-1').selectOption(t.headers[3]);
    await sidebar.locator('#link-values-1').fill(t.stages.Won);
    await sidebar.locator('#link-preview').click();
    await eventuallyText(sidebar.locator('#link-months tr').first(), new RegExp(t.days[0].replace(' ', '\\s*')));
    const rows = await sidebar.locator('#link-months tr').allInnerTexts();
    expect(rows.slice(0, 3).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(t.days);
    expect(await sidebar.locator('#link-found-head').innerText()).toBe(t.daysHead);
    const width = await sidebar.locator('#link-data').evaluate((node) => node.scrollWidth <= node.clientWidth);
    expect(width).toBe(true);
    await sidebar.locator('#link-data').screenshot({ path: join(tmpdir(), `kpi-lead-time-${t.lang}.png`) });

    await sidebar.locator('#link-apply').click();
    await eventuallyText(sidebar.locator('#link-result'), t.linked);
    expect([leadTime(1), leadTime(2), leadTime(3)]).toEqual([20, 8.5, '']);
    await eventuallyText(sidebar.locator('#link-list li').first(), new RegExp(t.rule.replace(/[()（）]/g, '.')));
    // The form shows the link again as a lead time.
    expect(await sidebar.locator('#link-amount').inputValue()).toBe(' lead time');
    expect(await sidebar.locator('#link-start').inputValue()).toBe(t.headers[1]);
  });
});
