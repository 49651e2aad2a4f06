// The checks a deploy request names (seed 004 HTTPHealthCheck, TCPHealthCheck, ProcessHealthCheck),
// for one machine. Every connection goes through the run's endpoint resolver (fail closed).
import http from 'node:http';
import https from 'node:https';
import { shellQuote } from '../../smartx/index.js';
import { checkTcpPort } from '../support/tcp-check.js';
import { unhealthy, within } from '../support/check-outcome.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import { resolverFor } from '../support/remote.js';
import type { Machine } from './machine.js';
import type { DeployTarget, PackageChecks } from '../../run/deploy-package.js';
import type { RunContext } from '../../run/input.js';

const LOCAL = new Set(['localhost', '127.0.0.1', '{host}', '%7Bhost%7D']);

/** The health URL for one machine: a local host name (`localhost`, `{host}`) means that machine. */
export function healthUrlFor(url: string, target: DeployTarget): URL {
  const u = new URL(url.replace('{host}', 'machine.invalid'));
  if (LOCAL.has(u.hostname) || u.hostname === 'machine.invalid') u.hostname = target.address;
  return u;
}

async function httpCheck(run: RunContext, url: URL, timeoutMs: number): Promise<HealthCheckResult> {
  const name = 'http_check';
  try {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const to = resolverFor(run).resolve(url.hostname, port);
    const status = await within(
      timeoutMs,
      name,
      () =>
        new Promise<number>((resolve, reject) => {
          const lib = url.protocol === 'https:' ? https : http;
          const req = lib.get(
            {
              host: to.host,
              port: to.port,
              path: `${url.pathname}${url.search}`,
              headers: { host: url.host },
              servername: url.hostname,
              timeout: timeoutMs,
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.once('timeout', () => req.destroy(new Error('no answer in time')));
          req.once('error', (err) =>
            reject(new Error(`${url.host}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)),
          );
        }),
    );
    // As `curl -f` in seed 004's deploy.sh: a 2xx answer is healthy.
    return status >= 200 && status < 300
      ? { name, status: 'healthy', message: `HTTP ${status} from ${url.href}` }
      : { name, status: 'unhealthy', message: `Expected 2xx, got ${status} from ${url.href}` };
  } catch (err) {
    return unhealthy(name, err);
  }
}

async function processCheck(m: Machine, processName: string): Promise<HealthCheckResult> {
  const name = 'process_check';
  try {
    const r = await m.root(`pgrep -x ${shellQuote(processName)}`);
    const pids = r.output.trim().split(/\s+/).filter(Boolean).join(',');
    return r.code === 0
      ? { name, status: 'healthy', message: `Process ${processName} running (PID: ${pids})` }
      : { name, status: 'unhealthy', message: `Process ${processName} not running` };
  } catch (err) {
    return unhealthy(name, err);
  }
}

export async function appChecks(
  run: RunContext,
  m: Machine,
  target: DeployTarget,
  checks: PackageChecks,
  timeoutMs: number,
): Promise<HealthCheckResult[]> {
  const out: HealthCheckResult[] = [];
  if (checks.http) out.push(await httpCheck(run, healthUrlFor(checks.http, target), timeoutMs));
  if (checks.tcpPort !== undefined) {
    const r = await checkTcpPort({
      run,
      timeoutMs,
      check: { kind: 'tcp', name: 'tcp_check', address: target.address, port: checks.tcpPort },
    });
    out.push(r);
  }
  if (checks.process) out.push(await processCheck(m, checks.process));
  return out;
}
