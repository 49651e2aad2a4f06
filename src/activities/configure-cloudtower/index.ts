// Stage 6 activities: cluster settings, the monitoring dashboard and the rack topology through CloudTower.
export { configureDefaultStoragePolicy } from './configure-default-storage-policy.js';
export { configureCapacityAlert } from './configure-capacity-alert.js';
export { configureMonitoringDashboard } from './configure-monitoring-dashboard.js';
export { configureRackTopology } from './configure-rack-topology.js';

/**
 * Stage 6's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type ConfigureCloudTowerActivities = typeof import('./index.js');
