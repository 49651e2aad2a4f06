// What the deploy service asks a site's worker to check, and what each check answers (seed 004's
// HealthCheck, health-check-result.ts). Pure types: the health workflow imports them too.
import type { DeployTarget, PackageChecks } from './deploy-package.js';
import type { RunContext } from './input.js';
import type { PlanSecret } from './run-plan.js';

/** An HTTP(S) 2xx/3xx from the product's page at `address` (a 404 or 5xx is not the product serving). */
export interface HttpCheck {
  kind: 'http';
  name: string;
  address: string;
  scheme: 'http' | 'https';
  path: string;
}

/** Fisheye answers a login with the plan's admin (its API works, not only its port). */
export interface FisheyeCheck {
  kind: 'fisheye';
  name: string;
  vip: string;
  user: string;
  password: PlanSecret;
}

/** A TCP connection to `address:port` opens. */
export interface TcpCheck {
  kind: 'tcp';
  name: string;
  address: string;
  port: number;
}

/** Over SSH, the machine's process table is readable and its PID 1 runs (see docs/decisions.md). */
export interface ProcessCheck {
  kind: 'process';
  name: string;
  address: string;
  port?: number;
  user: string;
  password: PlanSecret;
}

/** CPU and memory use of the cluster from CloudTower's cluster API (GET clusters). */
export interface ResourceCheck {
  kind: 'resources';
  name: string;
  cloudtowerIp: string;
  password: PlanSecret;
  clusterName: string;
  /** Above this percentage of CPU or memory the check is unhealthy. */
  maxPercent: number;
}

/** A service deployed by deploy-package on one machine: systemd state, then the request's checks. */
export interface PackageServiceCheck {
  kind: 'package';
  name: string;
  service: string;
  target: DeployTarget;
  checks: PackageChecks;
}

export type CheckSpec =
  HttpCheck | FisheyeCheck | TcpCheck | ProcessCheck | ResourceCheck | PackageServiceCheck;

export interface CheckRequest<S extends CheckSpec = CheckSpec> {
  run: RunContext;
  check: S;
  /** Bound of the check itself; the activity's start-to-close timeout is a little longer. */
  timeoutMs: number;
}

export interface MachineLogRequest {
  run: RunContext;
  address: string;
  port?: number;
  user: string;
  password: PlanSecret;
  /** Absolute path of the log on the machine. */
  path: string;
  lines: number;
  /** Read it as root (the log is root's). */
  asRoot: boolean;
  timeoutMs: number;
}

export interface MachineLogLine {
  /** Line as written (the machine's own timestamp, when it writes one, stays inside). */
  message: string;
}
