import { PLAN_MAX_ROW, PLAN_SHEETS } from './layout.js';
import { loadWorkbookFile } from './load-workbook.js';
import { readPlanFromWorkbook, type PlanLoadOptions, type PlanLoadResult } from './read-plan.js';

/**
 * Reads the planning workbook at `file` into a validated Plan. Problems with the content come back
 * as errors/warnings in the result (all at once); an unreadable file (missing, not a workbook,
 * encrypted, a plan sheet missing) throws PlanReadError.
 */
export async function loadPlan(file: string, opts: PlanLoadOptions = {}): Promise<PlanLoadResult> {
  const workbook = await loadWorkbookFile(file, { keepSheets: PLAN_SHEETS, maxRow: PLAN_MAX_ROW });
  return readPlanFromWorkbook(workbook, opts);
}
