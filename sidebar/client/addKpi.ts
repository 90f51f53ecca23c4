/**
 * The "Add a process KPI" section's logic: the catalogue, the KPI the form sends (a catalogue
 * entry in both languages, or a name of one's own), and the nodes it can feed. Pure, so it is
 * tested without a page.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import { type FieldRule, typedWrong } from '../../src/core/inputErrors';
import { PROCESS_KPI_GROUPS, type ProcessKpi, type ProcessKpiGroup } from '../../src/core/processKpis';
import type { TemplateId } from '../../src/core/templates';
import { orderTree, type Tree, type TreeNode } from '../../src/core/tree';
import type { NewProcessKpi } from '../../src/rpc';
import { type FieldMessages, type FieldUnit, readTyped, typedAs } from './parse';
import { MESSAGES } from './text';

/** The picker's last choice: a name of one's own. */
export const CUSTOM = '__custom';

export const catalogueKpi = (id: string): ProcessKpi | undefined => PROCESS_KPI_GROUPS.flatMap((g) => g.kpis).find((kpi) => kpi.id === id);

/** A process KPI's target: a count, an amount or a level's number of 0 or more, or a rate; a new channel's share leaves room for the others. */
const TARGET: FieldRule = { kind: 'count', range: 'nonNegative', accepts: (n) => n >= 0 };
const MONEY_TARGET: FieldRule = { kind: 'yen', range: 'nonNegative', accepts: (n) => n >= 0 };
const LEVEL_TARGET: FieldRule = { kind: 'number', range: 'nonNegative', accepts: (n) => n >= 0 };
const RATE_TARGET: FieldRule = { kind: 'percent', range: 'upToHundred', accepts: (n) => n > 0 && n <= 1 };
const SHARE: FieldRule = { kind: 'percent', range: 'belowHundred', accepts: (n) => n > 0 && n < 1 };

/** What a KPI measures: a rate or money (a count where absent), and whether it is a level held each month. */
export type Measured = Pick<ProcessKpi, 'unit' | 'level'>;

/** What a KPI one names may measure, as the form offers it; the catalogue's say their own. */
export const MEASURES = {
  count: {},
  yen: { unit: 'yen' },
  rate: { unit: 'rate', level: true },
  level: { level: true },
} as const satisfies Record<string, Measured>;
export type Measure = keyof typeof MEASURES;

/** What the KPI the form describes measures: a catalogue entry's own, or the measure chosen for a named one. */
export const measuredBy = (pick: string, measure: Measure): Measured => catalogueKpi(pick) ?? MEASURES[measure];

/** How the target field of a KPI is typed, what it takes, its name and the unit beside it. */
export function targetField(entry: Measured | undefined): { unit: FieldUnit; rule: FieldRule; name: Localized; affix: Localized } {
  // A level's target holds each month; a count's or an amount's is the year's.
  const name = entry?.level ? MESSAGES.kpiLevelPlan : MESSAGES.kpiPlan;
  if (entry?.unit === 'rate') return { unit: 'percent', rule: RATE_TARGET, name, affix: { en: '%', ja: '%' } };
  if (entry?.unit === 'yen') return { unit: 'amount', rule: MONEY_TARGET, name, affix: { en: '¥', ja: '¥' } };
  if (entry?.level) return { unit: 'amount', rule: LEVEL_TARGET, name, affix: { en: '', ja: '' } };
  return { unit: 'amount', rule: TARGET, name, affix: MESSAGES.countUnit };
}

/** A field's value, or null with what is wrong with it under `field` in `errors`. */
function readField(text: string, unit: FieldUnit, rule: FieldRule, name: Localized, field: string, errors: FieldMessages): number | null {
  const { value, problem } = readTyped(text, unit, rule);
  if (problem !== null) errors.set(field, typedWrong(name, rule, typedAs(text, unit), problem));
  return value;
}

/** The form as typed. */
export interface TypedKpi {
  /** A catalogue id, or CUSTOM. */
  readonly pick: string;
  readonly customName: string;
  readonly parent: string;
  readonly plan: string;
  readonly lowerIsBetter: boolean;
  /** The share typed when the KPI joins its parent's sum as one more channel; null otherwise. */
  readonly share: string | null;
  /** What a named KPI measures (a catalogue entry says its own). */
  readonly measure: Measure;
}

/**
 * The KPI to send: a catalogue entry in both languages, or a custom name used for both; with a
 * share, a channel of its parent (which has a share, not a target). Null when something is wrong.
 */
export function readKpi(typed: TypedKpi): { kpi: NewProcessKpi | null; errors: FieldMessages } {
  const errors: FieldMessages = new Map();
  const asChannel = typed.share !== null;
  const entry = catalogueKpi(typed.pick);
  const measured = measuredBy(typed.pick, typed.measure);
  const target = targetField(measured);
  const plan = asChannel ? 0 : readField(typed.plan, target.unit, target.rule, target.name, 'plan', errors);
  const share = typed.share === null ? null : readField(typed.share, 'percent', SHARE, MESSAGES.kpiShare, 'channelShare', errors);
  const name = typed.customName.trim();
  if (!entry && !name) errors.set('label', MESSAGES.nameNeeded);
  if (errors.size > 0) return { kpi: null, errors };
  // What it measures, for a KPI beside the tree (a channel is measured as its parent).
  const kinds = asChannel ? {} : { ...(measured.level ? { level: true } : {}), ...(measured.unit ? { unit: measured.unit } : {}) };
  const kpi: NewProcessKpi = {
    parent: typed.parent,
    label: entry ? entry.label : { en: name, ja: name },
    definition: entry ? entry.definition : { en: '', ja: '' },
    plan: plan ?? 0,
    lowerIsBetter: typed.lowerIsBetter,
    ...kinds,
  };
  return { kpi: asChannel ? { ...kpi, lowerIsBetter: false, channelShare: share ?? 0 } : kpi, errors };
}

/** The nodes a process KPI can feed, in tree order (tracked KPIs feed nothing). */
export const feedable = (tree: Tree): TreeNode[] => orderTree(tree).filter((n) => n.kind !== 'tracked');

/** A node as the "Feeds" list shows it: indented by depth. */
export const indented = (node: TreeNode, lang: Lang): string => `${'　'.repeat(node.depth)}${node.label[lang]}`;

/** The node chosen before, while the tree still has it; else the last. */
export const keptParent = (nodes: readonly TreeNode[], chosen: string): string =>
  nodes.some((n) => n.id === chosen) ? chosen : (nodes[nodes.length - 1]?.id ?? '');

/** A node that adds up channels can take the new KPI as one more. */
export const addsUp = (nodes: readonly TreeNode[], id: string): boolean => nodes.find((n) => n.id === id)?.combine === 'sum';

/** The catalogue group whose KPIs feed each template's tree best: offered first. */
const FITTING_GROUP: Record<TemplateId, string> = {
  new_business: 'any',
  account_sales: 'retention',
  inside_sales: 'telephone',
  customer_success: 'retention',
  digital_sales: 'web',
  b2b_pipeline: 'nurturing',
};

/** The catalogue's groups for a tree of `templateId`, the one that fits it first. */
export function groupsFor(templateId: TemplateId): ProcessKpiGroup[] {
  const fit = FITTING_GROUP[templateId];
  return [...PROCESS_KPI_GROUPS.filter((g) => g.id === fit), ...PROCESS_KPI_GROUPS.filter((g) => g.id !== fit)];
}
