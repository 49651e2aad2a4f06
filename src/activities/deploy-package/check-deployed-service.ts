// The deploy service's live check of a package deployment's machine (`GET …/health`): one look, no
// waiting for a restart (the deployment's own check polls; this one reports now).
import { unhealthy } from '../support/check-outcome.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { CheckRequest, PackageServiceCheck } from '../../run/service-health.js';
import { checkPackageService } from './check-package-service.js';

export async function checkDeployedService(
  req: CheckRequest<PackageServiceCheck>,
): Promise<HealthCheckResult> {
  const { check } = req;
  try {
    const r = await checkPackageService({
      run: req.run,
      service: check.service,
      target: check.target,
      timeoutSeconds: Math.ceil(req.timeoutMs / 1000),
      checks: { ...check.checks, timeoutSeconds: 0 },
    });
    const parts = [
      `${check.service} ${r.serviceStatus}${r.pid ? ` (PID ${r.pid})` : ''}, version ${r.version ?? 'none'}`,
      ...r.checks.filter((c) => c.name !== 'service_status').map((c) => `${c.name}: ${c.message}`),
    ];
    return { name: check.name, status: r.healthy ? 'healthy' : 'unhealthy', message: parts.join('; ') };
  } catch (err) {
    return unhealthy(check.name, err);
  }
}
