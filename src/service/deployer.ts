// The deployer interface of the service (seed 004 `Deployer`: info, health, logs; deploy and rollback
// are the workflows themselves). Each kind of deployment is one workflow type that implements it: the
// bring-up, the physical `deployPackage` and the Kubernetes deployer (docs/deploy-service.md).
import type { Client } from '@temporalio/client';
import type { HealthCheckResult } from '../run/health-check-result.js';
import type { CheckSpec, MachineLogRequest } from '../run/service-health.js';
import type { DeploymentStatus, LogEntry, Pod } from './api-types.js';
import type { RunRecord } from './run-record.js';

export interface DeploymentKind {
  /** The Temporal workflow type of this kind's runs. */
  workflowType: string;
  /** Label of the kind in /metrics. */
  kind: string;
  /** The units the deployment brings up, with their phase (seed 004 `details.pods`). */
  pods(run: RunRecord): Pod[];
  /** More of `details` (the bring-up adds its stages). */
  details(run: RunRecord): Record<string, unknown>;
  /** The live checks that apply to the run as far as it got. */
  healthChecks(run: RunRecord): CheckSpec[];
  /** How to read the log of a unit that is a machine; undefined when it has none. */
  machineLog(
    run: RunRecord,
    podName: string,
  ): Omit<MachineLogRequest, 'run' | 'lines' | 'timeoutMs'> | undefined;
  /** The deployment's status when Temporal's alone does not say it (a completed run that failed). */
  status?(run: RunRecord): DeploymentStatus | undefined;
  /** The result word for /metrics of a closed run, from its memo (default: from Temporal's status). */
  resultFromMemo?(memo: Record<string, unknown> | undefined): string | undefined;
  /** Rollbacks a closed run made, from its memo (hci_deploy_rollbacks). */
  rollbacksFromMemo?(memo: Record<string, unknown> | undefined): number;
  /** The run's connection settings, for the activities that run the checks. */
  runContext(run: RunRecord): MachineLogRequest['run'] | undefined;
  /**
   * Kinds whose units live elsewhere (Kubernetes pods): the units and checks read now on the site's
   * worker. Info and health use these instead of `pods` (which stays the fallback when no worker answers).
   */
  live?(
    client: Client,
    run: RunRecord,
    opts: LiveOptions,
  ): Promise<{ pods: Pod[]; checks: HealthCheckResult[] }>;
  /** A unit's log read on the site's worker (`pod_name`), for kinds whose units are not machines. */
  liveLog?(
    client: Client,
    run: RunRecord,
    podName: string,
    lines: number,
    opts: LiveOptions,
  ): Promise<LogEntry[]>;
}

export interface LiveOptions {
  /** Bound of each read on the worker. */
  checkTimeoutMs: number;
  /** How long the answer waits for the worker. */
  deadlineMs: number;
  /** For a health answer (counted in /metrics), not an info answer. */
  health?: boolean;
}
