/**
 * A data sheet's dates read as the days people see in the spreadsheet's time zone, with few
 * Utilities.formatDate calls however many rows: a CRM's "created at" holds a time of day, a year of
 * them 100,000 distinct minutes.
 */
import { MemoryWorkbook } from '../../build/sheets/memoryWorkbook';

const MINUTE = 60_000;

/** A data sheet of one column of instants, every `step` minutes from `from` for `days` days. */
function datesIn(timeZone: string, from: string, days: number, step: number) {
  const workbook = new MemoryWorkbook({ timeZone });
  const start = Date.parse(from);
  const count = Math.floor((days * 24 * 60) / step);
  const instants = Array.from({ length: count }, (_, i) => [new Date(start + i * step * MINUTE)]);
  const tab = workbook.sheets.services.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Log');
  tab.insertRowsAfter(tab.getMaxRows(), count);
  tab.getRange(2, 1, count, 1).setValues(instants);
  // The instants as the sheet holds them (a cell keeps wall-clock time, so a time skipped by the
  // clocks going forward reads back an hour on), each day computed here by Intl, not by the add-on.
  const held = tab.getRange(2, 1, count, 1).getValues() as Date[][];
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return { workbook, count, expected: held.map(([d]) => day.format(d)) };
}

describe('reading a data sheet’s dates', () => {
  it.each([
    // Clocks forward on 8 March 2026 and back on 1 November 2026.
    ['America/New_York', '2026-03-05T00:00:00Z'],
    ['America/New_York', '2026-10-29T00:00:00Z'],
    // Half an hour back on 5 April 2026, forward on 4 October 2026, at 2:00 local.
    ['Australia/Lord_Howe', '2026-04-02T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-01T00:00:00Z'],
    // Offsets of quarter hours, no clock changes.
    ['Asia/Kathmandu', '2026-04-01T00:00:00Z'],
    ['Asia/Tokyo', '2026-04-01T00:00:00Z'],
  ])('gives the day people see in %s around %s, every 7 minutes for a week', (timeZone, from) => {
    const { workbook, expected } = datesIn(timeZone, from, 7, 7);
    const read = workbook.readColumns('Log', [1], 2).map(([v]) => v);
    expect(read).toEqual(expected);
  });

  it('asks the time zone a few times a fortnight met, not once a row or a minute', () => {
    // 2,000 distinct minutes over 20 days: a connector's timestamps.
    const { workbook, count, expected } = datesIn('Asia/Tokyo', '2026-04-01T03:17:00Z', 20, 14.4);
    expect(count).toBe(2000);
    workbook.sheets.resetCalls();
    expect(workbook.readColumns('Log', [1], 2).map(([v]) => v)).toEqual(expected);
    // The offset at the ends of each 16-day block met: 20 days touch two or three blocks.
    expect(workbook.sheets.countsByMethod()['Utilities.formatDate']).toBeLessThanOrEqual(4);
  });

  it('reads a year of timestamps in a zone with summer time in under a hundred calls, each day right', () => {
    // A row every 97 minutes through fiscal 2026: 5,418 distinct minutes, both clock changes.
    const { workbook, count, expected } = datesIn('America/New_York', '2026-04-01T04:00:00Z', 365, 97);
    expect(count).toBe(5418);
    workbook.sheets.resetCalls();
    expect(workbook.readColumns('Log', [1], 2).map(([v]) => v)).toEqual(expected);
    expect(workbook.sheets.countsByMethod()['Utilities.formatDate']).toBeLessThan(100);
  });

  it('reads a day the clocks change minute by minute, and only that day', () => {
    const { workbook, expected } = datesIn('America/New_York', '2026-03-05T00:00:00Z', 7, 7);
    workbook.sheets.resetCalls();
    expect(workbook.readColumns('Log', [1], 2).map(([v]) => v)).toEqual(expected);
    // The ends of the blocks met, the 8 days' ends in the block of the change, and the minutes met
    // on the UTC day of the change (a row every 7 minutes).
    const calls = workbook.sheets.countsByMethod()['Utilities.formatDate'];
    expect(calls).toBeGreaterThan(8);
    expect(calls).toBeLessThanOrEqual(3 + 8 + Math.ceil((24 * 60) / 7) + 1);
  });
});
