import { ApplicationFailure } from '@temporalio/common';
import { remoteRejected } from '../support/failures.js';

export function mismatch(step: string, field: string, wanted: unknown, got: unknown): ApplicationFailure {
  return remoteRejected(
    `${step}: CloudTower answered ${field} = ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}. Fix: check the cluster settings in CloudTower; the update did not take effect.`,
  );
}
