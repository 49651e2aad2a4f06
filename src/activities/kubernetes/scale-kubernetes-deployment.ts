// Seed 004 ScaleDeployment: sets the replica count through the scale subresource. An absolute
// count, so repeating the step is harmless.
import { KubeApi } from '../../kubernetes/client.js';
import { KubeProblem } from '../../kubernetes/problem.js';
import { LABEL_DEPLOYMENT_ID, type KubeCluster } from '../../run/kubernetes.js';
import { kubeStep } from './kube-failure.js';

export async function scaleKubernetesDeployment(req: {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  replicas: number;
}): Promise<{ from: number; liveDeploymentId?: string }> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    const d = await api.readDeployment(req.namespace, req.name);
    if (!d) throw new KubeProblem('k8s.deploymentGone', { name: req.name, namespace: req.namespace });
    const from = d.spec?.replicas ?? 1;
    if (from !== req.replicas) await api.scale(req.namespace, req.name, req.replicas);
    return { from, liveDeploymentId: d.spec?.template?.metadata?.labels?.[LABEL_DEPLOYMENT_ID] };
  });
}
