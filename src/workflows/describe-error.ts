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

/**
 * A failure as read once its step has given up: activity messages promise "the step is retried
 * automatically" while attempts remain, which is no longer true when the stage or child failed.
 */
export function afterRetriesEnded(message: string): string {
  return message
    .replace(/[;,.]?\s*the step is retried automatically\.?/gi, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/:\s*\./g, '.');
}
