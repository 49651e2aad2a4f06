// The physical deployer tells the truth (issue 23 point 9), in the scenario on three simulated
// machines: 1.0.0, a 2.0.0 that fails its check on the canary (rolled back there), 1.1.0 and 1.2.0
// with the default --keep 3, then `rollback` of 1.1.0's deployment. The failed release does not push
// a good one out of --keep, so every machine can and does go back to 1.0.0; a second rollback says
// the first has ended; `watch` and `status` show the package runs; a rollback a machine cannot follow
// fails and names that machine.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { secretEnvName } from '../../src/activities/support/secret-source.js';
import type { DeployTarget } from '../../src/run/deploy-package.js';
import { EndpointResolver, SshSession } from '../../src/smartx/index.js';
import { startDeployService } from '../../src/service/server.js';
import type { PackageResult } from '../../src/workflows/deploy-package/types.js';
import { deployPackageWorkflow } from '../../src/workflows/index.js';
import { hciBringup } from '../helpers/cli.js';
import { startLab, type Lab } from '../helpers/lab.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';
import { buildArtifact, SERVICE } from './artifacts.js';

const PASSWORD_REF = 'deploy:ssh-password';
const HOST_ROOT_PASSWORD = 'HC!r0cks';

describe('the deployer tells the truth (1.0.0, failed 2.0.0 on the canary, 1.1.0, 1.2.0, keep 3)', () => {
  let lab: Lab;
  let client: Client;
  let connection: Connection;
  let worker: Worker;
  let workerConn: NativeConnection;
  let running: Promise<void>;
  let taskQueue: string;
  let dir: string;
  let targets: DeployTarget[];
  const id = (name: string) => `${name}-${taskQueue}`;

  before(async () => {
    process.env[secretEnvName(PASSWORD_REF)] = HOST_ROOT_PASSWORD;
    lab = await startLab({ hosts: 3 });
    dir = mkdtempSync(path.join(lab.dir, 'artifacts-'));
    ({ client, connection } = await testClient());
    taskQueue = uniqueTaskQueue('deploy-truth');
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

  const deploy = (name: string, artifactPath: string): Promise<PackageResult> =>
    client.workflow.execute(deployPackageWorkflow, {
      taskQueue,
      workflowId: id(name),
      args: [
        {
          service: SERVICE,
          artifactPath,
          targets,
          keep: 3,
          concurrency: 2,
          checks: { http: 'http://{host}:8080/health', timeoutSeconds: 3 },
          run: lab.run,
        },
      ],
    });

  async function onMachine(address: string, command: string): Promise<string> {
    const s = await SshSession.connect(
      { address, user: 'root', password: HOST_ROOT_PASSWORD },
      EndpointResolver.fromFile(lab.endpointMapFile),
    );
    try {
      return (await s.exec(command, { timeoutMs: 10_000 })).stdout.trim();
    } finally {
      s.close();
    }
  }
  const current = (address: string) => onMachine(address, 'basename "$(readlink /opt/demo/current)"');
  const releases = (address: string) => onMachine(address, 'ls /opt/demo/releases | sort | tr "\\n" " "');

  it(
    'keeps the good releases; rollback moves every machine back, and says so once',
    { timeout: 300_000 },
    async () => {
      assert.equal((await deploy('t100', buildArtifact(dir, '1.0.0'))).outcome, 'succeeded');
      const failed = await deploy('t200', buildArtifact(dir, '2.0.0', 503));
      assert.equal(failed.outcome, 'failed');
      assert.deepEqual(
        failed.machines.map((m) => m.phase),
        ['rolled-back', 'skipped', 'skipped'],
      );
      assert.equal((await deploy('t110', buildArtifact(dir, '1.1.0'))).outcome, 'succeeded');
      assert.equal((await deploy('t120', buildArtifact(dir, '1.2.0'))).outcome, 'succeeded');
      const canary = targets[0].address;
      // The failed 2.0.0 is no longer on the canary, and it did not push 1.0.0 out of the 3 kept.
      assert.equal(await releases(canary), '1.0.0 1.1.0 1.2.0');

      const rolled = await hciBringup(['rollback', id('t110'), '--wait', '--lang', 'en']);
      assert.equal(rolled.code, 0, rolled.stdout + rolled.stderr);
      assert.match(rolled.stdout, /COMPLETED \(succeeded\), 3 rolled back/);
      for (const t of targets) assert.equal(await current(t.address), '1.0.0', t.name);

      // A second rollback of the same deployment: it has ended (not "already running"), no --id.
      const again = await hciBringup(['rollback', id('t110'), '--lang', 'en']);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /has ended and succeeded/);
      assert.doesNotMatch(again.stderr + again.stdout, /already running|--id/);
      const againZh = await hciBringup(['rollback', id('t110')]);
      assert.match(againZh.stderr, /已结束且成功/);

      // watch and status of package runs: the machines' table, no crash.
      const watched = await hciBringup(['watch', id('t120'), '--lang', 'en']);
      assert.equal(watched.code, 0, watched.stdout + watched.stderr);
      assert.doesNotMatch(watched.stderr, /toFixed|TypeError/);
      for (const t of targets) assert.match(watched.stdout, new RegExp(`${t.name} .* deployed .* 1\\.2\\.0`));
      const status = await hciBringup(['status', `${id('t110')}-rollback`, '--lang', 'en']);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      for (const t of targets)
        assert.match(status.stdout, new RegExp(`${t.name} .* rolled back .* 1\\.0\\.0`));
    },
  );

  it('a rollback a machine cannot follow fails and names that machine', { timeout: 180_000 }, async () => {
    // 1.2.0's deployment goes back to 1.1.0; one machine no longer holds that release.
    const broken = targets[1];
    await onMachine(broken.address, 'rm -rf /opt/demo/releases/1.1.0');
    const r = await hciBringup(['rollback', id('t120'), '--wait', '--lang', 'en']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /COMPLETED \(failed\), 2 rolled back/);
    assert.match(r.stdout, new RegExp(`${broken.name}: .*release 1\\.1\\.0 is not on this machine`));
    assert.equal(await current(broken.address), '1.0.0', 'the broken machine stays where it was');
    for (const t of [targets[0], targets[2]]) assert.equal(await current(t.address), '1.1.0');

    // serve agrees: the rollback failed, 2 of 3 ready, 2 rollbacks counted.
    const service = await startDeployService({ client, host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`${service.url}/internal/v1/deploy/info/${id('t120')}-rollback`);
      const info = (await res.json()) as {
        status: string;
        ready_replicas: number;
        details: { rollbacks: number };
      };
      assert.equal(info.status, 'failed');
      assert.equal(info.ready_replicas, 2);
      assert.equal(info.details.rollbacks, 2);
      // Each step's log line names its machine.
      const logs = (await (
        await fetch(`${service.url}/internal/v1/deploy/logs/${id('t120')}-rollback`)
      ).json()) as {
        logs: { message: string }[];
      };
      for (const t of targets)
        assert.ok(
          logs.logs.some((l) => l.message === `step scheduled: rollbackPackageMachine on ${t.name}`),
          JSON.stringify(logs.logs.map((l) => l.message)),
        );
    } finally {
      await service.close();
    }
  });
});
