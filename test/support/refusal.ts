import { KpiError } from '../../src/core/i18n';

/**
 * The KpiError `work` refuses with: what the user is told, in both languages, and the field it
 * names. Fails the test when `work` returns, or throws anything else.
 */
export function refusal(work: () => unknown): KpiError {
  try {
    work();
  } catch (error) {
    if (error instanceof KpiError) return error;
    throw error;
  }
  throw new Error('not refused');
}
