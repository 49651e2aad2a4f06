// A deploy-package artifact as a file on this machine (seed 004 Artifact): it exists and can be read,
// it is a gzip tarball tar can list, it has a version (`version` of its manifest.json, else the name
// after `<service>-`) and the service's systemd unit file at its top level. The CLI checks it before a
// run starts (exit 2), the worker again before the first upload: the same rules, one place.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { CodedMessage } from '../i18n/index.js';

const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export const validServiceName = (s: string) => SERVICE.test(s);
export const validVersion = (v: string) => VERSION.test(v) && !v.includes('..');

/** The artifact as a deployment uses it. */
export interface InspectedArtifact {
  path: string;
  fileName: string;
  version: string;
  sha256: string;
  bytes: number;
}

const Manifest = z.object({ version: z.string().min(1) }).passthrough();
const run = promisify(execFile);

const problem = (key: CodedMessage['key'], params: Record<string, string>) => ({
  problem: { key, params },
});

/** The first line tar printed, as tar said it (quoted tool output). */
const firstLine = (err: unknown) =>
  ((err as { stderr?: string }).stderr ?? (err as Error).message ?? '').trim().split('\n')[0] || 'tar failed';

/** The artifact, or the catalogue message that says what is wrong with it and how to fix it. */
export async function inspectArtifactFile(
  file: string,
  service: string,
): Promise<{ artifact: InspectedArtifact; problem?: undefined } | { problem: CodedMessage }> {
  if (!validServiceName(service)) return problem('deployer.badService', { service });
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile()) return problem('deployer.artifactMissing', { file });
  const unreadable = await access(file, constants.R_OK).then(
    () => undefined,
    (err: NodeJS.ErrnoException) => err.code ?? 'error',
  );
  if (unreadable) return problem('deployer.artifactUnreadable', { file, reason: unreadable });
  let members: string[];
  try {
    const { stdout } = await run('tar', ['-tzf', file], { maxBuffer: 64 << 20 });
    members = stdout.split('\n').filter(Boolean);
  } catch (err) {
    return problem('deployer.artifactNotTarball', { file, reason: firstLine(err) });
  }
  const top = new Set(members.map((m) => m.replace(/^\.\//, '')));
  const unit = `${service}.service`;
  if (!top.has(unit)) return problem('deployer.artifactNoUnit', { file, unit });
  let version: string | undefined;
  const manifest = members.find((m) => m.replace(/^\.\//, '') === 'manifest.json');
  if (manifest) {
    const { stdout } = await run('tar', ['-xzOf', file, manifest], { maxBuffer: 1 << 20 });
    let parsed;
    try {
      parsed = Manifest.safeParse(JSON.parse(stdout));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) return problem('deployer.artifactBadManifest', { file });
    version = parsed.data.version;
  }
  const fileName = path.basename(file);
  // Else the name says it: <service>-<version>.tar.gz (another name says nothing of the version).
  const prefix = `${service}-`;
  const stem = fileName.replace(/\.(tar\.gz|tgz)$/, '');
  version ??= stem.startsWith(prefix) ? stem.slice(prefix.length) : undefined;
  if (!version || !validVersion(version)) return problem('deployer.artifactNoVersion', { file, service });
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { artifact: { path: file, fileName, version, sha256: hash.digest('hex'), bytes: st.size } };
}
