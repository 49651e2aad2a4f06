// The Kubernetes deployer's steps as the workflows call them: each an activity on the site's worker
// with a short heartbeat timeout (a killed worker's step moves to another worker within seconds)
// and an activity id that says what it is in the run's history and log. The rollout wait and the
// rollback's wait share one helper, which turns the wait's answer into a catalogue-coded reason.
import { proxyActivities } from '@temporalio/workflow';
import type { KubernetesActivities } from '../../activities/kubernetes/index.js';
import { coded } from '../../i18n/coded.js';
import type { RunContext } from '../../run/input.js';
import type { KubeCluster, RolloutOutcome } from '../../run/kubernetes.js';
import { lookup, machineStep, remoteJob } from '../activity-options.js';

export function kubeSteps(run: RunContext, rolloutTimeoutSeconds: number) {
  let n = 0;
  const quick = (what: string) =>
    proxyActivities<KubernetesActivities>(machineStep(lookup(run), `${++n}@${what}`));
  const waiting = (what: string) =>
    proxyActivities<KubernetesActivities>(
      machineStep(remoteJob(run, { waitSeconds: rolloutTimeoutSeconds }), `${++n}@${what}`),
    );
  return {
    read: (req: Parameters<KubernetesActivities['readKubernetesDeployment']>[0]) =>
      quick('read').readKubernetesDeployment(req),
    apply: (req: Parameters<KubernetesActivities['applyKubernetesManifests']>[0]) =>
      quick('apply').applyKubernetesManifests(req),
    check: (req: Parameters<KubernetesActivities['checkKubernetesPods']>[0]) =>
      quick('check').checkKubernetesPods(req),
    rollback: (req: Parameters<KubernetesActivities['rollbackKubernetesDeployment']>[0]) =>
      quick('rollback').rollbackKubernetesDeployment(req),
    scale: (req: Parameters<KubernetesActivities['scaleKubernetesDeployment']>[0]) =>
      quick('scale').scaleKubernetesDeployment(req),
    /** Waits for `deploymentId`'s revision to be rolled out, until `timeoutSeconds` from now. */
    wait: (req: {
      cluster: KubeCluster;
      namespace: string;
      name: string;
      deploymentId: string;
      maxRestarts: number;
      timeoutSeconds: number;
    }): Promise<RolloutOutcome> =>
      waiting('rollout').waitForKubernetesRollout({
        cluster: req.cluster,
        namespace: req.namespace,
        name: req.name,
        deploymentId: req.deploymentId,
        maxRestarts: req.maxRestarts,
        // Workflow time is deterministic; an absolute deadline makes a retried wait wait only for the rest.
        deadline: Date.now() + req.timeoutSeconds * 1000,
        startedAt: Date.now(),
      }),
  };
}

/** Why a rollout did not complete, for the run's result. */
export function rolloutError(o: RolloutOutcome, name: string): string {
  if (o.detail) return o.detail;
  if (o.reason === 'gone') return coded('k8s.deploymentGone', { name, namespace: '-' });
  return coded('k8s.rolloutTimeout', { state: '-' });
}
