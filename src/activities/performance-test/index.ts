// Stage 10 activities (performance tests in the test VMs).
export { runFioProfiles } from './run-fio-profiles.js';
export { listOpenAlerts } from './list-open-alerts.js';
