import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { PlanReadError } from './issues.js';
import { normalizeForExceljs, type NormalizeOptions } from './workbook-normalizer.js';
import { openPackage } from './xlsx-parts.js';

/** Loads workbook bytes into exceljs, through the normalizer. */
export async function loadWorkbookBytes(
  bytes: Buffer,
  label: string,
  opts: NormalizeOptions = {},
): Promise<ExcelJS.Workbook> {
  const zip = await openPackage(bytes, label);
  const normalized = await normalizeForExceljs(zip, opts);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(normalized as unknown as ArrayBuffer);
  } catch (cause) {
    throw new PlanReadError(
      'corrupt',
      `${label}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  return workbook;
}

export async function readWorkbookFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PlanReadError('not-found', file, { cause });
    if (code === 'EISDIR') throw new PlanReadError('not-a-workbook', file, { cause });
    throw cause;
  }
}

/** Loads a workbook file into exceljs (all sheets unless `keepSheets` says otherwise). */
export async function loadWorkbookFile(file: string, opts: NormalizeOptions = {}): Promise<ExcelJS.Workbook> {
  return loadWorkbookBytes(await readWorkbookFile(file), file, opts);
}
