// Stage 11 after a test load that failed midway (docs/decisions.md "Stage 11 after a failed test
// load"): the PAT test VM is created and started, then CloudTower's create task of the FIO VM
// fails (fault point `job:cloudtower.create-vm`, second call). The test load fails, the run ends
// completed-with-failures, and its stage 11 finds the PAT VM in the run's ledger and deletes it;
// nothing of the test load is left for `cleanup`. Then the same failure fixed by the operator's
// `hci-bringup retry`: the rerun finds PAT, creates FIO, stage 10 runs after all, stage 11 deletes
// both (the ledger spans both runs of the `…/testload` child).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { bringUpWorkflow, cleanupWorkflow } from '../../src/workflows/index.js';
import { hciBringup } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';
import { untilPhase } from '../helpers/stub-run.js';
import { localizeText } from '../../src/i18n/index.js';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('stage 11 after a test load that failed midway', () => {
  it(
    'the test VM created before the failure is deleted by stage 11, and the note says so',
    { timeout: 300_000 },
    async () => {
      const sim = {
        faults: { rules: [{ match: 'job:cloudtower.create-vm', kind: 'fail' as const, nth: 2 }] },
      };
      await withSite(
        'tlfailed',
        { hosts: 3, speed: 1000, sim },
        async ({ env, client, taskQueue, worker }) => {
          writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
          const id = `e2e-tlfailed-${taskQueue}`;
          const components = {
            obs: 'skip',
            backup: 'skip',
            testload: 'auto',
            retryWindowSeconds: 1,
          } as const;
          const [summary, plan] = await worker.runUntil(async () => {
            const s = await client.workflow.execute(bringUpWorkflow, {
              taskQueue,
              workflowId: id,
              args: [env.input({ components })],
            });
            // What `cleanup --dry-run` would still find to remove of the test load: nothing.
            const p = await client.workflow.execute(cleanupWorkflow, {
              taskQueue,
              workflowId: `cleanup-${id}-dry`,
              args: [{ runId: id, dryRun: true }],
            });
            return [s, p] as const;
          });

          assert.equal(summary.outcome, 'completed-with-failures', JSON.stringify(summary, null, 2));
          const stage = (sid: string) => summary.stages.find((x) => x.id === sid);
          assert.equal(stage('test-load')?.status, 'failed');
          assert.match(
            summary.failures?.find((f) => f.stage === 'test-load')?.error ?? '',
            /-fio-test.*CloudTower task .* FAILED/,
          );
          assert.equal(stage('performance-test')?.status, 'skipped');
          assert.equal(stage('cleanup')?.status, 'done');
          assert.match(
            stage('cleanup')?.note ?? '',
            /1 of 1 test VM\(s\) deleted \(left by the failed test load\)/,
          );

          const state = await env.simState();
          const tower = state.cloudtower as Rec;
          const effects = tower.effects as Record<string, number>;
          assert.deepEqual(
            ((state.faults as Rec).fired as Rec[]).map((f): unknown => f.point),
            ['job:cloudtower.create-vm'],
            'the fault fired, once',
          );
          assert.equal(effects['rest:create-vm'], 2, 'PAT created, FIO refused by its task');
          assert.equal(effects['rest:start-vm'], 1, 'only PAT was started');
          assert.equal(effects['rest:delete-vm'], 1, 'stage 11 deleted PAT, once');
          assert.deepEqual(tower.vms, [], 'no test VM left');

          // The ledger of the failed run (read through its test-load child) names the PAT VM as the
          // run's: what `cleanup` would have had to remove before stage 11 looked after a failed load.
          const testVms = plan.remove.filter((i) => i.entry.kind === 'test-vm');
          assert.deepEqual(
            testVms.map((i) => [localizeText(i.entry.name, 'en'), i.state]),
            [[`test VM ${env.plan.clusterName}-pat-test`, 'planned']],
          );
        },
      );
    },
  );
  it(
    'the same failure fixed by `hci-bringup retry`: stage 10 runs after the rerun, stage 11 deletes both VMs',
    { timeout: 300_000 },
    async () => {
      const sim = {
        faults: { rules: [{ match: 'job:cloudtower.create-vm', kind: 'fail' as const, nth: 2 }] },
      };
      await withSite(
        'tlretry',
        { hosts: 3, speed: 1000, sim },
        async ({ env, client, taskQueue, worker }) => {
          writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
          const id = `e2e-tlretry-${taskQueue}`;
          const components = {
            obs: 'skip',
            backup: 'skip',
            testload: 'auto',
            retryWindowSeconds: 3600,
          } as const;
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: id,
            args: [env.input({ components, onFailure: 'wait-for-retry' })],
          });
          const summary = await worker.runUntil(async () => {
            await untilPhase(handle, 'failed:test-load');
            const retried = await hciBringup(['retry', id, '--lang', 'en']);
            assert.equal(retried.code, 0, retried.stderr + retried.stdout);
            return handle.result();
          });

          assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
          const stage = (sid: string) => summary.stages.find((x) => x.id === sid);
          assert.equal(stage('test-load')?.status, 'done');
          assert.match(stage('test-load')?.note ?? '', /rerun by operator retry/);
          // The rerun found the PAT VM the failed run had created: its description names this run, so the
          // summary says this run created it, and stage 11 knows it as the run's.
          assert.match(summary.created['PAT test VM'] ?? '', /\(created, image already-present\)/);
          assert.match(summary.created['FIO test VM'] ?? '', /\(created, image already-present\)/);
          assert.equal(stage('performance-test')?.status, 'done', stage('performance-test')?.note);
          assert.equal(summary.testResults?.length, 4, 'fio ran after the retry');
          assert.match(stage('cleanup')?.note ?? '', /2 of 2 test VM\(s\) deleted/);

          const tower = (await env.simState()).cloudtower as Rec;
          const effects = tower.effects as Record<string, number>;
          assert.equal(effects['rest:create-vm'], 3, 'PAT once, FIO failed once and created once');
          assert.equal(effects['rest:start-vm'], 2, 'each VM started once');
          assert.equal(effects['rest:delete-vm'], 2);
          assert.equal((tower.elfUploads as Rec[]).length, 2, 'each image uploaded once');
          assert.deepEqual(tower.vms, [], 'no test VM left');
        },
      );
    },
  );
});
