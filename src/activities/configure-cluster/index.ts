// Stage 3 "configure cluster" (seed 003 §03, seed 002): one idempotent remote step per activity.
export { initializeFisheye } from './initialize-fisheye.js';
export { configureClusterSettings } from './cluster-settings.js';
export { configureIpmiAccounts } from './ipmi-accounts.js';
export { configureBusinessNetworks } from './business-networks.js';
export { setHostPasswords } from './host-passwords.js';
export { uploadVmTools } from './vmtools-upload.js';
export { configureCpuCompatibility } from './cpu-compatibility.js';
export { readClusterSerial } from './cluster-serial.js';
