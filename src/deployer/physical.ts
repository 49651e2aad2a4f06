// The physical deployer (seed 004 PhysicalDeployer): `deployPackageWorkflow` rolls an artifact onto
// machines over SSH; `rollback` starts `rollbackPackageWorkflow` with every machine's earlier version,
// read from the deployment's own result (Temporal keeps it; no state of ours).
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { physicalKinds } from '../service/package-kind.js';
import { readRun } from '../service/run-record.js';
import { deployPackageWorkflow, rollbackPackageWorkflow } from '../workflows/index.js';
import type {
  DeployPackageInput,
  PackageResult,
  RollbackPackageInput,
} from '../workflows/deploy-package/types.js';
import { DeployerError, type Deployer } from './deployer.js';

export const physicalDeployer: Deployer = {
  name: 'physical',
  kinds: physicalKinds,

  async deploy(client, req) {
    const input: DeployPackageInput = {
      service: req.service,
      artifactPath: req.artifactPath,
      targets: req.targets,
      keep: req.keep,
      concurrency: req.concurrency,
      checks: req.checks,
      run: req.run,
    };
    await client.workflow.start(deployPackageWorkflow, {
      workflowId: req.deploymentId,
      taskQueue: req.taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      memo: { service: req.service, ...req.memo },
    });
    return { deploymentId: req.deploymentId, taskQueue: req.taskQueue };
  },

  async rollback(client: Client, req) {
    const run = await readRun(client, req.targetDeploymentId, 2000);
    if (!run || run.workflowType !== 'deployPackageWorkflow')
      throw new DeployerError(
        `没有软件包部署 ${req.targetDeploymentId} / no package deployment ${req.targetDeploymentId}`,
      );
    if (run.temporalStatus === 'RUNNING')
      throw new DeployerError(
        `部署 ${req.targetDeploymentId} 仍在进行 / the deployment ${req.targetDeploymentId} is still running; roll back once it ended`,
      );
    const input = run.input as DeployPackageInput;
    const result = run.result as PackageResult | undefined;
    if (!result?.machines)
      throw new DeployerError(
        `部署 ${req.targetDeploymentId} 没有结果 / the deployment ${req.targetDeploymentId} has no result (it did not complete)`,
      );
    // Machines this deployment moved to its version go back to what they had before; machines it
    // rolled back itself, skipped or never switched already are there.
    const machines = result.machines.flatMap((m, i) =>
      m.phase === 'deployed' ? [{ target: input.targets[i], toVersion: m.previousVersion }] : [],
    );
    if (machines.length === 0)
      throw new DeployerError(
        `部署 ${req.targetDeploymentId} 没有可回滚的机器 / no machine of ${req.targetDeploymentId} runs its version: nothing to roll back`,
      );
    const rollbackInput: RollbackPackageInput = {
      deploymentId: req.targetDeploymentId,
      service: input.service,
      machines,
      checks: input.checks,
      concurrency: input.concurrency,
      run: input.run,
    };
    const deploymentId = req.deploymentId ?? `${req.targetDeploymentId}-rollback`;
    await client.workflow.start(rollbackPackageWorkflow, {
      workflowId: deploymentId,
      taskQueue: run.taskQueue,
      args: [rollbackInput],
      // A deployment is rolled back once; again only when that rollback did not succeed.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      memo: { service: input.service, rollbackOf: req.targetDeploymentId },
    });
    return {
      deploymentId,
      taskQueue: run.taskQueue,
      plan: machines.map((m) => ({ machine: m.target.name, toVersion: m.toVersion })),
    };
  },
};
