// What the deploy-package workflow asks of a machine and what each step answers (seed 004's Artifact,
// CommandResult, ServiceStatus). Pure types: the workflows import them too.
import type { HealthCheckResult } from './health-check-result.js';
import type { RunContext } from './input.js';
import type { PlanSecret } from './run-plan.js';

/** One machine to deploy onto; its password is a reference the worker resolves. */
export interface DeployTarget {
  /** Name in results and the service's `pods` (host name, or the address). */
  name: string;
  /** Address as the plan (or --hosts) names it: always resolved through the endpoint resolver. */
  address: string;
  port?: number;
  user: string;
  password: PlanSecret;
}

/** The artifact as the worker inspected it (seed 004 Artifact). */
export interface PackageArtifact {
  /** Path on the worker's machine. */
  path: string;
  fileName: string;
  version: string;
  sha256: string;
  bytes: number;
}

/** Checks after the service reports active (seed 004: HTTP, TCP, process). */
export interface PackageChecks {
  /** URL of the service's health endpoint; host `localhost`/`127.0.0.1`/`{host}` means each machine. */
  http?: string;
  tcpPort?: number;
  /** Process name that must run (pgrep -x). */
  process?: string;
  /** How long the checks may take to pass after a restart. */
  timeoutSeconds: number;
}

export interface MachineRequest {
  run: RunContext;
  service: string;
  target: DeployTarget;
  timeoutSeconds?: number;
}

/** Seed 004 CommandResult for the step that changed the machine. */
export interface StepOutput {
  exitCode: number;
  /** Last lines of the command's output (never secrets: commands carry none). */
  outputTail: string;
}

export interface UploadResult {
  skipped: boolean;
  reason: string;
  bytes: number;
}

export interface ActivateResult extends StepOutput {
  /** The version `current` pointed to before (the backup to roll back to), if any. */
  previousVersion?: string;
  switched: boolean;
}

/** Seed 004 ServiceStatus plus the named checks. */
export interface MachineCheck extends StepOutput {
  healthy: boolean;
  /** systemd ActiveState: active, inactive, failed, … */
  serviceStatus: string;
  pid: number;
  /** Version `current` points to. */
  version?: string;
  checks: HealthCheckResult[];
}

export interface CleanupResult {
  removed: string[];
  kept: string[];
}

/**
 * The activity id of a machine's step (`<n>@<machine>`): unique in the run (n counts the steps), and
 * the run's log reads the machine back from it (activity arguments are encrypted; the id is not).
 */
export const machineActivityId = (n: number, machine: string) => `${n}@${machine}`;

/** The machine a step's activity id names, if it is one of machineActivityId's. */
export function machineOfActivityId(id: string | null | undefined): string | undefined {
  return /^\d+@(.+)$/.exec(id ?? '')?.[1];
}
