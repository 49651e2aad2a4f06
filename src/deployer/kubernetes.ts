// The Kubernetes deployer (seed 004 KubernetesDeployer): `deployKubernetesWorkflow` applies the
// request's Deployment and Service and rolls back on failure; `rollback` starts
// `rollbackKubernetesWorkflow` to the revision that was live before the deployment, read from the
// deployment's own result (Temporal keeps it; no state of ours); `scale` starts
// `scaleKubernetesWorkflow`. The API server is only ever called by the site's worker.
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type {
  DeployKubernetesInput,
  KubernetesResult,
  RollbackKubernetesInput,
  ScaleKubernetesInput,
} from '../run/kubernetes.js';
import { kubernetesKinds } from '../service/kubernetes-kind.js';
import {
  deployKubernetesWorkflow,
  rollbackKubernetesWorkflow,
  scaleKubernetesWorkflow,
} from '../workflows/index.js';
import { finishedDeployment, refuseRepeatedRollback, startRollbackRun } from './rollback-run.js';
import { DeployerError, type Deployer, type RollbackRequest, type StartedDeployment } from './deployer.js';

/** Seed 004 DeployRequest for Kubernetes: the workflow's input and where it runs. */
export interface KubernetesDeployRequest extends DeployKubernetesInput {
  taskQueue: string;
  memo?: Record<string, unknown>;
}

async function closedDeployment(client: Client, id: string) {
  const run = await finishedDeployment(client, id, 'deployKubernetesWorkflow');
  const input = run.input as DeployKubernetesInput;
  const result = run.result as KubernetesResult | undefined;
  if (!result) throw new DeployerError('deployer.noResult', { id });
  return { run, input, result };
}

export const kubernetesDeployer: Deployer<KubernetesDeployRequest> & {
  scale(
    client: Client,
    req: { targetDeploymentId: string; replicas: number; deploymentId?: string },
  ): Promise<StartedDeployment>;
} = {
  name: 'kubernetes',
  kinds: kubernetesKinds,

  async deploy(client, req) {
    const { taskQueue, memo, ...input } = req;
    await client.workflow.start(deployKubernetesWorkflow, {
      workflowId: req.deploymentId,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      memo: { service: req.app.name, namespace: req.app.namespace, ...memo },
    });
    return { deploymentId: req.deploymentId, taskQueue };
  },

  async rollback(client: Client, req: RollbackRequest) {
    const id = req.targetDeploymentId;
    const { run, input, result } = await closedDeployment(client, id);
    // Rolled back already (automatically), or nothing was live before it.
    if (result.rollbacks > 0 || !result.previous)
      throw new DeployerError('deployer.nothingToRollBack', { id });
    const deploymentId = req.deploymentId ?? `${id}-rollback`;
    await refuseRepeatedRollback(client, id, deploymentId);
    const rollbackInput: RollbackKubernetesInput = {
      deploymentId: id,
      app: { name: input.app.name, namespace: input.app.namespace },
      cluster: input.cluster,
      to: result.previous,
      rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
      maxRestarts: input.maxRestarts,
      run: input.run,
    };
    await startRollbackRun(client, rollbackKubernetesWorkflow, {
      id,
      rollbackId: deploymentId,
      taskQueue: run.taskQueue,
      input: rollbackInput,
      service: input.app.name,
    });
    return {
      deploymentId,
      taskQueue: run.taskQueue,
      plan: [{ machine: `${input.app.namespace}/${input.app.name}`, toVersion: result.previous.version }],
    };
  },

  async scale(client, req) {
    const id = req.targetDeploymentId;
    const { run, input } = await closedDeployment(client, id);
    const deploymentId = req.deploymentId ?? `${id}-scale-${Date.now().toString(36)}`;
    const scaleInput: ScaleKubernetesInput = {
      deploymentId: id,
      app: { name: input.app.name, namespace: input.app.namespace },
      cluster: input.cluster,
      replicas: req.replicas,
      rolloutTimeoutSeconds: input.rolloutTimeoutSeconds,
      maxRestarts: input.maxRestarts,
      run: input.run,
    };
    await client.workflow.start(scaleKubernetesWorkflow, {
      workflowId: deploymentId,
      taskQueue: run.taskQueue,
      args: [scaleInput],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      memo: { service: input.app.name, scaleOf: id },
    });
    return { deploymentId, taskQueue: run.taskQueue };
  },
};
