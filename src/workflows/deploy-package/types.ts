// Inputs, per-machine results and the live progress of package deployments (seed 004 DeployRequest,
// DeployResult). Pure types and one query definition: workflows, the CLI and the service import them.
import { defineQuery } from '@temporalio/workflow';
import type { DeployTarget, PackageChecks } from '../../run/deploy-package.js';
import type { HealthCheckResult } from '../../run/health-check-result.js';
import type { RunContext } from '../../run/input.js';

export interface DeployPackageInput {
  service: string;
  /** The .tar.gz on the worker's machine. */
  artifactPath: string;
  targets: DeployTarget[];
  /** Releases kept on each machine (the current one and the backup are always kept). */
  keep: number;
  /** Machines deployed at the same time after the canary. */
  concurrency: number;
  checks: PackageChecks;
  run: RunContext;
}

export type MachinePhase = 'pending' | 'deploying' | 'deployed' | 'rolled-back' | 'failed' | 'skipped';

/** One machine's result (seed 004 CommandResult + ServiceStatus), as `status` and the service show it. */
export interface MachineResult {
  name: string;
  address: string;
  phase: MachinePhase;
  /** The step running now or the last one run. */
  step?: string;
  /** Version `current` names now (after a rollback: the restored one). */
  version?: string;
  /** Version before this deployment (the backup). */
  previousVersion?: string;
  upload?: string;
  serviceStatus?: string;
  pid?: number;
  exitCode?: number;
  outputTail?: string;
  checks?: HealthCheckResult[];
  /** Why the machine was rolled back or failed. */
  error?: string;
}

export interface PackageProgress {
  kind: 'package' | 'rollback';
  service: string;
  version?: string;
  sha256?: string;
  phase: 'inspect' | 'canary' | 'rollout' | 'done';
  machines: MachineResult[];
  /** Machines rolled back (automatically, or by a rollback run). */
  rollbacks: number;
  /** For a rollback run: the deployment it rolls back. */
  rollbackOf?: string;
}

export interface PackageResult extends PackageProgress {
  outcome: 'succeeded' | 'failed';
}

export interface RollbackPackageInput {
  deploymentId: string;
  service: string;
  /** Each machine with the version to return to (none: stop the service, remove `current`). */
  machines: { target: DeployTarget; toVersion?: string }[];
  checks: PackageChecks;
  concurrency: number;
  run: RunContext;
}

export const packageProgressQuery = defineQuery<PackageProgress>('progress');
