/**
 * The design check's lines as the sidebar says them: the failed checks first (what to fix), then
 * those that cannot be told yet, then the passed. Pure, so it is tested without a page.
 */
import type { DesignCheck } from '../../src/core/designCheck';
import type { Lang } from '../../src/core/i18n';
import { MESSAGES, PHRASES } from './text';

export interface CheckLine {
  readonly state: DesignCheck['state'];
  readonly mark: string;
  /** The state in words, for screen readers (the mark is only seen). */
  readonly stateText: string;
  readonly title: string;
  /** "Row to fix: Win rate"; null when the fix is not one row or the check passed. */
  readonly fix: string | null;
  readonly why: string | null;
}

const ORDER: Record<DesignCheck['state'], number> = { failed: 0, unknown: 1, passed: 2 };
const MARK: Record<DesignCheck['state'], string> = { passed: '✓', failed: '✗', unknown: '–' };
const STATE = { passed: 'designPassed', failed: 'designFailed', unknown: 'designUnknown' } as const;

export function designLines(checks: readonly DesignCheck[], lang: Lang): { summary: string; lines: CheckLine[] } {
  const passed = checks.filter((c) => c.state === 'passed').length;
  const lines = [...checks]
    .sort((a, b) => ORDER[a.state] - ORDER[b.state])
    .map((check) => ({
      state: check.state,
      mark: MARK[check.state],
      stateText: MESSAGES[STATE[check.state]][lang],
      title: check.title[lang],
      fix: check.state === 'failed' && check.row !== null ? `${MESSAGES.designRow[lang]}: ${check.row}` : null,
      why: check.reason?.[lang] ?? null,
    }));
  return { summary: PHRASES.designPassedCount(passed, checks.length)[lang], lines };
}
