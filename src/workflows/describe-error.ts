import { ActivityFailure, ChildWorkflowFailure, TemporalFailure, TimeoutFailure } from '@temporalio/workflow';
import { coded } from '../i18n/coded.js';

/**
 * The innermost message of an activity or child-workflow failure: what the operator needs to read.
 * A step that kept failing until its retry budget (a time) was spent says so, with the fix, around
 * its last error (issue 23 point 3).
 */
export function describeError(err: unknown): string {
  let current: unknown = err;
  let budgetSpent = false;
  while (current instanceof ActivityFailure || current instanceof ChildWorkflowFailure) {
    if (current instanceof ActivityFailure && current.retryState === 'TIMEOUT') budgetSpent = true;
    if (!current.cause) break;
    current = current.cause;
  }
  // The schedule-to-close timeout carries the last attempt's failure as its cause.
  if (current instanceof TimeoutFailure && current.timeoutType === 'SCHEDULE_TO_CLOSE') {
    budgetSpent = true;
    if (current.cause) current = current.cause;
  }
  const message =
    current instanceof TemporalFailure || current instanceof Error ? current.message : String(current);
  return budgetSpent ? coded('failure.retryBudgetSpent', { detail: afterRetriesEnded(message) }) : message;
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

/** The message of a step's failure one level down (the activity's own message), for a step's row. */
export function messageOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
