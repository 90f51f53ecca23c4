/**
 * Linking a KPI's actuals to a data sheet from the sidebar, in English and in Japanese, at the
 * sidebar's real width: preview what the rule finds month by month, link (the sheet's cells fill
 * themselves), a rate refused with its reason, and unlink (the values stay, typed again).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyText } from './support/eventually';
import { nodeValue } from './support/grid';
import { dataAndTree, preview, sidebar, usePreview } from './support/preview';

/** FY2025 from April, looked at in mid-July: April 3 deals qualified or won, May 1, June 1. */
const ROWS = [
  ['D1', '2025-04-03', 'Qualified'],
  ['D2', '2025-04-20', 'Won'],
  ['D3', '2025-04-30', 'Qualified'],
  ['D4', '2025-05-02', 'Lost'],
  ['D5', '2025-05-09', 'Qualified'],
  ['D6', '2025-06-10', 'Won'],
];

const LANGS = [
  {
    lang: 'en',
    tree: 'New business',
    data: 'Deals',
    headers: ['Deal', 'Created', 'Stage'],
    stages: { Qualified: 'Qualified', Won: 'Won', Lost: 'Lost' },
    values: 'Qualified, Won',
    rate: 'A rate follows from its counts: link the counts instead.',
    matched: '5 matching rows; latest date 2025-06-10.',
    noRows: 'no rows',
    rowsHead: 'Rows',
    linked: 'Linked Deals to Deals.',
    listed: 'Deals ← Deals: latest 2025-06-10',
    noMatch: /The rule matches no row of "Deals": no row has Stage = Qualifed/,
    unlinked: 'Unlinked Deals: its actuals are typed again.',
  },
  {
    lang: 'ja',
    tree: '新規開拓営業',
    data: '商談',
    headers: ['商談ID', '作成日', 'ステージ'],
    stages: { Qualified: '商談化', Won: '受注', Lost: '失注' },
    values: '商談化、受注',
    rate: '率は件数から計算されます。元の件数を連携してください。',
    matched: '条件に合う行 5 件、最新の日付 2025-06-10。',
    noRows: '行なし',
    rowsHead: '件数',
    linked: '商談数を「商談」に連携しました。',
    listed: '商談数 ← 商談: 最新 2025-06-10',
    noMatch: /この条件に合う行が「商談」にありません（ステージ = Qualifed）/,
    unlinked: '商談数の連携を解除しました。実績は手入力に戻りました。',
  },
] as const;

describe.each(LANGS)('linking a KPI to data ($lang)', (t) => {
  usePreview();

  beforeAll(async () => {
    const rows = ROWS.map(([id, date, stage]) => [id, date, t.stages[stage as keyof typeof t.stages]]);
    await dataAndTree(t.lang, t.data, [t.headers, ...rows], t.tree);
    await sidebar.locator('#link-data summary').click();
  });

  const deals = (month: number) => nodeValue(preview.workbook.view(t.tree), 'deals', `actual_${month}`);

  it('refuses a rate with its reason, before anything is sent', async () => {
    await sidebar.locator('#link-node').selectOption('win_rate');
    await eventuallyText(sidebar.locator('#link-node-err'), t.rate);
    expect(await sidebar.locator('#link-apply').isDisabled()).toBe(true);
  });

  it('previews the counts per month, then links: the sheet fills itself', async () => {
    await sidebar.locator('#link-node').selectOption('deals');
    expect(await sidebar.locator('#link-apply').isDisabled()).toBe(false);
    await sidebar.locator('#link-sheet').selectOption(t.data);
    await sidebar.locator('#link-date').selectOption(t.headers[1]);
    await sidebar.locator('#link-column-1').selectOption(t.headers[2]);
    await sidebar.locator('#link-values-1').fill('Qualifed');
    await sidebar.locator('#link-preview').click();
    await eventuallyText(sidebar.locator('#link-values-1-err'), t.noMatch);

    await sidebar.locator('#link-values-1').fill(t.values);
    await sidebar.locator('#link-preview').click();
    await eventuallyText(sidebar.locator('#link-matched'), t.matched);
    const rows = await sidebar.locator('#link-months tr').allInnerTexts();
    expect(rows.slice(0, 4).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '2025-04 3',
      '2025-05 1',
      '2025-06 1',
      `2025-07 ${t.noRows}`,
    ]);
    expect(await sidebar.locator('#link-found-head').innerText()).toBe(t.rowsHead);
    await sidebar.locator('#link-data').screenshot({ path: join(tmpdir(), `kpi-link-${t.lang}.png`) });

    await sidebar.locator('#link-apply').click();
    await eventuallyText(sidebar.locator('#link-result'), t.linked);
    expect([deals(1), deals(2), deals(3), deals(4)]).toEqual([3, 1, 1, '']);
    await eventuallyText(sidebar.locator('#link-list li').first(), new RegExp(t.listed.replace(/[()]/g, '\\$&')));
    expect(await sidebar.locator('#link-unlink').isVisible()).toBe(true);
    // The data moves on: the tree follows without the add-on.
    preview.workbook.edit(t.data, 5, 3, t.stages.Won);
    expect(deals(2)).toBe(2);
  });

  it('labels every control of the section, within the sidebar width', async () => {
    const unlabelled = await sidebar
      .locator('#link-data')
      .locator('input, select')
      .evaluateAll((controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id));
    expect(unlabelled).toEqual([]);
    const width = await sidebar.locator('#link-data').evaluate((node) => node.scrollWidth <= node.clientWidth);
    expect(width).toBe(true);
  });

  it('unlinks: the cells keep the values they showed, typed again', async () => {
    await sidebar.locator('#link-unlink').click();
    await eventuallyText(sidebar.locator('#link-result'), t.unlinked);
    expect([deals(1), deals(2), deals(3)]).toEqual([3, 2, 1]);
    preview.workbook.edit(t.data, 2, 3, t.stages.Lost);
    expect(deals(1)).toBe(3);
  });
});
