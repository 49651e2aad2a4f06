import type { ActivityOptions } from '@temporalio/workflow';
import type { ScannedHost } from '../../activities/prepare/index.js';
import type { BringUpInput, RunContext } from '../../run/input.js';
import { retryBudget } from '../../run/timing.js';
import { NON_RETRYABLE_FAILURES } from '../../run/failure-types.js';
import type { RunTracker } from '../run-tracker.js';
import type { StageId } from '../../run/stages.js';

/** What a stage needs: the input, the tracker, and what earlier stages produced. */
export interface StageContext {
  input: BringUpInput;
  tracker: RunTracker;
  facts: RunFacts;
  step<T>(stage: StageId, name: string, body: () => Promise<T>): Promise<T>;
}

/** Results carried from stage to stage (kept in workflow memory, rebuilt on replay). */
export interface RunFacts {
  hostUuids: Record<string, string>;
  scans?: ScannedHost[];
  imagePath?: string;
  vmUuid?: string;
  placement?: { storagePolicyUuid: string; ovs: string; vlanUuid: string };
}

/**
 * Short remote calls: settings, lookups, small creates. Bounded by time, not by attempts: a worker
 * crash costs a heartbeat timeout, never the budget; permanent errors are non-retryable types.
 */
export function quickCallOptions({ timing }: RunContext): ActivityOptions {
  const budget = retryBudget(timing);
  return {
    startToCloseTimeout: '3 minutes',
    scheduleToCloseTimeout: `${Math.ceil(budget.quickSeconds)} seconds`,
    retry: {
      initialInterval: '2s',
      backoffCoefficient: 2,
      // Never below the initial interval (Temporal refuses such a policy at schedule time).
      maximumInterval: `${Math.ceil(Math.max(2, Math.min(60, budget.maxIntervalSeconds)))} seconds`,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
  };
}

/**
 * Activities that poll a remote job or task, or upload for hours: one attempt may take the whole
 * wait (start-to-close), all attempts together `retryBudgetFactor` times that (schedule-to-close).
 * No attempt cap: a killed worker is noticed by the heartbeat timeout and the attempt runs again,
 * resuming from its heartbeat; transient errors inside a poll do not end an attempt (pollUntil).
 */
export function pollingCallOptions({ timing }: RunContext, waitSeconds: number): ActivityOptions {
  const budget = retryBudget(timing);
  const attemptSeconds = Math.ceil(waitSeconds + 300);
  return {
    startToCloseTimeout: `${attemptSeconds} seconds`,
    scheduleToCloseTimeout: `${Math.ceil(attemptSeconds * budget.factor)} seconds`,
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: `${Math.ceil(Math.max(5, budget.maxIntervalSeconds))} seconds`,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
  };
}
