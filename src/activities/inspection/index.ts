// Stage 7 activities: cluster inspection report.
export { runInspection } from './run-inspection.js';
export { readInspectionItems } from './read-inspection-items.js';

/**
 * Stage 7's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type InspectionActivities = typeof import('./index.js');
