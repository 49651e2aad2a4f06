// Rolls a Deployment back to an earlier revision the way `kubectl rollout undo --to-revision` does:
// the pod template of that revision's ReplicaSet (without its pod-template-hash) becomes the
// Deployment's template again, by server-side apply. The revision is named by its ReplicaSet and the
// deployment that made it, not by number (Kubernetes renumbers a revision it brings back). When the
// Deployment already runs that revision the step does nothing, so a retry after a worker died is
// harmless; when another deployment has replaced the one being undone, it refuses (that one is live).
import { Context } from '@temporalio/activity';
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { deploymentRevision, KubeApi } from '../../kubernetes/client.js';
import { KubeProblem } from '../../kubernetes/problem.js';
import { LABEL_DEPLOYMENT_ID, type KubeCluster, type KubeRevision } from '../../run/kubernetes.js';
import { kubeStep } from './kube-failure.js';

export async function rollbackKubernetesDeployment(req: {
  cluster: KubeCluster;
  namespace: string;
  name: string;
  to: KubeRevision;
  /** The deployment being undone: it must be the live one (or the rollback already happened). */
  from: string;
}): Promise<{ revision: number; alreadyThere: boolean }> {
  return kubeStep(async () => {
    const api = await KubeApi.open(req.cluster);
    const d = await api.readDeployment(req.namespace, req.name);
    if (!d) throw new KubeProblem('k8s.deploymentGone', { name: req.name, namespace: req.namespace });
    const live = d.spec?.template?.metadata?.labels?.[LABEL_DEPLOYMENT_ID];
    if (live === req.to.deploymentId) return { revision: deploymentRevision(d), alreadyThere: true };
    if (live !== req.from)
      throw new KubeProblem('k8s.notLive', { id: req.from, app: req.name, current: live ?? '-' });
    const revs = await api.revisions(req.namespace, req.name);
    const target =
      revs.find((r) => r.revision.replicaSet === req.to.replicaSet) ??
      revs.find((r) => r.revision.deploymentId && r.revision.deploymentId === req.to.deploymentId);
    if (!target)
      throw new KubeProblem('k8s.revisionGone', {
        deployment: req.to.deploymentId ?? '-',
        rs: req.to.replicaSet,
        version: req.to.version ?? '-',
      });
    const template = structuredClone<V1PodTemplateSpec>(target.rs.spec!.template!);
    const labels = { ...(template.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    template.metadata = { labels, annotations: template.metadata?.annotations };
    Context.current().heartbeat('applying');
    await api.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: req.name,
        namespace: req.namespace,
        labels: {
          ...(d.metadata?.labels ?? {}),
          version: labels.version ?? '',
          [LABEL_DEPLOYMENT_ID]: labels[LABEL_DEPLOYMENT_ID] ?? '',
        },
      },
      spec: {
        replicas: d.spec?.replicas,
        progressDeadlineSeconds: d.spec?.progressDeadlineSeconds,
        revisionHistoryLimit: d.spec?.revisionHistoryLimit,
        strategy: d.spec?.strategy,
        selector: d.spec?.selector,
        template,
      },
    });
    const after = await api.readDeployment(req.namespace, req.name);
    return { revision: after ? deploymentRevision(after) : 0, alreadyThere: false };
  });
}
