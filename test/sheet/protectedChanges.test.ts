/**
 * Protections people set themselves: an update checks up front that it may write the inputs it
 * changes, and a protection that stops a write part-way is said plainly, nothing typed lost.
 */

import { ROW, SETTINGS } from '../../src/core/sheet/schema';
import { VOCABULARY } from '../../src/core/vocabulary';
import { updateTreeSheet } from '../../src/server/update';
import { refusal } from '../support/refusal';
import { TreeSheet } from '../support/treeSheet';

/** The spreadsheet's owner locks a range for themselves alone; then Carol, an editor, works. */
function lockedByOwner(sheet: TreeSheet, row: number, column: number, rows = 1, columns = 1): void {
  const tab = sheet.workbook.sheets.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet.name)!;
  const protection = tab.getRange(row, column, rows, columns).protect();
  protection.removeEditors(protection.getEditors());
  protection.setDomainEdit(false);
  sheet.workbook.sheets.as('carol@example.com');
}

describe('an update and the protections people set', () => {
  it('refuses before writing when an input it changes is protected for others', () => {
    const sheet = TreeSheet.build();
    sheet.type('deals', 'actual_1', '139');
    lockedByOwner(sheet, ROW.settings, SETTINGS.kgi);
    const before = sheet.workbook.sheets.values(sheet.name);
    const error = refusal(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { kgi: 2e9 }));
    expect(error.text.en).toMatch(/protected.*Nothing was changed/);
    expect(error.text.ja).toMatch(/保護.*変更は行っていません/);
    expect(sheet.workbook.sheets.values(sheet.name)).toEqual(before);
  });

  it('says so in the user’s language when a protection stops a write part-way, and keeps what was typed', () => {
    const sheet = TreeSheet.build();
    sheet.type('deals', 'actual_1', '139');
    // The owner locked the status column: another language rewrites the status formulas.
    lockedByOwner(sheet, sheet.rowOf('revenue'), sheet.columnOf('status'), 10, 1);
    const error = refusal(() => updateTreeSheet(sheet.workbook, VOCABULARY, sheet.name, { lang: 'ja' }));
    expect(error.text.en).toMatch(
      /^A protection someone set on this spreadsheet stopped the change: ".*protected cell.*" Nothing you or others typed was lost/,
    );
    expect(error.text.ja).toMatch(/保護により変更が止まりました/);
    expect(sheet.value('deals', 'actual_1')).toBe(139);
  });
});
