// Stage 9 activities (Backup), called by the Backup child workflow in this order.
export {
  locateBackupPackage,
  uploadBackupPackage,
  ensureBackupStorageNetwork,
  deployBackupService,
  bindBackupToCluster,
  readBackupSerial,
} from './backup.js';
