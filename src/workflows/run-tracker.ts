// Progress bookkeeping of one bring-up: what the `progress` query returns, what the
// BringUpStage search attribute says, and the summary the run ends with. Deterministic only.
import type { FioResultRow } from '../run/fio-profiles.js';
import { upsertSearchAttributes } from '@temporalio/workflow';
import { bringUpStageKey } from './search-attributes.js';
import {
  COMPONENT_STAGE,
  initialProgress,
  OPTIONAL_COMPONENTS,
  type BringUpProgress,
  type OptionalComponent,
  type StageId,
  type StageProgress,
} from '../run/stages.js';

export interface BringUpSummary {
  clusterName: string;
  /**
   * `completed-with-failures`: the cluster and CloudTower are up, but an optional component (OBS,
   * Backup) failed and was not fixed by a retry before the run ended ("需关注"): see `failures`.
   */
  outcome: 'succeeded' | 'failed' | 'stopped' | 'completed-with-failures';
  /** Things created or found (cluster, images, VMs, datacenter ...), by a readable key. */
  created: Record<string, string>;
  serials: Record<string, string>;
  addresses: Record<string, string>;
  warnings: string[];
  stages: { id: StageId; status: string; seconds?: number; note?: string }[];
  totalSeconds: number;
  inspectionReport?: { path: string; sha256: string; bytes: number };
  /** Stage 10: fio's results table (absent when the stage did not run). */
  testResults?: FioResultRow[];
  error?: string;
  /** Stages that ended failed, with the error as the operator should read it after the run. */
  failures?: { stage: StageId; component?: OptionalComponent; error: string }[];
}

const nowIso = () => new Date(Date.now()).toISOString();

export class RunTracker {
  readonly progress: BringUpProgress;
  readonly created: Record<string, string> = {};
  readonly serials: Record<string, string> = {};
  readonly addresses: Record<string, string> = {};
  readonly notes: Partial<Record<StageId, string>> = {};
  inspectionReport?: BringUpSummary['inspectionReport'];
  testResults?: FioResultRow[];
  private readonly startedAt = Date.now();

  constructor(clusterName: string) {
    this.progress = initialProgress(clusterName);
  }

  stage(id: StageId): StageProgress {
    return this.progress.stages.find((s) => s.id === id)!;
  }

  setPhase(phase: string): void {
    this.progress.phase = phase;
    upsertSearchAttributes([{ key: bringUpStageKey, value: phase }]);
  }

  startStage(id: StageId): void {
    const stage = this.stage(id);
    stage.status = 'running';
    stage.error = undefined;
    stage.finishedAt = undefined;
    // A rerun starts: the error it answers is history now (`status --json` shows the current truth).
    this.progress.lastError = undefined;
    this.progress.retryable = undefined;
    stage.startedAt ??= nowIso();
    this.setPhase(id);
  }

  step(id: StageId, step: string): void {
    this.stage(id).step = step;
    this.progress.currentStep = `${id}/${step}`;
  }

  finishStage(id: StageId, status: 'done' | 'skipped' = 'done', note?: string): void {
    const stage = this.stage(id);
    stage.status = status;
    stage.finishedAt = nowIso();
    if (note) this.notes[id] = note;
  }

  failStage(id: StageId, message: string): void {
    const stage = this.stage(id);
    stage.status = 'failed';
    stage.error = message;
    this.progress.lastError = message;
    this.setPhase(`failed:${id}`);
  }

  /** An optional component's child failed: recorded now, the BringUpStage upsert comes later. */
  failComponent(id: StageId, message: string): void {
    const stage = this.stage(id);
    stage.status = 'failed';
    stage.error = message;
    stage.finishedAt = nowIso();
    this.progress.lastError = message;
  }

  warn(message: string): void {
    if (!this.progress.warnings.includes(message)) this.progress.warnings.push(message);
  }

  summary(outcome: BringUpSummary['outcome'], error?: string): BringUpSummary {
    return {
      clusterName: this.progress.clusterName,
      outcome,
      created: this.created,
      serials: this.serials,
      addresses: this.addresses,
      warnings: this.progress.warnings,
      stages: this.progress.stages.map((s) => ({
        id: s.id,
        status: s.status,
        seconds:
          s.startedAt && s.finishedAt
            ? Math.round((Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 100) / 10
            : undefined,
        note: this.notes[s.id],
      })),
      totalSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
      inspectionReport: this.inspectionReport,
      ...(this.testResults ? { testResults: this.testResults } : {}),
      error,
      failures: this.progress.stages
        .filter((s) => s.status === 'failed')
        .map((s) => ({
          stage: s.id,
          component: OPTIONAL_COMPONENTS.find((c) => COMPONENT_STAGE[c] === s.id),
          error: s.error ?? '',
        })),
    };
  }
}
