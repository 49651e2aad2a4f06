// Writing back to the planning workbook: the serials read by stages 3, 8 and 9.
export { writeSerialsToWorkbook } from './write-serials-to-workbook.js';

/**
 * The workbook write-back's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type WorkbookActivities = typeof import('./index.js');
