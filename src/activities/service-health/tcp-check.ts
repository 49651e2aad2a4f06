// TCP checks (seed 004 TCPHealthCheck): the port accepts a connection. The address goes through the
// run's endpoint resolver like every other connection (fail closed: an unmapped port is unhealthy).
import net from 'node:net';
import { resolverFor } from '../support/remote.js';
import { unhealthy, within } from './outcome.js';
import type { CheckRequest, HealthCheckResult, TcpCheck } from './types.js';

export async function checkTcpPort(req: CheckRequest<TcpCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const target = resolverFor(req.run).resolve(check.address, check.port);
    await within(
      req.timeoutMs,
      check.name,
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect({ host: target.host, port: target.port });
          socket.once('connect', () => {
            socket.destroy();
            resolve();
          });
          socket.once('error', (err) => {
            socket.destroy();
            reject(
              new Error(
                `${check.address}:${check.port}: ${(err as NodeJS.ErrnoException).code ?? err.message}`,
              ),
            );
          });
          socket.setTimeout(req.timeoutMs, () => {
            socket.destroy();
            reject(new Error(`${check.address}:${check.port}: connect timed out`));
          });
        }),
    );
    return {
      name: check.name,
      status: 'healthy',
      message: `TCP connection to ${check.address}:${check.port} successful`,
    };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}
