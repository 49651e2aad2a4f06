// Turns whatever a check throws into an `unhealthy` answer: a health check reports, it never fails
// the workflow (a failing check is the information asked for). Messages never carry a secret: the
// clients already scrub them, and SSH errors name host and user only.
import type { HealthCheckResult } from '../../run/health-check-result.js';

export function unhealthy(name: string, err: unknown): HealthCheckResult {
  const message = err instanceof Error ? err.message : String(err);
  return { name, status: 'unhealthy', message: message.slice(0, 300) };
}

/** Rejects after `ms` so that no check outlives its bound, whatever the client's own timeouts are. */
export async function within<T>(ms: number, what: string, body: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([body(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
