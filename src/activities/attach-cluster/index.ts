// Stage 5 "attach cluster" (seed 003 §05): connect the cluster to CloudTower.
export { attachClusterToCloudTower } from './attach-cluster-to-cloud-tower.js';

/**
 * Stage 5's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type AttachClusterActivities = typeof import('./index.js');
