// The physical deployer (seed 004 PhysicalDeployer): `deployPackageWorkflow` rolls an artifact onto
// machines over SSH; `rollback` starts `rollbackPackageWorkflow` with every machine's earlier version,
// read from the deployment's own result (Temporal keeps it; no state of ours).
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import { CLI } from '../i18n/index.js';
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
    const id = req.targetDeploymentId;
    const run = await readRun(client, id, 2000);
    if (!run || run.workflowType !== 'deployPackageWorkflow')
      throw new DeployerError('deployer.noDeployment', { id, command: `${CLI} list` });
    if (run.temporalStatus === 'RUNNING')
      throw new DeployerError('deployer.stillRunning', { id, command: `${CLI} watch ${id}` });
    const input = run.input as DeployPackageInput;
    const result = run.result as PackageResult | undefined;
    if (!result?.machines) throw new DeployerError('deployer.noResult', { id });
    const deploymentId = req.deploymentId ?? `${id}-rollback`;
    // A deployment is rolled back once: again only when that rollback did not succeed.
    const earlier = await client.workflow
      .getHandle(deploymentId)
      .describe()
      .catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
    if (earlier?.status.name === 'RUNNING')
      throw new DeployerError('deployer.rollbackRunning', {
        id,
        rollback: deploymentId,
        command: `${CLI} watch ${deploymentId}`,
      });
    if (earlier?.status.name === 'COMPLETED' && earlier.memo?.outcome === 'succeeded')
      throw new DeployerError('deployer.rollbackSucceeded', {
        id,
        rollback: deploymentId,
        command: `${CLI} status ${deploymentId}`,
      });
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
    try {
      await client.workflow.start(rollbackPackageWorkflow, {
        workflowId: deploymentId,
        taskQueue: run.taskQueue,
        args: [rollbackInput],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        memo: { service: input.service, rollbackOf: id },
      });
    } catch (err) {
      // Another operator's rollback started between the look and the start.
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        throw new DeployerError('deployer.rollbackRunning', {
          id,
          rollback: deploymentId,
          command: `${CLI} watch ${deploymentId}`,
        });
      throw err;
    }
    return {
      deploymentId,
      taskQueue: run.taskQueue,
      plan: machines.map((m) => ({ machine: m.target.name, toVersion: m.toVersion })),
    };
  },
};
