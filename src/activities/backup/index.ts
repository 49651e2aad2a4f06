// Stage 9 activities (Backup), called by the Backup child workflow in this order.
export { locateBackupPackage } from './locate-backup-package.js';
export { uploadBackupPackage } from './upload-backup-package.js';
export { ensureBackupStorageNetwork } from './ensure-backup-storage-network.js';
export { deployBackupService } from './deploy-backup-service.js';
export { bindBackupToCluster } from './bind-backup-to-cluster.js';
export { readBackupSerial } from './read-backup-serial.js';

/**
 * The Backup child's activities: every function this folder exports (the worker registers each). Workflow code
 * proxies this type, never the whole activity index.
 */
export type BackupActivities = typeof import('./index.js');
