import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from './failures.js';

export interface PollOptions {
  intervalSeconds: number;
  timeoutSeconds: number;
  /** Names what is awaited, for the timeout message and heartbeats. */
  what: string;
}

/**
 * Polls inside the activity (not as workflow timers, so history stays small), heartbeating each
 * round with `details()` so the Web UI and `watch` show where it stands. `check` returns a value to
 * finish or undefined to go on; cancellation of the activity interrupts the sleep.
 */
export async function pollUntil<T>(
  options: PollOptions,
  check: () => Promise<T | undefined>,
  details: () => unknown = () => ({ waitingFor: options.what }),
): Promise<T> {
  const ctx = Context.current();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    ctx.heartbeat(details());
    if (Date.now() > deadline) {
      throw ApplicationFailure.create({
        type: FailureType.timeout,
        message: `${options.what}: still not done after ${Math.round(options.timeoutSeconds)} s`,
      });
    }
    await ctx.sleep(options.intervalSeconds * 1000);
  }
}

/** Heartbeat details of the previous attempt of this activity (resume point), if any. */
export function resumeDetails<T>(): T | undefined {
  return Context.current().info.heartbeatDetails as T | undefined;
}
