// Small measuring helpers of the benchmarks, free of Temporal imports (the upload bench's plain
// client child loads only this, so its RSS is its own).
import { readFileSync } from 'node:fs';

/** `--quick`: smaller sizes and fewer runs, for development (the printed line keeps its form). */
export const quick = process.argv.includes('--quick');

/** `--name=N` from the command line, else the quick or the full default. */
export function numberArg(name: string, full: number, quickValue = full): number {
  const prefix = `--${name}=`;
  const given = process.argv.find((a) => a.startsWith(prefix));
  if (given === undefined) return quick ? quickValue : full;
  const n = Number(given.slice(prefix.length));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${prefix}N needs a positive number (got ${given})`);
  return n;
}

/** Peak resident set (VmHWM) of a process, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Seconds as h:mm:ss (site times are hours long). */
export function hms(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
