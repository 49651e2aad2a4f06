// `npm test` and its tiers: `node dist/scripts/run-tests.js [--tier unit|lab|e2e]... [--jobs N]
// [--list] [filter...]`. Finds the compiled test files (only those whose source still exists, so a
// deleted test's stale output never runs), reads each file's tier from what it imports
// (scripts/lib/test-tiers.ts), and runs the files in parallel, each in its own `node --test` process:
// the longest first, by the durations the last runs recorded. A Temporal dev server is started (on
// free loopback ports) only when an e2e file is selected, and the workflow bundle is built once only
// when a selected file needs it. Everything started is stopped at the end, also on failure or Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { projectRoot } from '../src/config/dev-server.js';
import { workflowsPath } from '../src/worker-factory.js';
import { startScratchDevServer, type RunningDevServer } from './lib/dev-server.js';
import { failureDigest } from './lib/failure-digest.js';
import { TierReader, TIERS, type Tier, type TestFileNeeds } from './lib/test-tiers.js';
import { outputTrees, sourceOf } from './lib/compiled-sources.js';

interface TestFile extends TestFileNeeds {
  /** Compiled file that runs. */
  js: string;
  /** Its source, relative to the project root: the name shown and the key of recorded durations. */
  name: string;
  /** Runs with nothing else beside it (its source says `// test-runner: alone`). */
  alone: boolean;
}

interface FileResult {
  file: TestFile;
  seconds: number;
  ok: boolean;
  counts: Counts;
  output: string;
}

type Counts = Record<'tests' | 'pass' | 'fail' | 'cancelled' | 'skipped' | 'todo', number>;
const zeroCounts = (): Counts => ({ tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 });

const argv = process.argv.slice(2);
const tiers = new Set<Tier>();
const filters: string[] = [];
let jobs = Number(process.env.HCI_TEST_JOBS ?? 0);
let listOnly = false;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--tier') {
    for (const t of (argv[++i] ?? '').split(',')) {
      if (!(TIERS as readonly string[]).includes(t)) {
        console.error(`--tier takes ${TIERS.join(', ')} (got ${t || 'nothing'})`);
        process.exit(2);
      }
      tiers.add(t as Tier);
    }
  } else if (a === '--jobs') jobs = Number(argv[++i]);
  else if (a === '--list') listOnly = true;
  else filters.push(a.replace(/\.ts$/, '').replace(/\.js$/, ''));
}
if (!Number.isInteger(jobs) || jobs < 0) {
  console.error('--jobs takes a whole number (0: the default for this machine)');
  process.exit(2);
}
// The tests mostly wait on simulated time and loopback I/O, so more files than cores keep the
// cores busy; past about two per core they start to slow each other down.
if (jobs === 0) jobs = Math.max(2, os.availableParallelism() * 2);

function findTests(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const reader = new TierReader(projectRoot);
const all: TestFile[] = [];
// The root's and every workspace package's compiled tests: `<outDir>/test` of each output tree.
const trees = outputTrees(projectRoot);
for (const tree of trees) {
  for (const js of findTests(path.join(tree.outDir, 'test'))) {
    const source = sourceOf(trees, js);
    if (!source) continue; // stale output of a deleted or renamed test
    const name = path.relative(projectRoot, source);
    const alone = /^\/\/ test-runner: alone\b/m.test(readFileSync(source, 'utf8'));
    all.push({ js, name, alone, ...reader.read(js) });
  }
}
const selected = all.filter(
  (f) =>
    (tiers.size === 0 || tiers.has(f.tier)) &&
    (filters.length === 0 || filters.some((flt) => f.name.includes(flt))),
);
if (selected.length === 0) {
  console.error(
    `no test files match ${[...tiers].map((t) => `--tier ${t}`).join(' ')} ${filters.join(' ') || '(all)'}`,
  );
  process.exit(1);
}
if (listOnly) {
  for (const f of selected) console.log(`${f.tier.padEnd(4)} ${f.bundle ? 'bundle' : '      '} ${f.name}`);
  process.exit(0);
}

// Durations of earlier runs put the longest files first, so the last minutes are not one long file.
const timesFile = path.join(projectRoot, '.cache', 'test-times.json');
const times: Record<string, number> = existsSync(timesFile)
  ? (JSON.parse(readFileSync(timesFile, 'utf8')) as Record<string, number>)
  : {};
const tierGuess: Record<Tier, number> = { e2e: 60, lab: 20, unit: 5 };
const expected = (f: TestFile) => times[f.name] ?? tierGuess[f.tier];
const queue = [...selected].sort((a, b) => expected(b) - expected(a));

const scratch = mkdtempSync(path.join(os.tmpdir(), 'hci-bringup-test-'));
let server: RunningDevServer | undefined;
const running = new Set<ChildProcess>();
const cleanup = async () => {
  for (const child of running) killGroup(child);
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void cleanup().then(() => process.exit(130)));
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function parseCounts(output: string): Counts {
  const counts = zeroCounts();
  // The summary of `node --test`'s spec reporter: "ℹ pass 12" and so on, last one wins.
  for (const m of output.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) {
    counts[m[1] as keyof Counts] = Number(m[2]);
  }
  return counts;
}

/** A whole file that runs this long is stuck: it is ended and counted as failed. */
const FILE_DEADLINE_MS = Number(process.env.HCI_TEST_FILE_DEADLINE_S ?? 900) * 1000;

function runFile(file: TestFile, env: NodeJS.ProcessEnv): Promise<FileResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', file.js], {
      cwd: projectRoot,
      env,
      // Its own process group: a stuck file is ended with everything it spawned.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, FILE_DEADLINE_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      // Whatever the file left running (a simulator child, a server) goes with it.
      killGroup(child);
      let output = Buffer.concat(chunks).toString('utf8');
      if (timedOut)
        output += `\n✖ ${file.name} did not finish within ${FILE_DEADLINE_MS / 1000} s and was ended\n`;
      const counts = parseCounts(output);
      const ok = code === 0 && !timedOut && counts.fail === 0 && counts.cancelled === 0;
      resolve({ file, seconds: (performance.now() - started) / 1000, ok, counts, output });
    });
  });
}

const startedAt = performance.now();
const results: FileResult[] = [];
let exitCode = 1;
try {
  const needServer = selected.some((f) => f.tier === 'e2e');
  const needBundle = selected.some((f) => f.bundle || f.tier === 'e2e');
  console.log(
    `[test] ${selected.length} files (${TIERS.map((t) => `${selected.filter((f) => f.tier === t).length} ${t}`).join(', ')}), ${jobs} at a time`,
  );
  // The server and the bundle are made while the first files already run: only files that need
  // them wait for them.
  const serverReady = needServer
    ? startScratchDevServer(path.join(scratch, 'temporal-dev-server.log')).then((s) => {
        server = s;
        console.log(`[test] dev server at ${s.address}`);
        return s;
      })
    : undefined;
  const bundleReady = needBundle
    ? bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }).then((b) => {
        const bundlePath = path.join(scratch, 'workflow-bundle.js');
        writeFileSync(bundlePath, b.code);
        return bundlePath;
      })
    : undefined;
  serverReady?.catch(() => undefined);
  bundleReady?.catch(() => undefined);

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HCI_TEST_SCRATCH: scratch,
    // The default: plain JSON payloads (no secret is in any). Tests of encryption set their own
    // key; the operator's key is never used.
    HCI_PAYLOAD_KEY: '',
    HCI_PAYLOAD_KEY_FILE: '',
  };
  // Unit and lab files get no server address: one that reaches for a server fails, never passes.
  delete baseEnv.TEMPORAL_ADDRESS;
  delete baseEnv.TEMPORAL_NAMESPACE;

  async function envFor(file: TestFile): Promise<NodeJS.ProcessEnv> {
    const env = { ...baseEnv };
    if (file.bundle || file.tier === 'e2e') {
      const bundlePath = await bundleReady!;
      env.HCI_TEST_WORKFLOW_BUNDLE = bundlePath;
      env.HCI_WORKFLOW_BUNDLE = bundlePath;
    }
    if (file.tier === 'e2e') {
      const s = await serverReady!;
      env.TEMPORAL_ADDRESS = s.address;
      env.TEMPORAL_NAMESPACE = s.namespace;
    }
    return env;
  }

  let active = 0;
  let aloneRunning = false;
  let done = 0;
  await new Promise<void>((resolveAll) => {
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolveAll();
      while (queue.length > 0 && !aloneRunning && active < jobs) {
        const next = queue[0];
        // A file that must run alone waits until the others are done, and holds back the rest.
        if (next.alone && active > 0) return;
        queue.shift();
        active++;
        if (next.alone) aloneRunning = true;
        void envFor(next)
          .then((env) => runFile(next, env))
          .catch((err: unknown) => ({
            file: next,
            seconds: 0,
            ok: false,
            counts: zeroCounts(),
            output: `✖ could not start ${next.name}: ${(err as Error).message}\n`,
          }))
          .then((r) => {
            active--;
            if (next.alone) aloneRunning = false;
            results.push(r);
            done++;
            const mark = r.ok ? 'ok' : 'FAILED';
            console.log(
              `\n── [${done}/${selected.length}] ${mark} ${r.file.name} (${r.file.tier}, ${r.seconds.toFixed(1)} s, ${r.counts.pass}/${r.counts.tests} passed) ──`,
            );
            process.stdout.write(r.output);
            pump();
          });
      }
    };
    pump();
  });

  // Record this run's durations for the next one's order.
  mkdirSync(path.dirname(timesFile), { recursive: true });
  for (const r of results) if (r.seconds > 0) times[r.file.name] = Math.round(r.seconds * 10) / 10;
  writeFileSync(timesFile, `${JSON.stringify(times, null, 1)}\n`);

  const total = zeroCounts();
  for (const r of results) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += r.counts[k];
  const failedFiles = results.filter((r) => !r.ok);
  const wall = (performance.now() - startedAt) / 1000;
  console.log('\n[test] slowest files:');
  for (const r of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 8)) {
    console.log(`  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file.tier.padEnd(4)} ${r.file.name}`);
  }
  for (const t of TIERS) {
    const rs = results.filter((r) => r.file.tier === t);
    if (rs.length === 0) continue;
    const pass = rs.reduce((n, r) => n + r.counts.pass, 0);
    const busy = rs.reduce((n, r) => n + r.seconds, 0);
    console.log(`[test] ${t}: ${rs.length} files, ${pass} tests passed, ${busy.toFixed(0)} s of file time`);
  }
  if (failedFiles.length > 0) {
    console.log(`[test] failed files:\n${failedFiles.map((r) => `  ${r.file.name}`).join('\n')}`);
    // Why, at the end: CI keeps only the last lines of a run.
    for (const r of failedFiles)
      console.log(`[test] why ${r.file.name} failed:\n${failureDigest(r.output).join('\n')}`);
  }
  console.log(`[test] wall time ${wall.toFixed(0)} s with ${jobs} at a time`);
  // Failures of a whole file (a crash before its summary) count as one failed test at least.
  const failed =
    total.fail + total.cancelled + failedFiles.filter((r) => r.counts.fail + r.counts.cancelled === 0).length;
  console.log(`tests: ${total.pass} passed, ${failed} failed, ${total.skipped + total.todo} skipped`);
  exitCode = failed === 0 ? 0 : 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
