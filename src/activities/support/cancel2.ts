import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';

/** Throws a CancelledFailure when the activity was cancelled (checked between parts and steps). */
export function throwIfCancelled(): void {
  const signal = Context.current().cancellationSignal;
  if (signal.aborted) throw new CancelledFailure('activity cancelled');
}
