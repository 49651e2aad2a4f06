/* eslint-disable @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 11 and `cleanup` really delete the test VMs of stage 09 (created through CloudTower, so
// removed through it). Three bring-ups over one simulated site with the test load on:
// 1. `--keep-test-vms`: both test VMs stay; 2. a plain run finds them by name (they existed before
// it): its stage 11 deletes none; `cleanup` of run 2 plans none of them, `cleanup` of run 1 removes
// them newest first, once; 3. a plain run creates them anew and its stage 11 deletes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '@temporalio/client';
import { bringUpWorkflow, cleanupWorkflow } from '../../src/workflows/index.js';
import type { BringUpInput } from '../../src/run/input.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import type { BringUpEnv } from '../helpers/bringup-env.js';
import { withSite } from '../helpers/e2e.js';
import { localizeText } from '../../src/i18n/index.js';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const note = (s: { stages: { id: string; note?: string }[] }) =>
  s.stages.find((x) => x.id === 'cleanup')?.note ?? '';

async function bringUp(
  client: Client,
  env: BringUpEnv,
  taskQueue: string,
  id: string,
  o: Partial<BringUpInput>,
) {
  const summary = await client.workflow.execute(bringUpWorkflow, {
    taskQueue,
    workflowId: id,
    args: [env.input({ components: { obs: 'skip', backup: 'skip', testload: 'auto' }, ...o })],
  });
  assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.warnings));
  assert.equal(summary.stages.find((s) => s.id === 'test-load')?.status, 'done');
  return summary;
}

describe('test VMs of stage 09: stage 11 and cleanup delete them through CloudTower', () => {
  it(
    'kept with --keep-test-vms, never removed by a run that found them, removed newest first once',
    { timeout: 900_000 },
    async () => {
      await withSite('testvms', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
        const tower = async () => (await env.simState()).cloudtower as Rec;
        const names = async () => ((await tower()).vms as Rec[]).map((v) => v.name as string).sort();
        const effect = async (k: string) => ((await tower()).effects[k] as number | undefined) ?? 0;
        const cleanup = (runId: string, dryRun = false) =>
          client.workflow.execute(cleanupWorkflow, {
            taskQueue,
            workflowId: `cleanup-${runId}-${dryRun ? 'dry' : 'real'}`,
            args: [{ runId, dryRun }],
          });
        await worker.runUntil(async () => {
          const run1 = `e2e-testvms-1-${taskQueue}`;
          const first = await bringUp(client, env, taskQueue, run1, { keepTestVms: true });
          assert.match(note(first), /2 test VM\(s\) kept \(--keep-test-vms\)/);
          const kept = await names();
          assert.equal(kept.length, 2, JSON.stringify(kept));
          assert.equal(await effect('rest:delete-vm'), 0);

          // Run 2 finds both by name: they existed before it, its stage 11 leaves them.
          const run2 = `e2e-testvms-2-${taskQueue}`;
          const second = await bringUp(client, env, taskQueue, run2, {});
          assert.match(note(second), /no test VMs/);
          assert.deepEqual(await names(), kept);
          const plan2 = await cleanup(run2, true);
          assert.deepEqual(
            plan2.remove.filter((i) => i.entry.kind === 'test-vm'),
            [],
            'never a VM that existed before the run',
          );
          assert.equal(plan2.kept.filter((e) => e.kind === 'test-vm').length, 2);

          // `cleanup` of run 1 (read from its child `…/testload`): newest first, each once.
          const plan1 = await cleanup(run1, true);
          const planned = plan1.remove.filter((i) => i.entry.kind === 'test-vm');
          assert.deepEqual(
            planned.map((i) => [
              localizeText(i.entry.name, 'en'),
              i.entry.where.startsWith('cloudtower '),
              i.state,
            ]),
            [
              [`test VM ${env.plan.clusterName}-fio-test`, true, 'planned'],
              [`test VM ${env.plan.clusterName}-pat-test`, true, 'planned'],
            ],
          );
          assert.match(planned[0].entry.step, /\/testload\/createTestVm$|^testload\/createTestVm$/);
          const done = await cleanup(run1);
          assert.deepEqual(
            done.remove.filter((i) => i.entry.kind === 'test-vm').map((i) => i.state),
            ['removed', 'removed'],
          );
          assert.deepEqual(await names(), []);
          assert.equal(await effect('rest:delete-vm'), 2, 'each deleted once');
          assert.equal(await effect('rest:poweroff-vm'), 2, 'each powered off once');

          // Run 3 creates them anew; its own stage 11 deletes them.
          const third = await bringUp(client, env, taskQueue, `e2e-testvms-3-${taskQueue}`, {});
          assert.match(note(third), /2 of 2 test VM\(s\) deleted/);
          assert.deepEqual(await names(), []);
          assert.equal(await effect('rest:create-vm'), 4);
          assert.equal(await effect('rest:delete-vm'), 4);
        });
      });
    },
  );
});
