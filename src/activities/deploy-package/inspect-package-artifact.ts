// Reads the artifact on the worker's machine: size, SHA-256, and its version (seed 004 Artifact). The
// version is `version` of a `manifest.json` inside the archive when there is one, else the part of the
// file name after `<service>-` (`demo-1.2.0.tar.gz` → 1.2.0).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { invalidInput, missingFile } from '../support/failures.js';
import { validServiceName, validVersion } from './layout.js';
import type { PackageArtifact } from '../../run/deploy-package.js';

const Manifest = z.object({ version: z.string().min(1) }).passthrough();

async function manifestVersion(file: string): Promise<string | undefined> {
  for (const member of ['manifest.json', './manifest.json']) {
    try {
      const { stdout } = await promisify(execFile)('tar', ['-xzOf', file, member], { maxBuffer: 1 << 20 });
      const parsed = Manifest.safeParse(JSON.parse(stdout));
      if (parsed.success) return parsed.data.version;
      throw invalidInput(`manifest.json in ${path.basename(file)} has no version string`);
    } catch (err) {
      if (err instanceof Error && err.name === 'ApplicationFailure') throw err;
    }
  }
  return undefined;
}

export async function inspectPackageArtifact(req: {
  path: string;
  service: string;
}): Promise<PackageArtifact> {
  if (!validServiceName(req.service))
    throw invalidInput(
      `服务名无效 / invalid service name ${JSON.stringify(req.service)} (letters, digits, . _ @ -)`,
    );
  const st = await stat(req.path).catch(() => undefined);
  if (!st?.isFile())
    throw missingFile(`找不到制品 / the artifact ${req.path} is not a file on the worker's machine`);
  const fileName = path.basename(req.path);
  if (!fileName.endsWith('.tar.gz') && !fileName.endsWith('.tgz'))
    throw invalidInput(`制品须为 .tar.gz / the artifact ${fileName} is not a .tar.gz`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(req.path)) hash.update(chunk as Buffer);
  const fromName = fileName
    .replace(/\.(tar\.gz|tgz)$/, '')
    .replace(new RegExp(`^${req.service.replace(/[.@]/g, '\\$&')}-`), '');
  const version = (await manifestVersion(req.path)) ?? fromName;
  if (!validVersion(version))
    throw invalidInput(
      `无法确定版本 / cannot tell the version of ${fileName}: name it <service>-<version>.tar.gz or put {"version": "…"} in manifest.json`,
    );
  return { path: req.path, fileName, version, sha256: hash.digest('hex'), bytes: st.size };
}
