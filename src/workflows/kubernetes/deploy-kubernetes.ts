// deployKubernetesWorkflow (seed 004 KubernetesDeployer.Deploy, issue 25): reads the live revision,
// applies the Deployment and Service built from the request, waits for the rollout (deadline,
// heartbeats), checks the pods' health, and when the rollout or the check fails rolls back to the
// revision that was live before, as `kubectl rollout undo` would, then waits for that rollout.
// Every step is an activity that is safe to repeat; what was live before is in the history from the
// first step on, so a worker killed at any moment neither applies twice nor forgets the rollback.
import { setHandler, upsertMemo } from '@temporalio/workflow';
import { coded } from '../../i18n/coded.js';
import type { DeployKubernetesInput, KubernetesProgress, KubernetesResult } from '../../run/kubernetes.js';
import { messageOf } from '../describe-error.js';
import { kubernetesProgressQuery } from './query.js';
import { kubeSteps, rolloutError } from './steps.js';

export async function deployKubernetesWorkflow(input: DeployKubernetesInput): Promise<KubernetesResult> {
  const { app, cluster } = input;
  const where = { cluster, namespace: app.namespace, name: app.name };
  const progress: KubernetesProgress = {
    kind: 'kubernetes',
    app: app.name,
    namespace: app.namespace,
    version: app.version,
    image: app.image,
    replicas: app.replicas,
    phase: 'inspect',
    pods: [],
    rollbacks: 0,
  };
  setHandler(kubernetesProgressQuery, () => progress);
  const finish = (outcome: KubernetesResult['outcome']): KubernetesResult => {
    progress.phase = 'done';
    // The outcome as memo: /metrics counts results and rollbacks from Temporal's list alone.
    upsertMemo({ outcome, rollbacks: progress.rollbacks, service: app.name, version: app.version });
    return { ...progress, outcome };
  };
  const steps = kubeSteps(input.run, input.rolloutTimeoutSeconds);

  try {
    const before = await steps.read(where);
    // An id used before (the same deployment started again) is not a revision to return to.
    if (before.current && before.current.deploymentId !== input.deploymentId)
      progress.previous = before.current;
    progress.phase = 'apply';
    await steps.apply({ cluster, app, deploymentId: input.deploymentId });
  } catch (err) {
    progress.error = messageOf(err);
    return finish('failed');
  }

  progress.phase = 'rollout';
  let failure: string | undefined;
  try {
    const rollout = await steps.wait({
      ...where,
      deploymentId: input.deploymentId,
      maxRestarts: input.maxRestarts,
      timeoutSeconds: input.rolloutTimeoutSeconds,
    });
    progress.pods = rollout.pods;
    if (rollout.done) {
      progress.revision = rollout.revision;
      progress.phase = 'check';
      const health = await steps.check({
        ...where,
        deploymentId: input.deploymentId,
        maxRestarts: input.maxRestarts,
      });
      progress.pods = health.pods;
      if (!health.healthy)
        failure = coded('deployer.healthFailed', {
          checks: health.checks
            .filter((c) => c.status !== 'healthy')
            .map((c) => `${c.name}: ${c.message}`)
            .join('; '),
        });
    } else failure = rolloutError(rollout, app.name);
  } catch (err) {
    failure = messageOf(err);
  }
  if (!failure) return finish('succeeded');

  progress.error = failure;
  const previous = progress.previous;
  if (!previous) {
    // The first deployment of the application: nothing to return to. Its pods are left as they are
    // for troubleshooting (seed 004: keep the scene); `kubectl delete` or a new deployment clears them.
    progress.rollbackError = coded('k8s.noPrevious', { app: app.name });
    return finish('failed');
  }
  progress.phase = 'rollback';
  try {
    const undo = await steps.rollback({ ...where, to: previous, from: input.deploymentId });
    progress.rollbacks = 1;
    const back = await steps.wait({
      ...where,
      deploymentId: previous.deploymentId ?? '',
      maxRestarts: input.maxRestarts,
      timeoutSeconds: input.rolloutTimeoutSeconds,
    });
    progress.revision = back.revision ?? undo.revision;
    // `pods` stay those of this deployment as they failed; the restored ones are the rollback's.
    if (!back.done) progress.rollbackError = rolloutError(back, app.name);
  } catch (err) {
    progress.rollbackError = messageOf(err);
  }
  return finish('failed');
}
