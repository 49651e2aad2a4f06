// Stage 10's disruptive test (one host into maintenance mode and back), orchestration alone with
// stub activities: refused unless approved for the run, run in order when approved, and the exit
// always attempted — also when the check in the middle fails — with a loud warning when it fails.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { BringUpInput } from '../../src/run/input.js';
import type { BringUpResult } from '../../src/workflows/bringup.js';
import { DISRUPTIVE_NOT_RUN } from '../../src/workflows/stages/performance-test.js';
import { stubActivities, stubRunInput, type StubActivities } from '../helpers/stub-activities.js';
import { runStubbed } from '../helpers/stub-run.js';

let baseInput: BringUpInput;
before(async () => {
  baseInput = await stubRunInput({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } });
});

const run = (stubs: StubActivities, overrides: Partial<BringUpInput> = {}) =>
  runStubbed(stubs, { ...baseInput, ...overrides }, (h) => h.result());
const perfOf = (summary: BringUpResult) => summary.stages.find((s) => s.id === 'performance-test')!;
const MAINTENANCE = ['pickMaintenanceHost', 'enterHostMaintenance', 'exitHostMaintenance'] as const;

describe('stage 10 disruptive test (stub activities)', () => {
  it('refused by default: the note says so and no maintenance step runs', async () => {
    const stubs = stubActivities();
    const summary = await run(stubs);
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(perfOf(summary).status, 'done');
    assert.ok(perfOf(summary).note?.includes(DISRUPTIVE_NOT_RUN));
    for (const name of MAINTENANCE) assert.equal(stubs.calls[name], undefined, `${name} never runs`);
  });

  it('approved for the run: pick, enter, the test VMs answer, exit — after fio and the reliability check', async () => {
    const stubs = stubActivities();
    const summary = await run(stubs, { disruptiveTests: 'maintenance' });
    assert.equal(summary.outcome, 'succeeded');
    const perf = perfOf(summary);
    assert.equal(perf.status, 'done');
    assert.match(
      perf.note ?? '',
      /host stub-node-3 \(default\) entered and left maintenance mode; 1 test VMs/,
    );
    assert.ok(!perf.note?.includes(DISRUPTIVE_NOT_RUN));
    const tail = stubs.order.slice(stubs.order.indexOf('runFioProfiles'));
    const steps = tail.filter((n) =>
      [
        'runInspection',
        'pickMaintenanceHost',
        'enterHostMaintenance',
        'waitForTestVmSsh',
        'exitHostMaintenance',
      ].includes(n),
    );
    assert.deepEqual(steps, [
      'runInspection',
      'pickMaintenanceHost',
      'enterHostMaintenance',
      'waitForTestVmSsh',
      'exitHostMaintenance',
    ]);
    for (const name of MAINTENANCE) assert.equal(stubs.calls[name], 1);
  });

  it('the check in the middle fails: the exit is still attempted, stage 10 fails, the run completes with failures', async () => {
    const stubs = stubActivities(
      {},
      {},
      {
        // Stage 09's wait succeeds; the one while the host is in maintenance fails.
        waitForTestVmSsh: (n) => {
          if (n === 1) return { hostname: 'stub-fio' };
          throw ApplicationFailure.create({
            type: 'StubFault',
            nonRetryable: true,
            message: 'the fio test VM stopped answering SSH (stub)',
          });
        },
      },
    );
    const summary = await run(stubs, { disruptiveTests: 'maintenance' });
    assert.equal(summary.outcome, 'completed-with-failures');
    const perf = perfOf(summary);
    assert.equal(perf.status, 'failed');
    assert.match(JSON.stringify(summary), /stopped answering SSH/);
    assert.equal(stubs.calls.exitHostMaintenance, 1, 'the exit was attempted');
    assert.ok(stubs.order.lastIndexOf('exitHostMaintenance') > stubs.order.lastIndexOf('waitForTestVmSsh'));
    assert.ok(!summary.warnings.some((w) => /STILL BE IN MAINTENANCE/.test(w)), 'the exit succeeded');
  });

  it('an exit that fails is a loud warning naming the host and the fix', async () => {
    const stubs = stubActivities({
      exitHostMaintenance: { failTimes: 1, message: 'exit task FAILED (stub)' },
    });
    const summary = await run(stubs, { disruptiveTests: 'maintenance' });
    assert.equal(summary.outcome, 'completed-with-failures');
    assert.equal(perfOf(summary).status, 'failed');
    const loud = summary.warnings.find((w) => /STILL BE IN MAINTENANCE/.test(w));
    assert.ok(loud, 'a loud warning');
    assert.match(loud, /stub-node-3/);
    assert.match(loud, /Exit maintenance mode/);
  });

  it('the run cancelled while the host enters maintenance: the exit still runs (non-cancellable)', async () => {
    const stubs = stubActivities({}, { enterHostMaintenance: 1500 });
    await runStubbed(stubs, { ...baseInput, disruptiveTests: 'maintenance' }, async (h) => {
      const until = async (what: string, ok: () => boolean) => {
        const end = Date.now() + 60_000;
        while (!ok()) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await until('the enter', () => stubs.calls.enterHostMaintenance === 1);
      await h.cancel();
      await assert.rejects(h.result(), /cancel/i);
      await until('the exit', () => stubs.calls.exitHostMaintenance === 1);
    });
    assert.equal(stubs.calls.exitHostMaintenance, 1, 'the exit ran once');
    assert.equal(stubs.calls.waitForTestVmSsh, 1, 'only stage 09 checked the VMs: the test stopped');
  });
});
