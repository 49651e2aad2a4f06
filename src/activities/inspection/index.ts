// Stage 7 activities: cluster inspection report.
export { runInspection } from './run-inspection.js';
export { readInspectionItems } from './read-inspection-items.js';
