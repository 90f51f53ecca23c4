/** The Month close section's logic: how a refused close lists the blank actuals holding it back. */
import type { MissingInput } from '../../src/rpc';

/** "Deals (sato@example.co.jp): 2025-04, 2025-05". */
export const missingLine = (gap: MissingInput): string => `${gap.label}${gap.owner ? ` (${gap.owner})` : ''}: ${gap.months.join(', ')}`;
