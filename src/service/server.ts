// The deploy service's HTTP API (seed 004): info, health and logs of a deployment (a Temporal run)
// and Prometheus metrics. Plain node:http: four GET routes need no framework. Every answer is JSON
// (metrics excepted), errors included; nothing secret is ever put in one (the run's payloads are
// read only to find addresses, and checks report status words and addresses).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { healthCheckWorkflow } from '../workflows/service/health-check.js';
import { kubernetesHealthWorkflow } from '../workflows/kubernetes/live.js';
import type { DeploymentInfoBody, HealthBody, LogEntry, LogsBody } from './api-types.js';
import type { HealthCheckResult } from '../run/health-check-result.js';
import { authorized } from './auth.js';
import { bringUpKind } from './bringup-kind.js';
import { physicalKinds } from './package-kind.js';
import { kubernetesKinds } from './kubernetes-kind.js';
import type { DeploymentKind } from './deployer.js';
import { readMachineLog, runHealthChecks, NoWorkerAnswer } from './live.js';
import { ServiceMetrics } from './metrics.js';
import { deploymentIdSchema, logsQuerySchema } from './params.js';
import { readRun, type RunRecord } from './run-record.js';
import { runEvents } from './run-events.js';
import { deploymentStatus } from './status.js';
import { hostHeaderAllowed } from '../config/host-header.js';

export interface DeployServiceOptions {
  client: Client;
  host: string;
  port: number;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Names besides IP literals and localhost that `Host` may carry (DNS rebinding is refused). */
  allowedHosts?: readonly string[];
  /** Bound of each live check (default 10 s). */
  checkTimeoutMs?: number;
  /** How long a health or log answer waits for the site's worker (default 45 s). */
  liveDeadlineMs?: number;
  /** How long the `progress` query may take before the answer stands on history alone (default 5 s). */
  queryTimeoutMs?: number;
  /** Deployment kinds served (default: the bring-up, package deployments and their rollbacks). */
  kinds?: DeploymentKind[];
}

export interface RunningDeployService {
  url: string;
  close(): Promise<void>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const PREFIX = '/internal/v1/deploy/';

/** The unit a live check is about: checks are named `<what>:<unit>[:<port>]` (`tcp:cloudtower:443`). */
const podOfCheck = (name: string): string | undefined => name.split(':')[1];

export async function startDeployService(opts: DeployServiceOptions): Promise<RunningDeployService> {
  const kinds = opts.kinds ?? [bringUpKind, ...physicalKinds, ...kubernetesKinds];
  const metrics = new ServiceMetrics(opts.client, kinds, [
    healthCheckWorkflow.name,
    kubernetesHealthWorkflow.name,
  ]);
  const checkTimeoutMs = opts.checkTimeoutMs ?? 10_000;
  const liveDeadlineMs = opts.liveDeadlineMs ?? 45_000;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 5_000;

  const deployment = async (rawId: string): Promise<{ run: RunRecord; kind: DeploymentKind }> => {
    const id = deploymentIdSchema.safeParse(rawId);
    if (!id.success)
      throw new HttpProblem(400, `bad deployment_id: ${id.error.issues[0]?.message ?? 'invalid'}`);
    const run = await readRun(opts.client, id.data, queryTimeoutMs);
    const kind = run && kinds.find((k) => k.workflowType === run.workflowType);
    if (!run || !kind) throw new HttpProblem(404, `no deployment ${id.data}`);
    return { run, kind };
  };

  const liveOpts = { checkTimeoutMs, deadlineMs: liveDeadlineMs };
  /** Units read now on the site's worker (kinds with `live`), or why they could not be. */
  const livePods = async (run: RunRecord, kind: DeploymentKind, forHealth = false) => {
    if (!kind.live) return undefined;
    try {
      return await kind.live(opts.client, run, { ...liveOpts, health: forHealth });
    } catch (err) {
      if (err instanceof NoWorkerAnswer) return { problem: err.message };
      return { problem: `live read failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  };

  const info = async (run: RunRecord, kind: DeploymentKind): Promise<DeploymentInfoBody> => {
    const now = await livePods(run, kind);
    const pods = now && 'pods' in now ? now.pods : kind.pods(run);
    return {
      deployment_id: run.deploymentId,
      status: kind.status?.(run) ?? deploymentStatus(run.temporalStatus, run.phase),
      replicas: pods.length,
      ready_replicas: pods.filter((p) => p.ready).length,
      updated_at: run.updatedAt.toISOString(),
      details: {
        pods,
        ...kind.details(run),
        ...(now && 'problem' in now ? { live_error: now.problem, pods_from: 'run result' } : {}),
      },
    };
  };

  const health = async (run: RunRecord, kind: DeploymentKind): Promise<HealthBody> => {
    if (kind.live) {
      const now = await livePods(run, kind, true);
      if (!now || 'problem' in now)
        return { healthy: false, message: now?.problem ?? 'no live view', checks: [] };
      const running = now.pods.filter((p) => p.ready && p.phase === 'Running').length;
      const checks = [
        {
          name: 'pod_status',
          status: running === now.pods.length && running > 0 ? ('healthy' as const) : ('unhealthy' as const),
          message: `${running}/${now.pods.length} pods running`,
        },
        ...now.checks,
      ];
      const bad = checks.filter((c) => c.status !== 'healthy');
      return {
        healthy: bad.length === 0,
        message:
          bad.length === 0
            ? `All ${checks.length} checks are healthy`
            : `${bad.length} of ${checks.length} checks unhealthy: ${bad.map((c) => c.name).join(', ')}`,
        checks,
      };
    }
    const pods = kind.pods(run);
    const context = kind.runContext(run);
    const specs = kind.healthChecks(run);
    let live: HealthCheckResult[] = [];
    let problem: string | undefined;
    if (context && specs.length > 0) {
      try {
        live = await runHealthChecks(opts.client, {
          deploymentId: run.deploymentId,
          taskQueue: run.taskQueue,
          run: context,
          checks: specs,
          checkTimeoutMs,
          deadlineMs: liveDeadlineMs,
        });
      } catch (err) {
        if (!(err instanceof NoWorkerAnswer)) throw err;
        problem = err.message;
      }
    }
    // A unit the run built counts as running only while its own live checks pass: `6/6 running`
    // next to a refused connection to one of them would not be true.
    const down = pods.filter(
      (p) => p.ready && live.some((c) => c.status !== 'healthy' && podOfCheck(c.name) === p.name),
    );
    const running = pods.filter((p) => p.ready).length - down.length;
    const podCheck: HealthCheckResult = {
      name: 'pod_status',
      status: running === pods.length ? 'healthy' : 'unhealthy',
      message:
        `${running}/${pods.length} pods running` +
        (down.length ? `; built but not answering: ${down.map((p) => p.name).join(', ')}` : ''),
    };
    const checks = [podCheck, ...live];
    const bad = checks.filter((c) => c.status !== 'healthy');
    const healthy = bad.length === 0 && !problem;
    return {
      healthy,
      message:
        problem ??
        (healthy
          ? `All ${checks.length} checks are healthy`
          : `${bad.length} of ${checks.length} checks unhealthy: ${bad.map((c) => c.name).join(', ')}`),
      checks,
    };
  };

  const logs = async (run: RunRecord, kind: DeploymentKind, query: URLSearchParams): Promise<LogsBody> => {
    const parsed = logsQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new HttpProblem(
        400,
        `bad query parameter ${i?.path.join('.') || ''}: ${i?.message ?? 'invalid'}`.trim(),
      );
    }
    const { lines, pod_name: podName } = parsed.data;
    if (podName !== undefined && podName !== run.deploymentId && kind.liveLog) {
      // The API server says whether the pod is one of the deployment's (404 otherwise).
      try {
        return { logs: await kind.liveLog(opts.client, run, podName, lines, liveOpts) };
      } catch (err) {
        // The activity's own message is at the end of the chain (workflow → activity → application failure).
        let inner: unknown = err;
        while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
        const text = inner instanceof Error ? inner.message : String(err);
        if (/k8s\.podUnknown|is not a pod of/.test(text))
          throw new HttpProblem(404, `deployment ${run.deploymentId} has no pod ${podName}`);
        throw new HttpProblem(502, `cannot read the log of ${podName}: ${text}`);
      }
    }
    if (
      podName !== undefined &&
      podName !== run.deploymentId &&
      !kind.pods(run).some((p) => p.name === podName)
    )
      throw new HttpProblem(404, `deployment ${run.deploymentId} has no pod ${podName}`);
    const machine = podName ? kind.machineLog(run, podName) : undefined;
    const context = kind.runContext(run);
    if (machine && context) {
      const read = await readMachineLog(opts.client, {
        deploymentId: run.deploymentId,
        taskQueue: run.taskQueue,
        request: { ...machine, run: context, lines, timeoutMs: checkTimeoutMs },
        deadlineMs: liveDeadlineMs,
      }).catch((err: unknown) => {
        throw new HttpProblem(
          502,
          `cannot read the log of ${podName}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      const now = new Date().toISOString();
      // The machine's lines carry their own time (when they do); `timestamp` is when they were read.
      return {
        logs: read.map((l): LogEntry => ({
          timestamp: now,
          pod_name: podName!,
          container: machine.path,
          message: l.message,
        })),
      };
    }
    return { logs: runEvents(run).slice(-lines) };
  };

  const route = async (
    req: http.IncomingMessage,
  ): Promise<{ status: number; body: unknown; text?: string; type?: string }> => {
    if (req.method !== 'GET') throw new HttpProblem(405, `method ${req.method ?? ''} not allowed`);
    const url = new URL(req.url ?? '/', 'http://service');
    if (url.pathname === '/metrics') {
      const m = await metrics.render();
      return { status: 200, body: undefined, text: m.text, type: m.contentType };
    }
    const m = /^\/internal\/v1\/deploy\/(info|health|logs)\/(.+)$/.exec(url.pathname);
    if (!m || !url.pathname.startsWith(PREFIX))
      throw new HttpProblem(404, `no such endpoint: ${url.pathname}`);
    let rawId: string;
    try {
      rawId = decodeURIComponent(m[2]);
    } catch {
      throw new HttpProblem(400, 'bad deployment_id: not URL-encoded correctly');
    }
    if (m[1] !== 'logs' && url.search) {
      const keys = [...url.searchParams.keys()];
      if (keys.length) throw new HttpProblem(400, `unknown query parameter ${keys[0]}`);
    }
    const { run, kind } = await deployment(rawId);
    if (m[1] === 'info') return { status: 200, body: await info(run, kind) };
    if (m[1] === 'health') return { status: 200, body: await health(run, kind) };
    return { status: 200, body: await logs(run, kind, url.searchParams) };
  };

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (!hostHeaderAllowed(req.headers.host, opts.allowedHosts)) {
      send(403, JSON.stringify({ error: 'Host is not an address of this service (see --allowed-host)' }));
      return;
    }
    if (!authorized(req.headers.authorization, opts.token)) {
      res.setHeader('www-authenticate', 'Bearer');
      send(401, JSON.stringify({ error: 'unauthorized: send Authorization: Bearer <token>' }));
      return;
    }
    route(req).then(
      (r) => (r.text !== undefined ? send(r.status, r.text, r.type) : send(r.status, JSON.stringify(r.body))),
      (err: unknown) => {
        if (err instanceof HttpProblem) send(err.status, JSON.stringify({ error: err.message }));
        else {
          // Internal detail stays in the service's log; the caller learns only that it failed.
          console.error('deploy service:', err instanceof Error ? err.message : String(err));
          send(500, JSON.stringify({ error: 'internal error' }));
        }
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host, port: opts.port }, resolve);
  });
  const addr = server.address() as AddressInfo;
  const h = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${h}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
