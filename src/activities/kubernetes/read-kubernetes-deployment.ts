// The Deployment as it is before a deployment touches it: the live revision (what an automatic
// rollback returns to). Read only, so safe to repeat.
import { deploymentRevision, KubeApi } from '../../kubernetes/client.js';
import type { KubeCluster, KubeDeploymentState } from '../../run/kubernetes.js';
import { kubeStep } from './kube-failure.js';

export async function readKubernetesDeployment(req: {
  cluster: KubeCluster;
  namespace: string;
  name: string;
}): Promise<KubeDeploymentState> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    await api.checkNamespace(req.namespace);
    const d = await api.readDeployment(req.namespace, req.name);
    if (!d) return { exists: false };
    const live = deploymentRevision(d);
    const revs = await api.revisions(req.namespace, req.name);
    const current = revs.find((r) => r.revision.revision === live)?.revision ?? revs[0]?.revision;
    return { exists: true, current, replicas: d.spec?.replicas, generation: d.metadata?.generation };
  });
}
