// What both deployers do around a rollback: read the finished deployment it undoes, refuse a second
// rollback of the same deployment (one is running, or one already succeeded), and start the rollback
// run under its own id, where another operator's rollback may have started in between.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import { CLI } from '../i18n/index.js';
import { readRun, type RunRecord } from '../service/run-record.js';
import { DeployerError } from './deployer.js';

/** The deployment `id`, a finished run of `workflowType`; else why it cannot be rolled back or scaled. */
export async function finishedDeployment(
  client: Client,
  id: string,
  workflowType: string,
): Promise<RunRecord> {
  const run = await readRun(client, id, 2000);
  if (!run || run.workflowType !== workflowType)
    throw new DeployerError('deployer.noDeployment', { id, command: `${CLI} list` });
  if (run.temporalStatus === 'RUNNING')
    throw new DeployerError('deployer.stillRunning', { id, command: `${CLI} watch ${id}` });
  return run;
}

const rollbackRunning = (id: string, rollback: string) =>
  new DeployerError('deployer.rollbackRunning', { id, rollback, command: `${CLI} watch ${rollback}` });

/** A deployment is rolled back once: again only when that rollback (run `rollbackId`) did not succeed. */
export async function refuseRepeatedRollback(client: Client, id: string, rollbackId: string): Promise<void> {
  const earlier = await client.workflow
    .getHandle(rollbackId)
    .describe()
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    });
  if (earlier?.status.name === 'RUNNING') throw rollbackRunning(id, rollbackId);
  if (earlier?.status.name === 'COMPLETED' && earlier.memo?.outcome === 'succeeded')
    throw new DeployerError('deployer.rollbackSucceeded', {
      id,
      rollback: rollbackId,
      command: `${CLI} status ${rollbackId}`,
    });
}

/** Starts the rollback run `rollbackId` of deployment `id` (a failed earlier rollback's id is reused). */
export async function startRollbackRun<I>(
  client: Client,
  workflow: (input: I) => Promise<unknown>,
  o: { id: string; rollbackId: string; taskQueue: string; input: I; service: string },
): Promise<void> {
  try {
    await client.workflow.start(workflow, {
      workflowId: o.rollbackId,
      taskQueue: o.taskQueue,
      args: [o.input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      memo: { service: o.service, rollbackOf: o.id },
    });
  } catch (err) {
    // Another operator's rollback started between the look and the start.
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw rollbackRunning(o.id, o.rollbackId);
    throw err;
  }
}
