// Stage 10's fio profiles and the row each one becomes in the run summary. Pure data and types, so
// the workflow, the activity and the report share them.

export interface FioProfile {
  id: 'rand-read-4k' | 'rand-write-4k' | 'seq-read-1m' | 'seq-write-1m';
  rw: 'randread' | 'randwrite' | 'read' | 'write';
  bs: '4k' | '1M';
  iodepth: number;
  numjobs: number;
  /** What the profile is read for: IOPS (small random) or bandwidth (large sequential). */
  measures: 'iops' | 'bandwidth';
}

/** The standard profiles: 4k random read/write IOPS, 1M sequential read/write bandwidth. */
export const FIO_PROFILES: readonly FioProfile[] = [
  { id: 'rand-read-4k', rw: 'randread', bs: '4k', iodepth: 32, numjobs: 4, measures: 'iops' },
  { id: 'rand-write-4k', rw: 'randwrite', bs: '4k', iodepth: 32, numjobs: 4, measures: 'iops' },
  { id: 'seq-read-1m', rw: 'read', bs: '1M', iodepth: 8, numjobs: 1, measures: 'bandwidth' },
  { id: 'seq-write-1m', rw: 'write', bs: '1M', iodepth: 8, numjobs: 1, measures: 'bandwidth' },
];

/** One row of the results table (summary and report). */
export interface FioResultRow {
  profile: FioProfile['id'];
  vm: string;
  iops: number;
  /** MB/s (10^6 bytes per second, as fio's "MB/s"). */
  mbps: number;
  /** Completion latency percentiles in microseconds. */
  p50us: number;
  p99us: number;
  runtimeSeconds: number;
}

/** Seconds each profile runs (`--runtime`, `--time_based`): the stage takes about 4 × this on site. */
export const FIO_RUNTIME_SECONDS = 60;
