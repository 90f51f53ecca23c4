// Compiles the sidebar's Handlebars templates in Node, so dist/ ships plain HTML and neither
// the Handlebars runtime nor compiled template functions reach Apps Script.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export async function buildSidebar({ root, outDir }) {
  const template = Handlebars.compile(await readFile(join(root, 'sidebar/index.hbs'), 'utf8'), { strict: true });
  await writeFile(join(outDir, 'Sidebar.html'), template({ title: 'KPI Tree' }));
}
