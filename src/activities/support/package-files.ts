// Finding the OBS and Backup packages in the package directory: the right architecture, the highest
// version. A missing package is a non-retryable MissingFile that names the directory and the pattern.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { missingFile } from './failures.js';
import { coded, marker } from '../../i18n/index.js';
import { compareVersions } from './compare-versions.js';

export type PackageArch = 'x86_64' | 'aarch64';

export interface PackageFile {
  path: string;
  name: string;
  /** The version as CloudTower lists it once uploaded. */
  version: string;
  size: number;
}

interface PackageKind {
  /** Its name in the catalogue (src/i18n). */
  what: 'package.obs' | 'package.backup';
  /** The glob shown to the operator. */
  pattern: string;
  /** arch (group 1), version as CloudTower lists it (group 2), optional build number (group 3). */
  regex: RegExp;
}

/** `Observability-X86_64-v1.4.2-release.20250926-24.tar.gz` → X86_64, v1.4.2-release.20250926, build 24. */
export const OBS_PACKAGE: PackageKind = {
  what: 'package.obs',
  pattern: 'Observability-*-v*.tar.gz',
  regex: /^Observability-(X86_64|AARCH64)-(v\d+(?:\.\d+)*(?:-[A-Za-z]+\.\d+)?)(?:-(\d+))?\.tar\.gz$/i,
};

/** `smtx-backup-dr-x86_64-2.2.1.tar.gz` (seed 003 §07) → x86_64, 2.2.1. */
export const BACKUP_PACKAGE: PackageKind = {
  what: 'package.backup',
  pattern: 'smtx-backup-dr-<arch>-*.tar.gz',
  regex: /^smtx-backup-dr-(x86_64|aarch64)-v?(\d+(?:\.\d+)+(?:[-.][\w.]+?)?)()\.(?:tar\.gz|tgz)$/i,
};

function missing(kind: PackageKind, dir: string, arch: PackageArch, detail: string): ApplicationFailure {
  return missingFile(
    coded('failure.packageMissing', { what: marker(kind.what), arch, dir, pattern: kind.pattern, detail }),
  );
}

/** The file's architecture in CloudTower's spelling (X86_64 / AARCH64). */
export function packageArch(kind: PackageKind, name: string): string | undefined {
  return kind.regex.exec(name)?.[1]?.toUpperCase();
}

export async function locatePackage(
  kind: PackageKind,
  dir: string,
  arch: PackageArch = 'x86_64',
): Promise<PackageFile> {
  if (!dir) throw missing(kind, '<empty packageDir>', arch, marker('failure.noPackageDir'));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw missing(
      kind,
      dir,
      arch,
      marker('failure.dirUnreadable', { code: (err as NodeJS.ErrnoException).code ?? 'error' }),
    );
  }
  const candidates: { name: string; version: string; sortKey: string }[] = [];
  const otherArch: string[] = [];
  for (const name of names) {
    const m = kind.regex.exec(name);
    if (!m) continue;
    if (m[1].toLowerCase() !== arch) {
      otherArch.push(name);
      continue;
    }
    candidates.push({ name, version: m[2], sortKey: `${m[2]}-${m[3] || '0'}` });
  }
  const files: (PackageFile & { sortKey: string })[] = [];
  for (const c of candidates) {
    const full = path.join(dir, c.name);
    const st = await stat(full).catch(() => undefined);
    if (st?.isFile() && st.size > 0)
      files.push({ path: full, name: c.name, version: c.version, size: st.size, sortKey: c.sortKey });
  }
  if (files.length === 0) {
    throw missing(
      kind,
      dir,
      arch,
      otherArch.length > 0
        ? marker('failure.otherArchOnly', { files: otherArch.join(', ') })
        : marker('failure.noMatchingFile'),
    );
  }
  files.sort((a, b) => compareVersions(b.sortKey, a.sortKey));
  const { sortKey: _sortKey, ...best } = files[0];
  return best;
}
