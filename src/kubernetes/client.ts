// The Kubernetes API as the deployer uses it, through the official client (@kubernetes/client-node)
// and a kubeconfig like every Kubernetes tool: server-side apply, the Deployment and its ReplicaSets
// (revisions), pods by label, pod logs, the scale subresource, delete by labels. Every failure is a
// KubeProblem that names the field at fault and the fix.
import type * as KubeLibrary from '@kubernetes/client-node';
import type {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  V1Deployment,
  V1Pod,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import {
  FIELD_MANAGER,
  LABEL_DEPLOYMENT_ID,
  type KubeCluster,
  type KubePod,
  type KubeRevision,
} from '../run/kubernetes.js';
import type { KubeManifest } from '../run/kubernetes-manifests.js';
import { KubeProblem } from './problem.js';

const REVISION = 'deployment.kubernetes.io/revision';

/** Which flag of the deploy request a field of the built manifest comes from (first match wins). */
const FIELD_FLAGS: [RegExp, string][] = [
  [/resources\.requests/, '--cpu-request / --memory-request'],
  [/resources\.limits/, '--cpu-limit / --memory-limit'],
  [/maxSurge|maxUnavailable|rollingUpdate/, '--max-surge / --max-unavailable'],
  [/progressDeadlineSeconds/, '--rollout-timeout'],
  [/readinessProbe/, '--readiness-path'],
  [/image/, '--image'],
  [/^spec\.ports|targetPort/, '--service-port'],
  [/ports|containerPort/, '--port'],
  [/env/, '--env'],
  [/replicas/, '--replicas'],
  [/labels/, '--version / --id'],
  [/namespace/, '--namespace'],
  [/name/, '--service'],
];

function flagOfField(field: string): string {
  return FIELD_FLAGS.find(([re]) => re.test(field))?.[1] ?? '--image / --service';
}

interface Status {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

function statusOf(err: ApiException<unknown>): Status {
  const b = err.body;
  if (typeof b === 'string') {
    try {
      return JSON.parse(b) as Status;
    } catch {
      return { message: b.slice(0, 300) };
    }
  }
  return b && typeof b === 'object' ? b : {};
}

let library: Promise<typeof KubeLibrary> | undefined;

export class KubeApi {
  readonly server: string;
  readonly kubeconfig: string;
  readonly context: string;
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly objects: KubernetesObjectApi;

  /**
   * The client library is loaded on the first call: its modules hold some 25 MiB of the worker's
   * memory, which a site's worker that never deploys to Kubernetes need not carry.
   */
  static async open(cluster: KubeCluster): Promise<KubeApi> {
    library ??= import('@kubernetes/client-node');
    return new KubeApi(cluster, await library);
  }

  private constructor(
    cluster: KubeCluster,
    private readonly lib: typeof KubeLibrary,
  ) {
    const kc = new lib.KubeConfig();
    const file = cluster.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config';
    try {
      if (cluster.kubeconfig) kc.loadFromFile(cluster.kubeconfig);
      else kc.loadFromDefault();
    } catch (err) {
      throw new KubeProblem('k8s.kubeconfigUnreadable', {
        path: file,
        detail: err instanceof Error ? err.message.split('\n')[0] : String(err),
      });
    }
    if (cluster.context) {
      const names = kc.getContexts().map((c) => c.name);
      if (!names.includes(cluster.context))
        throw new KubeProblem('k8s.contextUnknown', {
          context: cluster.context,
          path: file,
          contexts: names.join(', ') || '-',
        });
      kc.setCurrentContext(cluster.context);
    }
    const server = kc.getCurrentCluster()?.server;
    if (!server)
      throw new KubeProblem('k8s.kubeconfigUnreadable', {
        path: file,
        detail: 'no cluster in the current context',
      });
    this.server = server;
    this.kubeconfig = file;
    this.context = kc.getCurrentContext();
    this.apps = kc.makeApiClient(lib.AppsV1Api);
    this.core = kc.makeApiClient(lib.CoreV1Api);
    this.objects = lib.KubernetesObjectApi.makeApiClient(kc);
  }

  /** Maps any error of a call to a KubeProblem (what: the call, for the message). */
  problem(
    err: unknown,
    what: string,
    ctx: { namespace?: string; manifest?: KubeManifest } = {},
  ): KubeProblem {
    if (err instanceof KubeProblem) return err;
    if (err instanceof this.lib.ApiException) {
      const s = statusOf(err);
      const detail = s.message ?? `HTTP ${err.code}`;
      if (err.code === 401 || err.code === 403)
        return new KubeProblem('k8s.unauthorized', {
          path: this.kubeconfig,
          status: String(err.code),
          detail,
        });
      if (err.code === 404 && ctx.namespace && /namespaces? "?[^ ]*"? not found/i.test(detail))
        return new KubeProblem('k8s.namespaceMissing', { namespace: ctx.namespace, server: this.server });
      if ((err.code === 422 || err.code === 400) && ctx.manifest) {
        const causes = s.details?.causes ?? [];
        const fields = causes.map((c) => c.field).filter((f): f is string => !!f);
        return new KubeProblem('k8s.manifestRefused', {
          kind: ctx.manifest.kind,
          name: ctx.manifest.metadata.name,
          detail: causes.length
            ? causes.map((c) => `${c.field ?? '?'}: ${c.message ?? ''}`).join('; ')
            : detail,
          flag: [...new Set((fields.length ? fields : [detail]).map(flagOfField))].join(', '),
        });
      }
      return new KubeProblem(
        'k8s.apiError',
        { what, status: String(err.code), detail },
        err.code === 429 || err.code >= 500,
      );
    }
    const e = err as { code?: string; errno?: string; message?: string };
    const code = e.code ?? e.errno ?? '';
    return new KubeProblem(
      'k8s.unreachable',
      {
        server: this.server,
        path: this.kubeconfig,
        context: this.context,
        detail: code ? `${code}` : (e.message ?? String(err)).slice(0, 200),
      },
      true,
    );
  }

  private async call<T>(
    what: string,
    body: () => Promise<T>,
    ctx: { namespace?: string; manifest?: KubeManifest } = {},
  ) {
    try {
      return await body();
    } catch (err) {
      throw this.problem(err, what, ctx);
    }
  }

  /** The namespace exists (else k8s.namespaceMissing). */
  async checkNamespace(namespace: string): Promise<void> {
    try {
      await this.core.readNamespace({ name: namespace });
    } catch (err) {
      if (err instanceof this.lib.ApiException && err.code === 404)
        throw new KubeProblem('k8s.namespaceMissing', { namespace, server: this.server });
      throw this.problem(err, `read namespace ${namespace}`);
    }
  }

  /** Server-side apply (idempotent: the same object again changes nothing). `dryRun` only validates. */
  async apply(manifest: KubeManifest, opts: { dryRun?: boolean } = {}): Promise<void> {
    await this.call(
      `apply ${manifest.kind} ${manifest.metadata.name}`,
      () =>
        this.objects.patch(
          manifest as never,
          undefined,
          opts.dryRun ? 'All' : undefined,
          FIELD_MANAGER,
          true,
          this.lib.PatchStrategy.ServerSideApply,
        ),
      { namespace: manifest.metadata.namespace, manifest },
    );
  }

  async readDeployment(namespace: string, name: string): Promise<V1Deployment | undefined> {
    try {
      return await this.apps.readNamespacedDeployment({ name, namespace });
    } catch (err) {
      if (err instanceof this.lib.ApiException && err.code === 404) return undefined;
      throw this.problem(err, `read Deployment ${namespace}/${name}`, { namespace });
    }
  }

  /** The Deployment's ReplicaSets (its revisions), newest revision first. */
  async revisions(namespace: string, name: string): Promise<{ rs: V1ReplicaSet; revision: KubeRevision }[]> {
    const list = await this.call(
      `list ReplicaSets of ${name}`,
      () => this.apps.listNamespacedReplicaSet({ namespace, labelSelector: `app=${name}` }),
      { namespace },
    );
    return list.items
      .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === name))
      .map((rs) => ({ rs, revision: revisionOf(rs) }))
      .sort((a, b) => b.revision.revision - a.revision.revision);
  }

  async pods(namespace: string, labelSelector: string): Promise<KubePod[]> {
    const list = await this.call(
      `list pods ${labelSelector}`,
      () => this.core.listNamespacedPod({ namespace, labelSelector }),
      { namespace },
    );
    return list.items.map(podStatus).sort((a, b) => a.name.localeCompare(b.name));
  }

  async podLog(namespace: string, pod: string, lines: number): Promise<string> {
    return this.call(
      `read the log of pod ${pod}`,
      () => this.core.readNamespacedPodLog({ name: pod, namespace, tailLines: lines }),
      { namespace },
    );
  }

  async scale(namespace: string, name: string, replicas: number): Promise<void> {
    await this.call(
      `scale Deployment ${name}`,
      () =>
        this.apps.replaceNamespacedDeploymentScale({
          name,
          namespace,
          body: {
            apiVersion: 'autoscaling/v1',
            kind: 'Scale',
            metadata: { name, namespace },
            spec: { replicas },
          },
        }),
      { namespace },
    );
  }

  /** Seed 004 DeleteResources: the Deployment and Service carrying these labels. */
  async deleteByLabels(namespace: string, labels: Record<string, string>): Promise<number> {
    const labelSelector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const deps = await this.call(
      'list Deployments',
      () => this.apps.listNamespacedDeployment({ namespace, labelSelector }),
      {
        namespace,
      },
    );
    const svcs = await this.call(
      'list Services',
      () => this.core.listNamespacedService({ namespace, labelSelector }),
      {
        namespace,
      },
    );
    for (const d of deps.items)
      await this.call(`delete Deployment ${d.metadata!.name}`, () =>
        this.apps.deleteNamespacedDeployment({
          name: d.metadata!.name!,
          namespace,
          propagationPolicy: 'Foreground',
        }),
      );
    for (const s of svcs.items)
      await this.call(`delete Service ${s.metadata!.name}`, () =>
        this.core.deleteNamespacedService({ name: s.metadata!.name!, namespace }),
      );
    return deps.items.length + svcs.items.length;
  }
}

export function revisionOf(obj: V1ReplicaSet): KubeRevision {
  const labels = obj.spec?.template?.metadata?.labels ?? {};
  return {
    revision: Number(obj.metadata?.annotations?.[REVISION] ?? 0),
    replicaSet: obj.metadata?.name ?? '',
    deploymentId: labels[LABEL_DEPLOYMENT_ID],
    version: labels.version,
    image: obj.spec?.template?.spec?.containers?.[0]?.image,
  };
}

export const deploymentRevision = (d: V1Deployment) => Number(d.metadata?.annotations?.[REVISION] ?? 0);

export function podStatus(p: V1Pod): KubePod {
  const statuses = p.status?.containerStatuses ?? [];
  const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return {
    name: p.metadata?.name ?? '',
    phase: p.status?.phase ?? 'Unknown',
    ready: ready && !p.metadata?.deletionTimestamp,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    node: p.spec?.nodeName,
    createdAt: p.metadata?.creationTimestamp
      ? new Date(p.metadata.creationTimestamp).toISOString()
      : undefined,
    deploymentId: p.metadata?.labels?.[LABEL_DEPLOYMENT_ID],
  };
}
