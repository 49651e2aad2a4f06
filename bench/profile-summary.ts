// Reads a V8 CPU profile (`node --cpu-prof`, e.g. a bench worker run with BENCH_CPU_PROF=<dir>) and
// prints where the time went: self time by package / source area and the top functions. This is how
// docs/benchmarks.md says what limits a bench (issue 13 item 5: a profile, not a guess).
//   node dist/bench/profile-summary.js <file.cpuprofile> [top=15]
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Where a function lives: a package of node_modules, our own source tree, node internals or V8. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/dist\/(src\/[^/]+|bench|scripts|test)/.exec(url);
  if (ours) return `ours: ${ours[1]}`;
  return url.replace(/^file:\/\//, '');
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 15);
const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const wallUs = profile.endTime - profile.startTime;
let idleUs = 0;
const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  if (frame.functionName === '(idle)') {
    idleUs += us;
    continue;
  }
  const where = area(frame.url, frame.functionName);
  areas.set(where, (areas.get(where) ?? 0) + us);
  const fn = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
}
const busyUs = wallUs - idleUs;
const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)} %`;
console.log(
  `profile ${file}: ${(wallUs / 1e6).toFixed(1)} s, busy ${(busyUs / 1e6).toFixed(1)} s (${pct(busyUs, wallUs).trim()} of the main thread), idle ${(idleUs / 1e6).toFixed(1)} s`,
);
console.log('self time by area (share of busy time):');
for (const [where, us] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us, busyUs)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${where}`);
console.log('top functions by self time:');
for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us, busyUs)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${fn}`);
