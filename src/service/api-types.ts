// The bodies of seed 004's deploy-service API, field for field (snake_case as the seed writes them).
import type { HealthCheckResult } from '../run/health-check-result.js';

/** Seed 004 deployment status words (docs/decisions.md, "Deploy service"). */
export type DeploymentStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** Kubernetes pod phases, which seed 004's `details.pods[].phase` uses. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface Pod {
  name: string;
  phase: PodPhase;
  ready: boolean;
  /** Kubernetes pods (seed 004 PodStatus): container restarts and the node. */
  restarts?: number;
  node?: string;
}

export interface DeploymentInfoBody {
  deployment_id: string;
  status: DeploymentStatus;
  replicas: number;
  ready_replicas: number;
  updated_at: string;
  details: Record<string, unknown> & { pods: Pod[] };
}

export interface HealthBody {
  healthy: boolean;
  message: string;
  checks: HealthCheckResult[];
}

export interface LogEntry {
  timestamp: string;
  pod_name: string;
  container: string;
  message: string;
}

export interface LogsBody {
  logs: LogEntry[];
}
