// Fisheye jobs go pending → running → done whatever order the runtime fires due timers in. Node
// does not order timers of different durations by when they are due: on a loaded machine a 2 ms
// timer ran after a 10 ms one created beside it, set `running` over `done`, and the job stayed
// running forever (CI, 2026-12-08: the settings test's NTP job). The clock here holds every
// scheduled callback and fires the one due last first, the worst order a busy loop can give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimulatorCore } from '../../src/core/runtime.js';
import { seededRandom } from '../../src/core/rng.js';
import { JobEngine } from '../../src/smtx/jobs.js';
import { defaultSmtxOptions } from '../../src/smtx/options.js';

interface Due {
  at: number;
  fn: () => void;
}

/** A core whose clock only collects callbacks; `drain` fires them, latest due first. */
function heldClockCore() {
  let now = 0;
  const due: Due[] = [];
  const core = {
    random: seededRandom('jobs-test'),
    state: { jobs: [] as Record<string, unknown>[] },
    faults: { fire: () => undefined },
    clock: {
      now: () => now,
      after: (seconds: number, fn: () => void) => void due.push({ at: now + seconds * 1000, fn }),
    },
  };
  const drain = async (order: 'latest-first' | 'in-order') => {
    while (due.length > 0) {
      due.sort((a, b) => (order === 'latest-first' ? b.at - a.at : a.at - b.at));
      const next = due.shift()!;
      now = Math.max(now, next.at);
      next.fn();
      // finish() is async: let its promise settle before the next callback.
      await new Promise((r) => setImmediate(r));
    }
  };
  return { core: core as unknown as SimulatorCore, drain };
}

describe('Fisheye jobs', () => {
  for (const order of ['in-order', 'latest-first'] as const) {
    it(`reach done and stay done when due timers fire ${order}`, async () => {
      const { core, drain } = heldClockCore();
      const engine = new JobEngine(core, defaultSmtxOptions);
      let completed = 0;
      const job = engine.create({
        description: 'UPDATE_NTP',
        resources: {},
        complete: () => void completed++,
      });
      assert.equal(job.state, 'pending');
      await drain(order);
      assert.equal(job.state, 'done');
      assert.equal(completed, 1, 'the effect happened once');
      assert.equal(engine.get(job.job_id as string), job);
    });
  }

  it('a job that fails stays failed', async () => {
    const { core, drain } = heldClockCore();
    const engine = new JobEngine(core, defaultSmtxOptions);
    const job = engine.create({ description: 'UPDATE_DNS', resources: {}, complete: () => 'disk full' });
    await drain('latest-first');
    assert.equal(job.state, 'failed');
    assert.equal(job.error_msg, 'disk full');
  });
});
