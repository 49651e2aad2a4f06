// Parses the real planning workbook N times (default 20) and prints the time per parse.
// Usage: npx tsc -p . && node dist/bench/plan-parse.js [N]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../src/plan/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const template = path.resolve(root, '../shared/reference/planning-workbook-template.xlsx');
const runs = Number(process.argv[2] ?? 20);
const BUDGET_MS = 1000; // issue 3: "well under a second"

const first = await loadPlan(template); // warm-up (module loading, JIT)
if (!first.plan)
  throw new Error(
    `template did not parse: ${first.errors.map((e) => `${e.sheet}!${e.cell} ${e.rule}`).join(', ')}`,
  );

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await loadPlan(template);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const median = times[Math.floor(times.length / 2)];
console.log(
  `plan-parse: ${runs} parses of the real template: median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, ` +
    `min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms per parse; ` +
    `median/budget = ${(median / BUDGET_MS).toFixed(2)} of ${BUDGET_MS} ms`,
);
