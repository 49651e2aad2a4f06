// Stage 1 "Prepare": address prechecks and host scans.
export { precheckAddresses } from './precheck-addresses.js';
export type {
  AddressCheck,
  PrecheckAddressesRequest,
  PrecheckAddressesResult,
} from './precheck-addresses.js';
export { scanHosts } from './scan-hosts.js';
export type { ScanHostsRequest, ScanHostsResult, ScannedHost } from './scan-hosts.js';
export { findExistingDeployment } from './find-existing-deployment.js';

/**
 * Stage 1's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type PrepareActivities = typeof import('./index.js');
