// How much memory the worker lets pile up between collections (issue 24 point 3). Measured in the
// fleet bench, a worker's peak resident set grew by 27 MiB per concurrent bring-up while its live
// JavaScript heap grew by about 2: the rest was garbage V8 let accumulate (its old space grows up to
// 4x the live size between full collections when collecting looks cheap) and memory glibc kept after
// the upload phases (a freed 2 MiB buffer raises malloc's mmap threshold, so the next ones come from
// arenas that never shrink; every thread of the Temporal core gets an arena of its own).
// docs/decisions.md ("Issue 24: worker memory per run") has the numbers.
import v8 from 'node:v8';
import { z } from 'zod';
import { tBoth } from '../i18n/translate.js';

/**
 * glibc reads these before any of our code runs, so they belong to whatever starts the worker:
 * `npm run worker` and the benches set them; the worker names the missing ones at start.
 * Two arenas instead of sixteen (8 x cores); every block of 128 KiB or more mapped on its own, so
 * freeing it gives it back at once.
 */
export const workerMallocEnv = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/** The environment to start a worker process with: `env`, plus the malloc settings it leaves unset. */
export function workerProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const [name, value] of Object.entries(workerMallocEnv)) if (!out[name]) out[name] = value;
  return out;
}

/** The malloc settings this process was started without (said once at the worker's start). */
export function missingMallocEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(workerMallocEnv).filter((name) => !env[name]);
}

/**
 * How far (percent of the live size after a full collection) V8's old space may grow before the next
 * one. 30 bounds the garbage at about a third of the live heap, which itself grows with the runs in
 * flight; V8's own choice (up to 300) is kept with 0.
 */
export const heapGrowthSource = { env: 'HCI_HEAP_GROWING_PERCENT', default: 30, min: 0, max: 300 } as const;

export function heapGrowingPercent(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[heapGrowthSource.env];
  if (raw === undefined || raw === '') return heapGrowthSource.default;
  const { min, max } = heapGrowthSource;
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${heapGrowthSource.env} ${JSON.stringify(raw)}: ${tBoth('config.wholeNumber', { min, max })}`,
    );
  return parsed.data;
}

/**
 * Applies the growth bound to every isolate of the process: V8 reads the flag at each full
 * collection, so it holds for the main thread already running and for the workflow thread the SDK
 * starts later. Call before the worker is created.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
