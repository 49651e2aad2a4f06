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
  const everyMs = Math.max(200, (run.timing.heartbeatTimeoutSeconds * 1000) / 3);
  const timer = setInterval(() => ctx.heartbeat(details()), everyMs);
  try {
    return await body();
  } finally {
    clearInterval(timer);
  }
}
