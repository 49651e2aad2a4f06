import type { ActivityOptions } from '@temporalio/workflow';
import type { ScannedHost } from '../../activities/prepare/index.js';
import type { BringUpInput, RunContext } from '../../run/input.js';
import { NON_RETRYABLE_FAILURES } from '../failure-types.js';
import type { RunTracker } from '../run-tracker.js';
import type { StageId } from '../stages.js';

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

/** Short remote calls: settings, lookups, small creates. */
export function quickCallOptions({ timing }: RunContext): ActivityOptions {
  return {
    startToCloseTimeout: '3 minutes',
    retry: {
      initialInterval: '2s',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      maximumAttempts: 6,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
  };
}

/** Activities that poll a remote job or task; their own timeout bounds the wait. */
export function pollingCallOptions(
  { timing }: RunContext,
  waitSeconds: number,
  maximumAttempts = 4,
): ActivityOptions {
  return {
    startToCloseTimeout: `${Math.ceil(waitSeconds + 300)} seconds`,
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      maximumAttempts,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
  };
}
