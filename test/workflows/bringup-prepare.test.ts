import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { payloadDataConverter } from '../../src/codec/key.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { progressQuery, retrySignal } from '../../src/workflows/messages.js';
import { bringUpStageKey, clusterNameKey } from '../../src/workflows/search-attributes.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

function listen(host: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer((s) => s.end());
    srv.once('error', reject);
    srv.listen(port, host, () => resolve(srv));
  });
}

const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('prepare stage on a real dev server and the simulator', () => {
  it(
    'a taken VIP stops the run with its address, the run stays open, and `retry` after the fix completes it',
    { timeout: 180_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      // Something already answers on the VIP's HTTPS port, as a forgotten device would on site.
      const vipTarget = env.sim.resolve(env.plan.vip, 443);
      let squatter: net.Server | undefined = await listen(vipTarget.host, vipTarget.port);
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('prepare');
      const { worker, connection: wc } = await testWorker(taskQueue);
      try {
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: `test-prepare-${taskQueue}`,
          typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
          args: [env.input({ stopAfter: 'prepare', onFailure: 'wait-for-retry' })],
        });
        const summary = await worker.runUntil(async () => {
          const failed = await waitFor(async () => {
            const p = await handle.query(progressQuery);
            return p.phase === 'failed:prepare' ? p : undefined;
          }, 'the precheck failure');
          assert.match(
            failed.lastError ?? '',
            new RegExp(`cluster VIP ${env.plan.vip.replace(/\./g, '\\.')}:443`),
          );
          assert.match(failed.lastError ?? '', /prepare\/precheck-addresses/);
          const desc = await handle.describe();
          assert.equal(desc.status.name, 'RUNNING', 'the run stays open for a fix');
          assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:prepare');

          await new Promise<void>((r) => squatter!.close(() => r()));
          squatter = undefined;
          await handle.signal(retrySignal);
          return handle.result();
        });
        assert.equal(summary.outcome, 'stopped');
        assert.equal(summary.stages[0]?.status, 'done');
        assert.equal(summary.stages[1]?.status, 'pending');
        await assertNoLenientPath(env.sim);

        // The run's own history replays on the current workflow code (determinism guard).
        const history = await handle.fetchHistory();
        await Worker.runReplayHistory(
          {
            workflowBundle: { codePath: process.env.HCI_TEST_WORKFLOW_BUNDLE! },
            dataConverter: payloadDataConverter(),
          },
          history,
          handle.workflowId,
        );
      } finally {
        squatter?.close();
        await wc.close();
        await connection.close();
        await env.stop();
      }
    },
  );
});
