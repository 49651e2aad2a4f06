import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { bringUpStageKey, clusterNameKey } from '../../src/workflows/search-attributes.js';
import { progressQuery } from '../../src/workflows/messages.js';
import { encryptedDataConverter } from '../../src/codec/key.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer((s) => s.end());
    srv.once('error', reject);
    srv.listen(0, host, () => resolve(srv));
  });
}

describe('bring-up workflow on a real Temporal dev server: prepare-stage prechecks', () => {
  let host: net.Server;
  let hostPort: number;
  before(async () => {
    host = await listen('127.0.7.11');
    hostPort = (host.address() as net.AddressInfo).port;
  });
  after(() => host.close());

  it('passes when the host answers and the VIP is free, and keeps progress and search attributes current', async () => {
    const { client, connection } = await testClient();
    const taskQueue = uniqueTaskQueue('prepare');
    const { worker, connection: wc } = await testWorker(taskQueue);
    try {
      const handle = await client.workflow.start(bringUpWorkflow, {
        taskQueue,
        workflowId: `test-prepare-ok-${taskQueue}`,
        typedSearchAttributes: [{ key: clusterNameKey, value: 'CN-TEST-01' }],
        args: [
          {
            clusterName: 'CN-TEST-01',
            mustAnswer: [
              { address: '10.0.20.11', port: 443, connectHost: '127.0.7.11', connectPort: hostPort },
            ],
            mustBeFree: [
              { address: '10.0.20.10', port: 443, connectHost: '127.0.7.10', connectPort: hostPort },
            ],
          },
        ],
      });
      // Queries of a closed run are answered by a worker, so ask while ours still runs.
      const [result, queried] = await worker.runUntil(async () => {
        const res = await handle.result();
        return [res, await handle.query(progressQuery)] as const;
      });
      assert.equal(result.progress.phase, 'done');
      assert.equal(result.progress.stages[0]?.id, 'prepare');
      assert.equal(result.progress.stages[0]?.status, 'done');
      assert.ok(result.progress.stages[0]?.startedAt);
      const desc = await handle.describe();
      assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'done');
      assert.equal(desc.typedSearchAttributes.get(clusterNameKey), 'CN-TEST-01');
      assert.equal(queried.phase, 'done');

      // The run's own history must replay on the current workflow code (determinism guard).
      const history = await handle.fetchHistory();
      assert.ok((history.events?.length ?? 0) > 5);
      await Worker.runReplayHistory(
        {
          workflowBundle: { codePath: process.env.HCI_TEST_WORKFLOW_BUNDLE! },
          dataConverter: encryptedDataConverter(),
        },
        history,
        handle.workflowId,
      );
    } finally {
      await wc.close();
      await connection.close();
    }
  });

  it('stops with a message naming the address when a host does not answer or the VIP is taken', async () => {
    const { client, connection } = await testClient();
    const taskQueue = uniqueTaskQueue('prepare-fail');
    const { worker, connection: wc } = await testWorker(taskQueue);
    try {
      const handle = await client.workflow.start(bringUpWorkflow, {
        taskQueue,
        workflowId: `test-prepare-fail-${taskQueue}`,
        args: [
          {
            clusterName: 'CN-TEST-02',
            // 127.0.7.12 has nothing listening: the connection is refused, as for a powered-off host.
            mustAnswer: [
              { address: '10.0.20.12', port: 443, connectHost: '127.0.7.12', connectPort: hostPort },
            ],
            mustBeFree: [
              { address: '10.0.20.10', port: 443, connectHost: '127.0.7.11', connectPort: hostPort },
            ],
          },
        ],
      });
      const [err, progress] = await worker.runUntil(async () => {
        const e = await handle.result().then(
          () => undefined,
          (x: unknown) => x,
        );
        return [e, await handle.query(progressQuery)] as const;
      });
      assert.ok(err instanceof WorkflowFailedError);
      const message = String(err.cause?.message);
      assert.match(message, /10\.0\.20\.12:443 does not answer \(ECONNREFUSED\)/);
      assert.match(message, /10\.0\.20\.10:443 is already in use/);
      assert.equal(progress.phase, 'failed:prepare');
      assert.equal(progress.stages[0]?.status, 'failed');
    } finally {
      await wc.close();
      await connection.close();
    }
  });
});
