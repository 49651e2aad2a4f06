// Seed 004 GetPodStatus and HealthCheck for a Kubernetes deployment: the pods of one deployment's
// revision (labels app and deployment-id) with phase, readiness, restarts and node, and the checks
// "n/n pods running", restarts and the Deployment's availability. One look, no waiting: the rollout
// wait already waited. Read only.
import { KubeApi } from '../../kubernetes/client.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import { LABEL_DEPLOYMENT_ID, type KubeCluster, type KubePod } from '../../run/kubernetes.js';
import { kubeStep } from './kube-failure.js';

export interface PodCheckRequest {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  deploymentId: string;
  maxRestarts: number;
}

export async function checkKubernetesPods(
  req: PodCheckRequest,
): Promise<{ healthy: boolean; pods: KubePod[]; checks: HealthCheckResult[] }> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    const d = await api.readDeployment(req.namespace, req.name);
    const pods = await api.pods(req.namespace, `app=${req.name},${LABEL_DEPLOYMENT_ID}=${req.deploymentId}`);
    const live = d?.spec?.template?.metadata?.labels?.[LABEL_DEPLOYMENT_ID] === req.deploymentId;
    const want = live ? (d?.spec?.replicas ?? 0) : pods.length;
    const ready = pods.filter((p) => p.ready && p.phase === 'Running').length;
    const restarted = pods.filter((p) => p.restarts > req.maxRestarts);
    const checks: HealthCheckResult[] = [
      {
        name: 'pod_status',
        status: ready === want && want > 0 ? 'healthy' : 'unhealthy',
        message: `${ready}/${want} pods running`,
      },
      {
        name: 'pod_restarts',
        status: restarted.length === 0 ? 'healthy' : 'unhealthy',
        message: restarted.length
          ? restarted.map((p) => `${p.name}: ${p.restarts} restarts (max ${req.maxRestarts})`).join('; ')
          : `${pods.reduce((n, p) => n + p.restarts, 0)} restarts in ${pods.length} pods`,
      },
      {
        name: 'deployment_available',
        status: live && (d?.status?.availableReplicas ?? 0) >= want && want > 0 ? 'healthy' : 'unhealthy',
        message: !d
          ? `Deployment ${req.namespace}/${req.name} not found`
          : live
            ? `${d.status?.availableReplicas ?? 0}/${want} replicas available (revision ${d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?'})`
            : `the live revision is ${d.spec?.template?.metadata?.labels?.[LABEL_DEPLOYMENT_ID] ?? '-'}, not ${req.deploymentId}`,
      },
    ];
    return { healthy: checks.every((c) => c.status === 'healthy'), pods, checks };
  });
}
