// Whether simulated shells can be isolated here. They run a real bash, so without a private mount and
// PID namespace and a chroot a command would touch the real machine: then SSH sessions are refused.
import { spawnSync } from 'node:child_process';

/** The programs the sandbox runs on the real machine (overridable so a test can take one away). */
export interface SandboxTools {
  unshare: string;
  nsenter: string;
  script: string;
  openssl: string;
}

export const defaultTools: SandboxTools = {
  unshare: 'unshare',
  nsenter: 'nsenter',
  script: 'script',
  openssl: 'openssl',
};

export type Isolation = { ok: true } | { ok: false; reason: string };

/** Probes once: root, the tools, and an actual `unshare` of mount/PID/UTS namespaces. */
export function probeIsolation(tools: SandboxTools): Isolation {
  if (process.platform !== 'linux') return { ok: false, reason: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0)
    return { ok: false, reason: 'the simulator is not running as root (unshare/chroot need it)' };
  for (const bin of ['/usr/bin/sudo', '/usr/bin/setpriv', '/usr/sbin/chroot', '/bin/bash']) {
    const r = spawnSync('test', ['-x', bin]);
    if (r.status !== 0) return { ok: false, reason: `${bin} is missing (see .ci/run for the packages)` };
  }
  const r = spawnSync(tools.unshare, ['--mount', '--pid', '--uts', '--fork', 'true'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (r.error) return { ok: false, reason: `${tools.unshare}: ${r.error.message}` };
  if (r.status !== 0)
    return { ok: false, reason: `${tools.unshare} failed: ${(r.stderr || '').trim() || `exit ${r.status}`}` };
  return { ok: true };
}
