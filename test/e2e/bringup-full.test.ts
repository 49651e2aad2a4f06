import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { progressQuery } from '../../src/workflows/messages.js';
import { bringUpStageKey, clusterNameKey } from '../../src/workflows/search-attributes.js';
import type { BringUpInput } from '../../src/run/input.js';
import { startBringUpEnv, type BringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup, temporalCli } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';
import { secretsIn, showRunAndChildren } from '../helpers/history-secrets.js';
import { secretsOf } from '../../src/run/run-plan.js';
import {
  CLOUDTOWER_FACTORY_ROOT_PASSWORD,
  ENCODED_DEFAULT_ROOT_PASSWORD,
  OBS_OPERATOR_PASSWORD,
  SMTX_DEFAULT_PASSWORD,
  SMTX_DEFAULT_PASSWORD_CIPHER,
} from '../../src/smartx/index.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);
const stageStatus = (summary: { stages: { id: string; status: string }[] }, id: string) =>
  summary.stages.find((s) => s.id === id)?.status;

async function waitForPhase(handle: WorkflowHandle, phase: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await handle.query(progressQuery).catch(() => undefined);
    if (p?.phase === phase) return;
    if (p?.phase.startsWith('failed:')) throw new Error(`run failed: ${p.lastError ?? ''}`);
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for phase ${phase} (now ${p?.phase ?? '?'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function start(
  client: Client,
  env: BringUpEnv,
  taskQueue: string,
  id: string,
  overrides: Partial<BringUpInput>,
) {
  return client.workflow.start(bringUpWorkflow, {
    taskQueue,
    workflowId: id,
    args: [env.input(overrides)],
    typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
  });
}

describe('bring-up part 2 (stages 6-9) end to end on the simulator', () => {
  it(
    'approvals from the Temporal CLI and from our CLI, the inspection zip intact, and a re-run that finds OBS installed',
    { timeout: 400_000 },
    async () => {
      await withSite('full', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        const id = `e2e-full-${taskQueue}`;
        const handle = await start(client, env, taskQueue, id, { components: { obs: 'ask', backup: 'ask' } });
        const [summary, second] = await worker.runUntil(async () => {
          await waitForPhase(handle, 'awaiting-approval:obs');
          const desc = await handle.describe();
          assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'awaiting-approval:obs');
          // The official CLI sends a plain JSON payload: the codec lets unencrypted payloads through.
          await temporalCli([
            'workflow',
            'signal',
            '--workflow-id',
            id,
            '--name',
            'approve',
            '--input',
            '"obs"',
          ]);
          await waitForPhase(handle, 'awaiting-approval:backup');
          const approved = await hciBringup(['approve', id, 'backup', '--lang', 'en']);
          assert.equal(approved.code, 0, approved.stderr);
          const result = await handle.result();
          const status = await hciBringup(['status', id, '--json']);
          assert.equal(status.code, 0, status.stderr);
          assert.equal(
            (JSON.parse(status.stdout) as { summary: { outcome: string } }).summary.outcome,
            'succeeded',
          );
          // A second run over the same site continues: nothing is created twice, OBS is found installed.
          const again = await start(client, env, taskQueue, `${id}-again`, {
            components: { obs: 'auto', backup: 'skip' },
          });
          return [result, await again.result()] as const;
        });
        assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
        for (const stage of ['configure-cloudtower', 'inspection', 'observability', 'backup']) {
          assert.equal(stageStatus(summary, stage), 'done', stage);
        }
        assert.equal(summary.created['default storage policy'], 'REPLICA_2_THIN_PROVISION');
        assert.equal(summary.created['capacity alert'], 'NOTICE 61%, CRITICAL 90%');
        assert.match(summary.created['monitoring dashboard'] ?? '', /交付监控 \(12 graphs\)$/);
        assert.equal(summary.created['rack topology'], 'SIM-R01: 3 of 3 hosts placed');

        // The report on disk is the one the inspector produced, byte for byte.
        const report = summary.inspectionReport!;
        const onDisk = createHash('sha256').update(readFileSync(report.path)).digest('hex');
        assert.equal(onDisk, report.sha256);
        const state = await env.simState();
        const exports = arr((state.inspector as Rec).exports);
        assert.ok(
          exports.some((e) => e.sha256 === report.sha256),
          'the simulator made this report',
        );

        const obs = state.obs as Rec;
        assert.equal(arr(obs.instances).length, 1);
        assert.equal(arr(obs.uploads).length, 1);
        assert.equal(((state.backup as Rec).services as unknown[]).length, 1);

        assert.equal(second.outcome, 'succeeded', JSON.stringify(second, null, 2));
        assert.match(second.created['OBS package'] ?? '', /already-present/);
        assert.match(second.created['OBS instance'] ?? '', /existing/);
        assert.ok(second.warnings.some((w) => w.includes('already deployed')));
        const after = await env.simState();
        assert.equal(arr((after.obs as Rec).instances).length, 1, 'OBS not reinstalled');
        assert.equal(arr((after.obs as Rec).uploads).length, 1, 'OBS package not uploaded again');
        assert.equal(arr(after.vms).filter((vm) => (vm.name ?? vm.vm_name) === 'cloudtower').length, 1);
        // Stage 11: the CloudTower ISO left the VM's CD-ROM at the end of the first run (the
        // simulator's VM says so); the second run found it empty.
        const towerVm = arr(after.vms).find((vm) => vm.vm_name === 'cloudtower')!;
        const cdroms = arr(towerVm.disks).filter((d) => d.type === 'cdrom');
        assert.ok(cdroms.length > 0 && cdroms.every((d) => d.path === ''), JSON.stringify(cdroms));
        assert.equal(stageStatus(summary, 'cleanup'), 'done');
        const cleanupNote = (s: typeof summary) => s.stages.find((x) => x.id === 'cleanup')?.note ?? '';
        assert.match(cleanupNote(summary), /CloudTower ISO ejected/);
        assert.match(cleanupNote(second), /CloudTower ISO: already-empty/);
        const ejects = arr(after.requests).filter(
          (r) => r.route === 'fisheye.vms.update' && r.method === 'PUT' && r.status === 200,
        );
        assert.ok(ejects.length >= 2, 'the NIC update and the eject went through the Fisheye VM update');
        assert.equal(arr(after.installerRuns).length, 1);
        assert.equal((after.cluster as Rec).deployRequests, 1);
        assert.equal(arr((after.cloudtower as Rec).datacenters).length, 1);
        assert.equal(arr((after.cloudtower as Rec).connectedClusters).length, 1);

        // Issue 14 item 5: the whole run and its child runs, as `temporal workflow show` prints them,
        // payloads decoded, hold none of the workbook's passwords nor the appliances' defaults.
        // Item 6: readable by default, so the payloads are plain JSON the Web UI shows.
        const secrets = [
          ...secretsOf(env.plan),
          CLOUDTOWER_FACTORY_ROOT_PASSWORD,
          ENCODED_DEFAULT_ROOT_PASSWORD,
          OBS_OPERATOR_PASSWORD,
          SMTX_DEFAULT_PASSWORD,
          SMTX_DEFAULT_PASSWORD_CIPHER,
        ];
        assert.ok(secretsOf(env.plan).length >= 4, 'the sample plan has passwords to look for');
        for (const runId of [id, `${id}-again`]) {
          const shown = await showRunAndChildren(runId);
          if (runId === id) {
            assert.ok(
              shown.ids.length >= 3,
              `the run and its OBS and Backup children: ${shown.ids.join(', ')}`,
            );
          }
          const found = secretsIn(shown.text, secrets);
          assert.equal(
            found.length,
            0,
            `${found.length} password(s) in the history of ${shown.ids.join(', ')}`,
          );
          assert.ok(!shown.text.includes('binary/encrypted'), 'payloads are plain by default');
          assert.match(shown.text, /"secretRef":"plan:fisheye\.password"/, 'passwords travel by reference');
          assert.ok(shown.text.includes(env.plan.clusterName), 'the input is readable');
        }

        // Stage 6 on the second run found the dashboard and the rack topology: nothing created twice.
        const effects = (after.cloudtower as Rec).effects as Record<string, number>;
        assert.equal(effects['rest:create-view'], 1);
        assert.equal(effects['rest:create-graph'], 12);
        assert.equal(effects['rest:create-rack-topo'], 1);
        assert.equal(effects['rest:create-brick-topo'], 3);
        assert.equal(effects['rest:move-node-topo'], 3);
      });
    },
  );

  it(
    'both components skipped by signal, then a run where the approval deadline passes',
    { timeout: 400_000 },
    async () => {
      await withSite('skip', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        const id = `e2e-skip-${taskQueue}`;
        const handle = await start(client, env, taskQueue, id, { components: { obs: 'ask', backup: 'ask' } });
        const [skipped, timedOut] = await worker.runUntil(async () => {
          // Signals are durable: sent before the question, they are there when it is asked.
          assert.equal((await hciBringup(['skip', id, 'obs'])).code, 0);
          await temporalCli([
            'workflow',
            'signal',
            '--workflow-id',
            id,
            '--name',
            'skip',
            '--input',
            '"backup"',
          ]);
          const first = await handle.result();
          const late = await start(client, env, taskQueue, `${id}-deadline`, {
            components: { obs: 'ask', backup: 'ask', approvalTimeoutSeconds: 2 },
          });
          await waitForPhase(late, 'awaiting-approval:obs');
          return [first, await late.result()] as const;
        });
        assert.equal(skipped.outcome, 'succeeded');
        assert.equal(stageStatus(skipped, 'observability'), 'skipped');
        assert.equal(stageStatus(skipped, 'backup'), 'skipped');
        assert.equal(stageStatus(timedOut, 'observability'), 'skipped');
        assert.equal(stageStatus(timedOut, 'backup'), 'skipped');
        assert.ok(
          timedOut.warnings.some((w) => w.startsWith('no decision for obs within 2 s')),
          timedOut.warnings.join('\n'),
        );
        const state = await env.simState();
        assert.equal(arr((state.obs as Rec).instances).length, 0);
        assert.equal(arr((state.backup as Rec).services).length, 0);
      });
    },
  );

  it(
    'an OBS upload interrupted by kill -9 of the worker resumes without re-sending finished parts',
    { timeout: 400_000 },
    async () => {
      const env = await startBringUpEnv({
        hosts: 3,
        speed: 1000,
        obsBytes: 60 * 1024 * 1024 + 11,
        sim: { faults: { rules: [{ match: 'obs.upload.part', kind: 'delay', delayMs: 400 }] } },
      });
      const state = env.sim.state;
      const partPosts = () => state.requests.filter((r) => r.route === 'obs.upload.part').length;
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('obskill');
      let worker: WorkerProcess = await startWorkerProcess(taskQueue);
      try {
        const handle = await start(client, env, taskQueue, `e2e-obs-kill-${taskQueue}`, {
          components: { obs: 'auto', backup: 'skip' },
        });
        const deadline = Date.now() + 180_000;
        while (partPosts() < 5) {
          if (Date.now() > deadline) {
            const view = await handle.describe();
            const p = await handle.query(progressQuery).catch((e: unknown) => String(e));
            const routes = [
              ...new Set(
                state.requests
                  .filter((r) => r.path.includes('ovm-operator'))
                  .map((r) => `${r.method} ${r.path} ${r.route ?? '-'}`),
              ),
            ];
            throw new Error(
              `OBS upload never got going: ${view.status.name} ${JSON.stringify(p).slice(0, 300)}\n${routes.join('\n')} total=${state.requests.length}`,
            );
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        await worker.kill9();
        const before = partPosts();
        worker = await startWorkerProcess(taskQueue);
        const summary = await handle.result();
        assert.equal(stageStatus(summary, 'observability'), 'done', JSON.stringify(summary, null, 2));
        const parts = Math.ceil((60 * 1024 * 1024 + 11) / (4 * 1024 * 1024));
        const total = partPosts();
        assert.ok(total <= parts + 1, `${total} part uploads for ${parts} parts (${before} before the kill)`);
        const snapshot = await env.simState();
        const uploads = arr((snapshot.obs as Rec).uploads);
        const committed = uploads.filter((u) => u.status === 'COMMITTED');
        assert.equal(committed.length, 1);
        const file = readFileSync(`${env.packageDir}/Observability-X86_64-v1.4.2-release.20250117.tar.gz`);
        assert.equal(committed[0].sha256, createHash('sha256').update(file).digest('hex'));
        await assertNoLenientPath(env.sim);
        console.log(`OBS kill -9: ${total} part uploads for ${parts} parts (${before} before the kill)`);
      } finally {
        await worker.stop();
        await connection.close();
        await env.stop();
      }
    },
  );
});
