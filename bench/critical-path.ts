// Bench (issue 13 item 4): how close the overlapped schedule comes to the bound no schedule can beat.
// The bound is the longest chain of waits that depend on each other, computed from the simulator's
// own timing profile (the defaults @hci-bringup/simulator exports: SMTX OS, CloudTower, the installer
// and the site link; never copies) and the sizes of the packages the site uploads:
//   cluster deploy -> CloudTower ISO over the site link -> CloudTower VM create job -> guest OS
//   install -> CloudTower installer -> cluster attached (connect) -> the longest optional install
//   (OBS: package over the link, package processing, instance install, system service; or Backup:
//   package over the link, service install).
// Each step needs the one before: the ISO goes to the deployed cluster, the VM boots the ISO, the
// installer runs in the booted guest, OBS and Backup are CloudTower applications deployed onto the
// attached cluster. Everything else (configuration, inspection, the other component) can overlap.
// Then the 16-host sample plan runs with `schedule: 'overlapped'` and its site time is divided by it.
// Last line: `critical-path: site-time/bound = R (16 hosts)`. Goal R <= 1.05 (issue 24).
// `--breakdown` adds every activity and the simulator's milestones on the run's site clock.
//   node dist/bench/critical-path.js [--quick] [--speed=N] [--breakdown]
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
  quick,
  startBenchServer,
  startSite,
  startWorkerProcess,
} from './support.js';

const speed = numberArg('speed', 100, 1000);
const breakdown = process.argv.includes('--breakdown');
const simEvents: SimEvent[] = [];
// The simulator runs in this process: its timers fire late when the loop is busy.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const bench = await startBenchServer('critical-path');
const taskQueue = 'bench-critical-path';
const worker = await startWorkerProcess(bench, taskQueue);
try {
  const site = await startSite({
    dir: path.join(bench.scratch, 'site'),
    hosts: 16,
    speed,
    sim: breakdown ? { logger: (event, detail) => simEvents.push(simEvent(event, detail)) } : undefined,
  });
  const terms = criticalPath(site.packageDir);
  const bound = boundSeconds(terms);
  console.log(
    `critical-path: 16-host sample plan, overlapped, simulator x${speed}${quick ? ' (quick)' : ''}`,
  );
  for (const term of terms) console.log(`  ${term.what.padEnd(78)} ${term.seconds.toFixed(1).padStart(8)} s`);
  console.log(`  ${'bound'.padEnd(78)} ${bound.toFixed(1).padStart(8)} s (${hms(bound)})`);
  try {
    const startWallMs = Date.now();
    const m = await measureBringUp(bench, site, taskQueue, 'bench-critical-path-16h', {
      schedule: 'overlapped',
    });
    console.log(
      `  run: site ${hms(m.siteSeconds)} (${m.siteSeconds.toFixed(0)} s), wall ${m.wallSeconds.toFixed(1)} s, ${m.events} events`,
    );
    if (breakdown) {
      const run = await runActivities(bench.client, 'bench-critical-path-16h');
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
      const lag = loopDelay;
      console.log(
        `  bench process event-loop delay: mean ${(lag.mean / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`,
      );
    }
    console.log(`critical-path: site-time/bound = ${(m.siteSeconds / bound).toFixed(2)} (16 hosts)`);
  } finally {
    await site.sim.stop();
  }
} finally {
  await worker.stop();
  await bench.stop();
}
// A site whose start was tried again may have left a listener open: end here, not when the loop empties.
process.exit(0);
