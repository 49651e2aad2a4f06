// Retry policies are bounded by time, not by attempt counts: a worker killed N times costs N
// heartbeat timeouts, never the step. Runs recorded before the budget fields existed keep working.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunContext } from '../../src/run/input.js';
import { siteTiming, simulatorTiming, type TimingProfile } from '../../src/run/timing.js';
import { pollingCallOptions, quickCallOptions } from '../../src/workflows/stages/context.js';

const seconds = (d: unknown) => {
  const m = /^(\d+) seconds$/.exec(String(d));
  assert.ok(m, `a duration in seconds: ${String(d)}`);
  return Number(m[1]);
};
const run = (timing: TimingProfile): RunContext => ({
  connect: { mode: 'map', endpointMapFile: '/nonexistent' },
  timing,
});

describe('activity retry options', () => {
  it('long activities: no attempt cap, a time budget of 3 attempts, permanent errors not retried', () => {
    const o = pollingCallOptions(run(siteTiming), siteTiming.installerTimeoutSeconds);
    assert.equal(o.retry?.maximumAttempts, undefined, 'unlimited attempts within the budget');
    assert.equal(seconds(o.startToCloseTimeout), 50 * 60 + 300);
    assert.equal(seconds(o.scheduleToCloseTimeout), 3 * (50 * 60 + 300));
    assert.equal(seconds(o.heartbeatTimeout), 60);
    assert.ok(o.retry?.nonRetryableErrorTypes?.includes('RemoteRejected'));
    assert.equal(seconds(o.retry?.maximumInterval), 120);
  });

  it('quick calls: bounded by 15 minutes, not by 6 attempts', () => {
    const o = quickCallOptions(run(siteTiming));
    assert.equal(o.retry?.maximumAttempts, undefined);
    assert.equal(seconds(o.scheduleToCloseTimeout), 15 * 60);
    assert.ok(o.retry?.nonRetryableErrorTypes?.includes('AuthenticationFailed'));
  });

  it('the simulator profile scales the budgets; a profile recorded without them gets the defaults', () => {
    const sim = quickCallOptions(run(simulatorTiming(1000)));
    assert.equal(seconds(sim.scheduleToCloseTimeout), 90);
    // Temporal refuses a maximum interval below the initial one: fast profiles stay valid.
    for (const speed of [1, 100, 1000, 5000]) {
      const timing = simulatorTiming(speed);
      assert.ok(seconds(quickCallOptions(run(timing)).retry?.maximumInterval) >= 2);
      assert.ok(seconds(pollingCallOptions(run(timing), 60).retry?.maximumInterval) >= 5);
    }
    const old: TimingProfile = { ...siteTiming };
    delete old.retryBudgetFactor;
    delete old.quickRetrySeconds;
    delete old.retryMaxIntervalSeconds;
    const o = pollingCallOptions(run(old), 600);
    assert.equal(seconds(o.scheduleToCloseTimeout), 3 * 900);
    assert.equal(seconds(quickCallOptions(run(old)).scheduleToCloseTimeout), 900);
  });
});
