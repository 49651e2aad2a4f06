// Short workflows the deploy service (src/service) starts on a run's task queue, so that the live
// checks and log reads run on the site's worker, where the site is reachable through the run's own
// endpoint resolver. One attempt each, bounded: a health answer is about now, not eventually.
import { ActivityFailure, proxyActivities, upsertMemo } from '@temporalio/workflow';
import type { DeployPackageActivities } from '../../activities/deploy-package/index.js';
import type { ServiceHealthActivities } from '../../activities/service-health/index.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckSpec, MachineLogLine, MachineLogRequest } from '../../run/service-health.js';
import type { RunContext } from '../../run/input.js';
import { healthCheck } from '../activity-options.js';

export interface HealthCheckInput {
  run: RunContext;
  checks: CheckSpec[];
  /** Bound of each check. */
  timeoutMs: number;
}

/** The checks and log reads of the deploy service, and the check of a deployed package. */
type HealthCheckActivities = ServiceHealthActivities & Pick<DeployPackageActivities, 'checkDeployedService'>;

const acts = (timeoutMs: number) => proxyActivities<HealthCheckActivities>(healthCheck({ timeoutMs }));

export async function healthCheckWorkflow(input: HealthCheckInput): Promise<HealthCheckResult[]> {
  const a = acts(input.timeoutMs);
  const one = async (check: CheckSpec): Promise<HealthCheckResult> => {
    const req = { run: input.run, timeoutMs: input.timeoutMs };
    try {
      switch (check.kind) {
        case 'http':
          return await a.checkHttpEndpoint({ ...req, check });
        case 'fisheye':
          return await a.checkFisheyeLogin({ ...req, check });
        case 'tcp':
          return await a.checkTcpPort({ ...req, check });
        case 'process':
          return await a.checkProcesses({ ...req, check });
        case 'resources':
          return await a.checkResourceUsage({ ...req, check });
        case 'package':
          return await a.checkDeployedService({ ...req, check });
      }
    } catch (err) {
      const cause = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
      return { name: check.name, status: 'unhealthy', message: `check did not finish: ${cause}` };
    }
  };
  const results = await Promise.all(input.checks.map(one));
  // The outcome as memo: `/metrics` counts health checks by result from Temporal's list alone.
  const unhealthy = results.filter((r) => r.status !== 'healthy').length;
  upsertMemo({ healthy: unhealthy === 0, checks: results.length, unhealthy });
  return results;
}

export async function machineLogWorkflow(req: MachineLogRequest): Promise<MachineLogLine[]> {
  return acts(req.timeoutMs).tailMachineLog(req);
}
