// Short workflows the deploy service starts on a Kubernetes deployment's task queue, so that the
// API server is read by the site's worker with its kubeconfig (credentials never leave it): the
// pods and health of a deployment, and a pod's log. One attempt each, bounded.
import { proxyActivities, upsertMemo } from '@temporalio/workflow';
import type { KubernetesActivities } from '../../activities/kubernetes/index.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { KubeCluster, KubePod } from '../../run/kubernetes.js';
import { healthCheck } from '../activity-options.js';

export interface KubernetesLiveInput {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  deploymentId: string;
  maxRestarts: number;
  timeoutMs: number;
  /** A health request (counted in /metrics through the memo), not only a look at the pods. */
  health?: boolean;
}

export async function kubernetesHealthWorkflow(
  input: KubernetesLiveInput,
): Promise<{ healthy: boolean; pods: KubePod[]; checks: HealthCheckResult[] }> {
  const { checkKubernetesPods } = proxyActivities<KubernetesActivities>(
    healthCheck({ timeoutMs: input.timeoutMs }),
  );
  const r = await checkKubernetesPods(input);
  if (input.health) {
    const unhealthy = r.checks.filter((c) => c.status !== 'healthy').length;
    upsertMemo({ healthy: unhealthy === 0, checks: r.checks.length, unhealthy });
  }
  return r;
}

export async function kubernetesPodLogWorkflow(input: {
  cluster: KubeCluster;
  namespace: string;
  app: string;
  pod: string;
  lines: number;
  timeoutMs: number;
}): Promise<{ container: string; lines: string[] }> {
  const { readKubernetesPodLog } = proxyActivities<KubernetesActivities>(
    healthCheck({ timeoutMs: input.timeoutMs }),
  );
  return readKubernetesPodLog(input);
}
