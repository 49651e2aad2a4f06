// fio's `--output-format=json` (fio 3.x), validated with zod at the boundary: only what the results
// table needs (per direction iops, bw_bytes, clat_ns percentiles, runtime), the rest kept loose.
import { z } from 'zod';
import type { FioProfile, FioResultRow } from '../../run/fio-profiles.js';

const direction = z.looseObject({
  io_bytes: z.number().nonnegative(),
  bw_bytes: z.number().nonnegative(),
  iops: z.number().nonnegative(),
  runtime: z.number().nonnegative(),
  clat_ns: z.looseObject({
    mean: z.number().nonnegative(),
    percentile: z.record(z.string(), z.number().nonnegative()).optional(),
  }),
});

export const fioJsonSchema = z.looseObject({
  'fio version': z.string(),
  jobs: z
    .array(
      z.looseObject({
        jobname: z.string(),
        error: z.number().int(),
        read: direction,
        write: direction,
      }),
    )
    .min(1),
});

export type FioJson = z.infer<typeof fioJsonSchema>;

/** fio prints warnings before the JSON on some systems: parse from the first `{`. */
export function parseFioOutput(stdout: string): FioJson {
  const at = stdout.indexOf('{');
  if (at < 0) throw new Error('fio printed no JSON');
  let raw: unknown;
  try {
    raw = JSON.parse(stdout.slice(at));
  } catch (err) {
    throw new Error(`fio output is not JSON: ${(err as Error).message}`);
  }
  const parsed = fioJsonSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `fio JSON is not as expected: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** The percentile `p` (e.g. 99) of a clat_ns map keyed "99.000000", in µs (rounded to 0.1). */
function percentileUs(map: Record<string, number> | undefined, p: number, fallbackNs: number): number {
  const key = Object.keys(map ?? {}).find((k) => Number(k) === p);
  const ns = key ? map![key] : fallbackNs;
  return Math.round(ns / 100) / 10;
}

/** The table row of one profile's run (the direction the profile measures; job errors refused). */
export function fioRow(profile: FioProfile, vm: string, out: FioJson): FioResultRow {
  const job = out.jobs[0];
  if (job.error !== 0) throw new Error(`fio job ${job.jobname} ended with error ${job.error}`);
  const d = profile.rw === 'randread' || profile.rw === 'read' ? job.read : job.write;
  if (d.io_bytes === 0) throw new Error(`fio job ${job.jobname} did no ${profile.rw} I/O`);
  return {
    profile: profile.id,
    vm,
    iops: Math.round(d.iops),
    mbps: Math.round(d.bw_bytes / 1e5) / 10,
    p50us: percentileUs(d.clat_ns.percentile, 50, d.clat_ns.mean),
    p99us: percentileUs(d.clat_ns.percentile, 99, d.clat_ns.mean),
    runtimeSeconds: Math.round(d.runtime / 100) / 10,
  };
}
