/**
 * Owner protection for a team: all or nothing, on Sheets' own rules for who may change a
 * protection (the strict fake enforces canEdit, the owner and the current user never removed,
 * and the Google Group rule).
 */

import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';

import { VOCABULARY } from '../../src/core/vocabulary';
import { createServerApi } from '../../src/server/api';
import { buildTreeSheet } from '../../src/server/build';
import { refusal } from '../support/refusal';
import { NOV_2026, request, TreeSheet } from '../support/treeSheet';

const apiFor = (sheet: TreeSheet) => createServerApi({ workbook: sheet.workbook, today: () => NOV_2026, vocabulary: () => VOCABULARY });

const rangeProtections = (sheet: TreeSheet) => sheet.workbook.sheets.protections(sheet.name).filter((p) => p.type === 'RANGE');

/** A tree whose Orders, Deals and Leads rows have owners; the spreadsheet is owner@example.com's. */
function ownedTree(options: ConstructorParameters<typeof MemoryWorkbook>[0] = {}): TreeSheet {
  const workbook = new MemoryWorkbook(options);
  const { sheetName } = buildTreeSheet(workbook, VOCABULARY, request());
  const sheet = new TreeSheet(workbook, sheetName);
  sheet.type('orders', 'owner', 'sato@example.co.jp');
  sheet.type('win_rate', 'owner', 'sato@example.co.jp');
  sheet.type('deals', 'owner', 'tanaka@example.co.jp');
  sheet.type('leads', 'owner', 'Team West'); // not an email: stays open
  return sheet;
}

describe('owner protection', () => {
  it('protects each owner’s input cells in one protection per block of rows, and says how many rows', () => {
    const sheet = ownedTree();
    expect(apiFor(sheet).setOwnerProtection(sheet.name, true)).toBe(3);
    // Orders and Win rate are adjacent rows of one owner: one protection over their owner, note
    // and plan cells, one over Orders' actuals (a rate's actuals are formulas); Deals has its two.
    const ranges = rangeProtections(sheet);
    expect(ranges).toHaveLength(4);
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('win_rate'), sheet.columnOf('plan_input'))).toContain('sato@example.co.jp');
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('deals'), sheet.columnOf('actual_4'))).toContain('tanaka@example.co.jp');
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('leads'), sheet.columnOf('actual_4'))).toBeNull();
    for (const p of ranges) expect(p.domainEdit).toBe(false);
  });

  it('keeps its state in the sheet’s tag, so the status reads no protection', () => {
    const sheet = ownedTree();
    const api = apiFor(sheet);
    api.setOwnerProtection(sheet.name, true);
    sheet.workbook.sheets.resetCalls();
    expect(api.getTreeStatus(sheet.name).ownerProtection).toBe(true);
    expect(sheet.workbook.calls.filter((c) => c.endsWith('.getProtections'))).toEqual([]);
  });

  it('three people: A owns the spreadsheet, B turns it on, C cannot turn it off and nothing changes', () => {
    const sheet = ownedTree();
    const { sheets } = sheet.workbook;
    const api = apiFor(sheet);
    sheets.as('bob@example.com');
    api.setOwnerProtection(sheet.name, true);
    const before = rangeProtections(sheet);

    sheets.as('carol@example.com');
    const error = refusal(() => api.setOwnerProtection(sheet.name, false));
    expect(error.text.en).toMatch(
      /turned on by someone else: the rows of Orders, Win rate, Deals can be edited only by .*sato@example\.co\.jp.*Nothing was changed.*owner \(owner@example\.com\)/,
    );
    expect(error.text.ja).toMatch(/別のユーザーが設定.*変更は行っていません/);
    expect(rangeProtections(sheet)).toEqual(before);
    expect(api.getTreeStatus(sheet.name).ownerProtection).toBe(true);

    sheets.as(sheets.owner); // the spreadsheet's owner may change every protection
    expect(api.setOwnerProtection(sheet.name, false)).toBe(0);
    expect(rangeProtections(sheet)).toEqual([]);
  });

  it('works for a person whose access comes from a Google Group (added as an editor first)', () => {
    const sheet = ownedTree({ user: 'bob@example.com', userViaGroup: true });
    expect(apiFor(sheet).setOwnerProtection(sheet.name, true)).toBe(3);
    expect(sheet.workbook.editorsAt(sheet.name, sheet.rowOf('orders'), sheet.columnOf('owner'))).toEqual(
      expect.arrayContaining(['bob@example.com', 'sato@example.co.jp']),
    );
  });

  it('turns on completely or not at all: a failure part-way removes what it made and says why', () => {
    const sheet = ownedTree();
    let made = 0;
    sheet.workbook.sheets.beforeCall = (method) => {
      if (method === 'Protection.addEditors' && ++made === 3) throw new Error('Service Spreadsheets failed');
    };
    const error = refusal(() => apiFor(sheet).setOwnerProtection(sheet.name, true));
    sheet.workbook.sheets.beforeCall = null;
    expect(error.text.en).toMatch(/could not be turned on \(Service Spreadsheets failed\)\. Nothing was changed/);
    expect(rangeProtections(sheet)).toEqual([]);
    expect(apiFor(sheet).getTreeStatus(sheet.name).ownerProtection).toBe(false);
  });
});

describe('changes that check they may write before they write', () => {
  it('what-if refuses a planned value in a row protected for someone else, naming the row and who may edit it', () => {
    const sheet = ownedTree();
    const { sheets } = sheet.workbook;
    sheets.as('bob@example.com');
    apiFor(sheet).setOwnerProtection(sheet.name, true);
    sheets.as('carol@example.com');
    sheets.resetCalls();
    const error = refusal(() => apiFor(sheet).applyWhatIf(sheet.name, { inputs: { win_rate: 0.25, deal_rate: 0.3 } }));
    expect(error.text.en).toBe(
      "The rows of Win rate are protected for sato@example.co.jp. Nothing was changed: ask them or the spreadsheet's owner (owner@example.com).",
    );
    expect(error.text.ja).toMatch(/^Win rate の行は sato@example\.co\.jp だけが編集できるよう保護されています。変更は行っていません。/);
    expect(sheet.value('deal_rate', 'plan_input')).toBe(0.2);
    expect(sheets.calls.filter((c) => c === 'Range.setValues')).toEqual([]);
  });

  it('month close refuses before writing when History is protected for others', () => {
    const sheet = ownedTree();
    const { sheets } = sheet.workbook;
    const api = apiFor(sheet);
    api.closeMonth(sheet.name, true);
    // The owner locks History; a manager who is not an editor tries the next close.
    const history = sheets.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('KPI history')!;
    const lock = history.getRange(1, 1, 1000, 13).protect();
    lock.removeEditors(lock.getEditors());
    lock.setDomainEdit(false);
    sheets.as('carol@example.com');
    const period = sheet.setting('period');
    const error = refusal(() => api.closeMonth(sheet.name, true));
    expect(error.text.en).toMatch(/protected.*Nothing was changed/);
    expect(sheet.setting('period')).toBe(period);
  });
});
