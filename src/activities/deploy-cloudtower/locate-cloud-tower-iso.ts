// Seed 001 "运行环境": the CloudTower ISO `cloudtower-<version>.<os>.<arch>.iso` must already be in the
// package directory; without it the CloudTower deploy stops with a clear message.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { compareVersions } from '../support/compare-versions.js';
import { missingFile } from '../support/failures.js';
import { coded, marker } from '../../i18n/index.js';

export interface LocateCloudTowerIsoRequest {
  packageDir: string;
}

export interface CloudTowerIso {
  path: string;
  name: string;
  size: number;
}

const ISO_PATTERN = /^cloudtower-.+\.iso$/i;

function missing(dir: string, detail: string): ApplicationFailure {
  return missingFile(coded('failure.isoMissing', { dir, detail }));
}

/** The version in a file name (`cloudtower-v4.6.2.oe2003…` → `4.6.2`): the OS and arch parts are not. */
function versionOf(name: string): string {
  return /^cloudtower-v?(\d+(?:\.\d+)*)/i.exec(name)?.[1] ?? '';
}

function compareIsoNames(a: string, b: string): number {
  return compareVersions(versionOf(a), versionOf(b)) || a.localeCompare(b);
}

/** `cloudtower-*.iso` in packageDir; the highest version when there are several. */
export async function locateCloudTowerIso(req: LocateCloudTowerIsoRequest): Promise<CloudTowerIso> {
  const dir = path.resolve(req.packageDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw missing(
      dir,
      marker('failure.dirUnreadable', { code: (err as NodeJS.ErrnoException).code ?? 'error' }),
    );
  }
  const candidates: CloudTowerIso[] = [];
  for (const name of names.filter((n) => ISO_PATTERN.test(n))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() && info.size > 0) candidates.push({ path: file, name, size: info.size });
  }
  if (candidates.length === 0) {
    const detail = names.some((n) => ISO_PATTERN.test(n))
      ? 'failure.onlyEmptyFiles'
      : 'failure.noMatchingFile';
    throw missing(dir, marker(detail));
  }
  candidates.sort((a, b) => compareIsoNames(b.name, a.name));
  const chosen = candidates[0];
  Context.current().log.info('CloudTower ISO found', {
    name: chosen.name,
    size: chosen.size,
    others: candidates.slice(1).map((c) => c.name),
  });
  return chosen;
}
