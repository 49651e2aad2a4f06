// kill -9 of the worker during Kubernetes rollouts (issue 25): once while a good version rolls out
// (it completes on the next worker, applied once: one ReplicaSet, one new generation), once while a
// version whose pods never get ready rolls out (the next worker still rolls it back).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@temporalio/client';
import type { KubernetesResult } from '../src/run/kubernetes.js';
import { testClient, uniqueTaskQueue } from '../test/helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../test/helpers/worker-process.js';
import {
  cli,
  createNamespace,
  deployArgs,
  deploymentOf,
  expectCode,
  readyPods,
  replicaSetsOf,
  templateId,
  UNSCHEDULABLE,
  until,
} from './support.js';

const NS = 'kill-worker';

describe('kill -9 of the worker during a Kubernetes rollout', { timeout: 600_000 }, () => {
  let client: Client;
  let closeClient: () => Promise<void>;
  let taskQueue: string;
  let worker: WorkerProcess;

  before(async () => {
    const c = await testClient();
    client = c.client;
    closeClient = () => c.connection.close();
    taskQueue = uniqueTaskQueue('k8s-kill');
    process.env.HCI_TASK_QUEUE = taskQueue;
    worker = await startWorkerProcess(taskQueue);
    await createNamespace(NS);
    // Slow rollouts (one new pod at a time, no old one down first) widen the window of the kill.
    expectCode(
      await cli(
        deployArgs({
          namespace: NS,
          id: 'kill-v1',
          image: 'example.invalid/web:v1',
          replicas: 3,
          extra: ['--max-unavailable', '0'],
        }),
      ),
      0,
    );
  });
  after(async () => {
    await worker.stop();
    await closeClient();
  });

  /**
   * Kills the worker once `when` holds for the run's pending activities (polled as fast as they
   * answer); a new worker takes over.
   */
  async function killPending(
    id: string,
    what: string,
    when: (pending: { type: string; id: string; started: boolean }[]) => boolean,
  ) {
    const h = client.workflow.getHandle(id);
    await until(
      what,
      async () => {
        const d = await h.describe();
        return when(
          (d.raw.pendingActivities ?? []).map((a) => ({
            type: a.activityType?.name ?? '',
            id: a.activityId ?? '',
            // PENDING_ACTIVITY_STATE_STARTED: a worker is running it.
            started: Number(a.state) === 2,
          })),
        );
      },
      90_000,
      10,
    );
    await worker.kill9();
    worker = await startWorkerProcess(taskQueue);
  }

  const killDuring = (id: string, type: string) =>
    killPending(id, `${type} running`, (pending) => pending.some((a) => a.type === type && a.started));

  /** Attempts of each finished activity of the run, by type (a retried step shows attempt 2). */
  async function attempts(id: string): Promise<Map<string, number>> {
    const h = await client.workflow.getHandle(id).fetchHistory();
    const byId = new Map<number, string>();
    const out = new Map<string, number>();
    for (const e of h.events ?? []) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) byId.set(Number(e.eventId), s.activityType?.name ?? '');
      const st = e.activityTaskStartedEventAttributes;
      if (st) {
        const type = byId.get(Number(st.scheduledEventId)) ?? '';
        out.set(type, Math.max(out.get(type) ?? 0, st.attempt ?? 1));
      }
    }
    return out;
  }

  it('finishes a good rollout on the next worker, applied once', async () => {
    const before = await deploymentOf(NS, 'web');
    const r = await cli(
      deployArgs({
        namespace: NS,
        id: 'kill-v2',
        image: 'example.invalid/web:v2',
        replicas: 3,
        wait: false,
        extra: ['--max-unavailable', '0'],
      }),
    );
    expectCode(r, 0);
    await killDuring('kill-v2', 'waitForKubernetesRollout');
    const res = (await client.workflow.getHandle('kill-v2').result()) as KubernetesResult;
    assert.equal(res.outcome, 'succeeded', JSON.stringify(res));
    assert.ok(
      (await attempts('kill-v2')).get('waitForKubernetesRollout')! >= 2,
      'the wait ran again on the new worker',
    );
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), 'kill-v2');
    assert.equal(
      d.metadata?.generation,
      (before.metadata?.generation ?? 0) + 1,
      'one new generation: applied once',
    );
    assert.equal((await replicaSetsOf(NS, 'web', 'kill-v2')).length, 1);
    assert.equal((await readyPods(NS, 'web', 'kill-v2')).length, 3);
  });

  it('still rolls back a failed rollout when the worker died during it', async () => {
    const before = await deploymentOf(NS, 'web');
    const r = await cli(
      deployArgs({
        namespace: NS,
        id: 'kill-v3',
        image: 'example.invalid/web:v3',
        replicas: 3,
        wait: false,
        extra: [...UNSCHEDULABLE, '--max-unavailable', '0'],
      }),
    );
    expectCode(r, 0);
    await killDuring('kill-v3', 'waitForKubernetesRollout');
    const res = (await client.workflow.getHandle('kill-v3').result()) as KubernetesResult;
    assert.ok(
      (await attempts('kill-v3')).get('waitForKubernetesRollout')! >= 2,
      'the wait ran again on the new worker',
    );
    assert.equal(res.outcome, 'failed');
    assert.equal(res.rollbacks, 1);
    assert.equal(res.rollbackError, undefined);
    assert.equal(res.previous?.deploymentId, 'kill-v2');
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), 'kill-v2');
    // The broken template once, the restored one once.
    assert.equal(d.metadata?.generation, (before.metadata?.generation ?? 0) + 2);
    assert.equal((await replicaSetsOf(NS, 'web', 'kill-v3')).length, 1);
    await until('kill-v2 pods ready', async () => (await readyPods(NS, 'web', 'kill-v2')).length === 3);
  });

  it('rolls back once when the worker dies during the rollback itself', async () => {
    const r = await cli(
      deployArgs({
        namespace: NS,
        id: 'kill-v4',
        image: 'example.invalid/web:v4',
        replicas: 3,
        wait: false,
        extra: [...UNSCHEDULABLE, '--max-unavailable', '0'],
      }),
    );
    expectCode(r, 0);
    const before = await until('kill-v4 applied', async () => {
      const d = await deploymentOf(NS, 'web');
      return templateId(d) === 'kill-v4' ? d : undefined;
    });
    // During the rollback step, or (when that step was quicker than the look) the wait after it:
    // the rollback's wait is a rollout wait whose activity id is not the first one's. Only the run's
    // pending activities are read (no history): the rollback and its wait take well under a second.
    let firstWait: string | undefined;
    await killPending('kill-v4', 'the rollback', (pending) =>
      pending.some((a) => {
        if (a.type === 'rollbackKubernetesDeployment') return true;
        if (a.type !== 'waitForKubernetesRollout') return false;
        firstWait ??= a.id;
        return a.id !== firstWait;
      }),
    );
    const res = (await client.workflow.getHandle('kill-v4').result()) as KubernetesResult;
    const tries = await attempts('kill-v4');
    assert.ok(
      Math.max(tries.get('rollbackKubernetesDeployment') ?? 0, tries.get('waitForKubernetesRollout') ?? 0) >=
        2,
      `the rollback or its wait ran again on the new worker: ${JSON.stringify([...tries])}`,
    );
    assert.equal(res.outcome, 'failed');
    assert.equal(res.rollbacks, 1);
    assert.equal(res.rollbackError, undefined);
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), 'kill-v2');
    assert.equal(d.metadata?.generation, (before.metadata?.generation ?? 0) + 1, 'restored once');
  });
});
