// Heartbeats while a single long call runs (an SSH handshake, an 8 MiB chunk on a slow link), so the
// activity's heartbeat timeout measures a dead worker, not a slow remote.
import { Context } from '@temporalio/activity';
import type { RunContext } from '../../run/input.js';

export async function whileHeartbeating<T>(
  run: RunContext,
  details: () => unknown,
  body: () => Promise<T>,
): Promise<T> {
  const ctx = Context.current();
  // The activity's own timeout when it has one (a step may be sized shorter than the run's profile).
  const timeoutMs = ctx.info.heartbeatTimeoutMs || run.timing.heartbeatTimeoutSeconds * 1000;
  const everyMs = Math.max(200, timeoutMs / 3);
  const timer = setInterval(() => ctx.heartbeat(details()), everyMs);
  try {
    return await body();
  } finally {
    clearInterval(timer);
  }
}
