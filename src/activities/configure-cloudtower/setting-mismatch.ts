import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../support/failures.js';

export function mismatch(step: string, field: string, wanted: unknown, got: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.remoteRejected,
    nonRetryable: true,
    message: `${step}: CloudTower answered ${field} = ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}. Fix: check the cluster settings in CloudTower; the update did not take effect.`,
  });
}
