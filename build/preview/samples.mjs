// Writes the preview's fictional sample exports (build/preview/samples/), the same bytes every run:
// a Salesforce-style opportunity report, a HubSpot-style deals export and a Shift_JIS CSV as
// Japanese Excel saves it, each with several owners and a year of dates (fiscal 2025, April to
// March); and, for data beyond a tab, warehouse summaries of the HubSpot and Excel deals (one row
// per month × stage × owner with counts and amounts, as a BigQuery extract gives them).
// Names, companies and figures are made up. Run: node build/preview/samples.mjs
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT = new URL('./samples/', import.meta.url);

/** A seeded generator (mulberry32): the files are the same on every run. */
/** @param {number} seed */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} rnd
 * @param {readonly T[]} items
 * @returns {T}
 */
const pick = (rnd, items) => items[Math.floor(rnd() * items.length)];

const START = Date.UTC(2025, 3, 1); // 2025-04-01
const DAY = 86_400_000;
/** @param {() => number} rnd A day of fiscal 2025 (2025-04-01 to 2026-03-31). */
const dayOfYear = (rnd) => new Date(START + Math.floor(rnd() * 365) * DAY);
/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');
/** @param {Date} d @param {'-' | '/'} sep 2025-04-01 or 2025/4/1 */
const ymd = (d, sep) =>
  `${d.getUTCFullYear()}${sep}${sep === '/' ? d.getUTCMonth() + 1 : pad(d.getUTCMonth() + 1)}${sep}${sep === '/' ? d.getUTCDate() : pad(d.getUTCDate())}`;
/** @param {Date} d 4/1/2025 */
const mdy = (d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
/** A deal size of ¥300,000 to ¥5,000,000, in steps of ¥10,000. */
/** @param {() => number} rnd */
const amount = (rnd) => 300_000 + Math.floor(rnd() * 471) * 10_000;

/** A CSV field, quoted when it holds a comma, quote or line break. */
/** @param {string} value */
const field = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** @param {(string | number)[][]} rows @param {string} eol */
const csv = (rows, eol = '\n') => rows.map((row) => row.map((v) => field(String(v))).join(',')).join(eol) + eol;

function salesforce() {
  const rnd = random(2025_04);
  const owners = ['Haruto Sato', 'Yui Suzuki', 'Ren Takahashi', 'Aoi Tanaka'];
  const accounts = ['Aoba Trading', 'Kita Foods', 'Minato Electric', 'Sakura Precision', 'Tozai Logistics', 'Yamate Systems'];
  /** @type {[string, number][]} */
  const stages = [
    ['Prospecting', 10],
    ['Qualification', 20],
    ['Proposal/Price Quote', 50],
    ['Negotiation/Review', 75],
    ['Closed Won', 100],
    ['Closed Lost', 0],
  ];
  const sources = ['Web', 'Seminar', 'Exhibition', 'Referral'];
  /** @type {(string | number)[][]} */
  const rows = [
    [
      'Opportunity Owner',
      'Account Name',
      'Opportunity Name',
      'Stage',
      'Amount',
      'Probability (%)',
      'Close Date',
      'Created Date',
      'Lead Source',
    ],
  ];
  for (let i = 0; i < 240; i++) {
    const created = dayOfYear(rnd);
    const close = new Date(Math.min(created.getTime() + Math.floor(rnd() * 90) * DAY, START + 364 * DAY));
    const account = pick(rnd, accounts);
    const [stage, probability] = pick(rnd, stages);
    rows.push([
      pick(rnd, owners),
      account,
      `${account} - ${pick(rnd, ['Renewal', 'New system', 'Expansion', 'Pilot'])}`,
      stage,
      amount(rnd),
      probability,
      mdy(close),
      mdy(created),
      pick(rnd, sources),
    ]);
  }
  return csv(rows);
}

const HUBSPOT_STAGES = [
  'Appointment scheduled',
  'Qualified to buy',
  'Presentation scheduled',
  'Decision maker bought-in',
  'Contract sent',
  'Closed won',
  'Closed lost',
];
const EXCEL_STAGES = ['リード', '商談', '提案', '受注', '失注'];

/** The HubSpot-style export's rows, its header first. */
function hubspotRows() {
  const rnd = random(2025_05);
  const owners = ['Mei Kobayashi', 'Sota Ito', 'Hina Watanabe'];
  const stages = HUBSPOT_STAGES;
  /** @type {(string | number)[][]} */
  const rows = [['Record ID', 'Deal Name', 'Deal Stage', 'Deal owner', 'Amount', 'Create date', 'Close date', 'Pipeline']];
  for (let i = 0; i < 200; i++) {
    const created = dayOfYear(rnd);
    const close = new Date(Math.min(created.getTime() + Math.floor(rnd() * 60) * DAY, START + 364 * DAY));
    /** @param {Date} d */
    const time = (d) => `${ymd(d, '-')} ${pad(9 + Math.floor(rnd() * 9))}:${pad(Math.floor(rnd() * 60))}`;
    rows.push([
      String(18_000_000_000 + i * 7919),
      `Deal ${1001 + i}`,
      pick(rnd, stages),
      pick(rnd, owners),
      amount(rnd),
      time(created),
      time(close),
      'Sales Pipeline',
    ]);
  }
  return rows;
}

/**
 * Shift_JIS bytes for text, from the platform's own decoder run backwards over every code it
 * knows. ¥ is byte 0x5C, as Japanese Excel writes it.
 */
/** @param {string} text */
function shiftJis(text) {
  const decoder = new TextDecoder('shift_jis');
  /** @type {Map<string, number[]>} */
  const table = new Map();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '¥') bytes.push(0x5c);
    else if (code < 0x80) bytes.push(code);
    else if (table.has(char)) bytes.push(.../** @type {number[]} */ (table.get(char)));
    else throw new Error(`${char} has no Shift_JIS code`);
  }
  return Uint8Array.from(bytes);
}

/** The Excel export's rows, its header first. */
function excelRows() {
  const rnd = random(2025_06);
  const owners = ['佐藤 陽翔', '鈴木 結衣', '高橋 蓮', '田中 葵', '伊藤 颯太'];
  const customers = ['青葉商事', '北日本食品', '港電機', '桜精工', '東西物流', '山手システム'];
  const stages = EXCEL_STAGES;
  /** @type {(string | number)[][]} */
  const rows = [['担当者', '顧客名', 'ステージ', '日付', '金額']];
  for (let i = 0; i < 150; i++) {
    rows.push([
      pick(rnd, owners),
      pick(rnd, customers),
      pick(rnd, stages),
      ymd(dayOfYear(rnd), '/'),
      `¥${amount(rnd).toLocaleString('en-US')}`,
    ]);
  }
  return rows;
}

/**
 * A warehouse's monthly summary of an export's rows: one row per month × stage × owner that has
 * any, in month, stage and owner order, the month as its first day (2025-04-01). Each measure
 * counts or sums the rows by its own date: `count` rows, or the whole `amount` column's values.
 * @param {readonly (string | number)[][]} rows the export, its header first
 * @param {{ monthName: string, stage: string, owner: string, stages: readonly string[], month: (text: string) => string,
 *   measures: readonly { name: string, date: string, amount?: string }[] }} shape
 */
function summary([header, ...rows], { monthName, stage, owner, stages, month, measures }) {
  const at = (/** @type {(string | number)[]} */ row, /** @type {string} */ column) => String(row[header.indexOf(column)]);
  const owners = [...new Set(rows.map((row) => at(row, owner)))].sort();
  /** @type {Map<string, number[]>} month, stage and owner, tab-joined → each measure's figure */
  const cells = new Map();
  measures.forEach((measure, i) => {
    for (const row of rows) {
      const key = [month(at(row, measure.date)), at(row, stage), at(row, owner)].join('\t');
      const figures = cells.get(key) ?? measures.map(() => 0);
      figures[i] += measure.amount ? Number(at(row, measure.amount).replace(/[^\d]/g, '')) : 1;
      cells.set(key, figures);
    }
  });
  const order = (/** @type {string} */ key) => {
    const [m, s, o] = key.split('\t');
    return [m, String(stages.indexOf(s)).padStart(2, '0'), String(owners.indexOf(o)).padStart(2, '0')].join('\t');
  };
  const keys = [...cells.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  return csv([
    [monthName, stage, owner, ...measures.map((m) => m.name)],
    ...keys.map((key) => [...key.split('\t'), .../** @type {number[]} */ (cells.get(key))]),
  ]);
}

const hubspot = hubspotRows();
const excel = excelRows();
mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('salesforce-opportunities.csv', OUT), salesforce());
writeFileSync(new URL('hubspot-deals.csv', OUT), csv(hubspot));
// Excel ends lines with CR LF.
writeFileSync(new URL('excel-sjis-deals.csv', OUT), shiftJis(csv(excel, '\r\n')));
// The same deals as a warehouse summarises them, in UTF-8 as BigQuery writes: HubSpot's deals by
// the month each was created and the month it closes; the Excel rows by their one date.
writeFileSync(
  new URL('warehouse-summary.csv', OUT),
  summary(hubspot, {
    monthName: 'Month',
    stage: 'Deal Stage',
    owner: 'Deal owner',
    stages: HUBSPOT_STAGES,
    month: (text) => `${text.slice(0, 7)}-01`, // 2025-04-12 09:30
    measures: [
      { name: 'Deals created', date: 'Create date' },
      { name: 'Deals by close date', date: 'Close date' },
      { name: 'Amount by close date', date: 'Close date', amount: 'Amount' },
    ],
  }),
);
writeFileSync(
  new URL('warehouse-summary-ja.csv', OUT),
  summary(excel, {
    monthName: '月',
    stage: 'ステージ',
    owner: '担当者',
    stages: EXCEL_STAGES,
    month: (text) => {
      const [year, month] = text.split('/'); // 2025/4/12
      return `${year}-${pad(Number(month))}-01`;
    },
    measures: [
      { name: '件数', date: '日付' },
      { name: '金額', date: '日付', amount: '金額' },
    ],
  }),
);
console.log(`Wrote the sample exports to ${OUT.pathname}`);
