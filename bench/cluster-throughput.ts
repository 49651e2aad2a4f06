// Bench (issue 24 item 7): what the two-node cluster of `npm run cluster` sustains, the figure the
// capacity model in docs/sites.md divides by. W workflows of S tiny activities each are started at
// once through the balancer and run by one in-process worker; the bench reads the history events
// the cluster wrote per second and the workflow and activity tasks it dispatched per second, with
// the machine's CPU use (server nodes, PostgreSQL and the worker share its cores: a saturated machine
// bounds the figure from below, it is not the cluster's ceiling).
// Last line: `cluster-throughput: E events/s, T tasks/s over N s, machine cpu = P%`.
//   node dist/bench/cluster-throughput.js [--quick] [--workflows=N] [--steps=N]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { temporalCliPath } from '../scripts/lib/dev-server.js';
import { startTemporalCluster } from '../scripts/lib/temporal-cluster.js';
import { machineCpu, numberArg, quick } from './measure.js';

const workflows = numberArg('workflows', 400, 60);
const steps = numberArg('steps', 10, 10);
Runtime.install({ logger: new DefaultLogger('WARN') });
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-'));
const cluster = await startTemporalCluster({
  dir,
  cli: temporalCliPath(),
  balancerAddress: '127.250.0.100:0',
  ephemeral: true,
  log: () => undefined,
});
try {
  const taskQueue = 'bench-cluster-throughput';
  const workerConnection = await NativeConnection.connect({ address: cluster.address });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: cluster.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./throughput-workflow.js', import.meta.url)),
    activities: { step: (i: number) => Promise.resolve(i) },
    maxConcurrentActivityTaskExecutions: 200,
    maxConcurrentWorkflowTaskExecutions: 100,
    maxCachedWorkflows: workflows,
  });
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection, namespace: cluster.namespace });
  console.log(
    `cluster-throughput: two nodes on PostgreSQL, ${workflows} workflows x ${steps} activities at once${quick ? ' (quick)' : ''}`,
  );
  const running = worker.run();
  const m0 = machineCpu();
  const started = Date.now();
  const handles = await Promise.all(
    Array.from({ length: workflows }, (_, i) =>
      client.workflow.start('throughputWorkflow', {
        taskQueue,
        workflowId: `throughput-${started}-${i}`,
        args: [steps],
      }),
    ),
  );
  await Promise.all(handles.map((h) => h.result()));
  const seconds = (Date.now() - started) / 1000;
  const m1 = machineCpu();
  let events = 0;
  for (const h of handles) events += (await h.fetchHistory()).events?.length ?? 0;
  // Each activity is one activity task; each workflow needs a workflow task per activity result and one to start.
  const tasks = workflows * (2 * steps + 1);
  const cpu = (100 * (m1.busy - m0.busy)) / Math.max(1, m1.total - m0.total);
  console.log(
    `  ${events} events (${(events / workflows).toFixed(0)} per workflow), ${tasks} tasks in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `cluster-throughput: ${(events / seconds).toFixed(0)} events/s, ${(tasks / seconds).toFixed(0)} tasks/s over ${seconds.toFixed(0)} s, machine cpu = ${cpu.toFixed(0)}%`,
  );
  worker.shutdown();
  await running;
  await connection.close();
  await workerConnection.close();
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
