// One bring-up on the test dev server with stub activities: a worker of its own registers the
// stubs, `body` drives the run through its handle, then the worker and connections close.
import type { WorkflowHandle } from '@temporalio/client';
import type { BringUpInput } from '../../src/run/input.js';
import type { BringUpProgress } from '../../src/run/stages.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { approveSignal, progressQuery } from '../../src/workflows/messages.js';
import { clusterNameKey } from '../../src/workflows/search-attributes.js';
import type { StubActivities } from './stub-activities.js';
import { testClient, testWorker, uniqueTaskQueue } from './temporal.js';

export type Handle = WorkflowHandle<typeof bringUpWorkflow>;

export async function runStubbed<T>(
  stubs: StubActivities,
  input: BringUpInput,
  body: (handle: Handle) => Promise<T>,
  start: { approveFirst?: 'obs' | 'backup' } = {},
): Promise<T> {
  const { client, connection } = await testClient();
  const taskQueue = uniqueTaskQueue('orchestration');
  const { worker, connection: wc } = await testWorker(taskQueue, { activities: stubs.activities });
  const options = {
    taskQueue,
    workflowId: `test-orchestration-${taskQueue}`,
    typedSearchAttributes: [{ key: clusterNameKey, value: input.plan.clusterName }],
    args: [input] as [BringUpInput],
  };
  try {
    // signalWithStart puts the signal in the history before the first workflow task: the run
    // receives the decision before it reaches the question.
    const handle = start.approveFirst
      ? await client.workflow.signalWithStart(bringUpWorkflow, {
          ...options,
          signal: approveSignal,
          signalArgs: [start.approveFirst],
        })
      : await client.workflow.start(bringUpWorkflow, options);
    return await worker.runUntil(body(handle as Handle));
  } finally {
    await wc.close();
    await connection.close();
  }
}

/** Polls the progress query until `test` holds (or fails after `ms`). */
export async function progressWhen(
  handle: Handle,
  test: (p: BringUpProgress) => boolean,
  what: string,
  ms = 20_000,
): Promise<BringUpProgress> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = await handle.query(progressQuery).catch(() => undefined);
    if (p && test(p)) return p;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${p?.phase})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls until the run's phase is `phase`; a run that ends before it fails the wait at once. */
export function untilPhase(handle: Handle, phase: string, ms = 180_000): Promise<BringUpProgress> {
  return progressWhen(
    handle,
    (p) => {
      if (p.phase !== phase && p.phase.startsWith('done'))
        throw new Error(`the run ended (${p.phase}) before ${phase}`);
      return p.phase === phase;
    },
    phase,
    ms,
  );
}
