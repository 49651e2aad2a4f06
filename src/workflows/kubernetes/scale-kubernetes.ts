// scaleKubernetesWorkflow (seed 004 ScaleDeployment, `hci-bringup scale <deployment_id> --replicas n`):
// sets the replica count of the application a deployment rolled out, then waits until the live
// revision has that many pods ready.
import { setHandler, upsertMemo } from '@temporalio/workflow';
import type { KubernetesProgress, KubernetesResult, ScaleKubernetesInput } from '../../run/kubernetes.js';
import { messageOf } from '../describe-error.js';
import { kubernetesProgressQuery } from './query.js';
import { kubeSteps, rolloutError } from './steps.js';

export async function scaleKubernetesWorkflow(input: ScaleKubernetesInput): Promise<KubernetesResult> {
  const { app, cluster } = input;
  const where = { cluster, namespace: app.namespace, name: app.name };
  const progress: KubernetesProgress = {
    kind: 'kubernetes-scale',
    app: app.name,
    namespace: app.namespace,
    replicas: input.replicas,
    phase: 'apply',
    pods: [],
    rollbacks: 0,
    rollbackOf: input.deploymentId,
  };
  setHandler(kubernetesProgressQuery, () => progress);
  const steps = kubeSteps(input.run, input.rolloutTimeoutSeconds);
  let ok = false;
  try {
    const scaled = await steps.scale({ ...where, replicas: input.replicas });
    const live = scaled.liveDeploymentId ?? input.deploymentId;
    progress.phase = 'rollout';
    const r = await steps.wait({
      ...where,
      deploymentId: live,
      maxRestarts: input.maxRestarts,
      timeoutSeconds: input.rolloutTimeoutSeconds,
    });
    progress.pods = r.pods;
    progress.revision = r.revision;
    ok = r.done;
    if (!r.done) progress.error = rolloutError(r, app.name);
  } catch (err) {
    progress.error = messageOf(err);
  }
  progress.phase = 'done';
  const outcome = ok ? 'succeeded' : 'failed';
  upsertMemo({ outcome, rollbacks: 0, service: app.name, replicas: input.replicas });
  return { ...progress, outcome };
}
