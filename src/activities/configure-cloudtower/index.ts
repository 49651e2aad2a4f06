// Stage 6 activities: cluster settings through CloudTower.
export { configureDefaultStoragePolicy } from './configure-default-storage-policy.js';
export { configureCapacityAlert } from './configure-capacity-alert.js';
