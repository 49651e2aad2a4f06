import type { LedgerEntry } from '../../run/ledger.js';

export interface CleanupInput {
  /** The bring-up's workflow id. */
  runId: string;
  /** List the plan, remove nothing. */
  dryRun?: boolean;
}

export interface CleanupItem {
  entry: LedgerEntry;
  state: 'planned' | 'removing' | 'removed' | 'already-gone' | 'failed';
  detail?: string;
}

export interface CleanupProgress {
  runId: string;
  dryRun: boolean;
  phase: 'reading-ledger' | 'planned' | 'removing' | 'done' | 'done-with-failures';
  /** What this run created that the API can remove, newest first, in the order it is removed. */
  remove: CleanupItem[];
  /** Lives inside the CloudTower VM: goes when that VM is removed. */
  withCloudTower: LedgerEntry[];
  /** Cannot be undone by API (a deployed cluster) or not removed by this tool: the operator's work. */
  manual: LedgerEntry[];
  /** Found by the run, existed before it: never touched. */
  kept: LedgerEntry[];
}

export type CleanupSummary = CleanupProgress;
