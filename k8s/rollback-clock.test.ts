// The progress clock a rollback inherits. When a rollout stalls and is undone to a ReplicaSet that
// still exists, the deployment controller times the rollback from the stalled rollout's last
// progress: if that is older than the progress deadline, it marks the rollback "timed out" at once,
// naming the restored ReplicaSet, and clears the mark a moment later when that ReplicaSet scales up.
// The rollout wait must not take that first mark for a stall (it did, now and then, when our own
// --rollout-timeout and the controller's deadline ran out together: `k8s/deployer.test.ts`'s
// automatic rollback then reported "no progress for 20 s" for a rollback that succeeded).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { V1Deployment } from '@kubernetes/client-node';
import { waitForKubernetesRollout } from '../src/activities/kubernetes/wait-for-kubernetes-rollout.js';
import type { RolloutOutcome } from '../src/run/kubernetes.js';
import { activityEnv, runIn } from '../test/helpers/activity.js';
import { testWorker, uniqueTaskQueue } from '../test/helpers/temporal.js';
import {
  cli,
  createNamespace,
  deployArgs,
  deploymentOf,
  expectCode,
  kube,
  kubeconfigPath,
  replicaSetsOf,
  until,
} from './support.js';

const NS = 'rollback-clock';
const ID = { good: 'web-good-c', broken: 'web-broken-c' };

const stalledCondition = (d: V1Deployment) =>
  d.status?.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');

describe('Kubernetes rollback and the progress clock it inherits', { timeout: 240_000 }, () => {
  before(async () => {
    await createNamespace(NS);
  });

  it('a rollback the controller marks timed out at once is waited for, not failed', async (t) => {
    const taskQueue = uniqueTaskQueue('k8s-clock');
    process.env.HCI_TASK_QUEUE = taskQueue;
    const { worker } = await testWorker(taskQueue);
    await worker.runUntil(async () => {
      const r = await cli(deployArgs({ namespace: NS, id: ID.good, image: 'example.invalid/web:v1.0.0' }));
      expectCode(r, 0);
    });
    const { apps } = kube();
    // A broken revision, applied by hand so nothing rolls it back: its pods can never be scheduled.
    // Its deadline is long, so the controller never marks it; only its progress clock runs.
    const good = await deploymentOf(NS, 'web');
    const broken = structuredClone(good);
    broken.spec!.progressDeadlineSeconds = 600;
    broken.spec!.template.metadata!.labels!['deployment-id'] = ID.broken;
    broken.spec!.template.spec!.containers[0].resources = {
      requests: { cpu: '64' },
      limits: { cpu: '64' },
    };
    await apps.replaceNamespacedDeployment({ name: 'web', namespace: NS, body: broken });
    // maxSurge 1 and maxUnavailable 1: two broken pods pending, one good pod left.
    await until('the broken rollout at its furthest', async () => {
      const d = await deploymentOf(NS, 'web');
      return d.status?.updatedReplicas === 2 && d.status.replicas === 3;
    });
    await new Promise((res) => setTimeout(res, 4000));

    // Undo it as `kubectl rollout undo` does (the good ReplicaSet's template comes back), with a
    // deadline the stalled rollout's clock has already run past.
    const [goodRs] = await replicaSetsOf(NS, 'web', ID.good);
    const labels = { ...goodRs.spec!.template!.metadata!.labels };
    delete labels['pod-template-hash'];
    const back = await deploymentOf(NS, 'web');
    back.spec!.progressDeadlineSeconds = 3;
    back.spec!.template = { ...goodRs.spec!.template!, metadata: { labels } };
    const startedAt = Date.now();
    await apps.replaceNamespacedDeployment({ name: 'web', namespace: NS, body: back });

    // The controller's side of it, as seen on this control plane: the restored ReplicaSet is named
    // as timed out before the rollback has had a second.
    // The controller's side of it, watched beside the wait: the restored ReplicaSet is named as
    // timed out before the rollback has had a second (for some 100 ms on a quiet machine, longer on
    // a loaded one). The wait polls as often, so without its guard it would see the mark.
    let watching = true;
    let markedAfter: number | undefined;
    const watch = (async () => {
      while (watching && markedAfter === undefined) {
        const c = stalledCondition(await deploymentOf(NS, 'web'));
        if (c?.message?.includes(`"${goodRs.metadata!.name}"`)) markedAfter = Date.now() - startedAt;
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    const outcome = await runIn(activityEnv(), waitForKubernetesRollout, {
      cluster: { kubeconfig: kubeconfigPath() },
      namespace: NS,
      name: 'web',
      deploymentId: ID.good,
      maxRestarts: 3,
      deadline: startedAt + 60_000,
      startedAt,
      pollMs: 20,
    });
    watching = false;
    await watch;
    t.diagnostic(
      markedAfter === undefined
        ? "the controller's early mark was not seen this time"
        : `the controller marked the rollback timed out ${markedAfter} ms after it began`,
    );
    assert.equal(
      outcome.done,
      true,
      `the rollback completed, but the wait said ${JSON.stringify(outcome satisfies RolloutOutcome)}`,
    );
    const d = await deploymentOf(NS, 'web');
    assert.equal(stalledCondition(d), undefined);
    assert.equal(d.status?.updatedReplicas, 2);
    assert.equal(d.status?.readyReplicas, 2);
  });
});
