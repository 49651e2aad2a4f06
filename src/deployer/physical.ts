// The physical deployer (seed 004 PhysicalDeployer): `deployPackageWorkflow` rolls an artifact onto
// machines over SSH; `rollback` starts `rollbackPackageWorkflow` with every machine's earlier version,
// read from the deployment's own result (Temporal keeps it; no state of ours).
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import { physicalKinds } from '../service/package-kind.js';
import { deployPackageWorkflow, rollbackPackageWorkflow } from '../workflows/index.js';
import type {
  DeployPackageInput,
  PackageResult,
  RollbackPackageInput,
} from '../workflows/deploy-package/types.js';
import { finishedDeployment, refuseRepeatedRollback, startRollbackRun } from './rollback-run.js';
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
    const id = req.targetDeploymentId;
    const run = await finishedDeployment(client, id, 'deployPackageWorkflow');
    const input = run.input as DeployPackageInput;
    const result = run.result as PackageResult | undefined;
    if (!result?.machines) throw new DeployerError('deployer.noResult', { id });
    const deploymentId = req.deploymentId ?? `${id}-rollback`;
    await refuseRepeatedRollback(client, id, deploymentId);
    // Machines this deployment moved to its version go back to what they had before; machines it
    // rolled back itself, skipped or never switched already are there.
    const machines = result.machines.flatMap((m, i) =>
      m.phase === 'deployed' ? [{ target: input.targets[i], toVersion: m.previousVersion }] : [],
    );
    if (machines.length === 0) throw new DeployerError('deployer.nothingToRollBack', { id });
    const rollbackInput: RollbackPackageInput = {
      deploymentId: id,
      service: input.service,
      machines,
      checks: input.checks,
      concurrency: input.concurrency,
      run: input.run,
    };
    await startRollbackRun(client, rollbackPackageWorkflow, {
      id,
      rollbackId: deploymentId,
      taskQueue: run.taskQueue,
      input: rollbackInput,
      service: input.service,
    });
    return {
      deploymentId,
      taskQueue: run.taskQueue,
      plan: machines.map((m) => ({ machine: m.target.name, toVersion: m.toVersion })),
    };
  },
};
