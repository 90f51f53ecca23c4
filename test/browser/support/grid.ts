/** The preview's spreadsheet as the browser tests read it: tabs, a node's cell, input cells. */
import type { Locator, Page } from 'playwright-core';
import { cellOf, gridCell, selectedTab } from '../../../build/preview/drive.mjs';
import type { SheetView } from '../../../build/sheets/memoryWorkbook';
import { eventually } from './eventually';

/** The grid's tab of a sheet. */
export const tab = (page: Page, name: string): Locator => page.locator('#tabs').getByRole('tab', { name, exact: true });

/** Clicks a sheet's tab and waits until the grid shows that sheet. */
export async function showTab(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await eventually(
    () => selectedTab(page),
    (value) => expect(value).toBe(name),
  );
}

/** The grid's cell of a node in `view`'s sheet, as drawn (the grid must show that sheet). */
export const nodeCell = (page: Page, view: SheetView, nodeId: string, columnKey: string): Locator =>
  gridCell(page, cellOf(view, nodeId, columnKey));

/** The value the workbook holds in a node's cell. */
export function nodeValue(view: SheetView, nodeId: string, columnKey: string): unknown {
  const { row, column } = cellOf(view, nodeId, columnKey);
  return view.rows[row - 1][column - 1]?.value;
}

/** Input cells of a sheet (what people and the add-on type into), by grid position. */
export function inputCells(view: SheetView): Map<string, unknown> {
  const cells = new Map<string, unknown>();
  view.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.input) cells.set(`${r + 1}:${c + 1}`, cell.value);
    }),
  );
  return cells;
}
