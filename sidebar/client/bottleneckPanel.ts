/**
 * The bottleneck panel's logic: the stage to fix with its actual → plan and the KGI restoring
 * it recovers, what that means for the year, the other levers under plan in the sheet's ranking,
 * and the outcomes under plan apart from them. Cut to one owner's rows, and their own
 * bottleneck, when one is chosen. Pure, so it is tested without a page.
 */
import type { Lang } from '../../src/core/i18n';
import type { Unit } from '../../src/core/tree';
import type { NodeStatus, TreeStatus, YearOutlook } from '../../src/rpc';
import { formatPercent, formatValue } from './format';
import { forOwner } from './owners';
import type { Facts } from './status';
import { MESSAGES, type MessageKey, PHRASES } from './text';

export interface Lever {
  /** The KPI, with its owner when one is named. */
  readonly name: string;
  /** The period's actual → plan in the KPI's own unit: "14.5% → 20%". */
  readonly change: string;
  /** Its achievement (the bottleneck's) and the KGI restoring it recovers. */
  readonly facts: Facts;
}

export interface BottleneckPanel {
  /** "Current bottleneck", or the chosen owner's. */
  readonly heading: string;
  /** The stage to fix, or the key of the text saying, in a neutral box, why none is named. */
  readonly bottleneck: Lever | MessageKey;
  /** Rows whose input the sheet cannot compute with, to fix first: "Win rate — row 9". */
  readonly checkInput: readonly string[];
  /** The landing forecast against the KGI, with the fix when there is one; empty before any actual. */
  readonly year: Facts;
  /** What "with the fix" means, in one line; null when the year has no fix in it. */
  readonly fixMeans: string | null;
  /** The other levers under plan, in the sheet's ranking (none outranks the bottleneck). */
  readonly underPlan: readonly Lever[];
  /** Outcomes and process KPIs under plan: "Orders: 30 → 42". */
  readonly outcomes: readonly string[];
  readonly processKpis: readonly string[];
}

const figure = (value: number | null, unit: Unit, lang: Lang): string => (value === null ? '—' : formatValue(value, unit, lang));

/** "14.5% → 20%": the period's actual and plan, as the sidebar shows figures of the node's unit. */
export const actualToPlan = (node: Pick<NodeStatus, 'actual' | 'plan' | 'unit'>, lang: Lang): string =>
  `${figure(node.actual, node.unit, lang)} → ${figure(node.plan, node.unit, lang)}`;

/** A gap with its sign (− short of the KGI, + above it). */
export function signed(value: number, unit: Unit, lang: Lang): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${formatValue(Math.abs(value), unit, lang)}`;
}

const name = (node: NodeStatus, owner: string | null): string =>
  node.owner && owner === null ? `${node.label} — ${node.owner}` : node.label;

/** The year: landing and gap, then with the fix when the fix's recovery is known. */
function yearFacts(year: YearOutlook | null, fixed: boolean, kgiUnit: Unit, lang: Lang): Facts {
  if (year === null) return [];
  const facts: [MessageKey, string][] = [
    ['landing', formatValue(year.landing, kgiUnit, lang)],
    ['kgi', formatValue(year.kgi, kgiUnit, lang)],
    ['gapToKgi', signed(year.gap, kgiUnit, lang)],
  ];
  if (fixed && year.landingWithFix !== null && year.gapWithFix !== null) {
    facts.push(['landingWithFix', formatValue(year.landingWithFix, kgiUnit, lang)], ['gapWithFix', signed(year.gapWithFix, kgiUnit, lang)]);
  }
  return facts;
}

/** Why no stage is named: none under plan (everyone's or the owner's), none rankable yet, or no actuals. */
function noBottleneck(status: TreeStatus, owner: string | null): MessageKey {
  if (status.checkInput.length > 0) return 'checkInputFirst';
  if (status.underPlan.length > 0) return 'notRanked';
  if (status.nodes.every((node) => node.periodActual === null)) return 'noActuals';
  return owner === null ? 'onPlan' : 'ownerOnPlan';
}

/** The panel for `whole`, cut to `owner`'s rows and their own bottleneck unless owner is null. */
export function bottleneckPanel(whole: TreeStatus, kgiUnit: Unit, owner: string | null, lang: Lang): BottleneckPanel {
  const status = forOwner(whole, owner);
  const top = status.bottleneck;
  const recovered = (node: NodeStatus): [MessageKey, string] => ['recoverable', figure(node.recoverable, kgiUnit, lang)];
  // A month selected, or the year to date (the sheet's word for it is in the tree's language).
  const month = status.months.includes(status.period) ? status.period : null;
  const line = (node: NodeStatus) => `${node.label}: ${actualToPlan(node, lang)}`;
  // The year with the fix, when there is a fix and what it recovers is known.
  const fixed = top !== null && status.year !== null && status.year.landingWithFix !== null;
  return {
    heading: owner === null ? MESSAGES.bottleneck[lang] : PHRASES.ownerBottleneck(owner)[lang],
    bottleneck: top
      ? {
          name: name(top, owner),
          change: actualToPlan(top, lang),
          facts: [['achievement', top.achievement === null ? '—' : formatPercent(top.achievement, lang)], recovered(top)],
        }
      : noBottleneck(status, owner),
    // Any row's bad input stops the sheet naming a stage, whoever owns the row.
    checkInput: whole.checkInput.map((row) => PHRASES.rowToCheck(row.label, row.row)[lang]),
    year: yearFacts(status.year, fixed, kgiUnit, lang),
    fixMeans: fixed ? PHRASES.fixMeans(top.label, month)[lang] : null,
    underPlan: status.underPlan.map((node) => ({ name: name(node, owner), change: actualToPlan(node, lang), facts: [recovered(node)] })),
    outcomes: status.outcomes.map(line),
    processKpis: status.trackedUnderPlan.map(line),
  };
}
