import { locatePackage, OBS_PACKAGE, type PackageArch, type PackageFile } from '../support/package-files.js';

export async function locateObsPackage(req: {
  packageDir: string;
  arch?: PackageArch;
}): Promise<PackageFile> {
  return locatePackage(OBS_PACKAGE, req.packageDir, req.arch ?? 'x86_64');
}
