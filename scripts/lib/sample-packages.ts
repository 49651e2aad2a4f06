import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

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
 * Observability and Backup packages. Sparse, so a rehearsal costs no disk; sizes are options.
 */
export function writeSamplePackages(
  dir: string,
  opts: { isoBytes?: number; obs?: boolean; obsBytes?: number; backup?: boolean } = {},
): void {
  mkdirSync(dir, { recursive: true });
  sparseFile(
    path.join(dir, 'cloudtower-v4.6.2.oe2003.x86_64.iso'),
    opts.isoBytes ?? 40 * 1024 * 1024 + 12345,
  );
  sparseFile(path.join(dir, 'SMTX_VMTOOLS-3.2.0-2501210639.iso'), 9 * 1024 * 1024 + 7);
  if (opts.obs !== false)
    sparseFile(
      path.join(dir, 'Observability-X86_64-v1.4.2-release.20250117.tar.gz'),
      opts.obsBytes ?? 10 * 1024 * 1024 + 3,
    );
  if (opts.backup !== false)
    sparseFile(path.join(dir, 'smtx-backup-dr-x86_64-2.1.0.tar.gz'), 9 * 1024 * 1024 + 5);
}
