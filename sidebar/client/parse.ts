/**
 * Reading what a planner types into the sidebar's fields, and writing figures back as they
 * would type them. Amounts are read by the core's parseAmount (the sheet reads cells the same
 * way); this module adds the sidebar's field conventions.
 */
import type { Localized } from '../../src/core/i18n';
import type { FieldRule, TypedProblem } from '../../src/core/inputErrors';
import { parseAmount } from '../../src/core/numbers';
import { MESSAGES } from './text';

/** How a planned value is typed: rates and channel shares as percent, sizes as amounts. */
export type FieldUnit = 'percent' | 'amount';

/** What a form got wrong, by field name (a KpiError's `field`, or '' when no field owns it). */
export type FieldMessages = Map<string, Localized>;

/** Rates and shares are typed as percent: `30` and `30%` both mean 0.3. */
export const parsePercent = (text: string): number | null => parseAmount(/%\s*$/.test(text) ? text : `${text}%`);

export const parseField = (text: string, unit: FieldUnit): number | null => (unit === 'percent' ? parsePercent(text) : parseAmount(text));

/**
 * A field's text read by its rule: the value, or what is wrong with it. Money and counts never
 * take a percentage: "30%" as a KGI is refused, not read as 0.3.
 */
export function readTyped(
  text: string,
  unit: FieldUnit,
  rule: FieldRule,
): { value: number; problem: null } | { value: null; problem: TypedProblem } {
  const value = parseField(text, unit);
  if (text.trim() === '') return { value: null, problem: 'blank' };
  if (value === null) return { value: null, problem: 'notANumber' };
  if (unit === 'amount' && /%\s*$/.test(text.normalize('NFKC'))) return { value: null, problem: 'percent' };
  return rule.accepts(value) ? { value, problem: null } : { value: null, problem: 'range' };
}

/** A field's text as the planner typed it, for messages: a percent field's bare number with its %. */
export function typedAs(text: string, unit: FieldUnit): string {
  const trimmed = text.trim();
  return unit === 'percent' && !/%$/.test(trimmed) && parseAmount(trimmed) !== null ? `${trimmed}%` : trimmed;
}

/**
 * A fraction typed into a percent field, read as the percentage it is ("0.3" is 0.3%), shown
 * beside the field in case a fraction was meant: `0.3% — did you mean 30%?`. Null otherwise.
 */
export function percentNote(text: string, unit: FieldUnit): Localized | null {
  const trimmed = text.normalize('NFKC').trim();
  if (unit !== 'percent' || /%$/.test(trimmed)) return null;
  const value = parseAmount(trimmed);
  if (value === null || value <= 0 || value >= 1) return null;
  const meant = percentText(value);
  return { en: `${trimmed}% — did you mean ${meant}%?`, ja: `${trimmed}% と読みました。${meant}% のつもりですか？` };
}

/** A four-digit fiscal year. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : null;
}

/** The fiscal year's refusal, with what was typed. */
export const yearTyped = (text: string): Localized =>
  text.trim() === ''
    ? MESSAGES.notAYear
    : {
        en: `${MESSAGES.notAYear.en.replace(/\.$/, '')}; you typed “${text.trim()}”.`,
        ja: `${MESSAGES.notAYear.ja.replace(/。$/, '')}（入力: 「${text.trim()}」）。`,
      };

/** Seasonal weights pasted from a sheet row: tabs, commas or spaces between twelve numbers. */
export function parseWeights(text: string): number[] | null {
  const parts = text
    .trim()
    .split(/[\s,、]+/)
    .filter(Boolean);
  const weights = parts.map((part) => parseAmount(part));
  if (weights.length !== 12 || weights.some((w) => w === null || w < 0)) return null;
  const valid = weights as number[];
  return valid.some((w) => w > 0) ? valid : null;
}

/** The weights typed (null: an even split), with `twelveWeights` in `errors` when they cannot be read. */
export function readWeights(typed: string | null, errors: FieldMessages): number[] | null {
  if (typed === null) return null;
  const weights = parseWeights(typed);
  if (weights === null) errors.set('seasonality', MESSAGES.twelveWeights);
  return weights;
}

/**
 * A planned fraction as typed into a percent field: 0.3 → "30". Rounded at a millionth so
 * binary noise (0.3 × 100 = 30.000000000000004) never shows.
 */
const percentText = (fraction: number): string => String(Math.round(fraction * 1e6) / 1e4);

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A value as a field holds it, which parseField reads back: "30" for 30 %, "2,000,000" for an amount. */
export const fieldText = (value: number, unit: FieldUnit): string => (unit === 'percent' ? percentText(value) : grouped.format(value));
