export { bringUpWorkflow } from './bringup.js';
export type { BringUpInput, BringUpResult } from './bringup.js';
export { obsWorkflow } from './components/obs.js';
export { backupWorkflow } from './components/backup.js';
export { healthCheckWorkflow, machineLogWorkflow } from './service/health-check.js';
export { testLoadWorkflow } from './components/test-load.js';

export { cleanupWorkflow } from './cleanup/cleanup-workflow.js';

export { deployPackageWorkflow } from './deploy-package/deploy-package.js';
export { rollbackPackageWorkflow } from './deploy-package/rollback.js';

export { deployKubernetesWorkflow } from './kubernetes/deploy-kubernetes.js';
export { rollbackKubernetesWorkflow } from './kubernetes/rollback-kubernetes.js';
export { scaleKubernetesWorkflow } from './kubernetes/scale-kubernetes.js';
export { kubernetesHealthWorkflow, kubernetesPodLogWorkflow } from './kubernetes/live.js';
