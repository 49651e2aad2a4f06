export { readKubernetesDeployment } from './read-kubernetes-deployment.js';
export { applyKubernetesManifests } from './apply-kubernetes-manifests.js';
export { waitForKubernetesRollout } from './wait-for-kubernetes-rollout.js';
export { checkKubernetesPods } from './check-kubernetes-pods.js';
export { rollbackKubernetesDeployment } from './rollback-kubernetes-deployment.js';
export { scaleKubernetesDeployment } from './scale-kubernetes-deployment.js';
export { readKubernetesPodLog, listKubernetesPods } from './read-kubernetes-pod-log.js';

/** The Kubernetes deployer's activities (the worker registers each); workflows proxy this type. */
export type KubernetesActivities = typeof import('./index.js');
