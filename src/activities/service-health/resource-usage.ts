// Resource use of the cluster from the cluster API: CloudTower's `GET clusters` carries
// total/used CPU Hz and memory bytes per cluster (seed 003, the cluster record). Unhealthy above
// `maxPercent` of either, or when the cluster is not (yet) known to CloudTower.
import { CloudTowerRestClient } from '../../smartx/index.js';
import { resolverFor, secret } from '../support/remote.js';
import { unhealthy, within } from '../support/check-outcome.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckRequest, ResourceCheck } from '../../run/service-health.js';

const pct = (used: unknown, total: unknown): number | undefined =>
  typeof used === 'number' && typeof total === 'number' && total > 0 ? (used / total) * 100 : undefined;

export async function checkResourceUsage(req: CheckRequest<ResourceCheck>): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const rest = new CloudTowerRestClient(
      resolverFor(req.run),
      check.cloudtowerIp,
      { username: 'root', password: secret(check.password) },
      { timeoutMs: req.timeoutMs },
    );
    const clusters = await within(req.timeoutMs, check.name, () =>
      rest.getClusters({ name: check.clusterName }),
    );
    const cluster = clusters.find((c) => c.name === check.clusterName);
    if (!cluster) {
      return {
        name: check.name,
        status: 'unhealthy',
        message: `cluster ${check.clusterName} is not connected to CloudTower`,
      };
    }
    const cpu = pct(cluster.used_cpu_hz, cluster.total_cpu_hz);
    const mem = pct(cluster.used_memory_bytes, cluster.total_memory_bytes);
    const shown = (v: number | undefined) => (v === undefined ? 'unknown' : `${Math.round(v)}%`);
    const message = `CPU: ${shown(cpu)}, Memory: ${shown(mem)}`;
    const over = [cpu, mem].some((v) => v !== undefined && v > check.maxPercent);
    const unknown = cpu === undefined || mem === undefined;
    return {
      name: check.name,
      status: over || unknown ? 'unhealthy' : 'healthy',
      message: over ? `${message} (above ${check.maxPercent}%)` : message,
    };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}
