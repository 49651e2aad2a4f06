// rollbackKubernetesWorkflow (`hci-bringup rollback <deployment_id>` of a Kubernetes deployment):
// puts the Deployment back on the revision that was live before that deployment (the deployer reads
// it from the deployment's result), waits for the rollout and checks the restored pods.
import { setHandler, upsertMemo } from '@temporalio/workflow';
import type { KubernetesProgress, KubernetesResult, RollbackKubernetesInput } from '../../run/kubernetes.js';
import { messageOf } from '../describe-error.js';
import { kubernetesProgressQuery } from './query.js';
import { kubeSteps, rolloutError } from './steps.js';
import { coded } from '../../i18n/coded.js';

export async function rollbackKubernetesWorkflow(input: RollbackKubernetesInput): Promise<KubernetesResult> {
  const { app, cluster, to } = input;
  const where = { cluster, namespace: app.namespace, name: app.name };
  const progress: KubernetesProgress = {
    kind: 'kubernetes-rollback',
    app: app.name,
    namespace: app.namespace,
    version: to.version,
    image: to.image,
    phase: 'rollback',
    previous: to,
    pods: [],
    rollbacks: 0,
    rollbackOf: input.deploymentId,
  };
  setHandler(kubernetesProgressQuery, () => progress);
  const steps = kubeSteps(input.run, input.rolloutTimeoutSeconds);
  let ok = false;
  try {
    await steps.rollback({ ...where, to, from: input.deploymentId });
    progress.rollbacks = 1;
    progress.phase = 'rollout';
    const back = await steps.wait({
      ...where,
      deploymentId: to.deploymentId ?? '',
      maxRestarts: input.maxRestarts,
      timeoutSeconds: input.rolloutTimeoutSeconds,
    });
    progress.revision = back.revision;
    progress.pods = back.pods;
    if (!back.done) progress.error = rolloutError(back, app.name);
    else {
      progress.phase = 'check';
      const health = await steps.check({
        ...where,
        deploymentId: to.deploymentId ?? '',
        maxRestarts: input.maxRestarts,
      });
      progress.pods = health.pods;
      ok = health.healthy;
      if (!ok)
        progress.error = coded('deployer.healthFailed', {
          checks: health.checks
            .filter((c) => c.status !== 'healthy')
            .map((c) => `${c.name}: ${c.message}`)
            .join('; '),
        });
    }
  } catch (err) {
    progress.error = messageOf(err);
  }
  progress.phase = 'done';
  const outcome = ok ? 'succeeded' : 'failed';
  upsertMemo({ outcome, rollbacks: progress.rollbacks, service: app.name, rollbackOf: input.deploymentId });
  return { ...progress, outcome };
}
