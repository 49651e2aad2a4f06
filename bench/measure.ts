// Small measuring helpers of the benchmarks, free of Temporal imports (the upload bench's plain
// client child loads only this, so its RSS is its own).
import { readFileSync, writeFileSync } from 'node:fs';

/** `--quick`: smaller sizes and fewer runs, for development (the printed line keeps its form). */
export const quick = process.argv.includes('--quick');

/** `--name=A,B,…` from the command line as numbers, else undefined. */
export function numberListArg(name: string): number[] | undefined {
  const prefix = `--${name}=`;
  const given = process.argv.find((a) => a.startsWith(prefix));
  return given?.slice(prefix.length).split(',').map(Number);
}

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

/**
 * Starts a process's peak resident set (VmHWM) over from its resident set now (Linux's clear_refs
 * value 5): a peak read after this is the peak of what ran since, not of the process's start.
 */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Resident set now (VmRSS) of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields that follow start after its closing parenthesis.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function processCpuSeconds(pid: number | 'self'): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds a process's ended children (and theirs) used (this process's by default): the
 * simulated shells a simulator spawns for every SSH command, which its own counters do not include.
 */
export function childrenCpuSeconds(pid: number | 'self' = 'self'): number {
  const fields = statFields(pid);
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** CPU seconds of a live process with the children it has reaped (0 once it is gone). */
export function processTreeCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    return processCpuSeconds(pid) + childrenCpuSeconds(pid);
  } catch {
    return 0;
  }
}

/** The whole machine's CPU counters, to tell a saturated machine from a slow process. */
export function machineCpu(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
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
