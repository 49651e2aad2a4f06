// Stage 10 reliability from CloudTower alerts, end to end over the simulator: a bring-up with the
// test load, where an inspection item fails only in the inspection after the load (which also opens
// its alert) and the `alert:raise` point opens one alert at the snapshot after the load. Both alerts
// are new, the item is a new failing item, and the stage is done with warnings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { withSite } from '../helpers/e2e.js';

describe('stage 10 reliability: CloudTower alerts before and after the load (simulator)', () => {
  it('lists the alerts opened during the load and the new failing item', { timeout: 600_000 }, async () => {
    await withSite('alerts', { hosts: 3, speed: 1000 }, async ({ env, client, taskQueue, worker }) => {
      writeSampleTestVmPackages(env.packageDir, 1024 * 1024 + 7);
      const rules = [
        // Stage 7's inspection is the first job, stage 10's the second.
        { match: 'inspector:item:host_service_health', kind: 'fail', nth: 2 },
        // Stage 10's first get-alerts is before fio, the second after the second inspection.
        { match: 'alert:raise', kind: 'fail', nth: 2 },
      ];
      const put = await fetch(`${env.sim.adminUrl}/__sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
      });
      assert.equal(put.status, 200);
      const summary = await worker.runUntil(
        client.workflow.execute(bringUpWorkflow, {
          taskQueue,
          workflowId: `e2e-alerts-${taskQueue}`,
          args: [env.input({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } })],
        }),
      );
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.warnings));
      const perf = summary.stages.find((s) => s.id === 'performance-test');
      assert.equal(perf?.status, 'done');
      const r = summary.reliability;
      assert.deepEqual(
        r?.newFailures.map((i) => i.name),
        ['host_service_health'],
      );
      assert.deepEqual(r?.alerts, { before: 0, after: 2 });
      const messages = (r?.newAlerts ?? []).map((a) => a.message);
      assert.equal(messages.length, 2);
      assert.ok(messages.some((m) => /the check host_service_health found a fault/.test(m)));
      assert.ok(messages.some((m) => /simulated alert 1 raised under load/.test(m)));
      assert.match(perf?.note ?? '', /alerts after the load: 2 new alerts/);
      assert.equal(summary.warnings.filter((w) => w.includes('new alert after the load')).length, 2);
    });
  });
});
