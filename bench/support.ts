// What the side-by-side benchmarks share: a scratch Temporal dev server with one prebuilt workflow
// bundle, worker processes of their own (so their peak RSS, VmHWM, is theirs alone, and a CPU
// profile can be taken of them), and one measured bring-up: site time read from the site's own
// simulator clock (a mark when the run starts, read when its summary arrives) and wall time.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { payloadDataConverter } from '../src/codec/key.js';
import { projectRoot } from '../src/config/dev-server.js';
import type { BringUpInput } from '../src/run/input.js';
import { workflowsPath } from '../src/worker-factory.js';
import { workerProcessEnv } from '../src/config/worker-memory.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { startScratchDevServer, type RunningDevServer } from '../scripts/lib/dev-server.js';
import { startRehearsal, type Rehearsal, type RehearsalOptions } from '../scripts/lib/rehearsal.js';
import { peakRssMiB, processCpuSeconds, resetPeakRss, rssMiB } from './measure.js';

export {
  childrenCpuSeconds,
  hms,
  machineCpu,
  numberArg,
  numberListArg,
  peakRssMiB,
  percentile,
  processTreeCpuSeconds,
  quick,
} from './measure.js';

// A bench that dies (a simulator's error nobody awaited, Ctrl+C) must not leave its dev server and
// workers running for an hour, as one did: every child a bench starts is killed when it exits.
const started = new Set<{ pid?: number; exitCode: number | null; signalCode: NodeJS.Signals | null }>();
process.once('exit', () => {
  for (const c of started)
    if (c.pid && c.exitCode === null && c.signalCode === null)
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
});
for (const event of ['uncaughtException', 'unhandledRejection'] as const)
  process.once(event, (err) => {
    console.error(`bench stopped: ${String((err as Error)?.stack ?? err)}`);
    process.exit(1);
  });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface BenchServer {
  server: RunningDevServer;
  client: Client;
  bundlePath: string;
  scratch: string;
  stop(keep?: boolean): Promise<void>;
}

/** A scratch dev server (in-memory), a client, and the workflow bundle every worker loads. */
export async function startBenchServer(name: string): Promise<BenchServer> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.HCI_PAYLOAD_KEY ??= randomBytes(32).toString('base64');
  const scratch = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const server = await startScratchDevServer(path.join(scratch, 'temporal.log'));
  started.add(server.child);
  const bundlePath = path.join(scratch, 'bundle.js');
  writeFileSync(
    bundlePath,
    (await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })).code,
  );
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({
    connection,
    namespace: server.namespace,
    dataConverter: payloadDataConverter(),
  });
  return {
    server,
    client,
    bundlePath,
    scratch,
    stop: async (keep = false) => {
      await connection.close();
      await server.stop();
      // Kept when a run failed (its worker's log and its site's simulator log tell why) or when asked.
      if (keep || process.env.BENCH_KEEP_LOGS) console.log(`(logs kept in ${scratch})`);
      else rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  pid: number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Resident set now (VmRSS), MiB. */
  rssMiB(): number;
  /** Peak RSS (VmHWM) since the start or the last `resetPeak()`, MiB. */
  peakRssMiB(): number;
  /** Starts the peak over from the RSS now (the worker's own start no longer counts). */
  resetPeak(): void;
  stop(): Promise<void>;
}

/**
 * `dist/src/worker.js` in its own process on `taskQueue`. `BENCH_CPU_PROF=<dir>` runs it under
 * `node --cpu-prof` (the profile is written when it exits): the evidence item 5 of issue 13 asks for.
 */
export async function startWorkerProcess(
  bench: BenchServer,
  taskQueue: string,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const profDir = process.env.BENCH_CPU_PROF && path.join(process.env.BENCH_CPU_PROF, `worker-${taskQueue}`);
  if (profDir) mkdirSync(profDir, { recursive: true });
  const nodeFlags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  // `BENCH_WORKER_NODE_FLAGS="--trace-gc ..."`: extra node flags for the worker alone (memory studies).
  nodeFlags.push(...(process.env.BENCH_WORKER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []));
  const logFd = openSync(path.join(bench.scratch, `worker-${taskQueue}.log`), 'a');
  const child = spawn(process.execPath, [...nodeFlags, path.join(projectRoot, 'dist', 'src', 'worker.js')], {
    // Started as `npm run worker` starts it (its malloc settings: src/config/worker-memory.ts).
    env: workerProcessEnv({
      ...process.env,
      TEMPORAL_ADDRESS: bench.server.address,
      TEMPORAL_NAMESPACE: bench.server.namespace,
      HCI_TASK_QUEUE: taskQueue,
      HCI_WORKFLOW_BUNDLE: bench.bundlePath,
      ...env,
    }),
    // Its log goes to the scratch directory: the bench's own output stays the figures.
    stdio: ['ignore', 'pipe', logFd],
  }) as ChildProcessByStdio<null, Readable, null>;
  started.add(child);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the worker exited with ${String(code)} before it was ready`)),
    );
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
  });
  // The rest of its output (with `--trace-gc`, the collections) goes to its log too.
  child.stdout.on('data', (d: Buffer) => writeSync(logFd, d));
  return {
    pid: child.pid!,
    peakRssMiB: () => peakRssMiB(child.pid!),
    cpuSeconds: () => processCpuSeconds(child.pid!),
    rssMiB: () => rssMiB(child.pid!),
    resetPeak: () => resetPeakRss(child.pid!),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RunMeasure {
  outcome: string;
  /** Simulated seconds from start to summary, on the site's own clock. */
  siteSeconds: number;
  wallSeconds: number;
  events: number;
  /** The failed stages of a run that did not succeed (empty when it did). */
  failures: string;
}

/** One whole bring-up (OBS and Backup approved) of a rehearsal site, measured. */
export async function measureBringUp(
  bench: BenchServer,
  site: Rehearsal,
  taskQueue: string,
  workflowId: string,
  overrides: Partial<BringUpInput> = {},
  /** The fleet reports a run that ended with a failed component instead of stopping the bench. */
  options: { tolerateFailures?: boolean } = {},
): Promise<RunMeasure> {
  const mark = `run-${workflowId}`.slice(0, 64);
  site.sim.clock.mark(mark);
  const started = Date.now();
  const handle = await bench.client.workflow.start(bringUpWorkflow, {
    taskQueue,
    workflowId,
    args: [site.input({ components: { obs: 'auto', backup: 'auto' }, ...overrides })],
  });
  let summary: Awaited<ReturnType<typeof handle.result>>;
  try {
    summary = await handle.result();
  } catch (err) {
    // A run that failed as a whole under the load still took its time: counted, and named by its cause.
    if (!options.tolerateFailures || !(err instanceof WorkflowFailedError)) throw err;
    return {
      outcome: 'failed',
      siteSeconds: site.sim.clock.sinceMark(mark) ?? NaN,
      wallSeconds: (Date.now() - started) / 1000,
      events: (await handle.fetchHistory()).events?.length ?? 0,
      failures: causes(err),
    };
  }
  const siteSeconds = site.sim.clock.sinceMark(mark) ?? NaN;
  const wallSeconds = (Date.now() - started) / 1000;
  const events = (await handle.fetchHistory()).events?.length ?? 0;
  const failures = (summary.failures ?? []).map((f) => `${f.stage}: ${f.error}`).join('; ');
  if (summary.outcome !== 'succeeded' && !options.tolerateFailures)
    throw new Error(
      `${workflowId} ended ${summary.outcome} (${failures}): a bench measures complete bring-ups`,
    );
  return { outcome: summary.outcome, siteSeconds, wallSeconds, events, failures };
}

/** An error's message and its causes', outermost first. */
function causes(err: unknown): string {
  const out: string[] = [];
  for (
    let e = err as { message?: string; cause?: unknown } | undefined;
    e && out.length < 6;
    e = e.cause as typeof e
  )
    out.push(String(e.message));
  return out.join(' <- ');
}

/**
 * A rehearsal site, tried again when a port it had picked was taken meanwhile (EADDRINUSE): the
 * simulator picks free high ports before it binds them, and other programs on the machine (other
 * test runs) may take one in between. Each try uses a fresh directory.
 */
export async function startSite(opts: RehearsalOptions): Promise<Rehearsal> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRehearsal({ ...opts, dir: attempt === 1 ? opts.dir : `${opts.dir}-try${attempt}` });
    } catch (err) {
      if (attempt >= 5 || !/EADDRINUSE/.test(String(err))) throw err;
      console.error(`(a simulator port was taken meanwhile; starting the site again: ${String(err)})`);
    }
  }
}
