// Stage 8 activities (Observability), called by the OBS child workflow in this order.
export { locateObsPackage } from './locate-obs-package.js';
export { uploadObsPackage } from './upload-obs-package.js';
export { deployObsInstance } from './deploy-obs-instance.js';
export { configureObsNtp } from './configure-obs-ntp.js';
export { connectObsToCluster } from './connect-obs-to-cluster.js';
export { connectObsSystemService } from './connect-obs-system-service.js';
export { readObsSerial } from './read-obs-serial.js';

/**
 * The OBS child's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type ObsActivities = typeof import('./index.js');
