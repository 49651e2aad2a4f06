// `hci-bringup deploy-package --kubernetes --service NAME --image IMG …`: a Kubernetes deployment
// through the Kubernetes deployer. Before anything starts, the CLI asks the API server (with the same
// kubeconfig) whether the namespace exists and whether it accepts the Deployment and Service (server
// dry run), so a bad request is refused here, naming the flag and the fix. The run itself is done by
// the site's worker.
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { localizeError, t, type Lang } from '../../i18n/index.js';
import type { KubeCluster, KubernetesApp, KubernetesResult } from '../../run/kubernetes.js';
import type { ParsedValues } from '../command-spec.js';
import { checkedSite, validFlags } from '../run-flags.js';

async function flagsSchema(lang: Lang) {
  const { z } = await import('zod');
  const { KUBE_NAME, KUBE_NAMESPACE, LABEL_VALUE } = await import('../../run/kubernetes-manifests.js');
  const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
  // A Kubernetes quantity (100m, 0.5, 128Mi, 1G); the API server judges the rest (request ≤ limit).
  const quantity = z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)?([munkMGTPE]|[KMGTPE]i)?$/, { error: t(lang, 'k8s.quantityInvalid') });
  return z.object({
    service: z
      .string({ error: t(lang, 'k8s.serviceRequired') })
      .regex(KUBE_NAME, { error: t(lang, 'k8s.serviceInvalid') }),
    image: z
      .string({ error: t(lang, 'k8s.imageRequired') })
      .regex(/^[^\s]+$/, { error: t(lang, 'k8s.imageRequired') }),
    version: z
      .string()
      .regex(LABEL_VALUE, { error: t(lang, 'k8s.labelInvalid') })
      .optional(),
    namespace: z.string().regex(KUBE_NAMESPACE, { error: t(lang, 'k8s.namespaceInvalid') }),
    replicas: count(0, 1000),
    port: count(1, 65535),
    'service-port': count(1, 65535),
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*=[^,]*(,[A-Za-z_][A-Za-z0-9_]*=[^,]*)*$/, {
        error: t(lang, 'k8s.envInvalid'),
      })
      .optional(),
    'readiness-path': z
      .string()
      .regex(/^\/\S*$/)
      .optional(),
    'cpu-request': quantity,
    'memory-request': quantity,
    'cpu-limit': quantity,
    'memory-limit': quantity,
    kubeconfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    'rollout-timeout': count(10, 24 * 3600),
    'max-surge': count(0, 1000),
    'max-unavailable': count(0, 1000),
    'max-restarts': count(0, 1000),
    site: z.string().optional(),
    id: z
      .string()
      .regex(LABEL_VALUE, { error: t(lang, 'k8s.idInvalid') })
      .optional(),
    wait: z.boolean().default(false),
  });
}

/** The tag of an image reference (after the last `:` of its last path part), if any. */
export function imageTag(image: string): string | undefined {
  const last = image.split('@')[0].split('/').at(-1) ?? '';
  const i = last.lastIndexOf(':');
  return i > 0 ? last.slice(i + 1) : undefined;
}

export async function runKubernetesDeploy(values: ParsedValues, lang: Lang): Promise<number> {
  const flags = validFlags(await flagsSchema(lang), values, 'deploy-package', lang);
  if (!flags) return 2;
  const checked = await checkedSite(flags.site);
  if (!checked) return 2;
  const { site } = checked;
  const { LABEL_VALUE, buildDeployment, buildService } = await import('../../run/kubernetes-manifests.js');
  const version = flags.version ?? imageTag(flags.image);
  if (!version || !LABEL_VALUE.test(version)) {
    console.error(t(lang, 'k8s.versionNeeded', { image: flags.image }));
    return 2;
  }
  const env = flags.env
    ? Object.fromEntries(
        flags.env.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      )
    : undefined;
  const app: KubernetesApp = {
    name: flags.service,
    namespace: flags.namespace,
    image: flags.image,
    version,
    replicas: flags.replicas,
    containerPort: flags.port,
    servicePort: flags['service-port'],
    env,
    readinessPath: flags['readiness-path'],
    resources: {
      requests: { cpu: flags['cpu-request'], memory: flags['memory-request'] },
      limits: { cpu: flags['cpu-limit'], memory: flags['memory-limit'] },
    },
    maxSurge: flags['max-surge'],
    maxUnavailable: flags['max-unavailable'],
    // The controller's own deadline is the deployer's: it marks the rollout failed, we roll back.
    progressDeadlineSeconds: flags['rollout-timeout'],
  };
  const cluster: KubeCluster = {
    kubeconfig: flags.kubeconfig ? path.resolve(flags.kubeconfig) : undefined,
    context: flags.context,
  };
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const deploymentId = flags.id ?? `k8s-${site ? `${site}-` : ''}${flags.service}-${stamp}`;
  if (!LABEL_VALUE.test(deploymentId)) {
    console.error(t(lang, 'k8s.idInvalid'));
    return 2;
  }

  // The API server's own judgement before anything starts: namespace, then a server-side dry run.
  const { KubeApi } = await import('../../kubernetes/client.js');
  const { KubeProblem } = await import('../../kubernetes/problem.js');
  try {
    const api = await KubeApi.open(cluster);
    await api.checkNamespace(app.namespace);
    await api.apply(buildDeployment(app, deploymentId), { dryRun: true });
    await api.apply(buildService(app, deploymentId), { dryRun: true });
  } catch (err) {
    if (!(err instanceof KubeProblem)) throw err;
    console.error(t(lang, err.key, err.params as never));
    return 2;
  }

  const { siteTaskQueue } = await import('../../config/site.js');
  const { siteTiming } = await import('../../run/timing.js');
  const taskQueue = siteTaskQueue(site);
  const { kubernetesDeployer } = await import('../../deployer/kubernetes.js');
  const { connectClient } = await import('../temporal-client.js');
  const { client, close } = await connectClient();
  try {
    await kubernetesDeployer.deploy(client, {
      deploymentId,
      taskQueue,
      app,
      cluster,
      rolloutTimeoutSeconds: flags['rollout-timeout'],
      maxRestarts: flags['max-restarts'],
      run: { connect: { mode: 'direct' }, timing: siteTiming },
      memo: site ? { site } : undefined,
    });
    console.log(
      t(lang, 'k8s.started', {
        id: deploymentId,
        app: `${app.namespace}/${app.name}`,
        image: app.image,
        replicas: String(app.replicas),
        queue: taskQueue,
      }),
    );
    if (!flags.wait) return 0;
    return await waitAndRender(client, deploymentId, lang);
  } finally {
    await close();
  }
}

/** Waits for a Kubernetes run and prints its result; the exit code says whether it succeeded. */
export async function waitAndRender(client: Client, id: string, lang: Lang): Promise<number> {
  const result = (await client.workflow.getHandle(id).result()) as KubernetesResult;
  console.log(renderKubernetesResult(id, result, lang));
  return result.outcome === 'succeeded' ? 0 : 1;
}

export function renderKubernetesResult(id: string, r: KubernetesResult, lang: Lang): string {
  const lines = [
    t(lang, r.outcome === 'succeeded' ? 'k8s.resultSucceeded' : 'k8s.resultFailed', {
      id,
      app: `${r.namespace}/${r.app}`,
      version: r.version ?? '-',
      revision: r.revision === undefined ? '-' : String(r.revision),
    }),
  ];
  if (r.error) lines.push(`  ${localizeError(r.error, lang)}`);
  if (r.rollbacks > 0 && r.previous)
    lines.push(
      `  ${t(lang, 'k8s.rolledBackTo', { deployment: r.previous.deploymentId ?? '-', version: r.previous.version ?? '-', revision: String(r.revision ?? '-') })}`,
    );
  if (r.rollbackError) lines.push(`  ${localizeError(r.rollbackError, lang)}`);
  for (const p of r.pods)
    lines.push(`  ${p.name}  ${p.phase}  ready=${p.ready}  restarts=${p.restarts}  node=${p.node ?? '-'}`);
  if (!r.pods.length) lines.push(`  ${t(lang, 'cli.deployKubernetes.noPods')}`);
  return lines.join('\n');
}

/** `status <id>` of a Kubernetes run: its live progress while it runs, else its result. */
export async function kubernetesStatus(
  client: Client,
  id: string,
  lang: Lang,
  json: boolean,
): Promise<number> {
  const handle = client.workflow.getHandle(id);
  const d = await handle.describe();
  const running = d.status.name === 'RUNNING';
  const r = (
    running
      ? await client
          .withDeadline(Date.now() + 5000, () => handle.query<KubernetesResult>('progress'))
          .catch(() => undefined)
      : d.status.name === 'COMPLETED'
        ? await handle.result()
        : undefined
  ) as KubernetesResult | undefined;
  if (json) console.log(JSON.stringify({ status: d.status.name, ...r }, null, 2));
  else if (!r) console.log(`${id}: ${d.status.name}`);
  else if (running)
    console.log(
      `${id}: ${d.status.name} (${r.phase})\n${renderKubernetesResult(id, r, lang).split('\n').slice(1).join('\n')}`,
    );
  else console.log(renderKubernetesResult(id, r, lang));
  return running ? 0 : r?.outcome === 'succeeded' ? 0 : 1;
}
