/**
 * The Team view's texts: who is stuck at which stage, read from the Team sheet's own figures.
 * Pure functions over `TeamStatus`, so they are tested without a page.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import type { TeamMember, TeamStatus } from '../../src/rpc';
import { formatValue } from './format';

const t = (en: string, ja: string): Localized => ({ en, ja });

export const TEAM_TEXT = {
  noTeam: t(
    'No Team sheet for this tree yet. Link its counts to your data (with an owner column), then create it.',
    'このツリーのチームシートはまだありません。件数をデータ（担当者列つき）にリンクしてから作成してください。',
  ),
  noAllocation: t(
    'No allocation yet: type it in the Team sheet, or split the KGI evenly.',
    '配分が未入力です。チームシートに入力するか、KGIを均等に配分してください。',
  ),
  noStage: t('No stage under plan.', '計画未達の段階はありません。'),
  allocation: t('Allocation', '配分'),
} as const;

export const TEAM_PHRASES = {
  stuckAt: (label: string) => t(`Stuck at: ${label}`, `つまずき: ${label}`),
  recoverable: (amount: string) => t(`${amount} KGI recoverable`, `回復できるKGI ${amount}`),
  allocationsOff: (allocated: string, kgi: string) =>
    t(
      `The allocations add up to ${allocated}, not the KGI ${kgi}: type each share in the Team sheet, or split evenly.`,
      `配分の合計は ${allocated} で、KGI ${kgi} と一致しません。チームシートで各配分を入力するか、均等に配分してください。`,
    ),
};

/** One line of a member's card: a stage (or the KGI) with actual → plan and achievement. */
export interface TeamLine {
  readonly nodeId: string;
  readonly label: string;
  readonly figures: string;
  readonly stuck: boolean;
}

/** A member's card: their name, allocation, headline (their bottleneck) and lines. */
export interface TeamCard {
  readonly name: string;
  readonly allocation: string;
  readonly headline: string;
  readonly recoverable: string;
  readonly stuck: boolean;
  readonly lines: readonly TeamLine[];
}

const blank = '—';

/** The KGI and the stages (levers), each as "actual → plan (achievement)", as the sheet shows them. */
export function teamCard(status: TeamStatus, member: TeamMember, lang: Lang, total = false): TeamCard {
  const kgiUnit = status.nodes[0]?.unit ?? 'yen';
  const shown = status.nodes.filter((node, i) => i === 0 || node.stage);
  const lines = shown.map((node) => {
    const f = member.figures.find((x) => x.nodeId === node.nodeId);
    const value = (v: number | null | undefined) => (v === null || v === undefined ? blank : formatValue(v, node.unit, lang));
    const achievement = f?.achievement === null || f?.achievement === undefined ? '' : ` (${formatValue(f.achievement, 'rate', lang)})`;
    return {
      nodeId: node.nodeId,
      label: node.label,
      figures: `${value(f?.actual)} → ${value(f?.plan)}${achievement}`,
      stuck: member.bottleneck?.nodeId === node.nodeId,
    };
  });
  const headline = member.bottleneck
    ? TEAM_PHRASES.stuckAt(member.bottleneck.label)[lang]
    : !total && member.allocation === null
      ? TEAM_TEXT.noAllocation[lang]
      : TEAM_TEXT.noStage[lang];
  return {
    name: member.name,
    allocation:
      member.allocation === null
        ? blank
        : `${formatValue(member.allocation, kgiUnit, lang)}${member.share === null ? '' : ` (${formatValue(member.share, 'rate', lang)})`}`,
    headline,
    recoverable:
      member.bottleneck && member.recoverable !== null
        ? TEAM_PHRASES.recoverable(formatValue(member.recoverable, kgiUnit, lang))[lang]
        : '',
    stuck: member.bottleneck !== null,
    lines,
  };
}

/** Said while the allocations do not add up to the KGI (the sheet flags the same); null when they do. */
export function allocationWarning(status: TeamStatus, lang: Lang): string | null {
  if (status.allocationWarning === '') return null;
  const unit = status.nodes[0]?.unit ?? 'yen';
  const money = (v: number | null) => (v === null ? blank : formatValue(v, unit, lang));
  return TEAM_PHRASES.allocationsOff(money(status.allocated), money(status.kgi))[lang];
}
