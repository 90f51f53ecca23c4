import type { KpiError } from '../../src/core/i18n';
import { showBanner } from './banner';
import { decodeFailure } from './rpc';

export interface BusyOptions {
  /** A progress line (spinner and text) shown while the call runs. */
  readonly progress?: HTMLElement;
  /** Where a failure goes; by default the banner. */
  readonly failed?: (failure: KpiError) => void;
}

/**
 * The one way a control runs a server call: disabled and aria-busy while `call` runs (so it is
 * not sent twice), enabled after. The banner is cleared first, since it spoke of an earlier
 * action. Resolves to the call's value, or undefined when it failed.
 */
export async function whileBusy<T>(
  control: HTMLButtonElement | HTMLInputElement,
  call: () => Promise<T>,
  options: BusyOptions = {},
): Promise<T | undefined> {
  control.disabled = true;
  control.setAttribute('aria-busy', 'true');
  if (options.progress) options.progress.hidden = false;
  showBanner(null);
  try {
    return await call();
  } catch (error) {
    const failure = decodeFailure(error);
    if (options.failed) options.failed(failure);
    else showBanner(failure.text);
    return undefined;
  } finally {
    control.disabled = false;
    control.removeAttribute('aria-busy');
    if (options.progress) options.progress.hidden = true;
  }
}
