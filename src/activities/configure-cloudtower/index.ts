// Stage 6 activities: cluster settings, the monitoring dashboard and the rack topology through CloudTower.
export { configureDefaultStoragePolicy } from './configure-default-storage-policy.js';
export { configureCapacityAlert } from './configure-capacity-alert.js';
export { configureMonitoringDashboard } from './configure-monitoring-dashboard.js';
export { configureRackTopology } from './configure-rack-topology.js';
