// kill -9 of the worker during a package rollout (issue 11): twice, once while the canary's artifact
// is being uploaded and once while the rest roll out. The run ends with every machine on exactly one
// complete version: `current` names a whole release, no partial upload or extraction is left, one
// process of the service runs.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { secretEnvName } from '../../src/activities/support/secret-source.js';
import { EndpointResolver, SshSession } from '../../src/smartx/index.js';
import { deployPackageWorkflow } from '../../src/workflows/index.js';
import { hciBringup } from '../helpers/cli.js';
import { startLab } from '../helpers/lab.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';
import { buildArtifact, SERVICE } from './artifacts.js';

const PASSWORD_REF = 'deploy:ssh-password';
const HOST_ROOT_PASSWORD = 'HC!r0cks';

async function until(what: string, probe: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('kill -9 of the worker during a package rollout', () => {
  it('ends with every machine on exactly one complete version', { timeout: 300_000 }, async () => {
    // The worker process inherits this: it resolves the password reference from its environment.
    process.env[secretEnvName(PASSWORD_REF)] = HOST_ROOT_PASSWORD;
    const lab = await startLab({
      hosts: 3,
      // Slow SFTP and command sessions widen the windows in which the worker dies.
      faults: { rules: [{ match: 'ssh:exec:host', kind: 'delay', delayMs: 150 }] },
    });
    const dir = mkdtempSync(path.join(lab.dir, 'artifacts-'));
    const { client, connection } = await testClient();
    const taskQueue = uniqueTaskQueue('deploy-kill9');
    let worker: WorkerProcess = await startWorkerProcess(taskQueue);
    const events = (name: string) => lab.sim.core.events.filter((e) => e.event === name);
    const hosts = lab.sim.core.topology.hosts;
    try {
      const handle = await client.workflow.start(deployPackageWorkflow, {
        taskQueue,
        workflowId: `kill9-${taskQueue}`,
        args: [
          {
            service: SERVICE,
            artifactPath: buildArtifact(dir, '2.0.0'),
            targets: hosts.map((h) => ({
              name: h.hostname,
              address: h.managementIp,
              user: 'root',
              password: { secretRef: PASSWORD_REF },
            })),
            keep: 3,
            concurrency: 2,
            checks: { http: 'http://localhost:8080/health', timeoutSeconds: 10 },
            run: lab.run,
          },
        ],
      });
      await until('the canary upload', () => events('ssh-sftp').length >= 1);
      await worker.kill9();
      const killedAt = Date.now();
      // Commands the dead worker had already sent are through once its connections are gone.
      await new Promise((r) => setTimeout(r, 300));
      const execsBefore = events('ssh-exec').length;
      worker = await startWorkerProcess(taskQueue);
      // The step's heartbeat timeout is sized to the step (seconds), not the run's profile: the
      // canary's step runs again within seconds of the kill.
      await until('the canary step again', () => events('ssh-exec').length > execsBefore);
      const resumedMs = Date.now() - killedAt;
      assert.ok(resumedMs < 15_000, `the step resumed ${resumedMs} ms after the kill`);
      await until('the rollout after the canary', () => events('service-port').length >= 1);
      await until('an upload to the rest', () =>
        events('ssh-sftp').some((e) => (e.detail as { machine: string }).machine !== hosts[0].managementIp),
      );
      await worker.kill9();
      // No worker answers now: status shows each machine as the history left it, not an empty table.
      const status = await hciBringup(['status', handle.workflowId, '--lang', 'en']);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      assert.match(status.stdout, /no worker answers right now/);
      for (const h of hosts)
        assert.match(status.stdout, new RegExp(`${h.hostname} +${h.managementIp.replace(/\./g, '\\.')} `));
      assert.match(status.stdout, /deploying \((upload|extract|activate|check|cleanup)\)/);
      worker = await startWorkerProcess(taskQueue);

      const r = await handle.result();
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r, null, 1));
      const resolver = EndpointResolver.fromFile(lab.endpointMapFile);
      for (const h of hosts) {
        const s = await SshSession.connect(
          { address: h.managementIp, user: 'root', password: HOST_ROOT_PASSWORD },
          resolver,
        );
        try {
          const out = await s.exec(
            'basename "$(readlink /opt/demo/current)"; ls -A /opt/demo/releases | tr "\\n" " "; echo; ' +
              'ls -A /opt/demo/.staging | tr "\\n" " "; echo; systemctl is-active demo; pgrep -c -x server; ' +
              'cat /opt/demo/current/.sha256',
            { timeoutMs: 10_000 },
          );
          const [current, releases, staging, active, processes, sha] = out.stdout.split('\n');
          assert.equal(current, '2.0.0', `${h.hostname}: ${out.stdout}`);
          assert.equal(releases.trim(), '2.0.0', `${h.hostname}: no partial extraction left`);
          assert.equal(staging.trim(), 'demo-2.0.0.tar.gz', `${h.hostname}: no partial upload left`);
          assert.equal(active, 'active');
          assert.equal(processes, '1', `${h.hostname}: one process of the service`);
          assert.equal(sha, r.sha256);
        } finally {
          s.close();
        }
      }
      console.log(
        `kill -9 x2 during a rollout: ${events('ssh-sftp').length} SFTP sessions for 3 machines; the canary's step resumed ${resumedMs} ms after the first kill`,
      );
    } finally {
      await worker.stop();
      await connection.close();
      await lab.stop();
    }
  });
});
