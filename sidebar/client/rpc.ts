/**
 * The sidebar's one door to the server: `google.script.run` wrapped in promises and typed by
 * `ServerApi`, so a renamed or retyped server method breaks the sidebar's build, not a user.
 */
import { KpiError, type Localized } from '../../src/core/i18n';
import { RPC_ERROR_MARKER, type RpcFailure, type ServerApi } from '../../src/rpc';

/** Every method of `T`, returning a promise of what it returned. */
export type Promisified<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** The part of `google.script.run` the client uses; each `with…Handler` returns a fresh runner. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [method: string]: unknown;
}

const GENERIC: Localized = {
  en: 'Something went wrong on the server. Please try again.',
  ja: 'サーバーでエラーが発生しました。もう一度お試しください。',
};

const isLocalized = (value: unknown): value is Localized =>
  typeof value === 'object' && value !== null && typeof (value as Localized).en === 'string' && typeof (value as Localized).ja === 'string';

/**
 * `google.script.run` keeps only an error's message. A KpiError's message is the marker and
 * its JSON; anything else (a timeout, an Apps Script exception) becomes the generic text, so
 * a stack trace never reaches the user.
 */
export function decodeFailure(error: unknown): KpiError {
  if (error instanceof KpiError) return error;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const at = message.indexOf(RPC_ERROR_MARKER);
  if (at >= 0) {
    try {
      const parsed: unknown = JSON.parse(message.slice(at + RPC_ERROR_MARKER.length));
      const failure = parsed as Partial<RpcFailure>;
      if (isLocalized(failure.text)) {
        return new KpiError(failure.text, typeof failure.field === 'string' ? failure.field : undefined);
      }
    } catch {
      // Not our JSON after all: fall through to the generic failure.
    }
  }
  return new KpiError(GENERIC);
}

function currentRunner(): ScriptRunner {
  const run = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google?.script?.run;
  if (!run) throw new KpiError(GENERIC);
  return run;
}

/** `runner` defaults to the page's `google.script.run`, looked up per call (the shim may load late). */
export function createRpc(runner: () => ScriptRunner = currentRunner): Promisified<ServerApi> {
  return new Proxy({} as Promisified<ServerApi>, {
    get: (_target, method) => {
      if (typeof method !== 'string') return undefined;
      return (...args: unknown[]) =>
        new Promise<unknown>((resolve, reject) => {
          const run = runner()
            .withSuccessHandler(resolve)
            .withFailureHandler((error) => reject(decodeFailure(error)));
          const call = run[method];
          if (typeof call !== 'function') {
            reject(new KpiError(GENERIC));
            return;
          }
          call.apply(run, args);
        });
    },
  });
}
