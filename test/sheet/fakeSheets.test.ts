/**
 * The Apps Script fake must be as strict as Sheets (../../../shared/platform.md): each test
 * pins one rule, so a double that grows lenient fails here before it hides a bug.
 */
import { createFakeSheets, FakeKilled, type FakeSheets } from '../../build/sheets/spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(options?: Parameters<typeof createFakeSheets>[0]) {
  const fake = createFakeSheets(options);
  const book = fake.services.SpreadsheetApp.getActiveSpreadsheet();
  return { fake, book, app: fake.services.SpreadsheetApp };
}

function withTree(fake: FakeSheets, name = 'Tree'): Sheet {
  return fake.services.SpreadsheetApp.getActiveSpreadsheet().insertSheet(name);
}

describe('strictness and counting', () => {
  it('throws on members it does not model', () => {
    const { book } = setup();
    const sheet = book.getSheets()[0];
    expect(() => (sheet as unknown as { getBandings: () => void }).getBandings()).toThrow('Unexpected use of Sheet.getBandings');
    expect((sheet as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('records every call by method, and not the controller', () => {
    const { fake, book } = setup();
    fake.resetCalls();
    const sheet = book.getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 1, 2).setValues([[1, 2]]);
    fake.edit('Sheet1', 2, 1, '3');
    expect(fake.calls).toEqual(['Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.setValues']);
    expect(fake.countsByMethod()).toEqual({ 'Spreadsheet.getSheetByName': 1, 'Sheet.getRange': 1, 'Range.setValues': 1 });
    expect(fake.callCount()).toBe(3);
  });

  it('kill() stops every further call without changing anything, even cleanup', () => {
    const { fake, book } = setup();
    const sheet = book.getSheetByName('Sheet1')!;
    const lock = fake.services.LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    fake.beforeCall = (method) => {
      if (method === 'Range.setValues') fake.kill();
    };
    const range = sheet.getRange(1, 1);
    expect(() => range.setValues([['x']])).toThrow(FakeKilled);
    expect(() => lock.releaseLock()).toThrow(FakeKilled);
    expect(fake.valueAt('Sheet1', 1, 1)).toBe('');
    // The next run finds the lock free: Apps Script releases it when a run ends.
    fake.beforeCall = null;
    fake.revive();
    expect(fake.services.LockService.getDocumentLock().tryLock(1000)).toBe(true);
  });

  it('beforeCall lets a person type before a write lands', () => {
    const { fake, book } = setup();
    const range = book.getSheetByName('Sheet1')!.getRange(1, 1);
    fake.beforeCall = (method) => {
      if (method === 'Range.setValues') fake.edit('Sheet1', 2, 1, 'typed');
    };
    range.setValues([['written']]);
    expect(fake.values('Sheet1')).toEqual([['written'], ['typed']]);
  });
});

describe('writing cells', () => {
  it('refuses a grid that does not match the range, and ranges outside the sheet', () => {
    const { book } = setup();
    const sheet = book.getSheetByName('Sheet1')!;
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setBackgrounds([['#fff']])).toThrow('The number of columns in the data');
    expect(() => sheet.getRange(1001, 1)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange('Z1:AA1')).toThrow('outside the dimensions of the sheet');
    expect(sheet.getRange('B7:C9').getA1Notation()).toBe('B7:C9');
  });

  it('reads strings as typed: formulas, apostrophes, numbers, percentages and dates', () => {
    const { fake, book } = setup();
    const sheet = book.getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 1, 7).setValues([['=1+1', "'=1+1", '1,234', '-3.5', '30%', '2026-05', 'plain']]);
    const [row] = sheet.getRange(1, 1, 1, 7).getValues();
    expect(row.slice(0, 5)).toEqual([2, '=1+1', 1234, -3.5, 0.3]);
    expect(row[5]).toBeInstanceOf(Date);
    expect(fake.services.Utilities.formatDate(row[5], 'Asia/Tokyo', 'yyyy-MM-dd HH:mm')).toBe('2026-05-01 00:00');
    expect(row[6]).toBe('plain');
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['=1+1', '']]);
  });

  it('keeps a formula written into a plain-text (@) cell as its source text', () => {
    const { fake, book } = setup();
    const range = book.getSheetByName('Sheet1')!.getRange(1, 1);
    range.setNumberFormat('@');
    range.setValue('=SUM(1,2)');
    expect(range.getValues()).toEqual([['=SUM(1,2)']]);
    expect(range.getFormulas()).toEqual([['']]);
    expect(fake.formulaAt('Sheet1', 1, 1)).toBeNull();
  });

  it('reads errors as their text and the data range to the last content', () => {
    const { book } = setup();
    const sheet = book.getSheetByName('Sheet1')!;
    sheet.getRange(3, 2, 1, 2).setValues([['=1/0', '=Nowhere!A1']]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    expect(sheet.getRange(3, 2, 1, 2).getValues()).toEqual([['#DIV/0!', '#REF!']]);
  });
});

describe('sheets', () => {
  it('refuses duplicate names case-insensitively, and bad names', () => {
    const { fake, book } = setup();
    withTree(fake);
    expect(() => book.insertSheet('tree')).toThrow('A sheet with the name "tree" already exists. Please enter another name.');
    expect(() => book.insertSheet('a/b')).toThrow();
    expect(() => book.insertSheet('x'.repeat(101))).toThrow();
    expect(() => book.getSheetByName('Sheet1')!.setName('TREE')).toThrow('already exists');
  });

  it('turns references to a deleted sheet into #REF!, for good', () => {
    const { fake, book } = setup();
    const tree = withTree(fake);
    tree.getRange('B2').setValue(5);
    const other = book.insertSheet('Other');
    other.getRange(1, 1, 1, 2).setValues([["='Tree'!B2", '=SUM(Tree!B1:B3)*2']]);
    book.setNamedRange('Kpi_1', tree.getRange('B2'));
    expect(other.getRange(1, 1, 1, 2).getValues()).toEqual([[5, 10]]);
    book.deleteSheet(tree);
    expect(other.getRange(1, 1, 1, 2).getValues()).toEqual([['#REF!', '#REF!']]);
    expect(book.getNamedRanges()).toEqual([]);
    // A sheet taking the old name later does not bring the references back.
    book.insertSheet('Tree');
    expect(fake.valueAt('Other', 1, 1)).toBe('#REF!');
    expect(() => tree.getName()).toThrow('deleted');
  });

  it('refuses to delete the last sheet', () => {
    const { book } = setup();
    expect(() => book.deleteSheet(book.getSheets()[0])).toThrow();
  });
});

describe('rows and columns', () => {
  it("moves another sheet's reference, properties and anchored ranges with inserted rows", () => {
    const { fake, book } = setup();
    const tree = withTree(fake);
    tree.getRange('B2').setValue(7);
    tree.getRange('B2').setBackground('#ff0000');
    tree.getRange('B2').protect().setDescription('row');
    book.setNamedRange('Kpi_2', tree.getRange('B2'));
    book.insertSheet('Other').getRange('A1').setValue('=Tree!B2');
    tree.insertRowsBefore(1, 2);
    expect(fake.formulaAt('Other', 1, 1)).toBe('=Tree!B4');
    expect(fake.valueAt('Other', 1, 1)).toBe(7);
    expect(fake.backgroundAt('Tree', 4, 2)).toBe('#ff0000');
    expect(fake.protections('Tree')[0].range).toEqual({ row: 4, column: 2, rows: 1, columns: 1 });
    expect(fake.namedRanges()).toEqual([{ name: 'Kpi_2', sheet: 'Tree', range: { row: 4, column: 2, rows: 1, columns: 1 } }]);
    expect(tree.getMaxRows()).toBe(1002);
  });

  it('turns references to a deleted row into #REF!', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    tree.getRange('A1:A3').setValues([[1], [2], ['=A2*10']]);
    tree.deleteRows(2, 1);
    expect(fake.valueAt('Tree', 2, 1)).toBe('#REF!');
  });

  it('moves a row with its formulas following, as a person dragging it', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    tree.getRange('A1:B3').setValues([
      [1, ''],
      [2, ''],
      [3, '=A1'],
    ]);
    fake.moveRow('Tree', 1, 3);
    expect(fake.formulaAt('Tree', 2, 2)).toBe('=A3');
    expect(fake.valueAt('Tree', 3, 1)).toBe(1);
  });
});

describe('protections', () => {
  it('Sheet.protect() returns the existing sheet protection', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    tree.protect().setDescription('first');
    expect(tree.protect().getDescription()).toBe('first');
    expect(fake.protections('Tree')).toHaveLength(1);
  });

  it('setUnprotectedRanges works on a sheet protection only', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    expect(() =>
      tree
        .getRange('A1')
        .protect()
        .setUnprotectedRanges([tree.getRange('B1')]),
    ).toThrow();
    tree.protect().setUnprotectedRanges([tree.getRange('B1:B3')]);
    expect(fake.protections('Tree').find((p) => p.type === 'SHEET')!.unprotected).toEqual([{ row: 1, column: 2, rows: 3, columns: 1 }]);
  });

  it('a non-owner who is not an editor can neither change nor remove a protection, nor write under it', () => {
    const { fake, app } = setup();
    const tree = withTree(fake);
    const protection = tree.getRange('A1:B1').protect();
    protection.setDomainEdit(false);
    fake.as('someone@elsewhere.com');
    const theirs = tree.getProtections(app.ProtectionType.RANGE)[0];
    expect(theirs.canEdit()).toBe(false);
    expect(() => theirs.remove()).toThrow('permission');
    expect(() => theirs.setDescription('mine')).toThrow('permission');
    expect(() => tree.getRange('A1').setValue(1)).toThrow('protected cell');
    expect(() => fake.edit('Tree', 1, 2, '1')).toThrow('protected cell');
    // A warning-only protection lets people type (the warning is a prompt).
    fake.as(fake.owner);
    protection.setWarningOnly(true);
    fake.as('someone@elsewhere.com');
    fake.edit('Tree', 1, 2, '1');
    expect(fake.valueAt('Tree', 1, 2)).toBe(1);
  });

  it('lets same-domain users edit until domain edit is turned off', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    const protection = tree.getRange('A1').protect();
    fake.as('colleague@example.com');
    expect(protection.canEdit()).toBe(true);
    fake.as(fake.owner);
    protection.setDomainEdit(false);
    fake.as('colleague@example.com');
    expect(protection.canEdit()).toBe(false);
  });

  it('removeEditors never removes the owner or the current user', () => {
    const { fake } = setup({ user: 'lead@example.com' });
    const tree = withTree(fake);
    const protection = tree.getRange('A1').protect().addEditors(['ana@example.com']);
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'lead@example.com']);
  });

  it('removing editors throws for a user whose access comes from a group, unless added first', () => {
    const { fake } = setup({ user: 'member@example.com', userViaGroup: true });
    const tree = withTree(fake);
    const protection = tree.getRange('A1').protect();
    expect(protection.getEditors().map((u) => u.getEmail())).not.toContain('member@example.com');
    expect(() => protection.removeEditors(protection.getEditors())).toThrow("can't remove yourself");
    protection.addEditor(fake.services.Session.getEffectiveUser());
    protection.removeEditors(protection.getEditors());
    expect(fake.protections('Tree')[0].editors).toEqual(['owner@example.com', 'member@example.com']);
  });
});

describe('metadata, names, rules and validation', () => {
  it('finds tagged sheets in one finder call', () => {
    const { fake, book } = setup();
    withTree(fake, 'A').addDeveloperMetadata('kpi-tree', 'v1');
    withTree(fake, 'B').addDeveloperMetadata('kpi-tree', 'v2');
    fake.resetCalls();
    const found = book.createDeveloperMetadataFinder().withKey('kpi-tree').find();
    expect(found.map((m) => [m.getLocation().getSheet()?.getName(), m.getValue()])).toEqual([
      ['A', 'v1'],
      ['B', 'v2'],
    ]);
    expect(fake.countsByMethod()['DeveloperMetadataFinder.find']).toBe(1);
  });

  it('setNamedRange with an existing name throws: code must re-point it with NamedRange.setRange', () => {
    const { fake, book } = setup();
    const tree = withTree(fake);
    book.setNamedRange('Kpi_3', tree.getRange('A1'));
    expect(() => book.setNamedRange('kpi_3', tree.getRange('A2'))).toThrow('already exists');
    book.getNamedRanges()[0].setRange(tree.getRange('A2'));
    expect(book.getRangeByName('Kpi_3')!.getA1Notation()).toBe('A2');
  });

  it('keeps conditional rules on their own sheet and colours the view with the first rule that holds', () => {
    const { fake, book, app } = setup();
    const tree = withTree(fake);
    tree.getRange('A1:A2').setValues([[5], [-5]]);
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1<0')
      .setBackground('#FF0000')
      .setRanges([tree.getRange('A1:A2')])
      .build();
    tree.setConditionalFormatRules([rule]);
    expect(() => book.insertSheet('Other').setConditionalFormatRules([rule])).toThrow('different sheet');
    expect(fake.view('Tree').rows.map((r) => r[0].background)).toEqual([null, '#ff0000']);
    // Inserted rows move the rule's ranges and its references.
    fake.insertRows('Tree', 1, 1);
    expect(fake.rules('Tree')).toEqual([
      { ranges: [{ row: 2, column: 1, rows: 2, columns: 1 }], formula: '=$A2<0', background: '#ff0000', fontColor: null },
    ]);
    const copied = tree
      .getConditionalFormatRules()[0]
      .copy()
      .setRanges([tree.getRange('B1')])
      .build();
    expect(copied.getBooleanCondition()!.getCriteriaValues()).toEqual(['=$A2<0']);
  });

  it("a person's input that fails a rejecting validation is refused with the help text", () => {
    const { fake, app } = setup();
    const tree = withTree(fake);
    const rule = app.newDataValidation().setAllowInvalid(false).setHelpText('0 or more').requireNumberGreaterThanOrEqualTo(0).build();
    tree.getRange(1, 1, 1, 2).setDataValidations([[rule, null]]);
    expect(() => fake.edit('Tree', 1, 1, '-1')).toThrow('0 or more');
    expect(fake.valueAt('Tree', 1, 1)).toBe('');
    fake.edit('Tree', 1, 1, '3');
    expect(fake.validationAt('Tree', 1, 1)).toEqual({ kind: 'number', min: 0, help: '0 or more', allowInvalid: false });
    // Scripts are not checked: Sheets only flags the cell.
    tree.getRange('A1').setValue(-2);
    expect(fake.valueAt('Tree', 1, 1)).toBe(-2);
  });
});

describe('layout, charts, lock, session and dates', () => {
  it('keeps frozen panes, hidden columns and widths', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    tree.setFrozenRows(2);
    tree.hideColumns(3, 2);
    tree.setColumnWidths(1, 2, 40);
    expect(fake.layout('Tree')).toEqual({
      frozenRows: 2,
      frozenColumns: 0,
      hiddenColumns: [3, 4],
      hiddenRows: [],
      columnWidths: { 1: 40, 2: 40 },
      columnGroups: {},
    });
    fake.insertColumns('Tree', 1, 1);
    expect(tree.isColumnHiddenByUser(5)).toBe(true);
    expect(tree.getColumnWidth(2)).toBe(40);
  });

  it('builds line charts whose ranges move with inserted rows', () => {
    const { fake } = setup();
    const tree = withTree(fake);
    tree.insertChart(
      tree
        .newChart()
        .asLineChart()
        .setTitle('Trend')
        .addRange(tree.getRange('A5:M7'))
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .setPosition(10, 1, 0, 0)
        .build(),
    );
    expect(() => (tree.newChart() as unknown as { setTitle: (t: string) => void }).setTitle('x')).toThrow(
      'Unexpected use of EmbeddedChartBuilder.setTitle',
    );
    tree.insertRowsBefore(1, 1);
    expect(fake.charts('Tree')[0]).toMatchObject({ title: 'Trend', ranges: [{ sheet: 'Tree', row: 6, rows: 3 }], position: { row: 11 } });
    tree.removeChart(tree.getCharts()[0]);
    expect(fake.charts('Tree')).toEqual([]);
  });

  it('answers tryLock false while another script holds the document lock', () => {
    const { fake } = setup();
    fake.holdLock();
    const lock = fake.services.LockService.getDocumentLock();
    expect(lock.tryLock(10_000)).toBe(false);
    expect(() => lock.waitLock(10_000)).toThrow('Lock timeout');
    fake.releaseHeldLock();
    expect(lock.tryLock(10_000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
  });

  it('formats dates in a time zone and reads date cells in the spreadsheet zone', () => {
    const { fake, book } = setup({ timeZone: 'America/New_York' });
    const instant = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(fake.services.Utilities.formatDate(instant, 'Asia/Tokyo', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2026-01-02T12:04:05');
    const cell = book.getSheets()[0].getRange('A1');
    cell.setValue(instant);
    expect((cell.getValue() as Date).getTime()).toBe(instant.getTime());
    expect(cell.getDisplayValue()).toBe('2026-01-01 22:04:05');
    expect(fake.services.Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
  });
});
