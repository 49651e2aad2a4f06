// How a failed component child and its bring-up talk while the child stays open (issue 23 point 5):
// a closed execution's search attributes never change, so a child that failed must not close
// while the operator's `retry` may still rerun it, or `BringUpStage STARTS_WITH "failed:"` would
// list it after the retry succeeded. The child reports its failure to the parent and waits; the
// parent answers `rerun` (the operator's retry: the same execution runs its steps again) or
// `give-up` (the retry window ended, the operator skipped it, the run ends: the child closes failed).
import { defineSignal } from '@temporalio/workflow';
import type { StageId } from '../../run/stages.js';

/** Child → parent: the child's steps failed (attempt 1 is its first run); it waits for a decision. */
export interface ComponentFailure {
  stage: StageId;
  attempt: number;
  /** The innermost failure, as describeError reads it (what the parent's stage row shows). */
  message: string;
}

/** Not the operator's: the report leaves it out of the signals it shows. */
export const COMPONENT_FAILED_SIGNAL = 'component-failed';
export const componentFailedSignal = defineSignal<[ComponentFailure]>(COMPONENT_FAILED_SIGNAL);

export type ComponentDecision = 'rerun' | 'give-up';
/** Parent → child, only after the child's report. */
export const componentDecisionSignal = defineSignal<[ComponentDecision]>('component-decision');
