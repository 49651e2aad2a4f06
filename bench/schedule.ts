// Bench (issue 13 item 4): the same plan brought up twice in one bench run, once with the old
// one-after-another order (`schedule: 'sequential'`) and once with the dependency-driven one
// (`schedule: 'overlapped'`), for the 3-host sample workbook and a 16-host sample. Site time is the
// simulated time from start to summary on each site's own simulator clock (realistic durations and
// a 1 Gbit/s site link, the simulator's default profile), so the ratio is what a field engineer's
// day would gain. Each run gets a fresh site; one worker process serves all runs, one after another.
// The run order alternates (sequential first for 3 hosts, overlapped first for 16) so JIT warm-up
// favours neither side.
// Beside each ratio, the floor it is measured against: the critical-path bound (critical-path-bound.ts)
// over the sequential run, the ratio a perfect schedule would reach on that site.
// Last line: `schedule: site-time overlapped/sequential = R (3 hosts, floor F), R (16 hosts, floor F)`.
// Goal R <= 0.75.
//   node dist/bench/schedule.js [--quick] [--speed=N]
import path from 'node:path';
import { boundSeconds, criticalPath } from './critical-path-bound.js';
import {
  hms,
  measureBringUp,
  numberArg,
  quick,
  startBenchServer,
  startSite,
  startWorkerProcess,
  type RunMeasure,
} from './support.js';

type Schedule = 'sequential' | 'overlapped';

// Low enough that the worker's real overhead (ms per activity, times the speed) stays small next
// to the simulated durations; --quick trades that accuracy for time.
const speed = numberArg('speed', 100, 1000);
const bench = await startBenchServer('schedule');
const taskQueue = 'bench-schedule';
const worker = await startWorkerProcess(bench, taskQueue);

async function one(hosts: number, schedule: Schedule): Promise<RunMeasure & { bound: number }> {
  const label = `${hosts}h-${schedule}`;
  const site = await startSite({ dir: path.join(bench.scratch, label), hosts, speed });
  const bound = boundSeconds(criticalPath(site.packageDir));
  try {
    const m = await measureBringUp(bench, site, taskQueue, `bench-schedule-${label}`, { schedule });
    console.log(
      `${label.padEnd(16)} site ${hms(m.siteSeconds).padStart(8)} (${m.siteSeconds.toFixed(0).padStart(6)} s)` +
        `  wall ${m.wallSeconds.toFixed(1).padStart(6)} s  events ${String(m.events).padStart(5)}`,
    );
    return { ...m, bound };
  } finally {
    await site.sim.stop();
  }
}

async function pair(hosts: number, first: Schedule): Promise<string> {
  const second: Schedule = first === 'sequential' ? 'overlapped' : 'sequential';
  const a = await one(hosts, first);
  const b = await one(hosts, second);
  const [sequential, overlapped] = first === 'sequential' ? [a, b] : [b, a];
  const ratio = overlapped.siteSeconds / sequential.siteSeconds;
  const floor = sequential.bound / sequential.siteSeconds;
  return `${ratio.toFixed(2)} (${hosts} hosts, floor ${floor.toFixed(2)})`;
}

try {
  console.log(
    `schedule: sample plans, OBS and Backup approved, simulator x${speed}${quick ? ' (quick)' : ''}`,
  );
  const r3 = await pair(3, 'sequential');
  const r16 = await pair(16, 'overlapped');
  console.log(`schedule: site-time overlapped/sequential = ${r3}, ${r16}`);
} finally {
  await worker.stop();
  await bench.stop();
}
// A site whose start was tried again may have left a listener open: end here, not when the loop empties.
process.exit(0);
