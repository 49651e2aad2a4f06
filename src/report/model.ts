// What one run's report shows, gathered from the run's history, its result and its progress query.
// Everything here is safe to print: no password, token or key is ever copied into these types.
import type { FioResultRow } from '../run/fio-profiles.js';
import type { ReliabilityComparison } from '../run/inspection-items.js';
import type { StageId } from '../run/stages.js';
import type { ManualStep } from '../run/manual-steps.js';

/** One activity of the run (or of its OBS/Backup child run), as the history tells it. */
export interface StepRecord {
  /** `main` for the bring-up itself, else the child's component (`obs`, `backup`). */
  workflow: string;
  activity: string;
  stage?: StageId;
  scheduledMs: number;
  startedMs?: number;
  endedMs?: number;
  attempts: number;
  outcome: 'completed' | 'failed' | 'timed-out' | 'canceled' | 'running';
  /** The last failure (of a retried attempt or of the whole step). */
  failure?: string;
}

/** A stretch of time with one BringUpStage value: a stage id, `awaiting-approval:<c>`, `failed:<s>`, `done`. */
export interface PhaseSpan {
  phase: string;
  fromMs: number;
  toMs: number;
}

export interface SignalRecord {
  name: string;
  atMs: number;
  /** The signal's argument when it is a plain word (the component of approve/skip). */
  arg?: string;
}

export interface HostRow {
  hostname: string;
  managementIp: string;
  storageIp?: string;
  bmcIp?: string;
  rack?: string;
  unit?: string;
  hostUuid?: string;
  cpu?: string;
  memoryGiB?: number;
  disks?: number;
  nics?: number;
  /** `changed`, `already-set` or unknown (the step has not run). */
  password?: 'changed' | 'already-set';
}

export interface WriteBack {
  serials: Record<string, string>;
  written: string[];
  file?: string;
  skipped?: string;
  atMs: number;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  problems: string[];
  warnings: string[];
}

export interface StageRow {
  id: StageId;
  status: string;
  seconds?: number;
  note?: string;
  error?: string;
}

export interface RunReport {
  workflowId: string;
  runId?: string;
  /** Temporal's status: RUNNING, COMPLETED, FAILED, TERMINATED ... */
  status: string;
  outcome?: string;
  clusterName: string;
  generatedAtMs: number;
  startedMs?: number;
  endedMs?: number;
  /** Cluster VIP, CloudTower, OBS, Backup ... (planned, then as the run reported them). */
  addresses: [string, string][];
  networks: { role: string; name: string; vlan: number; subnet?: string; gateway?: string }[];
  hosts: HostRow[];
  stages: StageRow[];
  steps: StepRecord[];
  phases: PhaseSpan[];
  signals: SignalRecord[];
  created: [string, string][];
  serials: [string, string][];
  writeBacks: WriteBack[];
  warnings: string[];
  inspection?: { path: string; sha256: string; bytes: number };
  /** Stage 10's fio table (test-results.ts). */
  testResults?: FioResultRow[];
  /** Stage 10's inspection comparison (reliability.ts). */
  reliability?: ReliabilityComparison;
  checks: CheckResult[];
  /** What the workbook plans that no API deploys (Everoute, SFS, SKS): manual follow-up steps. */
  manualSteps?: ManualStep[];
  error?: string;
}
