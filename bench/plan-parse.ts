// Parses the customer's planning workbook N times (default 20) and prints the time per parse. When
// it is absent (see test/helpers/customer-workbook.ts) our own sample workbook is parsed instead.
// Usage: npx tsc -p . && node dist/bench/plan-parse.js [N]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlan, writeSamplePlan } from '../src/plan/index.js';
import { customerWorkbook, customerWorkbookMissing } from '../test/helpers/customer-workbook.js';

async function workbook(): Promise<{ file: string; what: string }> {
  const file = customerWorkbook();
  if (file) return { file, what: 'the real template' };
  console.log(`plan-parse: ${customerWorkbookMissing() as string}; parsing our sample workbook instead`);
  const sample = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-plan-')), 'sample-plan.xlsx');
  // Four hosts, like the customer's workbook.
  await writeSamplePlan(sample, {
    hosts: 4,
    networkArchitecture: 'storage-separate',
    storageArchitecture: 'hybrid-tiered',
  });
  return { file: sample, what: 'the sample workbook (4 hosts)' };
}

const { file: template, what } = await workbook();
const runs = Number(process.argv[2] ?? 20);
const BUDGET_MS = 1000; // issue 3: "well under a second"

const first = await loadPlan(template); // warm-up (module loading, JIT)
if (!first.plan)
  throw new Error(
    `${what} did not parse: ${first.errors.map((e) => `${e.sheet}!${e.cell} ${e.rule}`).join(', ')}`,
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
  `plan-parse: ${runs} parses of ${what}: median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, ` +
    `min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms per parse; ` +
    `median/budget = ${(median / BUDGET_MS).toFixed(2)} of ${BUDGET_MS} ms`,
);
