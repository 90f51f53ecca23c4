import type { Locator } from 'playwright-core';

/**
 * Retries `check` on fresh readings until it passes or `timeoutMs` runs out, then fails with
 * the last assertion: the page answers asynchronously (RPC, redraws), as a person sees it.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `read` gives `expected` (a string or other value), or a reading that matches it (a pattern). */
export const eventuallyReads = <T>(read: () => Promise<T>, expected: T | RegExp): Promise<void> =>
  eventually(read, (value) => {
    if (expected instanceof RegExp) expect(value).toMatch(expected);
    else expect(value).toBe(expected);
  });

/** Waits until the element's text (`textContent`) is `expected`, or matches it. */
export const eventuallyText = (locator: Locator, expected: string | RegExp): Promise<void> =>
  eventuallyReads(() => locator.textContent(), expected);

/** Waits until the element's text as laid out (`innerText`: a line per block) is `expected`, or matches it. */
export const eventuallyInnerText = (locator: Locator, expected: string | RegExp): Promise<void> =>
  eventuallyReads(() => locator.innerText(), expected);

/** Waits until a form field holds `expected`. */
export const eventuallyValue = (locator: Locator, expected: string): Promise<void> => eventuallyReads(() => locator.inputValue(), expected);
