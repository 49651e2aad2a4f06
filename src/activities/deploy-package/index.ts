export { inspectPackageArtifact } from './inspect-package-artifact.js';
export { uploadPackageArtifact } from './upload-package-artifact.js';
export { extractPackageRelease } from './extract-package-release.js';
export { activatePackageRelease } from './activate-package-release.js';
export { checkPackageService } from './check-package-service.js';
export { rollbackPackageMachine } from './rollback-package-machine.js';
export { cleanupPackageReleases } from './cleanup-package-releases.js';
export { checkDeployedService } from './check-deployed-service.js';

/**
 * The package deployment's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type DeployPackageActivities = typeof import('./index.js');
