// Bench (issue 13 item 4): how close the overlapped schedule comes to the bound no schedule can beat.
// The bound is the longest chain of waits that depend on each other, computed from the simulator's
// own timing profile (the defaults @hci-bringup/simulator exports: SMTX OS, CloudTower, the installer
// and the site link; never copies) and the sizes of the packages the site uploads:
//   cluster deploy -> CloudTower ISO over the site link -> CloudTower VM create job -> guest OS
//   install -> CloudTower installer -> cluster attached (connect) -> the longest optional install
//   (OBS: package over the link, package processing, instance install; or Backup:
//   package over the link, service install).
// Each step needs the one before: the ISO goes to the deployed cluster, the VM boots the ISO, the
// installer runs in the booted guest, OBS and Backup are CloudTower applications deployed onto the
// attached cluster. Everything else (configuration, inspection, the other component) can overlap.
// Then the 16-host sample plan runs with `schedule: 'overlapped'` and its site time is divided by it,
// at x100 and then at x25 (`--speeds=`; `--speed=N` or `--quick` runs one).
// Last line: `critical-path: site-time/bound = R (16 hosts, x100), R (x25)`. Goal R <= 1.05 (issue 24).
// `--breakdown` adds every activity and the simulator's milestones on the run's site clock.
//   node dist/bench/critical-path.js [--quick] [--speed=N | --speeds=N,M] [--breakdown]
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { boundSeconds, criticalPath } from './critical-path-bound.js';
import {
  breakdownLines,
  runActivities,
  simEvent,
  termLines,
  type SimEvent,
} from './critical-path-breakdown.js';
import {
  hms,
  measureBringUp,
  numberArg,
  numberListArg,
  quick,
  startBenchServer,
  startSite,
  startWorkerProcess,
} from './support.js';

// Each speed runs the same plan on a fresh site, one after the other with the same worker. Site time
// is wall time × speed, so the wall time the worker, the dev server and the simulator spend (a
// workflow task, an SSH session starting a sealed machine) counts speed times over: at x100 the
// loaded machine's milliseconds become the ratio's percent. The lower speed is the closer look at
// what the schedule leaves (docs/decisions.md, "the critical path's speeds").
const speeds = numberListArg('speeds') ?? [
  numberArg('speed', 100, 1000),
  ...(quick || process.argv.some((a) => a.startsWith('--speed=')) ? [] : [25]),
];
if (speeds.some((n) => !Number.isFinite(n) || n <= 0 || n > 1000))
  throw new Error('--speeds=N,M needs speeds between 1 and 1000');
const breakdown = process.argv.includes('--breakdown');
// The simulator runs in this process: its timers fire late when the loop is busy.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const bench = await startBenchServer('critical-path');
const taskQueue = 'bench-critical-path';
const worker = await startWorkerProcess(bench, taskQueue);
const ratios: { speed: number; ratio: number }[] = [];
try {
  for (const speed of speeds) ratios.push({ speed, ratio: await runAt(speed) });
} finally {
  await worker.stop();
  await bench.stop();
}
const [first, ...others] = ratios;
console.log(
  `critical-path: site-time/bound = ${first.ratio.toFixed(2)} (16 hosts, x${first.speed})${others.map((r) => `, ${r.ratio.toFixed(2)} (x${r.speed})`).join('')}`,
);
// A site whose start was tried again may have left a listener open: end here, not when the loop empties.
process.exit(0);

/** One overlapped 16-host bring-up at `speed` on a fresh site: its site time over the bound. */
async function runAt(speed: number): Promise<number> {
  const simEvents: SimEvent[] = [];
  loopDelay.reset();
  loopDelay.enable();
  const workflowId = `bench-critical-path-16h-x${speed}`;
  const site = await startSite({
    dir: path.join(bench.scratch, `site-x${speed}`),
    hosts: 16,
    speed,
    sim: breakdown ? { logger: (event, detail) => simEvents.push(simEvent(event, detail)) } : undefined,
  });
  try {
    const terms = criticalPath(site.packageDir);
    const bound = boundSeconds(terms);
    console.log(
      `critical-path: 16-host sample plan, overlapped, simulator x${speed}${quick ? ' (quick)' : ''}`,
    );
    for (const term of terms)
      console.log(`  ${term.what.padEnd(78)} ${term.seconds.toFixed(1).padStart(8)} s`);
    console.log(`  ${'bound'.padEnd(78)} ${bound.toFixed(1).padStart(8)} s (${hms(bound)})`);
    const startWallMs = Date.now();
    const m = await measureBringUp(bench, site, taskQueue, workflowId, { schedule: 'overlapped' });
    console.log(
      `  run: site ${hms(m.siteSeconds)} (${m.siteSeconds.toFixed(0)} s), wall ${m.wallSeconds.toFixed(1)} s, ${m.events} events`,
    );
    if (breakdown) {
      const run = await runActivities(bench.client, workflowId);
      // The simulator's own records of its long waits, as events on the same clock.
      const simNow = site.sim.core.clock.now();
      for (const installer of site.sim.state.installerRuns)
        for (const [key, label] of [
          ['startedAt', 'installer started'],
          ['finishedAt', 'installer finished'],
        ])
          if (typeof installer[key] === 'number')
            simEvents.push({ wallMs: Date.now() - (simNow - installer[key]) / speed, event: label });
      for (const line of breakdownLines(run, simEvents, startWallMs, speed)) console.log(line);
      const endWallMs = startWallMs + (m.siteSeconds * 1000) / speed;
      for (const line of termLines(run.activities, simEvents, startWallMs, endWallMs, speed, terms))
        console.log(line);
      console.log(
        `  bench process event-loop delay: mean ${(loopDelay.mean / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
      );
    }
    const ratio = m.siteSeconds / bound;
    console.log(`  site-time/bound at x${speed} = ${ratio.toFixed(2)}`);
    return ratio;
  } finally {
    await site.sim.stop();
  }
}
