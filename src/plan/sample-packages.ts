import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_RULES } from './packages.js';
import { writeSampleTestVmPackages } from './sample-test-vm-packages.js';

/** A file of `size` bytes whose first MiB is random (so checksums mean something) and the rest a hole. */
export function sparseFile(file: string, size: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, randomBytes(Math.min(size, 1 << 20)));
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Stand-ins for the files a field engineer carries: the CloudTower ISO, the VMTools ISO and the
 * Observability and Backup packages. Sparse: only each file's first MiB takes disk; sizes are options.
 * Returns the names written.
 */
export function writeSamplePackages(
  dir: string,
  opts: { isoBytes?: number; obs?: boolean; obsBytes?: number; backup?: boolean; testVms?: boolean } = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, number][] = [
    [PACKAGE_RULES['cloudtower-iso'].example, opts.isoBytes ?? 40 * 1024 * 1024 + 12345],
    [PACKAGE_RULES['vmtools-iso'].example, 9 * 1024 * 1024 + 7],
  ];
  if (opts.obs !== false) files.push([PACKAGE_RULES.obs.example, opts.obsBytes ?? 10 * 1024 * 1024 + 3]);
  if (opts.backup !== false) files.push([PACKAGE_RULES.backup.example, 9 * 1024 * 1024 + 5]);
  for (const [name, size] of files) sparseFile(path.join(dir, name), size);
  // The stage 09 test VM images (optional packages, not part of the pre-start check).
  const testVms = opts.testVms ? writeSampleTestVmPackages(dir) : [];
  return [...files.map(([name]) => name), ...testVms];
}
