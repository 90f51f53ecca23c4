/**
 * `google.script.run` for the sidebar in the local preview: each call is a POST to the preview
 * server, which runs the real server code. Arguments and results cross as JSON, like Apps
 * Script's own serialization; a thrown error arrives as an Error carrying the server's message.
 * After every call the page is told, so the grid shows what the call changed.
 */
interface Handlers {
  readonly success?: (value: unknown) => void;
  readonly failure?: (error: Error) => void;
}

type Reply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

async function call(method: string, args: unknown[]): Promise<Reply> {
  const response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Reply;
}

/**
 * "Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
 * prohibited type, including prohibited types inside objects or arrays"
 * (https://developers.google.com/apps-script/guides/html/reference/run): JSON would quietly turn
 * a Date into text, so the preview refuses as Apps Script does.
 */
function illegal(value: unknown): string | null {
  if (value instanceof Date || typeof value === 'function' || value instanceof Node) {
    return `Invalid argument: a ${Object.prototype.toString.call(value)} cannot be passed to the server`;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const item of Object.values(value)) {
    const found = illegal(item);
    if (found) return found;
  }
  return null;
}

function runner(handlers: Handlers): unknown {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (name === 'withSuccessHandler') return (success: Handlers['success']) => runner({ ...handlers, success });
        if (name === 'withFailureHandler') return (failure: Handlers['failure']) => runner({ ...handlers, failure });
        if (typeof name !== 'string') return undefined;
        return (...args: unknown[]) => {
          const refused = illegal(args);
          if (refused) {
            handlers.failure?.(new Error(refused));
            return;
          }
          call(name, args)
            .then(
              (reply) => {
                if (reply.ok) handlers.success?.(reply.value);
                else handlers.failure?.(new Error(reply.message));
              },
              (error: unknown) => handlers.failure?.(error instanceof Error ? error : new Error(String(error))),
            )
            .finally(() => window.parent.postMessage({ type: 'kpi-tree-rpc', method: name }, window.location.origin));
        };
      },
    },
  );
}

(window as unknown as { google: unknown }).google = { script: { run: runner({}), host: { close() {} } } };
