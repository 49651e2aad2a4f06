// Stage 2 "Deploy cluster". Only activities are exported here: the worker registers everything
// this barrel exports. The pure helpers they are built on live in deploy-payload.ts and
// host-scan-summary.ts.
export { deployCluster, deployClusterFromPlan } from './deploy-cluster.js';
export type {
  DeployClusterRequest,
  DeployClusterResult,
  DeployClusterFromPlanRequest,
} from './deploy-cluster.js';
export type { HostScanSummary } from './host-scan-summary.js';
