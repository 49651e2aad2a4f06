// What the Kubernetes deployer's tests share: the control plane `npm run test:k8s` started (its
// kubeconfig in KUBECONFIG, loopback only), a namespace per test file, reads of what is really on
// the API server, and the CLI on a task queue of the test's own.
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import { hciBringup } from '../test/helpers/cli.js';

export function kubeconfigPath(): string {
  const file = process.env.KUBECONFIG;
  const server = process.env.HCI_K8S_SERVER ?? '';
  if (!file || !/^https:\/\/127\.\d+\.\d+\.\d+:\d+$/.test(server))
    throw new Error(
      'run these with `npm run test:k8s`: it starts a loopback control plane and sets KUBECONFIG',
    );
  return file;
}

export function kube(): { apps: AppsV1Api; core: CoreV1Api } {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath());
  return { apps: kc.makeApiClient(AppsV1Api), core: kc.makeApiClient(CoreV1Api) };
}

export async function createNamespace(name: string): Promise<void> {
  await kube().core.createNamespace({ body: { metadata: { name } } });
}

export async function deploymentOf(namespace: string, name: string): Promise<V1Deployment> {
  return kube().apps.readNamespacedDeployment({ name, namespace });
}

export const templateId = (d: V1Deployment) => d.spec?.template?.metadata?.labels?.['deployment-id'];

/** Pods of one deployment's revision that are Running and Ready. */
export async function readyPods(namespace: string, app: string, deploymentId: string) {
  const pods = await kube().core.listNamespacedPod({
    namespace,
    labelSelector: `app=${app},deployment-id=${deploymentId}`,
  });
  return pods.items.filter(
    (p) =>
      !p.metadata?.deletionTimestamp &&
      p.status?.phase === 'Running' &&
      p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

export async function replicaSetsOf(namespace: string, app: string, deploymentId: string) {
  const list = await kube().apps.listNamespacedReplicaSet({
    namespace,
    labelSelector: `app=${app},deployment-id=${deploymentId}`,
  });
  return list.items;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 60_000,
  pauseMs = 200,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** `deploy-package --kubernetes` as an operator types it (English, so the tests can read it). */
export function deployArgs(o: {
  namespace: string;
  id: string;
  image: string;
  replicas?: number;
  wait?: boolean;
  extra?: string[];
}): string[] {
  return [
    'deploy-package',
    '--kubernetes',
    '--service',
    'web',
    '--image',
    o.image,
    '--namespace',
    o.namespace,
    '--replicas',
    String(o.replicas ?? 2),
    '--kubeconfig',
    kubeconfigPath(),
    '--rollout-timeout',
    '20',
    '--id',
    o.id,
    '--lang',
    'en',
    ...(o.wait === false ? [] : ['--wait']),
    ...(o.extra ?? []),
  ];
}

export async function cli(args: string[]) {
  const r = await hciBringup(args);
  return { ...r, all: `${r.stdout}\n${r.stderr}` };
}

/** A run's exit code and output in an assertion message. */
export function expectCode(r: { code: number; all: string }, code: number): void {
  assert.equal(r.code, code, `exit ${r.code}, expected ${code}:\n${r.all}`);
}

/** An image whose pods can never be scheduled (CPU request above every fake node's 16): never ready. */
export const UNSCHEDULABLE = ['--cpu-request', '64', '--cpu-limit', '64'];
