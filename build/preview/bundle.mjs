// Bundles the preview server (TypeScript) for Node, for `npm start` and the screenshot script.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';

/** Returns the bundled module: `{ startPreview }` from build/preview/server.ts. */
export async function loadPreviewServer(root) {
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
  return import(pathToFileURL(outfile).href);
}
