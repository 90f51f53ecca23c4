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
