// Seed 004 ApplyManifest: the Deployment and Service built from the request, by server-side apply.
// Both are validated by the API server first (dry run), so a refused Service never leaves a changed
// Deployment behind. Applying the same objects again changes nothing (no new generation, no new
// revision), which is what makes this step safe to repeat after a worker died.
import { Context } from '@temporalio/activity';
import { KubeApi } from '../../kubernetes/client.js';
import type { KubeCluster, KubernetesApp } from '../../run/kubernetes.js';
import { buildDeployment, buildService } from '../../run/kubernetes-manifests.js';
import { kubeStep } from './kube-failure.js';

export async function applyKubernetesManifests(req: {
  cluster: KubeCluster;
  app: KubernetesApp;
  deploymentId: string;
}): Promise<{ generation: number }> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    await api.checkNamespace(req.app.namespace);
    const manifests = [buildDeployment(req.app, req.deploymentId), buildService(req.app, req.deploymentId)];
    for (const m of manifests) await api.apply(m, { dryRun: true });
    Context.current().heartbeat('validated');
    for (const m of manifests) await api.apply(m);
    const d = await api.readDeployment(req.app.namespace, req.app.name);
    return { generation: d?.metadata?.generation ?? 0 };
  });
}
