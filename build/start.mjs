// `npm start` (after `npm run build`): the local preview. Runs the preview server against an
// in-memory workbook and prints the URL to open.
import { fileURLToPath } from 'node:url';
import { loadPreviewServer } from './preview/bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { startPreview } = await loadPreviewServer(root);
const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
const preview = await startPreview({ root, port, locale: process.env.PREVIEW_LOCALE });
console.log(`KPI Tree preview: ${preview.url}`);
console.log('The sidebar beside an in-memory spreadsheet; the sidebar calls the server code running here. Ctrl+C stops it.');
