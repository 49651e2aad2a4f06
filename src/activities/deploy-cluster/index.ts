// Stage 2 "Deploy cluster". Only activities are exported here: the worker registers everything
// this barrel exports. The pure helpers they are built on live in deploy-payload.ts and
// ../support (host-scan-summary.ts, disk-layout.ts, shared with stage 1's host scan).
export { deployCluster } from './deploy-cluster.js';
export { deployClusterFromPlan } from './deploy-cluster-from-plan.js';
export type { DeployClusterRequest, DeployClusterResult } from './deploy-cluster.js';
export type { DeployClusterFromPlanRequest } from './deploy-cluster-from-plan.js';
export type { HostScanSummary } from '../support/host-scan-summary.js';

/**
 * Stage 2's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type DeployClusterActivities = typeof import('./index.js');
