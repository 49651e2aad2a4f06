// Seed 004 GetLogs: the last lines of one pod's log, for the deploy service. Only a pod of the
// deployment's application is read (the service names the pod; nothing else in the namespace).
import { KubeApi } from '../../kubernetes/client.js';
import { KubeProblem } from '../../kubernetes/problem.js';
import type { KubeCluster } from '../../run/kubernetes.js';
import { kubeStep } from './kube-failure.js';

export async function readKubernetesPodLog(req: {
  cluster: KubeCluster;
  namespace: string;
  app: string;
  pod: string;
  lines: number;
}): Promise<{ container: string; lines: string[] }> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    const pods = await api.pods(req.namespace, `app=${req.app}`);
    if (!pods.some((p) => p.name === req.pod))
      throw new KubeProblem('k8s.podUnknown', { pod: req.pod, app: req.app, namespace: req.namespace });
    const text = await api.podLog(req.namespace, req.pod, req.lines);
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return { container: req.app, lines: lines.slice(-req.lines) };
  });
}

/** The pods of an application (live view of the deploy service). */
export async function listKubernetesPods(req: {
  cluster: KubeCluster;
  namespace: string;
  selector: string;
}): Promise<import('../../run/kubernetes.js').KubePod[]> {
  return kubeStep(async () => (await KubeApi.open(req.cluster)).pods(req.namespace, req.selector));
}
