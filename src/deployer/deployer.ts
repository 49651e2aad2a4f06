// The deployer interface (seed 004 `Deployer`): deploy, roll back, and the service's view of its
// deployments (info/health/logs through DeploymentKind). Deployments are Temporal runs; a deployer
// starts them. `physical` (SSH to machines) and `kubernetes` (docs/kubernetes-deployer.md); each
// takes its own kind of request.
import type { Client } from '@temporalio/client';
import { MESSAGES, type MessageKey } from '../i18n/index.js';
import { fill } from '../i18n/template.js';
import type { DeploymentKind } from '../service/deployer.js';
import type { DeployPackageInput } from '../workflows/deploy-package/types.js';

/** Seed 004 DeployRequest, as the CLI builds it: the deploy-package workflow's input and where it runs. */
export interface DeployRequest extends DeployPackageInput {
  deploymentId: string;
  /** The site's task queue (docs/sites.md): the run and all its steps go to that site's worker. */
  taskQueue: string;
  /** Search attributes/memo the CLI sets (site). */
  memo?: Record<string, unknown>;
}

/** Seed 004 RollbackDeployRequest: roll `targetDeploymentId` back; the rollback run gets `deploymentId`. */
export interface RollbackRequest {
  targetDeploymentId: string;
  deploymentId?: string;
}

export interface StartedDeployment {
  deploymentId: string;
  taskQueue: string;
  /** For a rollback: the machines and the version each goes back to (none: the service is stopped). */
  plan?: { machine: string; toVersion?: string }[];
}

export interface Deployer<Req = DeployRequest> {
  readonly name: string;
  deploy(client: Client, req: Req): Promise<StartedDeployment>;
  rollback(client: Client, req: RollbackRequest): Promise<StartedDeployment>;
  /** How the deploy service shows this deployer's runs (GetDeploymentInfo, HealthCheck, logs). */
  readonly kinds: DeploymentKind[];
}

/** Why a deployer refuses a request: a catalogue message, rendered in the operator's language. */
export class DeployerError extends Error {
  override readonly name = 'DeployerError';
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string>,
  ) {
    super(fill(MESSAGES[key].en, params));
  }
}
