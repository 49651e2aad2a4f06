// Issue 12 item 7: a whole bring-up through stage 10 with the test load asked for and approved by
// the operator (`hci-bringup approve <id> testload` while the progress query shows the question):
// stage 09 brings up both test VMs, stage 10 puts fio's table and the reliability comparison in
// the summary, stage 11 deletes the test VMs, the HTML report carries the table. A second bring-up
// of the same site creates nothing twice: the site is found, the images are found uploaded, and
// only the test VMs stage 11 removed are made again (once each).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { WorkflowHandle } from '@temporalio/client';
import { FIO_PROFILES } from '../../src/run/fio-profiles.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { progressQuery } from '../../src/workflows/messages.js';
import { hciBringup } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const stageOf = (s: { stages: { id: string; status: string; note?: string }[] }, id: string) =>
  s.stages.find((x) => x.id === id);

/** Polls the progress query as an operator's `status` would, until the run asks about `component`. */
async function waitForQuestion(handle: WorkflowHandle, component: string, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await handle.query(progressQuery).catch(() => undefined);
    if (p?.awaitingApproval === component) return;
    if (p?.phase.startsWith('failed:')) throw new Error(`run failed: ${p.lastError ?? ''}`);
    if (Date.now() > deadline) throw new Error(`no question about ${component} (phase ${p?.phase ?? '?'})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('bring-up with the test load approved by signal, through stage 10', () => {
  it(
    'approve testload → both test VMs, fio table and reliability in the summary and the report, stage 11 deletes them; a re-run creates nothing twice',
    { timeout: 600_000 },
    async () => {
      await withSite('tlapproved', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
        const tower = async () => (await env.simState()).cloudtower as Rec;
        const id = `e2e-tlapproved-${taskQueue}`;
        const components = {
          obs: 'skip',
          backup: 'skip',
          testload: 'ask',
          approvalTimeoutSeconds: 3600,
        } as const;
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: id,
          args: [env.input({ components })],
        });
        const [summary, second] = await worker.runUntil(async () => {
          await waitForQuestion(handle, 'testload');
          // Nothing of the test load exists before the approval.
          assert.equal(((await tower()).vms as Rec[]).length, 0);
          const approved = await hciBringup(['approve', id, 'testload', '--lang', 'en']);
          assert.equal(approved.code, 0, approved.stderr);
          const first = await handle.result();
          const again = await client.workflow.execute(bringUpWorkflow, {
            taskQueue,
            workflowId: `${id}-again`,
            args: [env.input({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } })],
          });
          return [first, again] as const;
        });

        // Stage 09: both VMs, created from their uploaded images.
        assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
        assert.equal(stageOf(summary, 'test-load')?.status, 'done');
        assert.match(stageOf(summary, 'test-load')?.note ?? '', /operator signal/);
        const cluster = env.plan.clusterName;
        assert.match(
          summary.created['PAT test VM'] ?? '',
          new RegExp(`^${cluster}-pat-test at .*\\(created, image uploaded\\)`),
        );
        assert.match(
          summary.created['FIO test VM'] ?? '',
          new RegExp(`^${cluster}-fio-test at .*\\(created, image uploaded\\)`),
        );

        // Stage 10: fio's four profiles with real numbers, in the FIO VM; the reliability comparison.
        const perf = stageOf(summary, 'performance-test');
        assert.equal(perf?.status, 'done', perf?.note);
        const rows = summary.testResults ?? [];
        assert.deepEqual(
          rows.map((r) => r.profile),
          FIO_PROFILES.map((p) => p.id),
        );
        for (const r of rows) {
          assert.equal(r.vm, `${cluster}-fio-test`);
          for (const k of ['iops', 'mbps', 'p50us', 'p99us', 'runtimeSeconds'] as const)
            assert.ok(r[k] > 0, `${r.profile} ${k} = ${r[k]}`);
          assert.ok(r.p99us >= r.p50us, `${r.profile}: p99 ≥ p50`);
        }
        const rel = summary.reliability;
        assert.ok(rel, 'the reliability comparison is in the summary');
        assert.ok(rel.before && rel.after, `both inspection reports were read: ${JSON.stringify(rel)}`);
        assert.ok(rel.before.checked > 0 && rel.after.checked > 0, JSON.stringify(rel));
        assert.equal(rel.newAlerts?.length, 0, 'no alert opened during the load');
        assert.ok(Array.isArray(rel.newFailures));
        assert.match(perf?.note ?? '', /inspection after the load/);
        assert.ok(summary.created['inspection report after load'], 'the second inspection report');

        // Stage 11: both test VMs deleted through CloudTower, once each.
        assert.match(stageOf(summary, 'cleanup')?.note ?? '', /2 of 2 test VM\(s\) deleted/);

        // The report: the fio table, row by row.
        const out = path.join(env.artifactsDir, 'tlapproved-report.html');
        const report = await hciBringup(['report', id, '--out', out, '--lang', 'en']);
        assert.equal(report.code, 0, report.stderr);
        const html = readFileSync(out, 'utf8');
        assert.match(html, /<section id="test-results"[^>]*>\s*<h2>Test results<\/h2>/);
        assert.match(html, /<section id="reliability"/, 'the reliability section');
        for (const r of rows) {
          assert.ok(
            html.includes(
              `<td><code>${r.profile}</code></td><td>${r.vm}</td><td class="num">${r.iops}</td><td class="num">${r.mbps}</td>`,
            ),
            `the report's row of ${r.profile}`,
          );
        }

        // The second run: the site is found as it is; the images are found; the VMs stage 11
        // removed are created again, once each (the run's own stage 11 removes them again).
        assert.equal(second.outcome, 'succeeded', JSON.stringify(second, null, 2));
        assert.match(second.created['PAT test VM'] ?? '', /\(created, image already-present\)/);
        assert.match(second.created['FIO test VM'] ?? '', /\(created, image already-present\)/);
        assert.equal(second.testResults?.length, 4);
        assert.match(stageOf(second, 'cleanup')?.note ?? '', /2 of 2 test VM\(s\) deleted/);
        const after = await env.simState();
        const t = after.cloudtower as Rec;
        const effects = t.effects as Record<string, number>;
        const counts = {
          createVm: effects['rest:create-vm'],
          startVm: effects['rest:start-vm'],
          deleteVm: effects['rest:delete-vm'],
          uploads: (t.elfUploads as Rec[]).length,
          volumes: (t.vmVolumes as Rec[]).length,
        };
        assert.deepEqual(
          counts,
          // Each import-vm makes its VM's volume and delete-vm keeps volumes: two per run.
          { createVm: 4, startVm: 4, deleteVm: 4, uploads: 2, volumes: 4 },
          'two VMs per run, each image uploaded once',
        );
        assert.deepEqual(t.vms, [], 'no test VM left');
        assert.equal((after.cluster as Rec).deployRequests, 1, 'one deploy');
        assert.equal((after.installerRuns as Rec[]).length, 1, 'one CloudTower install');
        assert.equal((t.datacenters as Rec[]).length, 1, 'one datacenter');
        assert.equal((t.connectedClusters as Rec[]).length, 1, 'one cluster connection');
        assert.equal(effects['rest:create-view'], 1, 'one dashboard');
        console.log(
          `test load approved: fio ${rows.map((r) => `${r.profile} ${r.iops} IOPS`).join(', ')}; ` +
            `reliability ${rel.before.failing}→${rel.after.failing} failing, alerts ${rel.alerts?.before}→${rel.alerts?.after}; ${summary.totalSeconds} s + ${second.totalSeconds} s`,
        );
      });
    },
  );
});
