// Site time: the simulator's clock reports simulated seconds since start and since marks (over the
// admin endpoint and in-process), and uploads cross the site link at the site bandwidth.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScaledClock, type ClockReport } from '../../src/core/clock.js';
import { SiteLink } from '../../src/core/site-link.js';
import { startLab, type Lab } from '../helpers/lab.js';

describe('site time', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ speed: 1000 });
  });
  after(() => lab.stop());

  const clock = async (init?: RequestInit) => {
    const res = await fetch(`${lab.sim.adminUrl}/__sim/clock`, init);
    return { status: res.status, body: (await res.json()) as ClockReport & { error?: string } };
  };

  it('GET /__sim/clock: simulated seconds since start run `speed` times faster than wall time', async () => {
    const first = await clock();
    assert.equal(first.status, 200);
    assert.equal(first.body.speed, 1000);
    await new Promise((r) => setTimeout(r, 200));
    const second = await clock();
    // 200 ms of wall time are at least 200 s of site time at speed 1000.
    assert.ok(second.body.elapsedSeconds - first.body.elapsedSeconds >= 199, JSON.stringify(second.body));
    assert.ok(Date.parse(second.body.simTime) > Date.parse(first.body.simTime));
  });

  it('PUT /__sim/clock sets a mark; the site time since it grows; bad names are refused', async () => {
    const marked = await clock({ method: 'PUT', body: JSON.stringify({ mark: 'run-1' }) });
    assert.equal(marked.status, 200);
    assert.ok(marked.body.marks['run-1'], JSON.stringify(marked.body));
    assert.ok(marked.body.marks['run-1'].elapsedSeconds < 60);
    await new Promise((r) => setTimeout(r, 100));
    const later = (await clock()).body.marks['run-1'].elapsedSeconds;
    assert.ok(later >= 99, `site time since the mark: ${later}`);
    // In-process, the same clock: the mark set over HTTP is readable from RunningSimulator.
    assert.ok((lab.sim.clock.sinceMark('run-1') ?? 0) >= later);
    assert.equal(lab.sim.clock.sinceMark('never-set'), undefined);
    lab.sim.clock.mark('in-process');
    assert.ok('in-process' in (await clock()).body.marks);

    const bad = await clock({ method: 'PUT', body: JSON.stringify({ mark: 'has space' }) });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error ?? '', /mark/);
    const extra = await clock({ method: 'PUT', body: JSON.stringify({ mark: 'x', at: 0 }) });
    assert.equal(extra.status, 400, 'the time of a mark is the simulator’s, never the caller’s');
  });

  it('/__sim/state carries the clock and the site link', async () => {
    const state = (await (await fetch(`${lab.sim.adminUrl}/__sim/state`)).json()) as {
      clock: ClockReport;
      siteLink: { mbps: number; bytes: number };
    };
    assert.ok(state.clock.elapsedSeconds > 0);
    assert.equal(state.siteLink.mbps, 1000, 'default site bandwidth: 1 Gbit/s');
  });
});

describe('site link', () => {
  it('an upload takes bytes*8/bandwidth of site time; concurrent uploads queue behind each other', async () => {
    const clock = new ScaledClock(1000);
    try {
      const link = new SiteLink(clock, 1000);
      const gigabyte = 125_000_000; // 1 s at 1 Gbit/s
      const start = clock.now();
      await link.carried(gigabyte, start);
      const one = (clock.now() - start) / 1000;
      assert.ok(one >= 1 && one < 20, `one transfer: ${one} s of site time`);

      const t0 = clock.now();
      await Promise.all([link.carried(gigabyte * 4, t0), link.carried(gigabyte * 4, t0)]);
      const two = (clock.now() - t0) / 1000;
      assert.ok(two >= 8 && two < 30, `two 4-second transfers sharing the link: ${two} s`);
      assert.equal(link.describe().bytes, gigabyte * 9);
    } finally {
      clock.stop();
    }
  });

  it('bandwidth 0 means unlimited', async () => {
    const clock = new ScaledClock(1);
    try {
      const link = new SiteLink(clock, 0);
      const t0 = Date.now();
      await link.carried(10_000_000_000, clock.now());
      assert.ok(Date.now() - t0 < 50);
    } finally {
      clock.stop();
    }
  });
});
