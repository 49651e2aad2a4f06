// Stage 10: fio's standard profiles in a test VM over SSH, each for a bounded time (`--runtime`,
// `--time_based`), JSON output parsed with zod. Each finished profile's row is heartbeated, so a
// retry after a worker crash runs only the profiles still missing. Nothing here touches the cluster
// beyond the I/O of the test VM's own disk.
import { Context } from '@temporalio/activity';
import { FIO_PROFILES, type FioProfile, type FioResultRow } from '../../run/fio-profiles.js';
import type { RunContext } from '../../run/input.js';
import { SshSession, TEST_VM_FACTORY_PASSWORD, TEST_VM_SSH_USER } from '../../smartx/index.js';
import { remoteRejected, remoteStep } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { resolverFor } from '../support/remote.js';
import { fioRow, parseFioOutput } from './fio-json.js';

export interface RunFioRequest {
  run: RunContext;
  vmName: string;
  ip: string;
  /** Seconds each profile runs (bounded: the whole step takes about 4 × this). */
  runtimeSeconds: number;
}

/** The fio command of one profile (no shell metacharacters in any value). */
export function fioCommand(p: FioProfile, runtimeSeconds: number): string {
  return [
    'fio',
    `--name=${p.id}`,
    `--rw=${p.rw}`,
    `--bs=${p.bs}`,
    `--iodepth=${p.iodepth}`,
    `--numjobs=${p.numjobs}`,
    `--runtime=${runtimeSeconds}`,
    '--time_based',
    '--ioengine=libaio',
    '--direct=1',
    '--size=1G',
    '--filename=/root/hci-bringup-fio.bin',
    '--group_reporting',
    '--output-format=json',
  ].join(' ');
}

export async function runFioProfiles(req: RunFioRequest): Promise<{ rows: FioResultRow[] }> {
  const ctx = Context.current();
  const step = `run fio in the test VM "${req.vmName}" (${req.ip})`;
  if (!Number.isInteger(req.runtimeSeconds) || req.runtimeSeconds < 1 || req.runtimeSeconds > 3600)
    throw remoteRejected(`${step}: runtimeSeconds must be 1–3600 (got ${req.runtimeSeconds})`);
  const rows: FioResultRow[] = [...(resumeDetails<{ rows: FioResultRow[] }>()?.rows ?? [])];
  return remoteStep(step, async () => {
    const session = await SshSession.connect(
      { address: req.ip, user: TEST_VM_SSH_USER, password: TEST_VM_FACTORY_PASSWORD },
      resolverFor(req.run),
    );
    try {
      for (const profile of FIO_PROFILES) {
        if (rows.some((r) => r.profile === profile.id)) continue;
        ctx.heartbeat({ rows, running: profile.id });
        const out = await session.exec(fioCommand(profile, req.runtimeSeconds), {
          timeoutMs: (req.runtimeSeconds + 120) * 1000,
        });
        if (out.code !== 0)
          throw remoteRejected(
            `${step}: fio ${profile.id} exited ${out.code}: ${out.stderr.trim().slice(0, 300)}`,
          );
        rows.push(fioRow(profile, req.vmName, parseFioOutput(out.stdout)));
        ctx.heartbeat({ rows });
        ctx.log.info('fio profile done', { ...rows[rows.length - 1] });
      }
      return { rows };
    } finally {
      session.close();
    }
  });
}
