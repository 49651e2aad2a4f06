// Waits for a Deployment's rollout the way `kubectl rollout status` does (the controller saw the
// latest spec; every replica updated and available; no old pod left), until an absolute deadline the
// workflow fixed, so a retry after a worker died waits only for the rest. It also ends the wait
// when the controller reports ProgressDeadlineExceeded, a pod restarts too often, or another
// deployment's template replaced this one. Read only and heartbeating: safe to repeat.
import { Context } from '@temporalio/activity';
import { coded } from '../../i18n/index.js';
import { deploymentRevision, KubeApi } from '../../kubernetes/client.js';
import { KubeProblem } from '../../kubernetes/problem.js';
import { LABEL_DEPLOYMENT_ID, type KubeCluster, type RolloutOutcome } from '../../run/kubernetes.js';
import { kubeFailure, kubeStep } from './kube-failure.js';

export interface RolloutWait {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  /** The deployment whose revision must be the one rolled out. */
  deploymentId: string;
  /** Epoch ms. */
  deadline: number;
  /** Epoch ms at which the change waited for was applied (absent in waits started before it was recorded). */
  startedAt?: number;
  maxRestarts: number;
  pollMs?: number;
}

export function waitForKubernetesRollout(req: RolloutWait): Promise<RolloutOutcome> {
  return kubeStep(() => waitLoop(req));
}

async function waitLoop(req: RolloutWait): Promise<RolloutOutcome> {
  const api = await KubeApi.open(req.cluster);
  const ctx = Context.current();
  const selector = `app=${req.name},${LABEL_DEPLOYMENT_ID}=${req.deploymentId}`;
  let last = '';
  for (;;) {
    let step: RolloutOutcome | undefined;
    try {
      const d = await api.readDeployment(req.namespace, req.name);
      if (!d) return { done: false, reason: 'gone', pods: [] };
      const owner = d.spec?.template?.metadata?.labels?.[LABEL_DEPLOYMENT_ID];
      const pods = await api.pods(req.namespace, selector);
      if (owner !== req.deploymentId)
        return {
          done: false,
          reason: 'superseded',
          detail: coded('k8s.superseded', { other: owner ?? '-' }),
          pods,
        };
      const want = d.spec?.replicas ?? 1;
      const s = d.status ?? {};
      const observed = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
      const updated = s.updatedReplicas ?? 0;
      const available = s.availableReplicas ?? 0;
      const total = s.replicas ?? 0;
      const ready = pods.filter((p) => p.ready).length;
      last = coded('k8s.rolloutState', {
        updated: String(updated),
        ready: String(ready),
        replicas: String(want),
        old: String(Math.max(0, total - updated)),
      });
      const restarted = pods.find((p) => p.restarts > req.maxRestarts);
      if (restarted)
        return {
          done: false,
          reason: 'restarts',
          detail: coded('k8s.tooManyRestarts', {
            pod: restarted.name,
            restarts: String(restarted.restarts),
            max: String(req.maxRestarts),
          }),
          pods,
        };
      const stalled = s.conditions?.find(
        (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
      );
      // The condition can be left over from the rollout before (a rollback follows a stalled one):
      // it counts only when it names this deployment's ReplicaSet. It can also come too early: the
      // controller times a rollback to an existing ReplicaSet from the stalled rollout's last
      // progress, so it names the restored ReplicaSet at once and clears the mark when that one
      // scales up (k8s/rollback-clock.test.ts). No rollout has made no progress for N s sooner
      // than N s after it began.
      const deadlineSeconds = d.spec?.progressDeadlineSeconds ?? 600;
      const ripe = req.startedAt === undefined || Date.now() - req.startedAt >= deadlineSeconds * 1000;
      const ours =
        ripe &&
        observed &&
        stalled &&
        (await api.revisions(req.namespace, req.name)).some(
          (r) =>
            r.revision.deploymentId === req.deploymentId &&
            stalled.message?.includes(`"${r.revision.replicaSet}"`),
        );
      if (ours)
        return {
          done: false,
          reason: 'progress-deadline',
          detail: coded('k8s.progressDeadline', {
            seconds: String(deadlineSeconds),
            state: last,
          }),
          pods,
        };
      if (observed && updated >= want && total <= updated && available >= updated && ready >= want)
        step = { done: true, revision: deploymentRevision(d), pods };
    } catch (err) {
      // An API server that is briefly away is waited for (until the deadline); a refusal is not.
      if (!(err instanceof KubeProblem) || !err.transient) throw kubeFailure(err);
      last = coded(err.key, err.params as never);
    }
    if (step) return step;
    if (Date.now() >= req.deadline)
      return {
        done: false,
        reason: 'timeout',
        detail: coded('k8s.rolloutTimeout', { state: last || '-' }),
        pods: await api.pods(req.namespace, selector).catch(() => []),
      };
    ctx.heartbeat(last);
    await ctx.sleep(req.pollMs ?? 1000);
  }
}
