// Live work on the site's worker: the service starts a short workflow on the run's task queue and
// waits for it with a deadline. No worker answering in time is an answer too (unhealthy), and the
// stray workflow is ended so it cannot run checks later than asked.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HealthCheckResult } from '../run/health-check-result.js';
import type { CheckSpec, MachineLogLine, MachineLogRequest } from '../run/service-health.js';
import type { RunContext } from '../run/input.js';
import { healthCheckWorkflow, machineLogWorkflow } from '../workflows/service/health-check.js';

export class NoWorkerAnswer extends Error {
  override readonly name = 'NoWorkerAnswer';
}

export async function withDeadline<T>(
  client: Client,
  workflowId: string,
  deadlineMs: number,
  result: Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new NoWorkerAnswer(
            `the site's worker did not answer within ${Math.round(deadlineMs / 1000)} s (is a worker running on the run's task queue?)`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([result, late]);
  } catch (err) {
    if (err instanceof NoWorkerAnswer) {
      await client.workflow
        .getHandle(workflowId)
        .terminate('deploy service: no answer in time')
        .catch(() => undefined);
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export async function runHealthChecks(
  client: Client,
  opts: {
    deploymentId: string;
    taskQueue: string;
    run: RunContext;
    checks: CheckSpec[];
    checkTimeoutMs: number;
    deadlineMs: number;
  },
): Promise<HealthCheckResult[]> {
  const workflowId = `${opts.deploymentId}/health-${randomUUID().slice(0, 8)}`;
  const handle = await client.workflow.start(healthCheckWorkflow, {
    workflowId,
    taskQueue: opts.taskQueue,
    args: [{ run: opts.run, checks: opts.checks, timeoutMs: opts.checkTimeoutMs }],
    workflowExecutionTimeout: opts.deadlineMs + 30_000,
  });
  return withDeadline(client, workflowId, opts.deadlineMs, handle.result());
}

export async function readMachineLog(
  client: Client,
  opts: { deploymentId: string; taskQueue: string; request: MachineLogRequest; deadlineMs: number },
): Promise<MachineLogLine[]> {
  const workflowId = `${opts.deploymentId}/log-${randomUUID().slice(0, 8)}`;
  const handle = await client.workflow.start(machineLogWorkflow, {
    workflowId,
    taskQueue: opts.taskQueue,
    args: [opts.request],
    workflowExecutionTimeout: opts.deadlineMs + 30_000,
  });
  return withDeadline(client, workflowId, opts.deadlineMs, handle.result());
}
