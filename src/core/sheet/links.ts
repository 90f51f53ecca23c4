import { columnLetter, onSheet, quote, ref } from './a1';
import type { ReadValue } from './draft';
import { fill, type SheetWords } from './labels';
import { MONTHS, ROW, SETTINGS } from './schema';

/**
 * A node linked to data: its monthly actuals are native COUNTIFS/SUMIFS over a data sheet (a
 * tab a CRM connector refreshes, a pasted export, an activity log), by fiscal month. The rule is
 * kept in the tree sheet's tag, so every reader of the workbook shares one counting rule, and the
 * cells follow the data for everyone, with or without the add-on.
 */

/** A column of the data sheet: its header (how the link finds it again) and where it stood. */
export interface LinkColumn {
  readonly header: string;
  /** 1-based, as found by its header when the link was made or last re-found. */
  readonly column: number;
}

/** Rows count when this column equals one of the values. */
export interface LinkCondition extends LinkColumn {
  readonly values: readonly string[];
}

export interface DataLink {
  /** The data sheet's name when the link was made or last re-found; its id finds it after a rename. */
  readonly sheet: string;
  readonly sheetId: number;
  readonly date: LinkColumn;
  readonly conditions: readonly LinkCondition[];
  /** Sum this column; null counts rows. */
  readonly amount: LinkColumn | null;
  /** Count only rows whose owner is the node row's Owner (all rows while it is blank); null: the whole team. */
  readonly owner: LinkColumn | null;
  /**
   * A lead time (days from proposal to contract): the stage date each row starts from. The
   * cells are then the median whole days from it to `date`, the end date, which dates the row
   * into its month; `amount` is null.
   */
  readonly start?: LinkColumn;
}

/** Each combination of condition values is one COUNTIFS term: the formula stays readable. */
export const MAX_COMBINATIONS = 12;
/** The header row of a data sheet. */
export const DATA_HEADER_ROW = 1;

const fiscalYear = ref(SETTINGS.fiscalYear, ROW.settings, 'both');
const startMonth = ref(SETTINGS.startMonth, ROW.settings, 'both');

/** `'Deals'!$C:$C`: the whole column, so rows a connector appends count too. */
export const whole = (sheet: string, c: LinkColumn) => onSheet(sheet, `$${columnLetter(c.column)}:$${columnLetter(c.column)}`);

/** An exact-match criterion: `=` first, so a value like `>5` is text, and `~*?` escaped, so they are no wildcards. */
export const equals = (value: string) => quote(`=${value.replace(/[~*?]/g, '~$&')}`);

/** Every way to pick one value per condition. */
export function combinations(conditions: readonly LinkCondition[]): [LinkColumn, string][][] {
  let out: [LinkColumn, string][][] = [[]];
  for (const c of conditions) out = out.flatMap((picked) => c.values.map((v) => [...picked, [c, v] as [LinkColumn, string]]));
  return out;
}

/** The rows dated in fiscal month `month` (1–12), from the sheet's own fiscal-year and start-month cells. */
const inMonth = (link: DataLink, month: number) => {
  const date = whole(link.sheet, link.date);
  return `${date},">="&DATE(${fiscalYear},${startMonth}+${month - 1},1),${date},"<"&DATE(${fiscalYear},${startMonth}+${month},1)`;
};

/** Links that count or sum rows of the same sheet by the same date column share whether a month has rows. */
export const datedBy = (link: DataLink): string | null => (link.start ? null : `${link.sheetId}:${link.date.column}`);

/**
 * A linked actual cell (without `=`). Blank while the data has no row dated in the month (a month
 * not yet reported is missing input, not zero); otherwise the rows the rule matches, a real 0 if
 * none. Whether the month has rows is counted here, or, with `datedCell`, read from the cell of
 * the same month of another link of the same sheet and date column, blank exactly then: a
 * COUNTIFS over the data a month for every such group, not one for every linked cell.
 */
export function linkedActual(link: DataLink, month: number, ownerCell: string, datedCell: string | null): string {
  if (link.start) return leadTimeInMonth(link, month, ownerCell);
  const dated = inMonth(link, month);
  const tally = (extra: string) =>
    combinations(link.conditions)
      .map((combo) => {
        const criteria = dated + combo.map(([c, v]) => `,${whole(link.sheet, c)},${equals(v)}`).join('') + extra;
        return link.amount ? `SUMIFS(${whole(link.sheet, link.amount)},${criteria})` : `COUNTIFS(${criteria})`;
      })
      .join('+');
  const rule = link.owner ? `IF(${ownerCell}="",${tally('')},${tally(`,${whole(link.sheet, link.owner)},"="&${ownerCell}`)})` : tally('');
  return datedCell ? `IF(${datedCell}="","",${rule})` : `IF(COUNTIFS(${dated})=0,"",${rule})`;
}

/** The first day of fiscal month `month` (1-based; a formula or a number), from the sheet's settings. */
const monthStart = (month: string | number) => `DATE(${fiscalYear},${startMonth}+${month}-1,1)`;

/**
 * The median whole days from start to end over the rows whose end date falls in [from, to) and
 * that the rule matches (without `=`); blank when there is none (no median exists, which is not
 * 0 days). Rows without a start date are not counted. FILTER rather than COUNTIFS: a median needs
 * the values themselves; FILTER returns #N/A when nothing matches, in Sheets
 * (https://support.google.com/docs/answer/3093197) as in HyperFormula, and IFNA blanks only that,
 * so a deleted data sheet still shows #REF!. `=` compares text without regard to case, as the
 * count links' criteria do.
 */
export function leadTimeDays(link: DataLink, from: string, to: string, ownerCell: string): string {
  const end = whole(link.sheet, link.date);
  const start = whole(link.sheet, link.start!);
  const rules = [`${end}>=${from}`, `${end}<${to}`, `ISNUMBER(${start})`];
  // One of several values: their tests added up, a sum turning TRUE into 1 (a lone test stays a boolean: HyperFormula, as Excel, ranks FALSE above 0).
  const anyOf = (tests: string[]) => (tests.length === 1 ? tests[0] : `(${tests.map((t) => `(${t})`).join('+')})>0`);
  for (const c of link.conditions) rules.push(anyOf(c.values.map((v) => `${whole(link.sheet, c)}=${quote(v)}`)));
  if (link.owner) rules.push(anyOf([`${ownerCell}=""`, `${whole(link.sheet, link.owner)}=${ownerCell}`]));
  return `IFNA(MEDIAN(FILTER(INT(${end})-INT(${start}),${rules.join(',')})),"")`;
}

/** A lead time's month: its rows are those whose end date falls in the month. */
const leadTimeInMonth = (link: DataLink, month: number, ownerCell: string) =>
  leadTimeDays(link, monthStart(month), monthStart(month + 1), ownerCell);

/**
 * A lead time over the selected period (fiscal months `from` to `to`, cells): the median over
 * the period's rows, not a figure made of the months' figures. A median of monthly medians or
 * their average weighs a month of 2 deals like a month of 40, and a sum of days means nothing.
 */
export const leadTimeInPeriod = (link: DataLink, from: string, to: string, ownerCell: string): string =>
  leadTimeDays(link, monthStart(from), monthStart(`${to}+1`), ownerCell);

/** The latest date in the data sheet's date column (without `=`); blank while it has none. */
export const latestDate = (link: DataLink): string =>
  `IF(COUNT(${whole(link.sheet, link.date)})=0,"",MAX(${whole(link.sheet, link.date)}))`;

/** The rule in words, for the cells' note and the node's definition. */
export function ruleText(link: DataLink, words: SheetWords['links']['rule']): string {
  const parts = [
    link.start
      ? fill(words.leadTime, { sheet: link.sheet, start: link.start.header, end: link.date.header })
      : link.amount
        ? fill(words.sum, { sheet: link.sheet, amount: link.amount.header })
        : fill(words.count, { sheet: link.sheet }),
    fill(words.by, { date: link.date.header }),
  ];
  if (link.conditions.length > 0) parts.push(fill(words.where, { conditions: conditionsText(link.conditions, words) }));
  if (link.owner) parts.push(fill(words.owner, { owner: link.owner.header }));
  return parts.join(words.separator);
}

export const conditionsText = (conditions: readonly LinkCondition[], words: SheetWords['links']['rule']): string =>
  conditions.map((c) => fill(words.condition, { column: c.header, values: c.values.join(words.or) })).join(words.and);

/** The data sheets the links read, once each, in the order their nodes were linked: row 1's freshness cells. */
export function linkedSheets(links: Readonly<Record<string, DataLink>>): DataLink[] {
  const seen = new Map<number, DataLink>();
  for (const link of Object.values(links)) if (!seen.has(link.sheetId)) seen.set(link.sheetId, link);
  return [...seen.values()];
}

/** A header cell as text: headers are matched by name, trimmed. */
const headerText = (v: ReadValue | undefined) => (v === undefined ? '' : String(v).trim());

/** The 1-based column of a header in a data sheet's header row; 0 when it is not there. */
export const findColumn = (headers: readonly ReadValue[], header: string): number =>
  headers.findIndex((h) => headerText(h) === header.trim()) + 1;

/** The headers of a data sheet's header row, blanks left out. */
export const headerNames = (headers: readonly ReadValue[]): string[] => headers.map(headerText).filter((h) => h !== '');

/** A cell read back as a date (`yyyy-MM-dd`, as the edge reads dates): its year and month. */
function yearMonth(v: ReadValue): { year: number; month: number } | null {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** Criteria match as Sheets compares them: text without regard to case, numbers as written. */
const same = (cell: ReadValue | undefined, value: string) => String(cell ?? '').toLowerCase() === value.toLowerCase();

export interface LinkPreview {
  /** By fiscal month: what the linked cell will show (null: no row dated in the month; for a lead time, none matched). */
  readonly months: readonly (number | null)[];
  /** Rows the conditions match, any date. */
  readonly matched: number;
  /** The latest date in the date column (`yyyy-MM-dd`), if any. */
  readonly latest: string | null;
}

/**
 * The data sheet's columns a rule reads, and the rule over just those columns (the first read is
 * column 1): a CRM export may have fifty columns, a rule reads two to five.
 */
export function ruleColumns(link: DataLink): { readonly columns: readonly number[]; readonly link: DataLink } {
  const used = [link.date, ...link.conditions, link.amount, link.owner, link.start].filter((c): c is LinkColumn => !!c);
  const columns = [...new Set(used.map((c) => c.column))];
  const narrow = <C extends LinkColumn>(c: C): C => ({ ...c, column: columns.indexOf(c.column) + 1 });
  return {
    columns,
    link: {
      ...link,
      date: narrow(link.date),
      conditions: link.conditions.map(narrow),
      amount: link.amount && narrow(link.amount),
      owner: link.owner && narrow(link.owner),
      ...(link.start ? { start: narrow(link.start) } : {}),
    },
  };
}

/**
 * What a rule finds in a data sheet's rows (header row first), worked out before it is applied:
 * the same rule as the sheet's formulas, for the sidebar's preview and the check that it matches something.
 */
export function previewLink(
  rows: readonly (readonly ReadValue[])[],
  link: DataLink,
  year: number,
  start: number,
  owner: string,
): LinkPreview {
  const months: (number | null)[] = Array(MONTHS).fill(null);
  /** A lead time's days by month, to take their median. */
  const days: number[][] = Array.from({ length: MONTHS }, () => []);
  let matched = 0;
  let latest: string | null = null;
  for (const row of rows.slice(DATA_HEADER_ROW)) {
    const at = (c: LinkColumn) => row[c.column - 1];
    const matches =
      link.conditions.every((c) => c.values.some((v) => same(at(c), v))) && (!link.owner || owner === '' || same(at(link.owner), owner));
    if (matches) matched++;
    const date = at(link.date);
    const when = yearMonth(date);
    if (!when) continue;
    if (latest === null || String(date) > latest) latest = String(date).slice(0, 10);
    const m = when.year * 12 + when.month - (year * 12 + start);
    if (m < 0 || m >= MONTHS) continue;
    if (link.start) {
      const from = at(link.start);
      if (matches && typeof from === 'string' && daySerial(from) !== null) days[m].push(daySerial(String(date))! - daySerial(from)!);
      continue;
    }
    const amount = link.amount ? at(link.amount) : 1;
    months[m] = (months[m] ?? 0) + (matches && typeof amount === 'number' ? amount : 0);
  }
  return { months: link.start ? days.map(median) : months, matched, latest };
}

/** Whole days since 1970 of a date read back as `yyyy-MM-dd`; null for anything else. */
function daySerial(v: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : null;
}

/** The middle value, or the mean of the two middle ones; null for none (as MEDIAN over FILTER's #N/A, blanked). */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
