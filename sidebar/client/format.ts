import type { Lang } from '../../src/core/i18n';
import type { Unit } from '../../src/core/tree';

const LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };
const OPTIONS: Record<Unit, Intl.NumberFormatOptions> = {
  rate: { style: 'percent', maximumFractionDigits: 1 },
  yen: { style: 'currency', currency: 'JPY' },
  count: { maximumFractionDigits: 2 },
};

/** Formatters are costly to create (most of the sidebar's start-up time when made per figure). */
const formatters = new Map<string, Intl.NumberFormat>();

/** A figure as the sheet shows it: yen with ¥, rates as percent, counts grouped. */
export function formatValue(value: number, unit: Unit, lang: Lang): string {
  const key = `${lang}:${unit}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[lang], OPTIONS[unit]);
    formatters.set(key, formatter);
  }
  // ja-JP writes yen with the full-width ￥; the sheet and the fields use ¥, so the sidebar does too.
  const text = formatter.format(value);
  return unit === 'yen' ? text.replace('￥', '¥') : text;
}

export const formatPercent = (ratio: number, lang: Lang): string => formatValue(ratio, 'rate', lang);
