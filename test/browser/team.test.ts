/**
 * The Team view as a manager meets it, in a real browser beside the preview's spreadsheet, in
 * English and Japanese: a CRM export linked to the new-business tree by the real linkNode (¥1bn,
 * FY2025, the period April to June; test/support/teamData.ts), the Team sheet generated from
 * those links, the KGI split evenly in whole yen, and each person's
 * actual → plan by stage with their own bottleneck, as the Team sheet's formulas computed them.
 * Set TEAM_SCREENSHOTS to a folder to keep the pictures (team-en.png, team-ja.png) there.
 */
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { selectedTab } from '../../build/preview/drive.mjs';
import type { Preview } from '../../build/preview/server';
import { VOCABULARY } from '../../src/core/vocabulary';
import { createServerApi } from '../../src/server/api';
import { addDataSheet, inYear, linkAll, ROWS } from '../support/teamData';
import { eventually, eventuallyInnerText } from './support/eventually';
import { openWithTree } from './support/preview';

const CASES = [
  {
    lang: 'en',
    noAllocation: 'No allocation yet: type it in the Team sheet, or split the KGI evenly.',
    warning: /^The allocations add up to ¥0, not the KGI ¥1,000,000,000/,
    carol: /^Carol\s+Stuck at: Win rate\s+¥[\d,]+ KGI recoverable\s+Allocation: ¥333,333,333 \(33\.3%\)/,
    aikoAllocation: 'Allocation: ¥333,333,334 (33.3%)',
    benVisits: /Visits\s+110 → 1,852\.33 \(5\.9%\)/,
    stuck: 'Stuck at: ',
    total: 'Team total',
  },
  {
    lang: 'ja',
    noAllocation: '配分が未入力です。チームシートに入力するか、KGIを均等に配分してください。',
    warning: /^配分の合計は ¥0 で、KGI ¥1,000,000,000 と一致しません/,
    carol: /^Carol\s+つまずき: 受注率\s+回復できるKGI ¥[\d,]+\s+配分: ¥333,333,333 \(33\.3%\)/,
    aikoAllocation: '配分: ¥333,333,334 (33.3%)',
    benVisits: /訪問数\s+110 → 1,852\.33 \(5\.9%\)/,
    stuck: 'つまずき: ',
    total: 'チーム合計',
  },
] as const;

describe.each(CASES)('the Team view ($lang)', (c) => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  let tree = '';

  beforeAll(async () => {
    ({ preview, browser, page, sidebar, tree } = await openWithTree(c.lang));
    // The export pasted beside the tree, and its counts linked to it as the link form does.
    addDataSheet(preview.workbook, inYear(ROWS, 2025));
    linkAll(preview.workbook, tree);
    await sidebar.locator('#nav-status').click();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  const person = (name: string) => sidebar.locator(`#team-list [data-person="${name}"]`);

  it('says there is no Team sheet yet, creates it from the linked data, and says the allocations do not add up', async () => {
    await sidebar.locator('#team > summary').click();
    await eventuallyInnerText(
      sidebar.locator('#team-list'),
      c.lang === 'en' ? /^No Team sheet for this tree yet\./ : /^このツリーのチームシートはまだありません。/,
    );
    await sidebar.locator('#team-refresh').click();
    await eventually(
      () => sidebar.locator('#team-list h4').allTextContents(),
      (names) => expect(names).toEqual(['Aiko', 'Ben', 'Carol', c.total]),
    );
    await eventuallyInnerText(person('Aiko').locator('.stage'), new RegExp(`^${c.noAllocation}$`));
    await eventuallyInnerText(sidebar.locator('#team-warning'), c.warning);
    await eventually(
      () => selectedTab(page),
      (name) => expect(name).toMatch(c.lang === 'en' ? /^Team · / : /^チーム · /),
    );
  });

  it('splits the KGI evenly in whole yen and names the stage each person is stuck at, as the sheet does', async () => {
    await sidebar.locator('#team-split').click();
    await eventuallyInnerText(person('Carol'), c.carol);
    await eventuallyInnerText(person('Aiko'), new RegExp(c.aikoAllocation.replace(/[()]/g, '\\$&')));
    // The tree's visits are linked too, so its plan covers the months they are entered, April and
    // May (June has no row): 33,340 a year × 2/12 = 5,557; a third of it is 1,852.33, and 110 is 5.9% of it.
    await eventuallyInnerText(person('Ben'), c.benVisits);
    expect(await sidebar.locator('#team-warning').isHidden()).toBe(true);

    // The sidebar says what the Team sheet's own formulas say, person by person.
    const api = createServerApi({ workbook: preview.workbook, today: () => new Date(2025, 6, 15), vocabulary: () => VOCABULARY });
    const sheet = api.getTeam(tree)!;
    for (const member of sheet.people) {
      const headline = await person(member.name).locator('.stage').innerText();
      expect(headline).toBe(member.bottleneck ? `${c.stuck}${member.bottleneck.label}` : expect.any(String));
      const stuck = await person(member.name).locator('dt.team-stuck').allInnerTexts();
      expect(stuck).toEqual(member.bottleneck ? [member.bottleneck.label] : []);
    }
    // The 300 px sidebar keeps every card within its width.
    const widths = await sidebar
      .locator('#team-list .team-member')
      .evaluateAll((cards) => cards.map((card) => card.scrollWidth <= card.clientWidth));
    expect(widths.every(Boolean)).toBe(true);

    const folder = process.env.TEAM_SCREENSHOTS;
    if (folder) {
      await person('Ben').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(folder, `team-${c.lang}.png`) });
    }
  });

  it('shows a new owner’s name as text, never markup, after a refresh keeps everyone’s allocation', async () => {
    const name = '<img src=x onerror="document.title=1">';
    preview.workbook.sheets.edit('CRM export', 40, 1, '2025-05-02');
    preview.workbook.sheets.edit('CRM export', 40, 2, name);
    preview.workbook.sheets.edit('CRM export', 40, 3, 'Visit');
    await sidebar.locator('#team-refresh').click();
    await eventually(
      () => sidebar.locator('#team-list h4').allTextContents(),
      (names) => expect(names).toEqual(['Aiko', 'Ben', 'Carol', name, c.total]),
    );
    expect(await sidebar.locator('#team-list img').count()).toBe(0);
    await eventuallyInnerText(person('Aiko'), new RegExp(c.aikoAllocation.replace(/[()]/g, '\\$&')));
    // The three allocations still add up to the KGI; the newcomer has none yet.
    expect(await sidebar.locator('#team-warning').isHidden()).toBe(true);
    expect(await sidebar.locator('#team-list .team-member').nth(3).locator('.stage').innerText()).toBe(c.noAllocation);
  });
});
