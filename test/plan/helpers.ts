import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellValue, Workbook } from 'exceljs';
import { loadWorkbookFile, PLAN_MAX_ROW, PLAN_SHEETS } from '../../src/plan/index.js';

// Shared fixtures of the plan tests. The compiled file lives in dist/test/plan/.
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const templatePath = path.resolve(projectRoot, '../shared/reference/planning-workbook-template.xlsx');

let cached: Promise<Workbook> | undefined;

/** The real template, loaded once (plan sheets only); tests mutate it through withCells(). */
export function templateWorkbook(): Promise<Workbook> {
  cached ??= loadWorkbookFile(templatePath, { keepSheets: PLAN_SHEETS, maxRow: PLAN_MAX_ROW });
  return cached;
}

/** `'主机规划!I3'` -> sheet and cell. */
export function splitRef(ref: string): { sheet: string; cell: string } {
  const i = ref.lastIndexOf('!');
  return { sheet: ref.slice(0, i), cell: ref.slice(i + 1) };
}

/** Runs `fn` with the given cells changed, then puts the original values back. */
export function withCells<T>(wb: Workbook, changes: Record<string, CellValue>, fn: () => T): T {
  const saved: [ReturnType<Workbook['getWorksheet']>, string, CellValue][] = [];
  try {
    for (const [ref, value] of Object.entries(changes)) {
      const { sheet, cell } = splitRef(ref);
      const ws = wb.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet}`);
      saved.push([ws, cell, ws.getCell(cell).value]);
      ws.getCell(cell).value = value;
    }
    return fn();
  } finally {
    for (const [ws, cell, value] of saved.reverse()) ws!.getCell(cell).value = value;
  }
}
