// A whole rehearsal site for end-to-end tests (see scripts/lib/rehearsal.ts), in the test run's
// scratch directory, with a short heartbeat timeout so killed workers are noticed quickly.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRehearsal, type Rehearsal, type RehearsalOptions } from '../../scripts/lib/rehearsal.js';

export interface BringUpEnv extends Rehearsal {
  simState(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startBringUpEnv(opts: Omit<RehearsalOptions, 'dir'>): Promise<BringUpEnv> {
  const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'bringup-'));
  const site = await startRehearsal({ dir, ...opts, timing: { heartbeatTimeoutSeconds: 5, ...opts.timing } });
  const simState = async () => {
    const res = await fetch(`${site.sim.adminUrl}/__sim/state`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    ...site,
    simState,
    stop: () => site.sim.stop(),
  };
}
