/* eslint-disable @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 10's disruptive test end to end: a bring-up of the sample plan with the test load and
// `disruptiveTests: 'maintenance'` (start --disruptive-tests maintenance) over the simulator. The
// last plan host goes into maintenance mode through CloudTower and back once; the test VMs answered
// meanwhile; every host is IN_USE at the end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { withSite } from '../helpers/e2e.js';

describe('stage 10 disruptive test, approved for the run', () => {
  it(
    'one host into maintenance mode and back, once, after fio and the reliability check',
    { timeout: 900_000 },
    async () => {
      await withSite('disruptive', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
        writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
        await worker.runUntil(async () => {
          const summary = await client.workflow.execute(bringUpWorkflow, {
            taskQueue,
            workflowId: `e2e-disruptive-${taskQueue}`,
            args: [
              env.input({
                components: { obs: 'skip', backup: 'skip', testload: 'auto' },
                disruptiveTests: 'maintenance',
              }),
            ],
          });
          assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.warnings));
          const perf = summary.stages.find((s) => s.id === 'performance-test');
          assert.equal(perf?.status, 'done');
          const last = env.plan.hosts.at(-1)!.hostname;
          assert.match(
            perf?.note ?? '',
            new RegExp(
              `disruptive test: host ${last} \\(default\\) entered and left maintenance mode; 2 test VMs`,
            ),
          );
          const tower = ((await env.simState()) as { cloudtower: Record<string, any> }).cloudtower; // eslint-disable-line @typescript-eslint/no-explicit-any
          assert.equal(tower.effects['rest:enter-maintance-mode'], 1, 'entered once');
          assert.equal(tower.effects['rest:exit-maintance-mode'], 1, 'exited once');
          const states = Object.values(tower.hostMaintenance as Record<string, { state: string }>);
          assert.ok(states.length >= 1 && states.every((m) => m.state === 'IN_USE'), JSON.stringify(states));
        });
      });
    },
  );
});
