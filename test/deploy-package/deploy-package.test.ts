// deploy-package end to end (issue 11 item 2): real SSH/SFTP into the simulated machines' sandboxes,
// real tar/sha256sum/systemctl there, the service's HTTP port served from the machine, a real
// Temporal dev server and worker.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { DeployTarget } from '../../src/run/deploy-package.js';
import { secretEnvName } from '../../src/activities/support/secret-source.js';
import { SshSession } from '../../src/smartx/index.js';
import { EndpointResolver } from '../../src/smartx/index.js';
import { physicalDeployer } from '../../src/deployer/physical.js';
import { startDeployService } from '../../src/service/server.js';
import { deployPackageWorkflow } from '../../src/workflows/index.js';
import type { DeployPackageInput, PackageResult } from '../../src/workflows/deploy-package/types.js';
import { startLab, type Lab } from '../helpers/lab.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';
import { buildArtifact, SERVICE } from './artifacts.js';

const PASSWORD_REF = 'deploy:ssh-password';
/** Root's password on a simulated host before a cluster deploy (docs/simulator.md). */
const HOST_ROOT_PASSWORD = 'HC!r0cks';

describe('deploy-package on three simulated machines', () => {
  let lab: Lab;
  let client: Client;
  let connection: Connection;
  let worker: Worker;
  let workerConn: NativeConnection;
  let running: Promise<void>;
  let taskQueue: string;
  let dir: string;
  let targets: DeployTarget[];

  before(async () => {
    process.env[secretEnvName(PASSWORD_REF)] = HOST_ROOT_PASSWORD;
    lab = await startLab({ hosts: 3 });
    dir = mkdtempSync(path.join(lab.dir, 'artifacts-'));
    ({ client, connection } = await testClient());
    taskQueue = uniqueTaskQueue('deploy-pkg');
    ({ worker, connection: workerConn } = await testWorker(taskQueue));
    running = worker.run();
    targets = lab.sim.core.topology.hosts.map((h) => ({
      name: h.hostname,
      address: h.managementIp,
      user: 'root',
      password: { secretRef: PASSWORD_REF },
    }));
  });

  after(async () => {
    worker?.shutdown();
    await running;
    await workerConn?.close();
    await connection?.close();
    await lab?.stop();
  });

  const input = (artifactPath: string, over: Partial<DeployPackageInput> = {}): DeployPackageInput => ({
    service: SERVICE,
    artifactPath,
    targets,
    keep: 2,
    concurrency: 2,
    checks: { http: 'http://{host}:8080/health', tcpPort: 8080, process: 'server', timeoutSeconds: 5 },
    run: lab.run,
    ...over,
  });

  const deploy = async (id: string, artifactPath: string): Promise<PackageResult> =>
    client.workflow.execute(deployPackageWorkflow, {
      taskQueue,
      workflowId: `${id}-${taskQueue}`,
      args: [input(artifactPath)],
    });

  const events = (name: string) => lab.sim.core.events.filter((e) => e.event === name);

  /** What a machine runs, read over SSH: the version `current` names and systemd's state. */
  async function onMachine(address: string): Promise<string> {
    const s = await SshSession.connect(
      { address, user: 'root', password: HOST_ROOT_PASSWORD },
      EndpointResolver.fromFile(lab.endpointMapFile),
    );
    try {
      const r = await s.exec(
        `basename "$(readlink /opt/demo/current)"; systemctl is-active demo; ls /opt/demo/releases | tr '\\n' ' '`,
        { timeoutMs: 10_000 },
      );
      return r.stdout.trim();
    } finally {
      s.close();
    }
  }

  it(
    'rolls 1.0.0 out: the canary first, then the rest two at a time, every check healthy',
    { timeout: 180_000 },
    async () => {
      const r = await deploy('dp-first', buildArtifact(dir, '1.0.0'));
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r, null, 1));
      assert.equal(r.version, '1.0.0');
      for (const m of r.machines) {
        assert.equal(m.phase, 'deployed', JSON.stringify(m));
        assert.equal(m.version, '1.0.0');
        assert.equal(m.serviceStatus, 'active');
        assert.ok(m.pid && m.pid > 1, `pid ${m.pid}`);
        assert.equal(m.exitCode, 0);
        assert.deepEqual(
          m.checks?.map((c) => [c.name, c.status]),
          [
            ['service_status', 'healthy'],
            ['http_check', 'healthy'],
            ['tcp_check', 'healthy'],
            ['process_check', 'healthy'],
          ],
        );
        assert.equal(m.previousVersion, undefined);
      }
      // The canary's upload and its service start come before any other machine's upload.
      const canary = lab.sim.core.topology.hosts[0].managementIp;
      const sftp = events('ssh-sftp');
      assert.equal(sftp.length, 3, 'one SFTP upload per machine');
      assert.equal((sftp[0].detail as { machine: string }).machine, canary);
      const canaryUp = events('service-port').find(
        (e) => (e.detail as { machine: string }).machine === canary,
      );
      assert.ok(canaryUp && canaryUp.at <= sftp[1].at, 'the canary was up before the rest were uploaded');
      for (const h of lab.sim.core.topology.hosts)
        assert.match(await onMachine(h.managementIp), /^1\.0\.0\nactive\n1\.0\.0$/);
    },
  );

  it(
    're-running the same deployment skips the uploads (checksum matches) and changes nothing',
    { timeout: 120_000 },
    async () => {
      const before = events('ssh-sftp').length;
      const r = await deploy('dp-again', path.join(dir, 'demo-1.0.0.tar.gz'));
      assert.equal(r.outcome, 'succeeded');
      assert.equal(events('ssh-sftp').length, before, 'no SFTP session');
      for (const m of r.machines) assert.match(m.upload ?? '', /already/, JSON.stringify(m));
    },
  );

  it(
    'a failed health check on one machine rolls that machine back, reported; the others move on',
    { timeout: 180_000 },
    async () => {
      const first = await deploy('dp-110', buildArtifact(dir, '1.1.0'));
      assert.equal(first.outcome, 'succeeded');
      const bad = lab.sim.core.topology.hosts[2].managementIp;
      lab.sim.core.faults.load({
        rules: [{ match: 'service:http:8080:*/1.2.0', machine: bad, kind: 'status', status: 503 }],
      });
      const r = await deploy('dp-120', buildArtifact(dir, '1.2.0'));
      lab.sim.core.faults.load({ rules: [] });
      assert.equal(r.outcome, 'failed');
      assert.equal(r.rollbacks, 1);
      const [a, b, c] = r.machines;
      assert.equal(a.phase, 'deployed');
      assert.equal(b.phase, 'deployed');
      assert.equal(c.phase, 'rolled-back', JSON.stringify(c));
      assert.equal(c.version, '1.1.0');
      assert.equal(c.previousVersion, '1.1.0');
      assert.match(c.error ?? '', /health check failed .*http_check: Expected 2xx, got 503/);
      assert.equal(c.serviceStatus, 'active');
      assert.match(await onMachine(bad), /^1\.1\.0\nactive\n/);
      // keep 2: 1.0.0 is gone where 1.2.0 arrived; kept where 1.1.0 is current and 1.0.0 its backup.
      assert.match(
        await onMachine(lab.sim.core.topology.hosts[0].managementIp),
        /^1\.2\.0\nactive\n(1\.1\.0 1\.2\.0|1\.2\.0 1\.1\.0)$/,
      );
    },
  );

  it(
    'rollback of a whole deployment puts every machine back on its previous version',
    { timeout: 180_000 },
    async () => {
      const started = await physicalDeployer.rollback(client, { targetDeploymentId: `dp-120-${taskQueue}` });
      // The machine the deployment rolled back itself is already on 1.1.0: only the other two move.
      assert.deepEqual(started.plan, [
        { machine: targets[0].name, toVersion: '1.1.0' },
        { machine: targets[1].name, toVersion: '1.1.0' },
      ]);
      const r = (await client.workflow.getHandle(started.deploymentId).result()) as PackageResult;
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r, null, 1));
      assert.equal(r.kind, 'rollback');
      assert.equal(r.rollbacks, 2);
      for (const m of r.machines) assert.equal(m.version, '1.1.0');
      for (const h of lab.sim.core.topology.hosts)
        assert.match(await onMachine(h.managementIp), /^1\.1\.0\nactive\n/);
      // A second rollback of the same deployment is refused (its rollback succeeded), not run twice.
      await assert.rejects(physicalDeployer.rollback(client, { targetDeploymentId: `dp-120-${taskQueue}` }));
    },
  );

  it(
    'serve: info, health and logs of a package deployment; metrics count results and rollbacks',
    { timeout: 120_000 },
    async () => {
      const service = await startDeployService({ client, host: '127.0.0.1', port: 0 });
      const seen: string[] = [];
      const get = async (route: string) => {
        const res = await fetch(`${service.url}${route}`);
        const text = await res.text();
        seen.push(text);
        const json = (res.headers.get('content-type') ?? '').includes('json');
        return { status: res.status, text, body: json ? (JSON.parse(text) as Record<string, unknown>) : {} };
      };
      const keep = (name: string, body: unknown) => {
        const out = process.env.HCI_SERVICE_EXAMPLES;
        if (out) writeFileSync(path.join(out, `package-${name}.json`), JSON.stringify(body, null, 2));
      };
      try {
        const id = `dp-120-${taskQueue}`;
        const info = await get(`/internal/v1/deploy/info/${id}`);
        assert.equal(info.status, 200, info.text);
        keep('info', info.body);
        assert.equal(info.body.status, 'failed');
        assert.equal(info.body.replicas, 3);
        assert.equal(info.body.ready_replicas, 2);
        const details = info.body.details as {
          pods: { name: string; phase: string; ready: boolean }[];
          version: string;
          rollbacks: number;
        };
        assert.deepEqual(
          details.pods.map((p) => [p.phase, p.ready]),
          [
            ['Running', true],
            ['Running', true],
            ['Running', false],
          ],
        );
        assert.equal(details.version, '1.2.0');
        assert.equal(details.rollbacks, 1);

        const health = await get(`/internal/v1/deploy/health/${id}`);
        assert.equal(health.status, 200, health.text);
        keep('health', health.body);
        const checks = health.body.checks as { name: string; status: string; message: string }[];
        assert.deepEqual(
          checks.map((c) => c.name),
          ['pod_status', ...targets.map((t) => `service:${t.name}`)],
        );
        // Every machine runs 1.1.0 after the rollback: the services are healthy, the pods say 2/3.
        for (const c of checks.slice(1))
          assert.match(
            c.message,
            /^demo active \(PID \d+\), version 1\.1\.0; http_check: HTTP 200/,
            c.message,
          );
        assert.equal(checks[0].status, 'unhealthy');

        const logs = await get(`/internal/v1/deploy/logs/${id}?lines=5`);
        assert.equal(logs.status, 200, logs.text);
        keep('logs', logs.body);
        assert.equal((logs.body.logs as unknown[]).length, 5);
        const machineLog = await get(`/internal/v1/deploy/logs/${id}?pod_name=${targets[0].name}&lines=3`);
        assert.equal(machineLog.status, 200, machineLog.text);
        keep('logs-machine', machineLog.body);
        const lines = machineLog.body.logs as { container: string; message: string }[];
        assert.equal(lines.at(-1)?.container, '/var/log/demo/demo.log');
        assert.match(lines.at(-1)?.message ?? '', /^demo 1\.1\.0 started \(port 8080\)$/);

        const metrics = await get('/metrics');
        keep('metrics', { text: metrics.text });
        assert.match(metrics.text, /hci_deploy_rollbacks\{kind="package"\} [1-9]/);
        assert.match(metrics.text, /hci_deploy_rollbacks\{kind="package-rollback"\} [2-9]/);
        assert.match(metrics.text, /hci_deploy_deployments\{kind="package",result="failed"\} [1-9]/);
        assert.match(metrics.text, /hci_deploy_deployments\{kind="package",result="succeeded"\} [3-9]/);
        for (const text of seen) assert.ok(!text.includes(HOST_ROOT_PASSWORD), 'no password in any answer');
      } finally {
        await service.close();
      }
    },
  );
});
