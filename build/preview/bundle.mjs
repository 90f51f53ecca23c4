// Bundles the preview server (TypeScript) for Node, for `npm start` and the screenshot script.
import { join } from 'node:path';
import { importBundle } from '../esbuild.mjs';

/**
 * Returns the bundled module: `{ startPreview }` from build/preview/server.ts. Dependencies load
 * from node_modules as they are; only the project's TypeScript is bundled.
 * @param {string} root
 * @returns {Promise<typeof import('./server')>}
 */
export const loadPreviewServer = (root) =>
  importBundle({ entryPoints: [join(root, 'build/preview/server.ts')], outfile: join(root, '.preview/server.mjs') });
