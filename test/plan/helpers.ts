import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CellValue, Workbook } from 'exceljs';
import {
  loadWorkbookFile,
  PLAN_MAX_ROW,
  PLAN_SHEETS,
  writeSamplePlan,
  type SamplePlanOptions,
} from '../../src/plan/index.js';
import { customerWorkbookPath } from '../helpers/customer-workbook.js';

// Shared fixtures of the plan tests. The customer's workbook comes only through
// test/helpers/customer-workbook.ts (tests using it skip when it is absent).

let cached: Promise<Workbook> | undefined;

/** The customer's real template, loaded once (plan sheets only); tests mutate it through withCells(). */
export function templateWorkbook(): Promise<Workbook> {
  cached ??= loadWorkbookFile(customerWorkbookPath(), { keepSheets: PLAN_SHEETS, maxRow: PLAN_MAX_ROW });
  return cached;
}

/** Our own sample workbook (src/plan/sample-plan.ts) written to a scratch file; returns its path. */
export async function sampleWorkbookFile(opts: Partial<SamplePlanOptions> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'sample-plan-'));
  const file = path.join(dir, 'sample-plan.xlsx');
  await writeSamplePlan(file, {
    hosts: 3,
    networkArchitecture: 'storage-separate',
    storageArchitecture: 'hybrid-tiered',
    ...opts,
  });
  return file;
}

/** Our own sample workbook loaded like the template (plan sheets only), for withCells(). */
export async function sampleWorkbook(opts: Partial<SamplePlanOptions> = {}): Promise<Workbook> {
  return loadWorkbookFile(await sampleWorkbookFile(opts), { keepSheets: PLAN_SHEETS, maxRow: PLAN_MAX_ROW });
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
