// TCP checks (seed 004 TCPHealthCheck): the port accepts a connection. The address goes through the
// run's endpoint resolver like every other connection (fail closed: an unmapped port is unhealthy).
// The service's live checks and a package deployment's checks both run it.
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckRequest, TcpCheck } from '../../run/service-health.js';
import { unhealthy, within } from './check-outcome.js';
import { probeTcpPort } from './probe-tcp-port.js';
import { resolverFor } from './remote.js';

export async function checkTcpPort(req: CheckRequest<TcpCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const target = resolverFor(req.run).resolve(check.address, check.port);
    const probe = await within(req.timeoutMs, check.name, () =>
      probeTcpPort(
        { address: check.address, port: check.port, connectHost: target.host, connectPort: target.port },
        req.timeoutMs,
      ),
    );
    if (!probe.open) {
      const why = probe.reason === 'timeout' ? 'connect timed out' : probe.reason;
      throw new Error(`${check.address}:${check.port}: ${why}`);
    }
    return {
      name: check.name,
      status: 'healthy',
      message: `TCP connection to ${check.address}:${check.port} successful`,
    };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}
