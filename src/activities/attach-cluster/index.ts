// Stage 5 "attach cluster" (seed 003 §05): connect the cluster to CloudTower.
export { attachClusterToCloudTower } from './attach-cluster-to-cloud-tower.js';
