// Stage 10 activities (performance tests in the test VMs, and the disruptive test approved per run).
export { runFioProfiles } from './run-fio-profiles.js';
export { listOpenAlerts } from './list-open-alerts.js';
export { pickMaintenanceHost } from './pick-maintenance-host.js';
export { enterHostMaintenance } from './enter-host-maintenance.js';
export { exitHostMaintenance } from './exit-host-maintenance.js';

/**
 * Stage 10's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type PerformanceTestActivities = typeof import('./index.js');
