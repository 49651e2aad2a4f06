// Bench (issue 24 item 3): what one more site costs. For 1, 10 and 50 concurrent bring-ups of the
// 3-host sample plan (each against its own simulated site: the same sample addresses on loopback,
// each site on its own ports through its own endpoint map, all sites served by this one process),
// a fresh worker process drives them all against one dev server, and the bench reads:
//   - the worker's CPU seconds per bring-up (from /proc, over the level's whole run);
//   - its resident set at rest before the level and its peak (VmHWM) during it; the RSS one more
//     concurrent run adds is the slope of the peak between the smallest and the largest level. The
//     peak is started over when the runs start: the worker's own start (the SDK loading the workflow
//     bundle) peaks higher than a single run, and counted in, it hid what the single run costs;
//   - the site time per run (simulated seconds on each site's own clock, start to summary) over the
//     single run's: what a site's operator would see of the load;
//   - the machine's CPU use over the level, so a saturated machine (simulators and dev server share
//     the same cores) is told apart from a slow worker.
// Site time is wall time x speed on one clock, so every real delay counts; the speed is kept low
// enough that simulated waits, not our overhead, make up most of a single run.
// Last line: `fleet: cpu-per-run 50/1 = R, rss-per-run = N MiB, site-time 50/1 = R, machine cpu = P%`.
// Goals: cpu-per-run <= 1.2, rss-per-run <= 5 MiB, site-time <= 1.2 while the machine is not saturated.
//   node dist/bench/fleet.js [--quick] [--levels=1,10,50] [--speed=N]
import path from 'node:path';
import { sessionLauncherPid } from '@hci-bringup/simulator';
import type { Rehearsal } from '../scripts/lib/rehearsal.js';
import {
  childrenCpuSeconds,
  machineCpu,
  processTreeCpuSeconds,
  measureBringUp,
  numberArg,
  numberListArg,
  percentile,
  quick,
  startBenchServer,
  startSite,
  startWorkerProcess,
  type RunMeasure,
} from './support.js';

const levels = numberListArg('levels') ?? (quick ? [1, 4] : [1, 10, 50]);
if (levels.some((n) => !Number.isInteger(n) || n < 1) || levels[0] !== 1)
  throw new Error('--levels=1,N,... needs whole numbers, the first one 1 (the single run)');
const speed = numberArg('speed', 200, 500);
const bench = await startBenchServer('fleet');
const results: Level[] = [];

interface Level {
  runs: number;
  cpuPerRun: number;
  restRssMiB: number;
  peakRssMiB: number;
  /** The peak of the worker's start, before the runs (not counted in the slope). */
  startPeakMiB: number;
  siteMean: number;
  siteP95: number;
  wallMean: number;
  machineCpuPct: number;
  simulatorsCpuPct: number;
  shellsCpuPct: number;
  failed: string[];
}

function site(label: string): Promise<Rehearsal> {
  return startSite({ dir: path.join(bench.scratch, label), hosts: 3, speed });
}

/** N bring-ups at once on a fresh worker sized for N (docs/sites.md: a worker driving many sites). */
async function level(runs: number): Promise<Level> {
  const taskQueue = `bench-fleet-${runs}`;
  const worker = await startWorkerProcess(bench, taskQueue, {
    HCI_MAX_ACTIVITIES: String(Math.min(1000, 20 * runs)),
    HCI_MAX_WORKFLOW_TASKS: String(Math.min(200, Math.max(8, 2 * runs))),
    HCI_ACTIVITY_POLLERS: String(Math.min(50, Math.max(4, runs))),
  });
  const sites: Rehearsal[] = [];
  try {
    // Every site is up before the first run starts, so the runs start together.
    for (let i = 0; i < runs; i++) sites.push(await site(`n${runs}-site-${i + 1}`));
    const restRssMiB = worker.rssMiB();
    const startPeakMiB = worker.peakRssMiB();
    worker.resetPeak();
    const cpu0 = worker.cpuSeconds();
    const sims0 = process.cpuUsage();
    // The machines' sessions are children of the simulator's launcher process (and counted in its
    // children's time once reaped); the rest (machine inits, binders) are this process's children.
    const shellsCpu = () => childrenCpuSeconds() + processTreeCpuSeconds(sessionLauncherPid());
    const shells0 = shellsCpu();
    const m0 = machineCpu();
    const measured: RunMeasure[] = await Promise.all(
      sites.map((s, i) =>
        measureBringUp(bench, s, taskQueue, `${taskQueue}-${i + 1}`, {}, { tolerateFailures: true }),
      ),
    );
    const cpu = worker.cpuSeconds() - cpu0;
    const sims = process.cpuUsage(sims0);
    const shells = shellsCpu() - shells0;
    const m1 = machineCpu();
    const wall = Math.max(...measured.map((m) => m.wallSeconds));
    const siteTimes = measured.map((m) => m.siteSeconds);
    const result: Level = {
      runs,
      cpuPerRun: cpu / runs,
      restRssMiB,
      peakRssMiB: worker.peakRssMiB(),
      startPeakMiB,
      siteMean: siteTimes.reduce((a, b) => a + b, 0) / runs,
      siteP95: percentile(siteTimes, 95),
      wallMean: measured.reduce((a, m) => a + m.wallSeconds, 0) / runs,
      machineCpuPct: (100 * (m1.busy - m0.busy)) / Math.max(1, m1.total - m0.total),
      // This process hosts every site's simulator on one thread: near 100% of a core, the sites
      // themselves are what slows the runs down, not the worker.
      simulatorsCpuPct: (100 * (sims.user + sims.system)) / 1e6 / Math.max(0.001, wall),
      // The simulated machines' shells (one per SSH command, and the simulator's own file reads) run
      // as its children: their CPU is the rest of what the sites cost.
      shellsCpuPct: (100 * shells) / Math.max(0.001, wall),
      // A run whose optional component failed under the load still took its time: it counts, and is named.
      failed: measured.flatMap((m, i) => (m.outcome === 'succeeded' ? [] : [`run ${i + 1}: ${m.failures}`])),
    };
    console.log(
      `  ${String(runs).padStart(3)} at once: worker cpu ${result.cpuPerRun.toFixed(2)} s/run, rss at rest ${restRssMiB.toFixed(0)} MiB, peak ${result.peakRssMiB.toFixed(0)} MiB (its start's ${startPeakMiB.toFixed(0)}); site time mean ${result.siteMean.toFixed(0)} s, p95 ${result.siteP95.toFixed(0)} s (wall ${result.wallMean.toFixed(1)} s); machine cpu ${result.machineCpuPct.toFixed(0)}%, simulators' process ${result.simulatorsCpuPct.toFixed(0)}% of a core, their shells ${result.shellsCpuPct.toFixed(0)}%`,
    );
    for (const f of result.failed) console.log(`      ${f}`);
    return result;
  } finally {
    for (const s of sites) await s.sim.stop();
    await worker.stop();
  }
}

try {
  console.log(
    `fleet: 3-host sample plan, OBS and Backup approved, simulator x${speed}, levels ${levels.join(', ')}${quick ? ' (quick)' : ''}`,
  );
  for (const n of levels) results.push(await level(n));
  const one = results[0];
  const top = results[results.length - 1];
  const rssPerRun = top.runs > 1 ? (top.peakRssMiB - one.peakRssMiB) / (top.runs - 1) : 0;
  console.log(
    `fleet: cpu-per-run ${top.runs}/1 = ${(top.cpuPerRun / one.cpuPerRun).toFixed(2)}, rss-per-run = ${rssPerRun.toFixed(1)} MiB, site-time ${top.runs}/1 = ${(top.siteMean / one.siteMean).toFixed(2)}, machine cpu = ${top.machineCpuPct.toFixed(0)}%`,
  );
} finally {
  await bench.stop(results.some((r) => r.failed.length > 0));
}
// A site whose start was tried again may have left a listener open: end here, not when the loop empties.
process.exit(0);
