// Issue 23 point 5: upload progress advances in log mode (`start --wait` into a file or a pipe), not
// 0.0% for the whole upload: a slow site link (the simulator's bandwidth) makes the CloudTower ISO
// upload last seconds, and the log shows its percentage climbing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

describe('upload progress in a log', () => {
  it('climbs while the CloudTower ISO crosses a slow site link', { timeout: 400_000 }, async () => {
    // 40 MiB of sample ISO at 0.03 Mbit/s is ~11 000 s of site time: ~11 s at --speed 1000.
    const env = await startBringUpEnv({ hosts: 3, speed: 1000, sim: { siteBandwidthMbps: 0.03 } });
    const taskQueue = uniqueTaskQueue('progress-log');
    process.env.HCI_TASK_QUEUE = taskQueue;
    const { worker, connection } = await testWorker(taskQueue);
    try {
      await worker.runUntil(async () => {
        const r = await hciBringup([
          ...['start', '--plan', env.planFile, '--endpoints', env.endpointMapFile],
          ...['--packages', env.packageDir, '--speed', '1000', '--stop-after', 'deploy-cloudtower'],
          ...['--lang', 'en', '--id', `progress-${taskQueue}`, '--wait'],
        ]);
        assert.equal(r.code, 0, r.stdout.slice(-3000) + r.stderr);
        const percents = [
          ...new Set(
            r.stdout
              .split('\n')
              .filter((l) => l.includes('uploadCloudTowerIso'))
              .map((l) => /\]\s+(\d+\.\d)%/.exec(l)?.[1])
              .filter((p): p is string => p !== undefined),
          ),
        ].map(Number);
        assert.ok(percents.length >= 3, `the percentage moved in the log: ${percents.join(', ')}`);
        assert.ok(Math.max(...percents) > 0, 'not 0.0% throughout');
        assert.deepEqual(
          percents,
          [...percents].sort((a, b) => a - b),
          'it only climbs',
        );
        await assertNoLenientPath(env.sim);
      });
    } finally {
      await connection.close();
      await env.stop();
    }
  });
});
