// Public API of the plan module: workbook -> validated Plan, write-back of serials, sample workbook.
export { Secret } from './secret.js';
export type {
  Plan,
  HostPlan,
  NetworkPlan,
  RoutedNetworkPlan,
  StorageNetworkPlan,
  BusinessVdsPlan,
  NetworkArchitecture,
  StorageArchitecture,
  BondMode,
  VlanType,
  NetworkRole,
  ClusterFeatures,
} from './types.js';
export { PlanReadError, localizeIssue } from './issues.js';
export type { PlanIssue, IssueSeverity, LocalizedIssue, CellRef, PlanReadErrorCode } from './issues.js';
export type { LocalizedText, Lang, RuleId } from './messages.js';
export { loadPlan } from './load-plan.js';
export { readPlanFromWorkbook } from './read-plan.js';
export type { PlanLoadOptions, PlanLoadResult } from './read-plan.js';
export { loadWorkbookFile, loadWorkbookBytes } from './load-workbook.js';
export { planSummary } from './summary.js';
export type { PlanSummary } from './summary.js';
export { writeBackSerials } from './write-back.js';
export type { SerialValues } from './write-back.js';
export { writeSamplePlan, sampleAddresses } from './sample-plan.js';
export type { SamplePlanOptions } from './sample-plan.js';
export { SHEETS, PLAN_SHEETS, PLAN_MAX_ROW, SERIAL_CELLS, FIELD_DEFAULTS } from './layout.js';
