import { dataSheetName, parseAmount, parseDate, parseMonth, serialText, toTable } from '../../src/core/dataImport';
import { KpiError } from '../../src/core/i18n';

/** The refusal `work` throws, in English. */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof KpiError) return error.text.en;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('dates in exports', () => {
  it('reads 2026/4/1, 2026-04-01, 4/1/2026 and 2026年4月1日 as the same day (Sheets serial 46113)', () => {
    // 2026-04-01 is 46,113 days after 1899-12-30: Sheets' own serial for that date.
    for (const text of ['2026/4/1', '2026-04-01', '4/1/2026', '2026年4月1日', ' 2026.04.01 ']) expect(parseDate(text)).toBe(46113);
    expect(serialText(46113)).toBe('2026-04-01');
  });

  it('keeps the time of day as a fraction', () => {
    expect(parseDate('2026-04-01 18:00')).toBe(46113.75);
    expect(serialText(46113.75)).toBe('2026-04-01 18:00');
  });

  it('refuses what is not a calendar date', () => {
    for (const text of ['2026-02-30', '13/1/2026', '2026/4', 'TBD', '46113', '2026-04-01 25:00']) expect(parseDate(text)).toBeNull();
  });
});

describe('months in warehouse summaries', () => {
  it('reads 2026-04, 2026/04, 2026/4 and 2026年4月 as the first of April 2026 (Sheets serial 46113)', () => {
    for (const text of ['2026-04', '2026/04', '2026/4', '2026年4月', ' 2026-4 ']) expect(parseMonth(text)).toBe(46113);
    // December and January: the year does not roll over.
    expect(serialText(parseMonth('2025-12')!)).toBe('2025-12-01');
    expect(serialText(parseMonth('2027年1月')!)).toBe('2027-01-01');
  });

  it('leaves what is not a month alone: month 13, a decimal, a part number, a full date', () => {
    for (const text of ['2026-13', '2026-00', '2026.04', '4021-07', '2026-04-01', '04-2026', 'FY2026']) expect(parseMonth(text)).toBeNull();
  });

  it('makes a month column of a summary a date column on each first day, and refuses a bad month in it', () => {
    const summary = toTable([
      ['Month', 'Stage', 'Owner', 'Deals'],
      ['2026-04', 'Qualified', 'sato', '1200'],
      ['2026/05', 'Qualified', 'tanaka', '800'],
      ['2026年6月', 'Won', 'sato', '300'],
      ['2026-07-01', 'Won', 'sato', '1'],
    ]);
    expect(summary.types).toEqual(['date', 'text', 'text', 'whole']);
    // 46113 is 2026-04-01; May, June and July begin 30, 61 and 91 days later.
    expect(summary.rows.map((r) => r[0])).toEqual([46113, 46143, 46174, 46204]);
    expect(
      refusal(() =>
        toTable([
          ['Month', 'Deals'],
          ['2026-04', '1'],
          ['2026-13', '2'],
        ]),
      ),
    ).toMatch(/^Row 3, column “Month”: “2026-13” is not a date/);
  });

  it('keeps months naming the columns of a pivot as its header, not data', () => {
    const pivot = toTable([
      ['Owner', '2026-04', '2026-05'],
      ['sato', '12', '15'],
    ]);
    expect(pivot.header).toEqual(['Owner', '2026-04', '2026-05']);
    expect(pivot.rows).toEqual([['sato', 12, 15]]);
  });
});

describe('amounts in exports', () => {
  it('reads yen with ¥ or ￥, commas, 円, signs and decimals', () => {
    expect(parseAmount('¥1,200,000')).toBe(1_200_000);
    expect(parseAmount('￥3,000')).toBe(3000);
    // ¥ as Japanese Excel saves it in Shift_JIS (byte 0x5C), decoded.
    expect(parseAmount('\\1,200,000')).toBe(1_200_000);
    expect(parseAmount('1,200,000円')).toBe(1_200_000);
    expect(parseAmount('-¥500')).toBe(-500);
    expect(parseAmount('¥-500')).toBe(-500);
    expect(parseAmount('12.5')).toBe(12.5);
    expect(parseAmount('0')).toBe(0);
  });

  it('leaves codes and text alone: a leading zero, badly grouped digits, words', () => {
    for (const text of ['007', '1,20,000', 'N/A', '¥', '--5', '1e5']) expect(parseAmount(text)).toBeNull();
  });
});

describe('a file made into a table', () => {
  const records = [
    ['Opportunity Owner', 'Stage', 'Close Date', 'Amount', 'Code', ''],
    ['Sato', 'Closed Won', '2026/4/1', '¥1,200,000', '007', ''],
    ['Suzuki', '=HYPERLINK("x")', '4/15/2026', '', '012', ''],
    ['', '', '', '', '', ''],
    ['Tanaka', 'Prospecting', '2026-05-01', '500', 'A1'],
  ];

  it('finds the header, types each column, converts dates and amounts, keeps text as text', () => {
    const table = toTable(records);
    expect(table.header).toEqual(['Opportunity Owner', 'Stage', 'Close Date', 'Amount', 'Code']);
    expect(table.types).toEqual(['text', 'text', 'date', 'whole', 'text']);
    expect(table.rows).toEqual([
      ['Sato', 'Closed Won', 46113, 1_200_000, '007'],
      ['Suzuki', '=HYPERLINK("x")', 46127, null, '012'],
      ['Tanaka', 'Prospecting', 46143, 500, 'A1'],
    ]);
  });

  it('refuses a file whose first row is data, naming the value', () => {
    expect(
      refusal(() =>
        toTable([
          ['Sato', '2026/4/1', '¥100'],
          ['Suzuki', '2026/4/2', '¥200'],
        ]),
      ),
    ).toBe(
      'The first row holds data (“2026/4/1”), not column names. Add a first row naming the columns (e.g. Owner, Stage, Date, Amount) and import again. Nothing was imported.',
    );
  });

  it('refuses text in a date column, naming the row, the column and the value', () => {
    const bad = [
      ['Owner', 'Date'],
      ['Sato', '2026/4/1'],
      ['Suzuki', '2026/4/2'],
      ['Tanaka', 'TBD'],
    ];
    expect(refusal(() => toTable(bad))).toBe(
      'Row 4, column “Date”: “TBD” is not a date. Dates must read like 2026/4/1, 2026-04-01 or 4/1/2026 (a month alone like 2026-04). Nothing was imported.',
    );
  });

  it('keeps a column of notes with one date in it as text', () => {
    const notes = [
      ['Owner', 'Note'],
      ['Sato', 'call back'],
      ['Suzuki', '2026/4/2'],
      ['Tanaka', 'demo booked'],
    ];
    expect(toTable(notes).types).toEqual(['text', 'text']);
    expect(toTable(notes).rows[1]).toEqual(['Suzuki', '2026/4/2']);
  });

  it('refuses unnamed and duplicate columns, a row longer than the header, and an empty file', () => {
    expect(
      refusal(() =>
        toTable([
          ['Owner', '', 'Amount'],
          ['Sato', 'x', '1'],
        ]),
      ),
    ).toMatch(/^Column 2 has no name/);
    expect(
      refusal(() =>
        toTable([
          ['Owner', 'owner'],
          ['Sato', 'x'],
        ]),
      ),
    ).toMatch(/^Two columns are named “owner”/);
    expect(
      refusal(() =>
        toTable([
          ['Owner', 'Amount'],
          ['Sato', '1', 'extra'],
        ]),
      ),
    ).toMatch(/^Row 2 has 3 values but the first row names 2 columns/);
    expect(refusal(() => toTable([['', ''], []]))).toMatch(/^The file is empty/);
    expect(refusal(() => toTable([['Owner', 'Amount']]))).toMatch(/^The file has column names but no rows/);
  });

  it('refuses more cells than a spreadsheet holds (10 million), before converting any', () => {
    const wide = Array.from({ length: 20 }, (_, i) => `C${i + 1}`);
    const row = wide.map(() => 'x');
    const rows = Array.from({ length: 500_000 }, () => row);
    expect(refusal(() => toTable([wide, ...rows]))).toBe(
      'The file has 500,000 rows × 20 columns, more than the 10,000,000 cells a spreadsheet can hold. Split the export (e.g. by year) and import each part. Nothing was imported.',
    );
  });
});

describe('the data sheet a file goes to', () => {
  it('is named after the file, without its extension or characters Sheets refuses', () => {
    expect(dataSheetName('C:\\exports\\Opportunities 2026.csv')).toBe('Opportunities 2026');
    expect(dataSheetName('deals[1].TSV')).toBe('deals 1');
    expect(dataSheetName('.csv')).toBe('Data');
  });
});
