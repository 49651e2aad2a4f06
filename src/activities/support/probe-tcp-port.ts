// One TCP connect, used by stage 1's address prechecks and by the TCP health check.
import net from 'node:net';

interface PortProbe {
  /** The address as the plan names it. */
  address: string;
  port: number;
  /** Where the connection really goes (after the endpoint map); loopback in tests. */
  connectHost: string;
  connectPort: number;
}

interface PortProbeResult extends PortProbe {
  open: boolean;
  /** Why the port is closed: ECONNREFUSED, timeout, ... */
  reason?: string;
  elapsedMs: number;
}

/** One TCP connect, no payload: tells whether something listens at an address:port. */
export function probeTcpPort(probe: PortProbe, timeoutMs = 3000): Promise<PortProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: probe.connectHost, port: probe.connectPort });
    const finish = (open: boolean, reason?: string) => {
      socket.destroy();
      resolve({ ...probe, open, reason, elapsedMs: Date.now() - started });
    };
    socket.setTimeout(timeoutMs, () => finish(false, 'timeout'));
    socket.once('connect', () => finish(true));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, err.code ?? err.message));
  });
}
