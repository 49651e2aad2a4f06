// Stage 3 "configure cluster" (seed 003 §03, seed 002): one idempotent remote step per activity.
export { initializeFisheye } from './initialize-fisheye.js';
export { configureClusterSettings } from './configure-cluster-settings.js';
export { configureIpmiAccounts } from './configure-ipmi-accounts.js';
export { configureBusinessNetworks } from './configure-business-networks.js';
export { setHostPasswords } from './set-host-passwords.js';
export { uploadVmTools } from './upload-vm-tools.js';
export { configureCpuCompatibility } from './configure-cpu-compatibility.js';
export { readClusterSerial } from './read-cluster-serial.js';

/**
 * Stage 3's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type ConfigureClusterActivities = typeof import('./index.js');
