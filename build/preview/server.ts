/**
 * The local preview's server: serves the built dist/Sidebar.html beside a spreadsheet grid and
 * answers the sidebar's calls with the real server code, running in Node against the in-memory
 * workbook. `npm start` bundles and runs it; the browser tests start it in-process.
 */

import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KpiError } from '../../src/core/i18n';
import { VOCABULARY } from '../../src/core/vocabulary';
import { type ServerApi, sidebarViewTag } from '../../src/rpc';
import { createServerApi, exposeApi } from '../../src/server/api';
import { bundleText } from '../esbuild.mjs';
import { MemoryWorkbook } from '../sheets/memoryWorkbook';
import { UserProperties } from '../sheets/userProperties';

export interface PreviewOptions {
  /** The repository root: dist/Sidebar.html must be built. */
  readonly root: string;
  /** 0 for any free port; a busy port falls back to the next ones. */
  readonly port: number;
  readonly locale?: string;
  readonly today?: () => Date;
}

export interface Preview {
  readonly url: string;
  readonly workbook: MemoryWorkbook;
  /** The people's own settings (their language), kept across the sidebar's reloads. */
  readonly userProperties: UserProperties;
  close(): Promise<void>;
}

/** Page scripts, bundled once at start so the preview needs no build step of its own. */
async function bundle(root: string, entry: string): Promise<string> {
  const code = await bundleText({ entryPoints: [join(root, 'build/preview', entry)], format: 'iife', target: 'es2020' });
  return code.replace(/<\/script/gi, '<\\/script');
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? null : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(body);
}

const json = (response: ServerResponse, status: number, value: unknown): void =>
  send(response, status, 'application/json', JSON.stringify(value));

interface EditRequest {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly input: string;
}

const isEdit = (body: unknown): body is EditRequest => {
  const edit = body as Partial<EditRequest> | null;
  return typeof edit?.sheet === 'string' && Number.isInteger(edit.row) && Number.isInteger(edit.column) && typeof edit.input === 'string';
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Listens on `port`, or the next free one of the ten after it when it is taken. */
async function listenFrom(server: Server, port: number): Promise<number> {
  for (let candidate = port; ; candidate += 1) {
    try {
      return await listen(server, candidate);
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!busy || port === 0 || candidate >= port + 10) throw error;
    }
  }
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { root } = options;
  const [gridJs, shimJs, pageHtml] = await Promise.all([
    bundle(root, 'grid.ts'),
    bundle(root, 'shim.ts'),
    readFile(join(root, 'build/preview/page.html'), 'utf8'),
  ]);
  // The fictional sample exports (build/preview/samples.mjs writes them), to download and import.
  const samplesDir = join(root, 'build/preview/samples');
  const samples = (await readdir(samplesDir)).filter((name) => name.endsWith('.csv')).sort();
  const sampleLinks = samples.map((name) => `<a href="/samples/${encodeURIComponent(name)}" download>${name}</a>`).join(' ');
  const page = pageHtml.replace('<!-- grid script -->', () => `<script>${gridJs}</script>`).replace('<!-- samples -->', () => sampleLinks);
  // A new spreadsheet, with its first sheet, as Sheets starts.
  // One clock for the server and the sheet's own TODAY(), as in Sheets.
  const today = options.today ?? (() => new Date());
  const workbook = new MemoryWorkbook({ locale: options.locale ?? 'en_US', now: today });
  const userProperties = new UserProperties();
  const api: ServerApi = exposeApi(
    createServerApi({ workbook, today, vocabulary: () => VOCABULARY, userProperties: () => userProperties.store() }),
  );

  /** `?view=month` appends the view tag as the menu items do in Apps Script. */
  const sidebar = async (view: string | null): Promise<string> => {
    // Read per request, so a rebuilt sidebar shows on reload.
    const html = await readFile(join(root, 'dist/Sidebar.html'), 'utf8');
    const tag = view === 'new' || view === 'status' || view === 'month' ? sidebarViewTag(view) : '';
    return html.replace('<head>', () => `<head><script>${shimJs}</script>`) + tag;
  };

  const rpc = async (method: string, body: unknown, response: ServerResponse): Promise<void> => {
    const fn: unknown = Object.hasOwn(api, method) ? api[method as keyof ServerApi] : undefined;
    if (typeof fn !== 'function' || !Array.isArray(body)) {
      json(response, 404, { ok: false, message: `No server function ${method}` });
      return;
    }
    try {
      json(response, 200, { ok: true, value: (await fn.apply(api, body)) ?? null });
    } catch (error) {
      // What google.script.run hands a failure handler: the message only.
      json(response, 200, { ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const edit = (body: unknown, response: ServerResponse): void => {
    if (!isEdit(body)) {
      json(response, 400, { ok: false });
      return;
    }
    try {
      workbook.edit(body.sheet, body.row, body.column, body.input);
      json(response, 200, { ok: true });
    } catch (error) {
      if (!(error instanceof KpiError)) throw error;
      json(response, 200, { ok: false, text: error.text });
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (request.method === 'GET' && path === '/') return send(response, 200, 'text/html', page);
    if (request.method === 'GET' && path === '/sidebar')
      return send(response, 200, 'text/html', await sidebar(url.searchParams.get('view')));
    if (request.method === 'GET' && path === '/api/sheets') {
      return json(response, 200, { names: workbook.sheetNames(), active: workbook.activeSheetName() });
    }
    if (request.method === 'GET' && path.startsWith('/api/sheet/')) {
      const name = path.slice('/api/sheet/'.length);
      if (!workbook.sheetNames().includes(name)) return json(response, 404, { ok: false });
      return json(response, 200, workbook.view(name));
    }
    if (request.method === 'GET' && path.startsWith('/samples/') && samples.includes(path.slice('/samples/'.length))) {
      const bytes = await readFile(join(samplesDir, path.slice('/samples/'.length)));
      response.writeHead(200, { 'content-type': 'text/csv', 'cache-control': 'no-store' });
      response.end(bytes);
      return;
    }
    if (request.method === 'POST' && path === '/api/edit') return edit(await readBody(request), response);
    if (request.method === 'POST' && path.startsWith('/rpc/')) return rpc(path.slice('/rpc/'.length), await readBody(request), response);
    send(response, 404, 'text/plain', 'Not found');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'Preview server error');
    });
  });
  const port = await listenFrom(server, options.port);
  return {
    url: `http://127.0.0.1:${port}/`,
    workbook,
    userProperties,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
