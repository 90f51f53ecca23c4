/**
 * Values as people type them and as Sheets shows them: numbers read in the spreadsheet's locale,
 * dates as serial numbers in its time zone, number formats, error values and colours.
 */
import type { DetailedCellError } from 'hyperformula';

export function errorText(error: DetailedCellError): string {
  // Sheets says #REF! for circular references and for arrays that cannot spill.
  return error.value === '#CYCLE!' || error.value === '#SPILL!' ? '#REF!' : error.value;
}

// Colors: Sheets reads them back as lower-case #rrggbb.
const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
};

export function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  if (/^#[0-9a-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((d) => d + d).join('')}`;
  return NAMED_COLORS[c] ?? c;
}

// Numbers and dates as typed, and as shown.

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale.replace('_', '-')).formatToParts(12345.6);
  return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}

/** `1,234`, `-3.5`, `1e3`, `30%` (→ 0.3), read with the spreadsheet locale's separators. */
export function parseNumber(text: string, locale: string): number | null {
  const { group, decimal } = separators(locale);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^([-+]?)((?:\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)?(?:${esc(decimal)}\\d+)?)(?:[eE]([-+]?\\d+))?(%?)$`).exec(text);
  if (!m || !/\d/.test(m[2])) return null;
  const n = Number(m[2].split(group).join('').replace(decimal, '.')) * 10 ** Number(m[3] ?? 0);
  const signed = m[1] === '-' ? -n : n;
  return m[4] ? signed / 100 : signed;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** `2026-05`, `2026-05-01` or `2026/5/1` as a date serial. */
export function parseDate(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return serialFromParts({ year, month, day, hour: 0, minute: 0, second: 0 });
}

function serialFromParts(p: DateParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - EPOCH) / DAY_MS;
}

function partsFromSerial(serial: number): DateParts {
  const d = new Date(EPOCH + Math.round((serial * DAY_MS) / 1000) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

function zonedParts(date: Date, timeZone: string): DateParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The instant a wall-clock time in a time zone stands for. */
function instantOf(p: DateParts, timeZone: string): Date {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const z = zonedParts(new Date(t), timeZone);
    t -= Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - wall;
  }
  return new Date(t);
}

/** A Date as the serial number of its wall-clock time in the time zone, as a cell holds it. */
export const serialOf = (date: Date, timeZone: string) => serialFromParts(zonedParts(date, timeZone));

/** A cell's date serial as the instant it stands for in the time zone, as getValues reads it. */
export const dateOf = (serial: number, timeZone: string) => instantOf(partsFromSerial(serial), timeZone);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Utilities.formatDate with the pattern letters the add-on uses: yyyy MM dd HH mm ss and 'quoted'. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) || typeof timeZone !== 'string' || typeof pattern !== 'string')
    throw new Error('Utilities.formatDate(date, timeZone, pattern)');
  const p = zonedParts(date, timeZone);
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss|'([^']*)'|[A-Za-z]+/g, (token: string, literal: string | undefined) => {
    switch (token) {
      case 'yyyy':
        return String(p.year);
      case 'MM':
        return pad(p.month);
      case 'dd':
        return pad(p.day);
      case 'HH':
        return pad(p.hour);
      case 'mm':
        return pad(p.minute);
      case 'ss':
        return pad(p.second);
      default:
        if (literal !== undefined) return literal;
        throw new Error(`Unexpected use of Utilities.formatDate pattern letters "${token}"`);
    }
  });
}

/** A number format shows dates when it has date or time letters outside quotes and brackets. */
export function isDateFormat(format: string): boolean {
  return /[ydhs]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

export function formatSerial(serial: number, format: string): string {
  const p = partsFromSerial(serial);
  let afterHour = false;
  return format.replace(/"([^"]*)"|yyyy|yy|mm|m|dd|d|hh|h|ss/gi, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    const t = token.toLowerCase();
    const minute = afterHour && (t === 'mm' || t === 'm');
    if (t === 'hh' || t === 'h') afterHour = true;
    switch (t) {
      case 'yyyy':
        return String(p.year);
      case 'yy':
        return pad(p.year % 100);
      case 'mm':
        return pad(minute ? p.minute : p.month);
      case 'm':
        return String(minute ? p.minute : p.month);
      case 'dd':
        return pad(p.day);
      case 'd':
        return String(p.day);
      case 'hh':
        return pad(p.hour);
      case 'h':
        return String(p.hour);
      default:
        return pad(p.second);
    }
  });
}

/** The number formats the tree sheet uses, rendered as Sheets does in en_US. */
export function formatNumber(value: number, format: string): string {
  const grouped = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (format) {
    case '"¥"#,##0':
      return `${value < 0 ? '-' : ''}¥${grouped(Math.abs(value))}`;
    case '#,##0':
      return grouped(value);
    case '#,##0.00':
      return grouped(value, 2);
    case '0.0%':
      return `${(value * 100).toFixed(1)}%`;
    case '0%':
      return `${(value * 100).toFixed(0)}%`;
    case '0':
      return value.toFixed(0);
    case '0.###':
      return String(Number(value.toFixed(3)));
    default: {
      // Text in double quotes shows as written around the digits: `0"月"` shows 4 as 4月
      // (https://developers.google.com/sheets/api/guides/formats#number_format_tokens).
      const quoted = /^(?:"([^"]*)")?0(?:"([^"]*)")?$/.exec(format);
      if (quoted) return `${quoted[1] ?? ''}${value.toFixed(0)}${quoted[2] ?? ''}`;
      return String(Number(value.toPrecision(10)));
    }
  }
}
