import { SshSession, type ExecResult } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { resolverFor } from './remote.js';
import { CLOUDTOWER_FACTORY_ROOT_PASSWORD, CLOUDTOWER_SSH_USER } from '../../smartx/index.js';

/** SSH as `cloudtower` with the fixed password of a fresh CloudTower VM. */
export async function connectCloudTowerSsh(run: RunContext, cloudtowerIp: string): Promise<SshSession> {
  return SshSession.connect(
    { address: cloudtowerIp, user: CLOUDTOWER_SSH_USER, password: CLOUDTOWER_FACTORY_ROOT_PASSWORD },
    resolverFor(run),
  );
}

/**
 * Runs `command` as root through SshSession.sudo: `sudo -S -p ''` with the session's password as the
 * first stdin line (never on the command line), or `sudo -n` where sudo asks no password.
 */
export function execAsRoot(session: SshSession, command: string, timeoutMs: number): Promise<ExecResult> {
  return session.sudo(command, { timeoutMs });
}

/** One line of remote output, shortened for logs and heartbeats. */
export function shortLine(line: string, max = 200): string {
  const clean = line.replace(/\s+$/, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
