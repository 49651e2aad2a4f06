// Stage 2 "Deploy cluster": the deploy activities, and the pure helpers they are built on (for tests).
export { deployCluster, deployClusterFromPlan } from './deploy-cluster.js';
export type {
  DeployClusterRequest,
  DeployClusterResult,
  DeployClusterFromPlanRequest,
} from './deploy-cluster.js';
export {
  buildDeployPayload,
  diskLayout,
  masterCount,
  netmaskOfCidr,
  DeployPayloadError,
  DEFAULT_HOST_PASSWORD_CIPHER,
  MGT_NETWORK_NAME,
  STORAGE_NETWORK_NAME,
} from './deploy-payload.js';
export type {
  DeployPayloadInput,
  DeployNetworkInput,
  DeployHostInput,
  DiskLayout,
} from './deploy-payload.js';
export { summarizeHostScan } from './host-scan-summary.js';
export type {
  HostScanSummary,
  DiskSummary,
  DiskKind,
  NicSummary,
  SummarizeOptions,
} from './host-scan-summary.js';
