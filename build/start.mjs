// `npm start` (after `npm run build`): the local preview. Bundles the preview server for Node,
// runs it against an in-memory workbook and prints the URL to open.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, '.preview/server.mjs');
await mkdir(join(root, '.preview'), { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'build/preview/server.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies load from node_modules as they are; only the project's TypeScript is bundled.
  packages: 'external',
  outfile,
});
const { startPreview } = await import(pathToFileURL(outfile).href);
const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
const preview = await startPreview({ root, port, locale: process.env.PREVIEW_LOCALE });
console.log(`KPI Tree preview: ${preview.url}`);
console.log('The sidebar beside an in-memory spreadsheet; the sidebar calls the server code running here. Ctrl+C stops it.');
