// The rehearsal profile is the site profile scaled by the simulator's speed, so a site number
// changed in one place changes the rehearsal's with it; floors keep fast profiles sane.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteTiming, simulatorTiming } from '../../src/run/timing.js';

describe('simulator timing', () => {
  it('at speed 1 is the site profile', () => {
    assert.deepEqual({ ...simulatorTiming(1), name: siteTiming.name }, siteTiming);
  });

  it('divides the remote durations by the speed', () => {
    const sim = simulatorTiming(10);
    assert.equal(sim.deployPollSeconds, siteTiming.deployPollSeconds / 10);
    assert.equal(sim.jobTimeoutSeconds, siteTiming.jobTimeoutSeconds / 10);
    assert.equal(sim.deployTimeoutSeconds, siteTiming.deployTimeoutSeconds / 10);
    assert.equal(sim.installerTimeoutSeconds, siteTiming.installerTimeoutSeconds / 10);
    assert.equal(sim.serviceTimeoutSeconds, siteTiming.serviceTimeoutSeconds / 10);
    assert.equal(sim.httpsCheckTries, siteTiming.httpsCheckTries);
  });

  it('keeps its floors at test speeds (the values tests and rehearsals have always had)', () => {
    for (const speed of [100, 1000, 2000]) {
      const sim = simulatorTiming(speed);
      assert.equal(sim.heartbeatTimeoutSeconds, 10);
      assert.equal(sim.approvalTimeoutSeconds, 600);
      assert.equal(sim.jobTimeoutSeconds, Math.max(60, (30 * 60) / speed));
      assert.equal(sim.installerTimeoutSeconds, Math.max(180, (50 * 60) / speed));
      assert.equal(sim.quickRetrySeconds, Math.max(90, (15 * 60) / speed));
      assert.equal(sim.retryBudgetFactor, 3);
    }
    assert.equal(simulatorTiming(1000).deployPollSeconds, 0.05);
  });

  it('takes overrides', () => {
    assert.equal(simulatorTiming(2000, { heartbeatTimeoutSeconds: 5 }).heartbeatTimeoutSeconds, 5);
  });
});
