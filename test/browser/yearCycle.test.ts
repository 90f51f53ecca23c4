/**
 * Running the year from the sidebar, in a real browser beside the preview's spreadsheet:
 * closing a month into History, and a what-if recalculated in the page then applied.
 */
import { buildNewBusiness, cellOf, gridCell, selectedTab, sidebarReady, typeInto } from '../../build/preview/drive.mjs';
import { eventually, eventuallyInnerText, eventuallyReads, eventuallyText, eventuallyValue } from './support/eventually';
import { inputCells, nodeCell, nodeValue, showTab, tab } from './support/grid';
import { browser, openSidebarAlone, page, preview, sidebar, unlabelledControls, usePreview } from './support/preview';

let tree = '';
const rpcCalls: string[] = [];

// April to June have ended, so July is the month after the last one due.
usePreview((opened) =>
  opened.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/rpc/')) rpcCalls.push(path.slice(5));
  }),
);

beforeAll(async () => {
  await buildNewBusiness(sidebar);
  tree = (await sidebar.locator('#result-name').textContent()) ?? '';
  await sidebar.locator('#nav-status').click();
});

describe('running the year from the sidebar', () => {
  it('refuses to close a month with blank actuals, closes it when confirmed, and moves the period on', async () => {
    // Built in July: April to June are due but not yet recorded, so April is closed first.
    const close = sidebar.locator('#close-month');
    await eventuallyText(close, 'Close 2025-04');
    await close.click();

    const refused = sidebar.locator('#close-refused');
    await eventuallyInnerText(refused, /2025-04 still has \d+ blank actuals/);
    expect(await refused.innerText()).toMatch(/Deals: 2025-04/);
    expect(preview.workbook.sheetNames()).not.toContain('KPI history');
    // The refusal is said in the user's language too.
    await sidebar.locator('#lang').selectOption('ja');
    await eventuallyInnerText(refused, /2025-04 は実績が \d+ 件未入力です/);
    await sidebar.locator('#lang').selectOption('en');

    await sidebar.locator('#close-anyway').click();
    await eventuallyText(sidebar.locator('#close-result'), 'Closed 2025-04 (revision 1); period is now 2025-04.');
    expect(await refused.isHidden()).toBe(true);
    await eventuallyText(close, 'Close 2025-05');
    // The period shows the month just closed: the one the meeting discusses.
    await eventuallyInnerText(sidebar.locator('#status'), /Period\s+2025-04/);

    // The grid's tabs now show History, and it holds a row per KPI for April.
    await showTab(page, 'KPI history');
    const months = await page.locator('#grid td[data-col="3"]').allTextContents();
    expect(months.filter((m) => m === '2025-04')).toHaveLength(10);
    const kpis = await page.locator('#grid td[data-col="6"]').allTextContents();
    expect(kpis).toEqual(expect.arrayContaining(['Revenue', 'Win rate', 'Deals', 'Proposals']));

    await showTab(page, tree);
  });

  it('recalculates a what-if in the page as the planner types, and writes only the changed cell on apply', async () => {
    await sidebar.locator('#whatif summary').click();
    const winRate = sidebar.locator('#w-win_rate');
    expect(await winRate.inputValue()).toBe('30');
    expect(await sidebar.locator('#w-kgi').inputValue()).toBe('1,000,000,000');
    const out = sidebar.locator('#whatif-out');
    await eventuallyInnerText(out, /Deals\s+1,667 \(no change\)/);

    const before = rpcCalls.length;
    const sheetBefore = inputCells(preview.workbook.view(tree));

    await winRate.fill('130');
    await eventuallyText(sidebar.locator('#w-win_rate-err'), 'Win rate must be more than 0% and at most 100%; you typed 130%.');
    expect(await winRate.getAttribute('aria-invalid')).toBe('true');

    await winRate.fill('25');
    await eventually(
      () => out.innerText(),
      (value) => {
        expect(value).toMatch(/Deals\s+2,000 \(\+333\)/);
        expect(value).toMatch(/New leads\s+10,000 \(\+1,665\)/);
        expect(value).toMatch(/Orders\s+500 \(no change\)/);
      },
    );
    expect(await sidebar.locator('#w-win_rate-err').textContent()).toBe('');
    // All of it in the browser: no server call, and the sheet as it was.
    expect(rpcCalls.slice(before)).toEqual([]);
    expect(inputCells(preview.workbook.view(tree))).toEqual(sheetBefore);

    await sidebar.locator('#whatif-apply').click();
    await eventuallyText(sidebar.locator('#whatif-result'), 'Written to the sheet: Win rate.');
    expect(rpcCalls.slice(before)).toContain('applyWhatIf');

    const after = preview.workbook.view(tree);
    const { row, column } = cellOf(after, 'win_rate', 'plan_input');
    await eventuallyText(gridCell(page, { row, column }), /^25(\.0)?%$/);
    const changed = [...inputCells(after)].filter(([key, value]) => sheetBefore.get(key) !== value).map(([key]) => key);
    expect(changed).toEqual([`${row}:${column}`]);
    expect(await nodeCell(page, after, 'deals', 'annual').textContent()).toBe('2,000');

    // The form now starts from the sheet's new values.
    await eventuallyValue(winRate, '25');
  });

  it('adds a process KPI from the catalogue under the node it feeds', async () => {
    await sidebar.locator('#add-kpi summary').click();
    await sidebar.locator('#kpi-group').selectOption('seminar');
    await sidebar.locator('#kpi-pick').selectOption('registrations');
    await sidebar.locator('#kpi-parent').selectOption('leads');
    await sidebar.locator('#kpi-plan').fill('abc');
    await sidebar.locator('#kpi-add').click();
    await eventuallyText(sidebar.locator('#kpi-plan-err'), 'Annual target must be a count such as 1,200; you typed “abc”.');
    await sidebar.locator('#kpi-plan').fill('1,200');
    await sidebar.locator('#kpi-add').click();
    await eventuallyText(sidebar.locator('#kpi-result'), 'Added “Registrations” under New leads.');
    const view = preview.workbook.view(tree);
    const { row } = cellOf(view, 'kpi_1', 'annual');
    expect(row).toBeGreaterThan(cellOf(view, 'leads', 'annual').row);
  });

  it('starts next fiscal year’s tree and opens it', async () => {
    await sidebar.locator('#next-year summary').click();
    await sidebar.locator('#rollover').click();
    await eventuallyText(sidebar.locator('#rollover-name'), /2026/);
    const next = (await sidebar.locator('#rollover-name').textContent()) ?? '';
    expect(preview.workbook.sheetNames()).toContain(next);
    await tab(page, tree).click();
    await sidebar.locator('#rollover-open').click();
    await eventuallyReads(() => selectedTab(page), next);
  });

  it('filters the lists by owner and protects owners’ rows only when switched on', async () => {
    await showTab(page, tree);
    await typeInto(page, cellOf(preview.workbook.view(tree), 'deals', 'owner'), 'sato@example.co.jp');
    await eventuallyReads(async () => nodeValue(preview.workbook.view(tree), 'deals', 'owner'), 'sato@example.co.jp');

    await sidebar.locator('#refresh').click();
    const filter = sidebar.locator('#owner-filter');
    await eventually(
      () => filter.locator('option').allTextContents(),
      (value) => expect(value).toEqual(['Everyone', 'sato@example.co.jp']),
    );
    await eventuallyInnerText(sidebar.locator('#missing'), /Owner: sato@example\.co\.jp\s+Deals:[\s\S]*No owner\s+Revenue:/);
    await filter.selectOption('sato@example.co.jp');
    await eventually(
      () => sidebar.locator('#missing').innerText(),
      (value) => {
        expect(value).toMatch(/Deals:/);
        expect(value).not.toMatch(/Revenue:|No owner/);
      },
    );

    const protect = sidebar.locator('#owner-protect');
    expect(await protect.isChecked()).toBe(false);
    const actual = cellOf(preview.workbook.view(tree), 'deals', 'actual_5');
    expect(preview.workbook.editorsAt(tree, actual.row, actual.column)).toBeNull();
    await protect.check();
    await eventuallyText(sidebar.locator('#owner-protect-result'), '1 row protected: only its owner edits it.');
    expect(preview.workbook.editorsAt(tree, actual.row, actual.column)).toContain('sato@example.co.jp');
    // The switch shows what the sheet holds, also after a refresh.
    await sidebar.locator('#refresh').click();
    await eventuallyReads(() => protect.isChecked(), true);
    await protect.uncheck();
    await eventuallyText(sidebar.locator('#owner-protect-result'), /Protection removed/);
    expect(preview.workbook.editorsAt(tree, actual.row, actual.column)).toBeNull();
    await filter.selectOption('');
  });

  it('opens on the view a menu item asks for', async () => {
    const opened = await browser.newPage();
    try {
      await openSidebarAlone(opened, preview, 'month');
      await eventuallyReads(() => opened.evaluate(() => document.activeElement?.id), 'close-month');
      expect(await opened.locator('#view-status').isVisible()).toBe(true);
      await openSidebarAlone(opened, preview, 'new');
      expect(await opened.locator('#view-new').isVisible()).toBe(true);
      expect(await opened.locator('#view-status').isVisible()).toBe(false);
    } finally {
      await opened.close();
    }
  });

  it('labels every new control', async () => {
    expect(await unlabelledControls(sidebar)).toEqual([]);
  });

  it('adds a channel that joins the arithmetic when the node adds up channels', async () => {
    // Last, as it reloads the page: a B2B pipeline tree, built as the sidebar would; reopened,
    // the sidebar shows it.
    const response = await fetch(`${preview.url}rpc/buildTree`, {
      method: 'POST',
      body: JSON.stringify([
        { templateId: 'b2b_pipeline', lang: 'en', kgi: 800_000_000, inputs: {}, fiscalYear: 2025, startMonth: 4, seasonality: null },
      ]),
    });
    const pipeline = ((await response.json()) as { value: { sheetName: string } }).value.sheetName;
    await page.reload();
    await sidebarReady(sidebar);
    await eventuallyValue(sidebar.locator('#tree'), pipeline);

    await sidebar.locator('#add-kpi summary').click();
    await sidebar.locator('#kpi-group').selectOption('referral');
    await sidebar.locator('#kpi-pick').selectOption('__custom');
    await sidebar.locator('#kpi-custom').fill('Referral leads');
    await sidebar.locator('#kpi-parent').selectOption('appointments');
    expect(await sidebar.locator('#kpi-channel-field').isHidden()).toBe(true);
    await sidebar.locator('#kpi-parent').selectOption('leads');
    await sidebar.locator('#kpi-channel').check();
    expect(await sidebar.locator('#kpi-plan-field').isHidden()).toBe(true);
    await sidebar.locator('#kpi-share').fill('10');
    await sidebar.locator('#kpi-add').click();
    await eventuallyText(sidebar.locator('#kpi-result'), /Added “Referral leads” under Leads/);
    const view = preview.workbook.view(pipeline);
    const share = (id: string) => nodeValue(view, id, 'plan_input');
    expect(['web_leads', 'seminar_leads', 'exhibition_leads', 'kpi_1'].map(share)).toEqual([0.45, 0.27, 0.18, 0.1]);
  });
});
