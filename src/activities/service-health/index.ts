// Live checks and log reads of the deploy service (src/service), run on the site's worker.
export { checkFisheyeLogin, checkHttpEndpoint } from './http-check.js';
export { checkTcpPort } from '../support/tcp-check.js';
export { checkProcesses } from './process-check.js';
export { checkResourceUsage } from './resource-usage.js';
export { tailMachineLog } from './machine-log.js';

/**
 * The deploy service's health checks' activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type ServiceHealthActivities = typeof import('./index.js');
