// deploy-package end to end (issue 11 item 2): real SSH/SFTP into the simulated machines' sandboxes,
// real tar/sha256sum/systemctl there, the service's HTTP port served from the machine, a real
// Temporal dev server and worker.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { DeployTarget } from '../../src/activities/deploy-package/types.js';
import { secretEnvName } from '../../src/activities/support/secret-source.js';
import { SshSession } from '../../src/smartx/index.js';
import { EndpointResolver } from '../../src/smartx/index.js';
import { deployPackageWorkflow, rollbackPackageWorkflow } from '../../src/workflows/index.js';
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
      const deployed = (await client.workflow.getHandle(`dp-120-${taskQueue}`).result()) as PackageResult;
      const r = await client.workflow.execute(rollbackPackageWorkflow, {
        taskQueue,
        workflowId: `dp-120-${taskQueue}-rollback`,
        args: [
          {
            deploymentId: `dp-120-${taskQueue}`,
            service: SERVICE,
            machines: deployed.machines.map((m, i) => ({
              target: targets[i],
              toVersion: m.phase === 'deployed' ? m.previousVersion : m.version,
            })),
            checks: { http: 'http://{host}:8080/health', timeoutSeconds: 5 },
            concurrency: 3,
            run: lab.run,
          },
        ],
      });
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r, null, 1));
      assert.equal(r.rollbacks, 3);
      for (const m of r.machines) assert.equal(m.version, '1.1.0');
      for (const h of lab.sim.core.topology.hosts)
        assert.match(await onMachine(h.managementIp), /^1\.1\.0\nactive\n/);
    },
  );
});
