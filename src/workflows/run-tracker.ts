// Progress bookkeeping of one bring-up: what the `progress` query returns, what the
// BringUpStage search attribute says, and the summary the run ends with. Deterministic only.
import type { FioResultRow } from '../run/fio-profiles.js';
import type { ReliabilityComparison } from '../run/inspection-items.js';
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
import { stageSeconds, summaryStages, type SummaryStage } from '../run/stage-time.js';
import type { ManualStep } from '../run/manual-steps.js';

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
  stages: SummaryStage[];
  totalSeconds: number;
  inspectionReport?: { path: string; sha256: string; bytes: number };
  /** Stage 10: fio's results table (absent when the stage did not run). */
  testResults?: FioResultRow[];
  /** Stage 10: the inspection after the load against stage 7's (absent when it did not run). */
  reliability?: ReliabilityComparison;
  error?: string;
  /** What the workbook plans that no API deploys (Everoute, SFS, SKS): left to a person (manual-steps.ts). */
  manualSteps?: ManualStep[];
  /** Stages that ended failed, with the error as the operator should read it after the run. */
  failures?: { stage: StageId; component?: OptionalComponent; error: string }[];
}

const nowIso = () => new Date(Date.now()).toISOString();
const isComponentStage = (id: StageId) => OPTIONAL_COMPONENTS.some((c) => COMPONENT_STAGE[c] === id);

export class RunTracker {
  readonly progress: BringUpProgress;
  readonly created: Record<string, string> = {};
  readonly serials: Record<string, string> = {};
  readonly addresses: Record<string, string> = {};
  readonly notes: Partial<Record<StageId, string>> = {};
  inspectionReport?: BringUpSummary['inspectionReport'];
  manualSteps: ManualStep[] = [];
  testResults?: FioResultRow[];
  reliability?: ReliabilityComparison;
  private readonly startedAt = Date.now();
  /**
   * Runs scheduled as branches (since the 'overlapped-schedule' patch, both schedules): several
   * stages may run at once, so the phase is derived from the stages (see `setPhase`) and
   * `currentStep` lists every running step. Runs started before the patch leave it false.
   */
  private branchSchedule = false;
  /** Overlapped: the step each running branch is at, by branch (`stage/step`). */
  private readonly runningSteps = new Map<string, string>();
  /** Overlapped: the last phase asked for, shown when no stage runs, waits or failed. */
  private askedPhase = 'pending';

  constructor(clusterName: string) {
    this.progress = initialProgress(clusterName);
  }

  stage(id: StageId): StageProgress {
    return this.progress.stages.find((s) => s.id === id)!;
  }

  /** The run is scheduled as branches (branches.ts): several stages may run at once. */
  useBranchSchedule(): void {
    this.branchSchedule = true;
  }

  setPhase(phase: string): void {
    if (this.branchSchedule) {
      this.askedPhase = phase;
      this.refreshPhase();
      return;
    }
    this.progress.phase = phase;
    upsertSearchAttributes([{ key: bringUpStageKey, value: phase }]);
  }

  /**
   * Overlapped: the phase in the existing vocabulary, from the stages: the first running stage (in
   * STAGES order), else the first failed required stage, else an approval asked for, else the
   * phase last asked for (`failed:<component stage>`, `done` ...). Upserted only when it changes,
   * which keeps the history short.
   */
  refreshPhase(): void {
    if (!this.branchSchedule) return;
    const stages = this.progress.stages;
    const running = stages.find((s) => s.status === 'running');
    const failed = stages.find((s) => s.status === 'failed' && !isComponentStage(s.id));
    // A failed required stage blocks the run, so it outranks an open question.
    const phase = running
      ? running.id
      : failed
        ? `failed:${failed.id}`
        : this.progress.awaitingApproval
          ? `awaiting-approval:${this.progress.awaitingApproval}`
          : this.askedPhase;
    this.progress.currentStep =
      this.runningSteps.size > 0 ? [...this.runningSteps.values()].join(', ') : undefined;
    if (phase === this.progress.phase) return;
    this.progress.phase = phase;
    upsertSearchAttributes([{ key: bringUpStageKey, value: phase }]);
  }

  /** Overlapped: `branch` (a key of the caller's) is at `stage/step` now. */
  branchStep(branch: string, id: StageId, step: string): void {
    this.stage(id).step = step;
    this.runningSteps.set(branch, `${id}/${step}`);
    this.progress.currentStep = [...this.runningSteps.values()].join(', ');
  }

  /** Overlapped: `branch` ended (done or failed); its step is no longer current. */
  branchEnded(branch: string): void {
    this.runningSteps.delete(branch);
    this.refreshPhase();
  }

  /** Appends a note to the stage's (once: a rerun does not repeat it). */
  addNote(id: StageId, note: string): void {
    const prev = this.notes[id];
    if (prev?.includes(note)) return;
    this.notes[id] = prev ? `${prev}; ${note}` : note;
  }

  startStage(id: StageId): void {
    const stage = this.stage(id);
    stage.status = 'running';
    const answered = stage.error;
    stage.error = undefined;
    stage.finishedAt = undefined;
    // A rerun starts: the error it answers is history now (`status --json` shows the current truth).
    // Branch schedule: other branches may still be failed; branches.ts keeps those fields itself.
    if (!this.branchSchedule) {
      this.progress.lastError = undefined;
      this.progress.retryable = undefined;
    } else if (answered !== undefined && this.progress.lastError === answered) {
      this.progress.lastError = undefined;
    }
    stage.startedAt ??= nowIso();
    this.beginRun(stage);
    this.setPhase(id);
  }

  step(id: StageId, step: string): void {
    if (this.branchSchedule) return this.branchStep(id, id, step);
    this.stage(id).step = step;
    this.progress.currentStep = `${id}/${step}`;
  }

  /** A run of the stage begins (a retry is a new run); its time counts from now (stage-time.ts). */
  beginRun(stage: StageProgress): void {
    stage.runStartedAt ??= nowIso();
  }

  /** The stage's current run ended: its time joins the stage's worked seconds (stage-time.ts). */
  endRun(stage: StageProgress): void {
    if (stage.runStartedAt === undefined) return;
    stage.workedSeconds = stageSeconds(stage, Date.now());
    stage.runStartedAt = undefined;
  }

  finishStage(id: StageId, status: 'done' | 'skipped' = 'done', note?: string): void {
    const stage = this.stage(id);
    stage.status = status;
    stage.finishedAt = nowIso();
    this.endRun(stage);
    if (note) this.notes[id] = note;
  }

  failStage(id: StageId, message: string): void {
    const stage = this.stage(id);
    stage.status = 'failed';
    stage.error = message;
    this.endRun(stage);
    this.progress.lastError = message;
    this.setPhase(`failed:${id}`);
  }

  /** An optional component's child failed: recorded now, the BringUpStage upsert comes later (sequential). */
  failComponent(id: StageId, message: string): void {
    const stage = this.stage(id);
    stage.status = 'failed';
    stage.error = message;
    stage.finishedAt = nowIso();
    this.endRun(stage);
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
      stages: summaryStages(this.progress.stages, this.notes, Date.now()),
      totalSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
      inspectionReport: this.inspectionReport,
      ...(this.manualSteps.length > 0 ? { manualSteps: this.manualSteps } : {}),
      ...(this.testResults ? { testResults: this.testResults } : {}),
      ...(this.reliability ? { reliability: this.reliability } : {}),
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
