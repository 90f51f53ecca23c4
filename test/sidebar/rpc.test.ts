import { createRpc, decodeFailure, type ScriptRunner } from '../../sidebar/client/rpc';
import { KpiError } from '../../src/core/i18n';
import { RPC_ERROR_MARKER, type SidebarContext } from '../../src/rpc';

type Handlers = { success?: (value: unknown) => void; failure?: (error: unknown) => void };

/**
 * A stand-in for `google.script.run`: each `with…Handler` returns a new runner, as the real one
 * does, and a method call answers through the handlers with whatever `server` returns or throws.
 */
function fakeRun(server: Record<string, (...args: unknown[]) => unknown>, calls: unknown[][] = []): ScriptRunner {
  const runner = (handlers: Handlers): ScriptRunner => {
    const methods = Object.fromEntries(
      Object.entries(server).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          calls.push([name, ...args]);
          // Apps Script answers asynchronously, never inside the call.
          setTimeout(() => {
            try {
              handlers.success?.(fn(...args));
            } catch (error) {
              handlers.failure?.(error);
            }
          }, 0);
        },
      ]),
    );
    return {
      ...methods,
      withSuccessHandler: (success) => runner({ ...handlers, success }),
      withFailureHandler: (failure) => runner({ ...handlers, failure }),
    };
  };
  return runner({});
}

const context: SidebarContext = { lang: 'ja', trees: [], activeTree: null };

describe('the sidebar RPC client', () => {
  it('resolves with what the server returned, passing the arguments through', async () => {
    const calls: unknown[][] = [];
    const rpc = createRpc(() => fakeRun({ getContext: () => context, openSheet: () => undefined }, calls));
    await expect(rpc.getContext()).resolves.toEqual(context);
    await expect(rpc.openSheet('KPI 2025')).resolves.toBeUndefined();
    expect(calls).toEqual([['getContext'], ['openSheet', 'KPI 2025']]);
  });

  it('turns a marked KpiError into a typed failure with its text and field', async () => {
    const text = { en: 'The KGI must be a number greater than 0.', ja: 'KGIには 0 より大きい数値を指定してください。' };
    const rpc = createRpc(() =>
      fakeRun({
        getTreeStatus: () => {
          throw new Error(`Exception: ${RPC_ERROR_MARKER}${JSON.stringify({ text, field: 'kgi' })}`);
        },
      }),
    );
    const failure = await rpc.getTreeStatus('KPI').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KpiError);
    expect(failure).toMatchObject({ text, field: 'kgi' });
  });

  it('never shows a raw server message or stack: anything unmarked becomes the generic failure', async () => {
    const rpc = createRpc(() =>
      fakeRun({
        getContext: () => {
          throw new Error('TypeError: Cannot read properties of undefined (reading "x")\n    at api.ts:12');
        },
      }),
    );
    const failure = (await rpc.getContext().catch((error: unknown) => error)) as KpiError;
    expect(failure.field).toBeUndefined();
    expect(failure.text.en).not.toMatch(/TypeError|api\.ts/);
    expect(failure.text.ja).toMatch(/エラー/);
  });

  it('treats a marker followed by broken JSON as a generic failure', () => {
    const failure = decodeFailure(new Error(`${RPC_ERROR_MARKER}{not json`));
    expect(failure.field).toBeUndefined();
    expect(failure.text.en).toMatch(/went wrong/);
  });

  it('fails politely when google.script.run is absent (a page opened outside Sheets)', async () => {
    await expect(createRpc().getContext()).rejects.toBeInstanceOf(KpiError);
  });
});
