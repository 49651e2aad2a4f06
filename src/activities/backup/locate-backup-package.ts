import {
  BACKUP_PACKAGE,
  locatePackage,
  type PackageArch,
  type PackageFile,
} from '../support/package-files.js';

export async function locateBackupPackage(req: {
  packageDir: string;
  arch?: PackageArch;
}): Promise<PackageFile> {
  return locatePackage(BACKUP_PACKAGE, req.packageDir, req.arch ?? 'x86_64');
}
