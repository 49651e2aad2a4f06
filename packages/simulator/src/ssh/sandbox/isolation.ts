// Whether simulated shells can be sealed here. They run a real bash, so without a user namespace with
// mapped ids, private mount, PID and network namespaces and a chroot a command would touch the real machine:
// the simulator then stops with the command that fixes it (or, if asked, refuses SSH sessions).
import { spawnSync } from 'node:child_process';
import { chooseIdRange, type IdRange } from './id-map.js';
import { missingPrerequisite, sandboxEnv, type Missing, type SandboxTools } from './prerequisites.js';
import { createUserNamespace } from './user-namespace.js';

import { defaultTools } from './prerequisites.js';
export { defaultTools, type SandboxTools } from './prerequisites.js';

export type Isolation = { ok: true; ids: IdRange } | { ok: false; reason: string; missing?: Missing };

/** Checks the prerequisites, then once for real: a user namespace with the machine ids and the rest inside it. */
export async function probeIsolation(tools: SandboxTools): Promise<Isolation> {
  const missing = missingPrerequisite(tools);
  if (missing) return { ok: false, reason: missing.en, missing };
  const ids = chooseIdRange();
  if ('missing' in ids) return { ok: false, reason: `no subordinate ids (${ids.missing})` };
  try {
    const held = await createUserNamespace(tools.unshare, ids, 8000);
    try {
      const r = spawnSync(
        tools.nsenter,
        [
          '-t',
          String(held.pid),
          '-U',
          '--',
          tools.unshare,
          '--mount',
          '--pid',
          '--uts',
          '--net',
          '--fork',
          'ip',
          'link',
          'set',
          'lo',
          'up',
        ],
        { encoding: 'utf8', timeout: 8000, env: sandboxEnv() },
      );
      if (r.error) return { ok: false, reason: `${tools.nsenter}: ${r.error.message}` };
      if (r.status !== 0)
        return {
          ok: false,
          reason: `namespaces inside the user namespace failed: ${(r.stderr || '').trim() || `exit ${r.status}`}`,
        };
    } finally {
      held.release();
    }
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  return { ok: true, ids };
}

/** The message a user reads when machines cannot be sealed: what is missing and the fix, in English and Chinese. */
export function describeIsolationFailure(iso: Extract<Isolation, { ok: false }>): string {
  const en = iso.missing?.en ?? iso.reason;
  const zh = iso.missing?.zh ?? iso.reason;
  const fix = iso.missing?.fix;
  return [
    `The simulated machines cannot be sealed off from this computer: ${en}.`,
    fix ? `  Fix: ${fix}` : '  See docs/simulator.md ("Isolation is required").',
    `无法将模拟机器与本机隔离：${zh}。`,
    fix ? `  修复：${fix}` : '  参见 docs/simulator.md（"Isolation is required"）。',
  ].join('\n');
}

/** Thrown by the simulator's start when machines cannot be sealed (its message carries the fix). */
export class IsolationUnavailableError extends Error {
  constructor(readonly isolation: Extract<Isolation, { ok: false }>) {
    super(describeIsolationFailure(isolation));
    this.name = 'IsolationUnavailableError';
  }
}

/**
 * What a program checks before anything else (the demo, before it writes its workbook or starts a
 * server): undefined when simulated machines can be sealed here, else the message with the fix.
 */
export async function sealedMachinesPreflight(
  tools: SandboxTools = defaultTools,
): Promise<string | undefined> {
  const iso = await probeIsolation(tools);
  return iso.ok ? undefined : describeIsolationFailure(iso);
}
