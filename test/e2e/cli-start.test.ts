import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { hciBringup } from '../helpers/cli.js';
import { testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

describe('`hci-bringup start --wait` as an operator runs it', () => {
  it(
    'ends with the summary and exit 0; a rejected call stops the run open with the step, endpoint and answer; `retry` finishes it',
    { timeout: 400_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      const taskQueue = uniqueTaskQueue('cli');
      process.env.HCI_TASK_QUEUE = taskQueue;
      const { worker, connection } = await testWorker(taskQueue);
      const base = [
        '--plan',
        env.planFile,
        '--endpoints',
        env.endpointMapFile,
        '--packages',
        env.packageDir,
        '--speed',
        '1000',
        '--obs',
        'skip',
        '--backup',
        'skip',
        '--lang',
        'en',
      ];
      try {
        await worker.runUntil(async () => {
          const ok = await hciBringup([
            'start',
            ...base,
            '--id',
            `cli-ok-${taskQueue}`,
            '--stop-after',
            'attach-cluster',
            '--wait',
          ]);
          assert.equal(ok.code, 0, ok.stderr + ok.stdout.slice(-2000));
          assert.match(ok.stdout, /Bring-up summary: SIM-SMTX-Cls01 — stopped as asked/);
          assert.match(ok.stdout, /CloudTower VM: cloudtower /);
          // The run ended: `start --wait` wrote its HTML report (src/report).
          const okReport = /report: (\S+report\.html)/.exec(ok.stdout)?.[1];
          assert.ok(okReport && existsSync(okReport), `report file named in:\n${ok.stdout.slice(-500)}`);

          // A second run over the same site, where the appliance rejects the VM lookup that
          // create-vm makes before creating anything: a 400 is not retried, the stage fails at once.
          await fetch(`${env.sim.adminUrl}/__sim/faults`, {
            method: 'PUT',
            body: JSON.stringify({
              rules: [
                {
                  match: 'fisheye.vms.list',
                  kind: 'status',
                  status: 400,
                  ec: 'EINVALID_ARGUMENT',
                  message: 'unsupported filter',
                },
              ],
            }),
          });
          const id = `cli-fail-${taskQueue}`;
          const failed = await hciBringup([
            'start',
            ...base,
            '--id',
            id,
            '--stop-after',
            'attach-cluster',
            '--wait',
          ]);
          assert.equal(
            failed.code,
            3,
            `exit code 3 = a stage failed and waits for retry\n${failed.stdout.slice(-2000)}`,
          );
          assert.match(failed.stdout, /deploy-cloudtower\/create-vm/);
          assert.match(failed.stdout, /HTTP 400/);
          assert.match(failed.stdout, /unsupported filter/);
          assert.match(failed.stdout, new RegExp(`npx --offline hci-bringup retry ${id}`));
          assert.doesNotMatch(failed.stdout, /report: /, 'no report while the run is still open');

          await fetch(`${env.sim.adminUrl}/__sim/faults`, {
            method: 'PUT',
            body: JSON.stringify({ rules: [] }),
          });
          // `retry` is an Update: the run answers which stage restarted, and the CLI prints it.
          const retried = await hciBringup(['retry', id, '--lang', 'en']);
          assert.equal(retried.code, 0, retried.stderr);
          assert.match(retried.stdout, /restarted stage "deploy CloudTower" from its first step/);
          const watched = await hciBringup(['watch', id, '--lang', 'en', '--interval', '200']);
          assert.equal(watched.code, 0, watched.stdout.slice(-2000));
          assert.match(watched.stdout, /Bring-up summary: SIM-SMTX-Cls01 — stopped as asked/);
          // `watch` saw it end: the report shows the failed stage's wait and the operator's retry.
          const watchedReport = /report: (\S+report\.html)/.exec(watched.stdout)?.[1];
          assert.ok(watchedReport, watched.stdout.slice(-500));
          const html = readFileSync(watchedReport, 'utf8');
          assert.match(html, /class="phase failed"/);
          assert.match(html, /class="signal-label">retry</);
          // Nothing left to retry once the run has ended: refused, with the reason.
          const late = await hciBringup(['retry', id, '--lang', 'en']);
          assert.equal(late.code, 1, late.stdout);
          assert.match(late.stderr, /has ended; retry cannot reach it/);
        });
        const state = await env.simState();
        assert.equal(
          arr(state.vms).filter((vm) => (vm.name ?? vm.vm_name) === 'cloudtower').length,
          1,
          'one CloudTower VM',
        );
        assert.equal(arr(state.installerRuns).length, 1, 'one installer run');
        assert.equal((state.cluster as Rec).deployRequests, 1);
        await assertNoLenientPath(env.sim);
      } finally {
        delete process.env.HCI_TASK_QUEUE;
        await connection.close();
        await env.stop();
      }
    },
  );
});
