import type { Localized } from '../../src/core/i18n';
import { byId, say } from './dom';

/** The page-level alert, for failures no single field owns. */
export function showBanner(text: Localized | null): void {
  const banner = byId('banner');
  say(banner, text);
  banner.hidden = text === null;
}
