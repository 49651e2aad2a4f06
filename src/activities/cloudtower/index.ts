// Stage 4 "deploy CloudTower" and stage 5 "attach cluster" (seed 003 §04–§05, seed 001).
export { locateCloudTowerIso } from './iso-locate.js';
export { uploadCloudTowerIso } from './image-upload.js';
export { findCloudTowerVmPlacement } from './vm-placement.js';
export { createCloudTowerVm } from './vm-create.js';
export { waitForCloudTowerGuestAgent } from './guest-agent.js';
export { configureCloudTowerVmNetwork } from './vm-network.js';
export { installCloudTower } from './installer.js';
export { waitForCloudTowerHttps } from './https-check.js';
export { setupCloudTower } from './tower-setup.js';
export { configureCloudTowerDns } from './tower-dns.js';
export { readCloudTowerSerial } from './tower-serial.js';
export { attachClusterToCloudTower } from './attach-cluster.js';
