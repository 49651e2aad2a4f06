import { createBringUpWorker } from './worker-factory.js';
import { TASK_QUEUE, temporalTarget } from './config/temporal-connection.js';

async function main(): Promise<void> {
  const target = temporalTarget();
  console.log(`hci-bringup worker: ${target.address} namespace=${target.namespace} task queue=${TASK_QUEUE}`);
  const { worker, connection } = await createBringUpWorker({ target });
  // Tests that kill the worker wait for this line before they aim.
  console.log('hci-bringup worker ready');
  try {
    // Worker.run() resolves after SIGINT/SIGTERM once in-flight tasks finished or the grace time passed.
    await worker.run();
  } finally {
    await connection.close();
  }
  console.log('hci-bringup worker stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
