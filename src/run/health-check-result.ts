// What one health check answers (seed 004's HealthCheck: name, status, message): the service's live
// checks (service-health.ts) and a package deployment's checks (deploy-package.ts) both report it.
export type CheckStatus = 'healthy' | 'unhealthy';

export interface HealthCheckResult {
  name: string;
  status: CheckStatus;
  message: string;
}
