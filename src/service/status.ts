// Temporal's view of a run in seed 004's words. The seed shows only `running`; the others are the
// usual deploy-status words (docs/decisions.md, "Deploy service").
import type { DeploymentStatus, PodPhase } from './api-types.js';

/**
 * A running bring-up whose phase is `failed:<stage>` waits for the operator's `retry`: `failed`
 * while it stays so (the fix is the operator's). `awaiting-approval:*` is `waiting`.
 */
export function deploymentStatus(temporalStatus: string, phase?: string): DeploymentStatus {
  switch (temporalStatus) {
    case 'RUNNING':
      if (phase?.startsWith('failed:')) return 'failed';
      if (phase?.startsWith('awaiting-approval')) return 'waiting';
      return !phase || phase === 'pending' ? 'pending' : 'running';
    case 'COMPLETED':
      return 'succeeded';
    case 'CANCELLED':
    case 'TERMINATED':
      return 'cancelled';
    default:
      return 'failed';
  }
}

/** A unit's phase from the status (StageStatus, or a summary's) of the stage that brings it up. */
export function podPhase(stage: string | undefined): PodPhase {
  switch (stage) {
    case 'done':
      return 'Running';
    case 'failed':
      return 'Failed';
    case 'pending':
    case 'running':
    case 'awaiting-approval':
      return 'Pending';
    default:
      return 'Unknown';
  }
}
