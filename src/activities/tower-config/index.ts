// Stage 6 activities: cluster settings through CloudTower.
export { configureDefaultStoragePolicy, configureCapacityAlert } from './configure.js';
