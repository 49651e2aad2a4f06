// Retry policies are bounded by time, not by attempt counts: a worker killed N times costs N
// heartbeat timeouts, never the step. Runs recorded before the budget fields existed keep working.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunContext } from '../../src/run/input.js';
import { siteTiming, simulatorTiming, uploadHours, type TimingProfile } from '../../src/run/timing.js';
import {
  bulkUpload,
  healthCheck,
  historyRead,
  lookup,
  remoteJob,
} from '../../src/workflows/activity-options.js';

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
    const o = remoteJob(run(siteTiming), { waitSeconds: siteTiming.installerTimeoutSeconds });
    assert.equal(o.retry?.maximumAttempts, undefined, 'unlimited attempts within the budget');
    assert.equal(seconds(o.startToCloseTimeout), 50 * 60 + 300);
    assert.equal(seconds(o.scheduleToCloseTimeout), 3 * (50 * 60 + 300));
    assert.equal(seconds(o.heartbeatTimeout), 60);
    assert.ok(o.retry?.nonRetryableErrorTypes?.includes('RemoteRejected'));
    assert.equal(seconds(o.retry?.maximumInterval), 120);
  });

  it('quick calls: bounded by 15 minutes, not by 6 attempts', () => {
    const o = lookup(run(siteTiming));
    assert.equal(o.retry?.maximumAttempts, undefined);
    assert.equal(seconds(o.scheduleToCloseTimeout), 15 * 60);
    assert.ok(o.retry?.nonRetryableErrorTypes?.includes('AuthenticationFailed'));
  });

  it('the simulator profile scales the budgets; a profile recorded without them gets the defaults', () => {
    const sim = lookup(run(simulatorTiming(1000)));
    assert.equal(seconds(sim.scheduleToCloseTimeout), 90);
    // Temporal refuses a maximum interval below the initial one: fast profiles stay valid.
    for (const speed of [1, 100, 1000, 5000]) {
      const timing = simulatorTiming(speed);
      assert.ok(seconds(lookup(run(timing)).retry?.maximumInterval) >= 2);
      assert.ok(seconds(remoteJob(run(timing), { waitSeconds: 60 }).retry?.maximumInterval) >= 5);
    }
    const old: TimingProfile = { ...siteTiming };
    delete old.retryBudgetFactor;
    delete old.quickRetrySeconds;
    delete old.retryMaxIntervalSeconds;
    const o = remoteJob(run(old), { waitSeconds: 600 });
    assert.equal(seconds(o.scheduleToCloseTimeout), 3 * 900);
    assert.equal(seconds(lookup(run(old)).scheduleToCloseTimeout), 900);
  });

  it('uploads: 4 h (CloudTower ISO) or 3 h (packages) per attempt on site, defaults for old runs', () => {
    const hours = uploadHours(siteTiming);
    assert.deepEqual(hours, { iso: 4, package: 3 });
    const iso = bulkUpload(run(siteTiming), { hours: hours.iso });
    assert.equal(seconds(iso.startToCloseTimeout), 4 * 3600 + 300);
    assert.equal(seconds(iso.scheduleToCloseTimeout), 3 * (4 * 3600 + 300));
    assert.equal(iso.retry?.maximumAttempts, undefined);
    const pkg = bulkUpload(run(siteTiming), { hours: hours.package });
    assert.equal(seconds(pkg.startToCloseTimeout), 3 * 3600 + 300);
    const old: TimingProfile = { ...siteTiming };
    delete old.isoUploadHours;
    delete old.packageUploadHours;
    assert.deepEqual(uploadHours(old), { iso: 4, package: 3 });
  });

  // Issue 23 point 3: a persistent HTTP 500 on the OBS upload retried for 9 h at any --speed.
  it('in a rehearsal every budget is site time divided by the speed, above floors for a loaded machine', () => {
    const site = bulkUpload(run(siteTiming), { hours: uploadHours(siteTiming).package });
    for (const speed of [10, 100, 1000]) {
      const timing = simulatorTiming(speed);
      const pkg = bulkUpload(run(timing), { hours: uploadHours(timing).package });
      const attempt = Math.max(180, (3 * 3600) / speed) + Math.max(10, 300 / speed);
      assert.equal(seconds(pkg.startToCloseTimeout), Math.ceil(attempt));
      assert.equal(seconds(pkg.scheduleToCloseTimeout), Math.ceil(Math.ceil(attempt) * 3));
      assert.ok(
        seconds(pkg.scheduleToCloseTimeout) <=
          Math.max(seconds(site.scheduleToCloseTimeout) / speed, 3 * 190),
        `speed ${speed}: the budget follows the site's`,
      );
      const iso = bulkUpload(run(timing), { hours: uploadHours(timing).iso });
      assert.ok(seconds(iso.scheduleToCloseTimeout) <= Math.max((3 * (4 * 3600 + 300)) / speed, 3 * 310));
      const job = remoteJob(run(timing), { waitSeconds: timing.jobTimeoutSeconds });
      assert.equal(
        seconds(job.startToCloseTimeout),
        Math.ceil(timing.jobTimeoutSeconds + Math.max(10, 300 / speed)),
      );
    }
    // At --speed 100 the OBS upload gives up within about ten minutes, not nine hours.
    const at100 = bulkUpload(run(simulatorTiming(100)), { hours: uploadHours(simulatorTiming(100)).package });
    assert.equal(seconds(at100.scheduleToCloseTimeout), 570);
    assert.equal(seconds(site.scheduleToCloseTimeout), 3 * (3 * 3600 + 300));
  });

  it("fixed presets: the cleanup workflow's history read and the one-shot health checks", () => {
    const read = historyRead();
    assert.equal(read.startToCloseTimeout, '2 minutes');
    assert.equal(read.heartbeatTimeout, '1 minute');
    assert.equal(read.retry?.maximumAttempts, 10);
    assert.equal(read.retry?.maximumInterval, '30s');
    assert.ok(read.retry?.nonRetryableErrorTypes?.includes('RemoteRejected'));
    const check = healthCheck({ timeoutMs: 3_000 });
    assert.equal(check.startToCloseTimeout, 8_000);
    assert.equal(check.scheduleToCloseTimeout, 13_000);
    assert.deepEqual(check.retry, { maximumAttempts: 1 });
  });
});
