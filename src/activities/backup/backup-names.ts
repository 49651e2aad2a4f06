/** `args.package_name` of createUploadTask and the name cloudTowerApplicationPackages lists (seed 003). */
export const BACKUP_PACKAGE_NAME = 'iomesh-backup';
/** Service name of seed 003's createBackupService ("name":"backup"). */
export const BACKUP_SERVICE_NAME = 'backup';
