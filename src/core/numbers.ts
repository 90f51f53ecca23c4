import { sum } from './exact';

/** Powers of ten of the units planners write after a figure: 10億, 200万, ¥1bn, 50k. */
const UNIT: Readonly<Record<string, number>> = { 千: 3, 万: 4, 億: 8, 兆: 12, k: 3, m: 6, mn: 6, b: 9, bn: 9 };
const JAPANESE_UNITS = '兆億万千';

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;
/** Sign, currency, body (digits, or Japanese-unit groups such as 1億2,000万), suffix. */
const AMOUNT = /^([+\-▲△]?)\s*([¥$]?)\s*([+-]?)(.+?)\s*(%|円|k|mn?|bn?|e[+-]?\d+)?$/i;
const PLAIN = new RegExp(`^(?:${NUM})$`);
const GROUP = new RegExp(`(${NUM})([${JAPANESE_UNITS}]?)`, 'y');

/** The exact value of `digits × 10^exponent`, as the nearest double. */
const scaled = (digits: string, exponent: number): number => Number(`${digits.replace(/,/g, '')}e${exponent}`);

/**
 * The number a text cell or form field holds, as a planner writes it: `1,000,000`, `30%`,
 * `¥2,000,000`, `2000000円`, `200万`, `1億2,000万`, `１０億` (full width), `¥1bn`, `50k`,
 * `▲500` (Japanese accounting minus). Null when the text is not a number. Units scale the
 * decimal digits exactly: `1.5千` is 1500 and `30%` is the double nearest 0.3, as if typed.
 */
export function parseAmount(text: string): number | null {
  const m = AMOUNT.exec(
    text
      .normalize('NFKC')
      .replace(/\u2212/g, '-')
      .trim(),
  );
  if (!m) return null;
  const [, sign1, currency, sign2, body, suffix = ''] = m;
  if ((sign1 && sign2) || (currency && /^[%円]$/.test(suffix))) return null;
  const lower = suffix.toLowerCase();
  const exponent = lower === '%' ? -2 : lower.startsWith('e') ? Number(lower.slice(1)) : (UNIT[lower] ?? 0);
  const negative = /[-▲△]/.test(sign1 + sign2);
  let value: number;
  if (PLAIN.test(body)) {
    value = scaled(body, exponent);
  } else {
    if (exponent !== 0) return null;
    value = japaneseGroups(body) ?? NaN;
  }
  if (!Number.isFinite(value)) return null;
  return negative ? 0 - value : value;
}

/** `1億2,000万5千` → 120005000: groups in falling units, only the last without a unit. */
function japaneseGroups(body: string): number | null {
  const parts: number[] = [];
  let lastUnit = -1;
  GROUP.lastIndex = 0;
  for (let m = GROUP.exec(body); m; m = GROUP.exec(body)) {
    const unit = JAPANESE_UNITS.indexOf(m[2]);
    if (m[2] === '' ? GROUP.lastIndex !== body.length : unit <= lastUnit) return null;
    lastUnit = unit;
    parts.push(scaled(m[1], UNIT[m[2]] ?? 0));
    if (GROUP.lastIndex === body.length) return sum(parts);
  }
  return null;
}
