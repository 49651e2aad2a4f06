// `npm run bench [-- --quick] [-- <name>...]`: every benchmark in bench/, one after the other (they
// share two CPU cores with nothing of ours); each prints its own figures measured side by side in
// the same run and ends with one line a script can read (docs/benchmarks.md). `--quick` passes on
// to each: smaller sizes, fewer runs, higher speed-ups (for development; the lines keep their form).
// Names pick benches (e.g. `npm run bench -- --quick upload schedule`). Not part of `npm test`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/config/dev-server.js';

const quick = process.argv.includes('--quick');
const picked = process.argv.slice(2).filter((a) => !a.startsWith('--'));

/** name -> arguments (full, quick). The issue-13 benches first: their last lines are the report. */
const benches: [string, string[], string[]][] = [
  ['schedule', [], ['--quick']],
  ['critical-path', [], ['--quick']],
  ['fleet', [], ['--quick']],
  ['cluster-throughput', [], ['--quick']],
  ['upload', [], ['--quick']],
  ['plan-parse', ['20'], ['5']],
  ['sim-upload', ['256'], ['64']],
  ['bringup', ['5000', '2'], ['5000', '0.25']],
];
const unknown = picked.filter((name) => !benches.some(([b]) => b === name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; one of ${benches.map(([b]) => b).join(', ')}`);
  process.exit(2);
}

let failed = 0;
const lines: string[] = [];
for (const [name, full, short] of benches) {
  if (picked.length > 0 && !picked.includes(name)) continue;
  const args = quick ? short : full;
  console.log(`\n=== bench/${name}.js ${args.join(' ')} ===`);
  // Shown as it comes (benches run for minutes) and kept for the final line.
  // BENCH_CPU_PROF=<dir>: the bench process (it hosts the simulators) is profiled too.
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_CPU_PROF, `bench-${name}`)}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, path.join(projectRoot, 'dist', 'bench', `${name}.js`), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    process.stdout.write(d);
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) {
    failed++;
    lines.push(`${name}: FAILED (exit ${String(code)})`);
  } else {
    lines.push(out.trim().split('\n').at(-1) ?? '');
  }
}
// The final lines again, together, so a script (or a reader) finds them in one place.
console.log('\n=== results ===');
for (const line of lines) console.log(line);
process.exit(failed === 0 ? 0 : 1);
