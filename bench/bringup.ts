// Bench: a whole bring-up (all nine stages, OBS and Backup approved) of the 3-host sample workbook
// on the simulator at a high speed-up, with the worker in its own process so its memory is its own.
// Two runs side by side: a 40 MiB and a 2 GiB CloudTower ISO (sparse files). Prints wall time,
// history events and the worker's peak RSS (VmHWM), and the RSS ratio between the two.
//   node dist/bench/bringup.js [speed] [bigIsoGiB]
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/dev-server.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { startRehearsal } from '../scripts/lib/rehearsal.js';
import { peakRssMiB, startBenchServer } from './support.js';

const speed = Number(process.argv[2] ?? 5000);
const bigGiB = Number(process.argv[3] ?? 2);
const bench = await startBenchServer('bringup');
const { server, client, bundlePath, scratch } = bench;

async function run(label: string, isoBytes: number) {
  const site = await startRehearsal({ dir: path.join(scratch, label), hosts: 3, speed, isoBytes });
  const taskQueue = `bench-${label}`;
  const worker = spawn(process.execPath, [path.join(projectRoot, 'dist', 'src', 'worker.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: server.address,
      HCI_TASK_QUEUE: taskQueue,
      HCI_WORKFLOW_BUNDLE: bundlePath,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) =>
    worker.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()),
  );
  const started = Date.now();
  const handle = await client.workflow.start(bringUpWorkflow, {
    taskQueue,
    workflowId: `bench-${label}-${Date.now()}`,
    args: [site.input({ components: { obs: 'auto', backup: 'auto' } })],
  });
  const summary = await handle.result();
  const wallSeconds = (Date.now() - started) / 1000;
  const events = (await handle.fetchHistory()).events?.length ?? 0;
  const rss = peakRssMiB(worker.pid!);
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await site.sim.stop();
  rmSync(site.packageDir, { recursive: true, force: true });
  return { label, outcome: summary.outcome, wallSeconds, events, rss, isoMiB: isoBytes / 2 ** 20 };
}

try {
  const small = await run('iso-40MiB', 40 * 2 ** 20);
  const big = await run(`iso-${bigGiB}GiB`, bigGiB * 2 ** 30);
  console.log(`bring-up of the 3-host sample plan, simulator x${speed}, all nine stages`);
  console.log('run            outcome     wall s   events   worker peak RSS');
  for (const r of [small, big]) {
    console.log(
      `${r.label.padEnd(14)} ${r.outcome.padEnd(10)} ${r.wallSeconds.toFixed(1).padStart(7)} ${String(r.events).padStart(8)} ${r.rss.toFixed(0).padStart(10)} MiB`,
    );
  }
  console.log(
    `peak RSS ratio ${bigGiB} GiB ISO / 40 MiB ISO: ${(big.rss / small.rss).toFixed(2)} (ISO ${(big.isoMiB / small.isoMiB).toFixed(0)}x larger)`,
  );
} finally {
  await bench.stop();
}
