// The Kubernetes deployer on a real control plane (issue 25): a rollout that succeeds, a second one,
// one whose pods never get ready (rolled back automatically), a manual rollback, a scale, and the
// deploy service's info, health, logs and metrics for these deployments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { KubernetesResult } from '../src/run/kubernetes.js';
import { startDeployService, type RunningDeployService } from '../src/service/server.js';
import { testClient, testWorker, uniqueTaskQueue } from '../test/helpers/temporal.js';
import {
  cli,
  createNamespace,
  deployArgs,
  deploymentOf,
  expectCode,
  kube,
  readyPods,
  replicaSetsOf,
  templateId,
  UNSCHEDULABLE,
  until,
} from './support.js';

const NS = 'deployer-a';
const ID = { v1: 'web-v1-a', v2: 'web-v2-a', v3: 'web-v3-broken-a', v4: 'web-v4-a' };

describe('Kubernetes deployer', { timeout: 600_000 }, () => {
  let client: Client;
  let closeClient: () => Promise<void>;
  let worker: Worker;
  let running: Promise<void>;
  const result = async (id: string) => (await client.workflow.getHandle(id).result()) as KubernetesResult;

  before(async () => {
    const c = await testClient();
    client = c.client;
    closeClient = () => c.connection.close();
    const taskQueue = uniqueTaskQueue('k8s');
    process.env.HCI_TASK_QUEUE = taskQueue;
    ({ worker } = await testWorker(taskQueue));
    running = worker.run();
    await createNamespace(NS);
  });
  after(async () => {
    worker.shutdown();
    await running;
    await closeClient();
  });

  it('rolls out a Deployment and Service built from the request', async () => {
    const r = await cli(deployArgs({ namespace: NS, id: ID.v1, image: 'example.invalid/web:v1.0.0' }));
    expectCode(r, 0);
    assert.match(r.stdout, /web-v1-a: succeeded \(deployer-a\/web, version v1\.0\.0, revision 1\)/);
    const d = await deploymentOf(NS, 'web');
    assert.deepEqual(d.metadata?.labels, { app: 'web', version: 'v1.0.0', 'deployment-id': ID.v1 });
    assert.deepEqual(d.spec?.selector?.matchLabels, { app: 'web' });
    assert.equal(d.spec?.template?.spec?.containers[0].image, 'example.invalid/web:v1.0.0');
    assert.equal(d.spec?.template?.spec?.containers[0].resources?.requests?.cpu, '100m');
    assert.equal(d.spec?.strategy?.rollingUpdate?.maxSurge, 1);
    assert.equal(d.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.equal(d.status?.availableReplicas, 2);
    const pods = await readyPods(NS, 'web', ID.v1);
    assert.equal(pods.length, 2);
    for (const p of pods) assert.match(p.spec?.nodeName ?? '', /^kwok-node-\d$/);
    const svc = await kube().core.readNamespacedService({ name: 'web', namespace: NS });
    assert.deepEqual(svc.spec?.selector, { app: 'web' });
    assert.equal(svc.spec?.ports?.[0].port, 80);
    assert.equal(svc.spec?.ports?.[0].targetPort, 8080);
    const res = await result(ID.v1);
    assert.equal(res.outcome, 'succeeded');
    assert.equal(res.previous, undefined);
    assert.equal(res.pods.length, 2);
    assert.ok(res.pods.every((p) => p.ready && p.phase === 'Running' && p.restarts === 0 && p.node));
  });

  it('rolls out a second version as revision 2 and remembers the first', async () => {
    const r = await cli(deployArgs({ namespace: NS, id: ID.v2, image: 'example.invalid/web:v2.0.0' }));
    expectCode(r, 0);
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), ID.v2);
    assert.equal(d.metadata?.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal((await readyPods(NS, 'web', ID.v2)).length, 2);
    assert.equal((await readyPods(NS, 'web', ID.v1)).length, 0);
    const res = await result(ID.v2);
    assert.equal(res.revision, 2);
    assert.equal(res.previous?.deploymentId, ID.v1);
    assert.equal(res.previous?.version, 'v1.0.0');
    const status = await cli(['status', ID.v2, '--lang', 'en']);
    expectCode(status, 0);
    assert.match(status.stdout, /web-v2-a: succeeded \(deployer-a\/web, version v2\.0\.0, revision 2\)/);
    assert.match(
      status.stdout,
      /web-[a-z0-9]+-[a-z0-9]+ {2}Running {2}ready=true {2}restarts=0 {2}node=kwok-node-\d/,
    );
  });

  it('rolls back automatically when the new pods never get ready', async () => {
    const t0 = Date.now();
    const r = await cli(
      deployArgs({ namespace: NS, id: ID.v3, image: 'example.invalid/web:v3.0.0', extra: UNSCHEDULABLE }),
    );
    expectCode(r, 1);
    assert.match(r.stdout, /web-v3-broken-a: failed/);
    assert.match(r.stdout, /rolled back automatically to the revision of web-v2-a \(version v2\.0\.0/);
    const res = await result(ID.v3);
    assert.equal(res.outcome, 'failed');
    assert.equal(res.rollbacks, 1);
    assert.equal(res.rollbackError, undefined);
    assert.match(res.error ?? '', /did not finish within --rollout-timeout|no progress for 20 s/);
    assert.ok(res.pods.length > 0 && res.pods.every((p) => !p.ready && p.phase === 'Pending'));
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), ID.v2);
    assert.equal(d.metadata?.labels?.version, 'v2.0.0');
    // kubectl's numbering: the restored revision becomes the newest one (2 → 4).
    assert.equal(d.metadata?.annotations?.['deployment.kubernetes.io/revision'], '4');
    assert.equal(res.revision, 4);
    await until('v2 pods ready again', async () => (await readyPods(NS, 'web', ID.v2)).length === 2);
    await until('no v3 pod left', async () => {
      const left = await kube().core.listNamespacedPod({
        namespace: NS,
        labelSelector: `deployment-id=${ID.v3}`,
      });
      return left.items.length === 0;
    });
    assert.ok(Date.now() - t0 < 90_000, 'the failure is noticed by the deadline, not later');
  });

  it('rolls a deployment back by hand to the revision before it, once', async () => {
    const r = await cli(['rollback', ID.v2, '--wait', '--lang', 'en']);
    expectCode(r, 0);
    assert.match(r.stdout, /started rollback web-v2-a-rollback: deployer-a\/web back to version v1\.0\.0/);
    assert.match(r.stdout, /web-v2-a-rollback: succeeded/);
    const d = await deploymentOf(NS, 'web');
    assert.equal(templateId(d), ID.v1);
    assert.equal(d.spec?.template?.spec?.containers[0].image, 'example.invalid/web:v1.0.0');
    assert.equal((await readyPods(NS, 'web', ID.v1)).length, 2);
    // The ReplicaSet of v1 is brought back, not a new one made.
    assert.equal((await replicaSetsOf(NS, 'web', ID.v1)).length, 1);
    const again = await cli(['rollback', ID.v2, '--lang', 'en']);
    expectCode(again, 1);
    assert.match(again.stderr, /already|succeeded/);
    // A deployment that was rolled back automatically has nothing left to roll back.
    const auto = await cli(['rollback', ID.v3, '--lang', 'en']);
    expectCode(auto, 1);
  });

  it('scales the application', async () => {
    const r = await cli(['scale', ID.v2, '--replicas', '3', '--wait', '--lang', 'en']);
    expectCode(r, 0);
    const d = await deploymentOf(NS, 'web');
    assert.equal(d.spec?.replicas, 3);
    assert.equal((await readyPods(NS, 'web', ID.v1)).length, 3);
    const bad = await cli(['scale', ID.v2, '--replicas', 'many', '--lang', 'en']);
    expectCode(bad, 2);
    assert.match(bad.stderr, /--replicas needs a whole number/);
  });

  it('serves info, health, logs and metrics of Kubernetes deployments', async () => {
    const service: RunningDeployService = await startDeployService({ client, host: '127.0.0.1', port: 0 });
    try {
      const get = async (p: string) => {
        const res = await fetch(`${service.url}${p}`);
        return { status: res.status, text: await res.text() };
      };
      const info = JSON.parse((await get(`/internal/v1/deploy/info/${ID.v1}`)).text) as {
        status: string;
        replicas: number;
        ready_replicas: number;
        details: {
          pods: { name: string; phase: string; ready: boolean; restarts: number; node: string }[];
          kind: string;
        };
      };
      assert.equal(info.status, 'succeeded');
      assert.equal(info.details.kind, 'kubernetes');
      assert.equal(info.replicas, 3);
      assert.equal(info.ready_replicas, 3);
      for (const p of info.details.pods) {
        assert.equal(p.phase, 'Running');
        assert.equal(p.ready, true);
        assert.equal(p.restarts, 0);
        assert.match(p.node, /^kwok-node-\d$/);
      }
      const health = JSON.parse((await get(`/internal/v1/deploy/health/${ID.v1}`)).text) as {
        healthy: boolean;
        checks: { name: string; status: string; message: string }[];
      };
      assert.equal(health.healthy, true, JSON.stringify(health));
      assert.deepEqual(health.checks[0], {
        name: 'pod_status',
        status: 'healthy',
        message: '3/3 pods running',
      });
      const failed = JSON.parse((await get(`/internal/v1/deploy/info/${ID.v3}`)).text) as {
        status: string;
        ready_replicas: number;
        details: { rollbacks: number; previous: { deploymentId: string } };
      };
      assert.equal(failed.status, 'failed');
      assert.equal(failed.ready_replicas, 0);
      assert.equal(failed.details.rollbacks, 1);
      assert.equal(failed.details.previous.deploymentId, ID.v2);
      const h3 = JSON.parse((await get(`/internal/v1/deploy/health/${ID.v3}`)).text) as { healthy: boolean };
      assert.equal(h3.healthy, false);

      const pod = info.details.pods[0].name;
      const logs = await get(`/internal/v1/deploy/logs/${ID.v1}?pod_name=${pod}&lines=5`);
      // The API server proxies the log request to the pod's kubelet, played by kwok (its log file).
      assert.equal(logs.status, 200, logs.text);
      const body = JSON.parse(logs.text) as {
        logs: { pod_name: string; container: string; message: string }[];
      };
      assert.ok(body.logs.length >= 1 && body.logs.length <= 5);
      for (const l of body.logs) assert.deepEqual([l.pod_name, l.container], [pod, 'web']);
      assert.ok(
        body.logs.some((l) => l.message === 'ready'),
        logs.text,
      );
      const unknown = await get(`/internal/v1/deploy/logs/${ID.v1}?pod_name=web-nope-123&lines=5`);
      assert.equal(unknown.status, 404, unknown.text);
      const events = JSON.parse((await get(`/internal/v1/deploy/logs/${ID.v3}?lines=50`)).text) as {
        logs: { message: string }[];
      };
      assert.ok(events.logs.some((l) => /rollbackKubernetesDeployment/.test(l.message)));

      const metrics = (await get('/metrics')).text;
      assert.match(metrics, /hci_deploy_deployments\{kind="kubernetes",result="succeeded"\} 2/);
      assert.match(metrics, /hci_deploy_deployments\{kind="kubernetes",result="failed"\} 1/);
      assert.match(metrics, /hci_deploy_deployments\{kind="kubernetes-rollback",result="succeeded"\} 1/);
      assert.match(metrics, /hci_deploy_deployments\{kind="kubernetes-scale",result="succeeded"\} 1/);
      assert.match(metrics, /hci_deploy_rollbacks\{kind="kubernetes"\} 1/);
      assert.match(metrics, /hci_deploy_health_checks\{result="healthy"\} [1-9]/);
    } finally {
      await service.close();
    }
  });

  it('refuses to roll back a deployment that is no longer the live revision', async () => {
    const r = await cli(
      deployArgs({ namespace: NS, id: ID.v4, image: 'example.invalid/web:v4.0.0', replicas: 3 }),
    );
    expectCode(r, 0);
    // v2's rollback already ran; a new rollback run of v2 (another id) must not clobber v4.
    const { kubernetesDeployer } = await import('../src/deployer/kubernetes.js');
    const started = await kubernetesDeployer.rollback(client, {
      targetDeploymentId: ID.v2,
      deploymentId: `${ID.v2}-again`,
    });
    const res = await result(started.deploymentId);
    assert.equal(res.outcome, 'failed');
    assert.match(res.error ?? '', /web-v2-a is no longer the live revision of web: web-v4-a is/);
    assert.match(res.error ?? '', /hci-bringup rollback web-v4-a/);
    assert.equal(templateId(await deploymentOf(NS, 'web')), ID.v4);
  });
});
