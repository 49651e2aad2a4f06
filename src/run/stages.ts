/**
 * The bring-up's stages in the seed's order (the sequential schedule runs them so; the overlapped
 * one follows docs/schedule.md). Stages 1–5 build the cluster and CloudTower; the rest finish and extend it.
 */
export const STAGES = [
  'prepare',
  'deploy-cluster',
  'configure-cluster',
  'deploy-cloudtower',
  'attach-cluster',
  'configure-cloudtower',
  // Steps of configure-cloudtower in runs started before the 'overlapped-schedule' patch.
  'dashboard',
  'rack-topology',
  'inspection',
  'observability',
  'backup',
  // Stage 09 (optional component `testload`, docs/test-load.md) and stage 10, run after it.
  'test-load',
  'performance-test',

  // Stage 11 (issue 12 item 5): eject the ISO, sweep upload volumes, test VMs; always last.
  'cleanup',
] as const;

export type StageId = (typeof STAGES)[number];

export const OPTIONAL_COMPONENTS = ['obs', 'backup', 'testload'] as const;
export type OptionalComponent = (typeof OPTIONAL_COMPONENTS)[number];

export type StageStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'awaiting-approval';

export interface StageProgress {
  id: StageId;
  status: StageStatus;
  /** The step running now, or the last one that ran. */
  step?: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  /**
   * Seconds the stage has worked in its finished runs (a retry is a new run): without the operator's
   * waits (approval, retry). Absent in progress recorded before it existed (see stage-time.ts).
   */
  workedSeconds?: number;
  /** When the stage's current run began (absent when it is not running). */
  runStartedAt?: string;
}

export interface BringUpProgress {
  clusterName: string;
  /**
   * Same value as the BringUpStage search attribute: a stage id, `awaiting-approval:<component>`,
   * `failed:<stage>`, `done`, or `done-with-failures` (the run ended with the cluster and CloudTower
   * up but an optional component failed: "completed with failures / 需关注").
   */
  phase: string;
  stages: StageProgress[];
  currentStep?: string;
  lastError?: string;
  awaitingApproval?: OptionalComponent;
  /**
   * When each open approval question falls to its fallback (ISO time), so a console can count down
   * even when the question opened while other stages ran (the phase then names a running stage).
   */
  approvalDeadlines?: Partial<Record<OptionalComponent, string>>;
  /** What `retry` would restart now; absent when nothing failed (then `retry` is refused). */
  retryable?: RetryAnswer;
  warnings: string[];
}

/** Phase of a run that ended with an optional component failed (BringUpStage, progress.phase). */
export const DONE_WITH_FAILURES = 'done-with-failures';

/** The stage of an optional component. */
export const COMPONENT_STAGE: Record<OptionalComponent, StageId> = {
  obs: 'observability',
  backup: 'backup',
  testload: 'test-load',
};

/**
 * What the `retry` Update restarted (its answer): a required stage from its first step, or the
 * failed optional components (each a new child workflow run).
 */
export type RetryAnswer =
  | {
      kind: 'stage';
      /** The first failed branch's stage and step (the only one in a sequential run). */
      stage: StageId;
      failedStep?: string;
      /**
       * Overlapped schedule, when more than one branch failed: every branch the retry reruns from
       * its first step, `stage`/`failedStep` being the first of them (docs/schedule.md).
       */
      branches?: { stage: StageId; failedStep?: string }[];
    }
  | { kind: 'components'; components: OptionalComponent[]; stages: StageId[] };

export function initialProgress(clusterName: string): BringUpProgress {
  return {
    clusterName,
    phase: 'pending',
    stages: STAGES.map((id) => ({ id, status: 'pending' })),
    warnings: [],
  };
}
