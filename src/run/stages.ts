/** The bring-up, in order. Stages 1–5 build the cluster and CloudTower; 6–9 finish and extend it. */
export const STAGES = [
  'prepare',
  'deploy-cluster',
  'configure-cluster',
  'deploy-cloudtower',
  'attach-cluster',
  'configure-cloudtower',
  'inspection',
  'observability',
  'backup',
] as const;

export type StageId = (typeof STAGES)[number];

export const OPTIONAL_COMPONENTS = ['obs', 'backup'] as const;
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
}

export interface BringUpProgress {
  clusterName: string;
  /** Same value as the BringUpStage search attribute: a stage id, `awaiting-approval:<component>`, `failed:<stage>` or `done`. */
  phase: string;
  stages: StageProgress[];
  currentStep?: string;
  lastError?: string;
  awaitingApproval?: OptionalComponent;
  warnings: string[];
}

export function initialProgress(clusterName: string): BringUpProgress {
  return {
    clusterName,
    phase: 'pending',
    stages: STAGES.map((id) => ({ id, status: 'pending' })),
    warnings: [],
  };
}
