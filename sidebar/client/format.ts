import type { Lang } from '../../src/core/i18n';
import type { Unit } from '../../src/core/tree';

const LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };

/** A figure as the sheet shows it: yen with ¥, rates as percent, counts grouped. */
export function formatValue(value: number, unit: Unit, lang: Lang): string {
  const locale = LOCALES[lang];
  if (unit === 'rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (unit === 'yen') return new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export const formatPercent = (ratio: number, lang: Lang): string => formatValue(ratio, 'rate', lang);

/**
 * A planned fraction as typed into a percent field: 0.3 → "30". Rounded at a millionth so
 * binary noise (0.3 × 100 = 30.000000000000004) never shows.
 */
export const percentText = (fraction: number): string => String(Math.round(fraction * 1e6) / 1e4);
