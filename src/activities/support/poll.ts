import { Context } from '@temporalio/activity';
import { SmartxHttpError } from '../../smartx/index.js';
import { describeFailure, pollTimedOut } from './failures.js';

interface PollOptions {
  intervalSeconds: number;
  timeoutSeconds: number;
  /** Names what is awaited, for the timeout message and heartbeats. */
  what: string;
  /** The appliance job awaited, named in the operator's message when the bound passes. */
  job?: { id: string; address: string };
}

/**
 * A remote hiccup a poll waits out: 5xx/429, a reset, a refused connection or a timeout
 * (`SmartxHttpError.retryable`). Anything else (a failed job, a rejection, bad credentials) ends it.
 */
export function isTransient(err: unknown): boolean {
  return err instanceof SmartxHttpError && err.retryable;
}

/**
 * A poll round heartbeats at most this often. Each heartbeat is encoded and encrypted (the payload
 * codec) and handed to the SDK's core, which sends at most one per HEARTBEAT_THROTTLE (2 s) anyway:
 * at a rehearsal's 50 ms rounds, ten sites spent a good part of the worker's busiest moments
 * encrypting heartbeats nobody would receive. A round's details are progress; what a retry must
 * find (a job's id right after its create) each activity heartbeats itself, at once.
 */
const POLL_HEARTBEAT_MS = 1000;

/** A heartbeat of `details()` that sends at most once per POLL_HEARTBEAT_MS (the first call sends). */
export function throttledHeartbeat(details: () => unknown): () => void {
  const ctx = Context.current();
  let last = -Infinity;
  return () => {
    if (Date.now() - last < POLL_HEARTBEAT_MS) return;
    last = Date.now();
    ctx.heartbeat(details());
  };
}

/**
 * Polls inside the activity (not as workflow timers, so history stays small), heartbeating each
 * round with `details()` so the Web UI and `watch` show where it stands. `check` returns a value to
 * finish or undefined to go on; cancellation of the activity interrupts the sleep. A transient error
 * of one round is logged and the poll goes on within its time bound (a 503 while an install runs
 * must not cost the attempt); when the bound passes, the last such error is the failure.
 */
export async function pollUntil<T>(
  options: PollOptions,
  check: () => Promise<T | undefined>,
  details: () => unknown = () => ({ waitingFor: options.what }),
): Promise<T> {
  const ctx = Context.current();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let transientInARow = 0;
  const heartbeat = throttledHeartbeat(details);
  for (;;) {
    let result: T | undefined;
    try {
      result = await check();
      transientInARow = 0;
    } catch (err) {
      if (!isTransient(err)) throw err;
      transientInARow++;
      if (Date.now() > deadline) throw describeFailure(options.what, err);
      ctx.log.warn('poll: transient error, polling on', {
        what: options.what,
        inARow: transientInARow,
        error: (err as Error).message,
      });
    }
    if (result !== undefined) return result;
    heartbeat();
    if (Date.now() > deadline) {
      throw pollTimedOut(options.what, Math.round(options.timeoutSeconds), options.job);
    }
    await ctx.sleep(options.intervalSeconds * 1000);
  }
}

/** Heartbeat details of the previous attempt of this activity (resume point), if any. */
export function resumeDetails<T>(): T | undefined {
  return Context.current().info.heartbeatDetails as T | undefined;
}
