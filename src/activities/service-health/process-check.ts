// Process check over SSH (seed 004 ProcessHealthCheck): log in as the machine's user and read the
// process table. Healthy when PID 1 (the machine's init) is listed; the message names it and the
// count. Which appliance daemons to require is left open (docs/decisions.md, "Deploy service").
import { SshSession } from '../../smartx/index.js';
import { resolverFor, secret } from '../support/remote.js';
import { unhealthy, within } from '../support/check-outcome.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckRequest, ProcessCheck } from '../../run/service-health.js';

export async function checkProcesses(req: CheckRequest<ProcessCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  let session: SshSession | undefined;
  try {
    const out = await within(req.timeoutMs, check.name, async () => {
      session = await SshSession.connect(
        { address: check.address, port: check.port, user: check.user, password: secret(check.password) },
        resolverFor(req.run),
        { readyTimeoutMs: req.timeoutMs },
      );
      return session.exec('ps -e -o pid=,comm=', { timeoutMs: req.timeoutMs });
    });
    const rows = out.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/, 2))
      .filter((r) => r.length === 2 && /^\d+$/.test(r[0]));
    const init = rows.find((r) => r[0] === '1');
    if (out.code !== 0 || !init) {
      return {
        name: check.name,
        status: 'unhealthy',
        message: `ps on ${check.address} exited ${out.code ?? out.signal}; PID 1 ${init ? 'listed' : 'not listed'}`,
      };
    }
    return {
      name: check.name,
      status: 'healthy',
      message: `${rows.length} processes on ${check.address} (PID 1: ${init[1]})`,
    };
  } catch (err) {
    return unhealthy(check.name, err);
  } finally {
    session?.close();
  }
}
