import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { FailureType } from '../../run/failure-types.js';
import { EndpointMapInvalid, EndpointNotMapped, SmartxHttpError, SshError } from '../../smartx/index.js';

export { FailureType, NON_RETRYABLE_FAILURES } from '../../run/failure-types.js';

/** Turns any error of a remote step into a failure that names the step, endpoint, answer and a fix. */
export function describeFailure(step: string, err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof EndpointNotMapped || err instanceof EndpointMapInvalid) {
    return ApplicationFailure.create({
      type: FailureType.notMapped,
      nonRetryable: true,
      message: `${step}: ${err.message}. Fix: add the address to the endpoint map (or use --direct on site).`,
    });
  }
  if (err instanceof SmartxHttpError) {
    const type =
      err.kind === 'auth'
        ? FailureType.auth
        : err.retryable
          ? FailureType.transient
          : FailureType.remoteRejected;
    const hint =
      err.kind === 'auth'
        ? 'check the credentials in the workbook'
        : err.retryable
          ? 'the appliance is busy or unreachable; the step is retried automatically'
          : 'the appliance rejected the request; check the workbook values it was built from';
    return ApplicationFailure.create({
      type,
      nonRetryable: !err.retryable,
      message: `${step}: ${err.message}. Fix: ${hint}.`,
    });
  }
  if (err instanceof SshError) {
    return ApplicationFailure.create({
      type: err.kind === 'auth' ? FailureType.auth : FailureType.transient,
      nonRetryable: !err.retryable,
      message: `${step}: ${err.message}${err.kind === 'auth' ? '. Fix: check the SSH user and password in the workbook.' : ''}`,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({ type: FailureType.transient, message: `${step}: ${message}` });
}

/**
 * Runs the body of an activity and converts whatever it throws with describeFailure. A
 * cancellation (the workflow or the operator cancelled, or the worker is shutting down) stays a
 * cancellation: turning it into a retryable failure would keep a cancelled step alive.
 */
export async function remoteStep<T>(step: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
    throw describeFailure(step, err);
  }
}

export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.invalidInput, nonRetryable: true, message });
}
