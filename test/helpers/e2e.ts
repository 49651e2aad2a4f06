// The frame of an end-to-end test: a rehearsal site, a client and an in-process worker on a task
// queue of its own, all closed again however the body ends.
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { startBringUpEnv, type BringUpEnv } from './bringup-env.js';
import { assertNoLenientPath } from './lenient.js';
import { testClient, testWorker, uniqueTaskQueue } from './temporal.js';

export interface E2eContext {
  env: BringUpEnv;
  client: Client;
  taskQueue: string;
  worker: Worker;
}

export async function withSite<T>(
  prefix: string,
  opts: Parameters<typeof startBringUpEnv>[0],
  body: (ctx: E2eContext) => Promise<T>,
): Promise<T> {
  const env = await startBringUpEnv(opts);
  const { client, connection } = await testClient();
  const taskQueue = uniqueTaskQueue(prefix);
  const { worker, connection: workerConnection } = await testWorker(taskQueue);
  try {
    const out = await body({ env, client, taskQueue, worker });
    // Every end-to-end run also proves our client never relied on the simulator's goodwill.
    await assertNoLenientPath(env.sim);
    return out;
  } finally {
    await workerConnection.close();
    await connection.close();
    await env.stop();
  }
}
