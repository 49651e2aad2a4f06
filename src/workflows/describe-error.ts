import { ActivityFailure, ChildWorkflowFailure, TemporalFailure } from '@temporalio/workflow';

/** The innermost message of an activity or child-workflow failure: what the operator needs to read. */
export function describeError(err: unknown): string {
  let current: unknown = err;
  while (current instanceof ActivityFailure || current instanceof ChildWorkflowFailure) {
    if (!current.cause) break;
    current = current.cause;
  }
  if (current instanceof TemporalFailure || current instanceof Error) return current.message;
  return String(current);
}
