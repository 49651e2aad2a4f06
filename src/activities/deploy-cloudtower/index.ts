// Stage 4 "deploy CloudTower" (seed 003 §04, seed 001), in the order the stage calls them.
export { locateCloudTowerIso } from './locate-cloud-tower-iso.js';
export { uploadCloudTowerIso } from './upload-cloud-tower-iso.js';
export { findCloudTowerVmPlacement } from './find-cloud-tower-vm-placement.js';
export { createCloudTowerVm } from './create-cloud-tower-vm.js';
export { waitForCloudTowerGuestAgent } from './wait-for-cloud-tower-guest-agent.js';
export { configureCloudTowerVmNetwork } from './configure-cloud-tower-vm-network.js';
export { installCloudTower } from './install-cloud-tower.js';
export { waitForCloudTowerHttps } from './wait-for-cloud-tower-https.js';
export { setupCloudTower } from './setup-cloud-tower.js';
export { configureCloudTowerDns } from './configure-cloud-tower-dns.js';
export { readCloudTowerSerial } from './read-cloud-tower-serial.js';

/**
 * Stage 4's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type DeployCloudTowerActivities = typeof import('./index.js');
