// The name of the volume a test VM image's disk becomes: stable per image, so a re-run (or a retry
// after kill -9) finds it by name instead of uploading it twice. (VM names: components/test-load.ts.)
import path from 'node:path';

/** The volume an image's disk becomes: the image's file name without extension, then the disk's name. */
export function testVmVolumeName(pkg: { name: string; disk: { name: string } }): string {
  return `${pkg.name.replace(/\.(ova|ovf)$/i, '')}-${path.basename(pkg.disk.name)}`;
}
