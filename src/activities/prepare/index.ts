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
