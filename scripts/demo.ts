// `npm run demo`: a dev server, a worker and one bring-up run, all on this machine's loopback.
import net from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadDevServerConfig, projectRoot } from '../src/config/dev-server.js';
import { createBringUpWorker } from '../src/worker-factory.js';
import { encryptedDataConverter } from '../src/codec/key.js';
import { TASK_QUEUE } from '../src/config/temporal-connection.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { clusterNameKey } from '../src/workflows/search-attributes.js';
import { freePort, startDevServer } from './lib/dev-server.js';
import { portInUse } from './lib/port-in-use.js';

Runtime.install({ logger: new DefaultLogger('WARN') });
const cfg = loadDevServerConfig();
const busy = (await portInUse(cfg.ip, cfg.port)) || (await portInUse(cfg.ip, cfg.uiPort));
mkdirSync(path.join(projectRoot, '.temporal'), { recursive: true });
const logFile = path.join(projectRoot, '.temporal', 'demo-dev-server.log');
const server = await startDevServer(
  busy
    ? {
        port: await freePort(),
        uiPort: await freePort(),
        httpPort: await freePort(),
        dbFile: null,
        quiet: true,
        logFile,
      }
    : { quiet: true, logFile },
);
console.log(`Temporal dev server ${server.address}, Web UI ${server.uiUrl ?? '-'}`);

// Until the simulator drives the demo, a loopback listener stands for one host so the
// prepare stage's real precheck has something to find.
const host = net.createServer((s) => s.end());
await new Promise<void>((resolve) => host.listen(0, '127.0.9.11', resolve));
const hostPort = (host.address() as net.AddressInfo).port;

const { worker, connection: workerConnection } = await createBringUpWorker({
  target: { address: server.address, namespace: server.namespace },
});
const connection = await Connection.connect({ address: server.address });
const client = new Client({
  connection,
  namespace: server.namespace,
  dataConverter: encryptedDataConverter(),
});
let exitCode = 1;
try {
  const handle = await client.workflow.start(bringUpWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: `demo-${Date.now()}`,
    typedSearchAttributes: [{ key: clusterNameKey, value: 'DEMO-CLUSTER' }],
    args: [
      {
        clusterName: 'DEMO-CLUSTER',
        mustAnswer: [
          { address: '127.0.9.11', port: hostPort, connectHost: '127.0.9.11', connectPort: hostPort },
        ],
        mustBeFree: [{ address: '127.0.9.10', port: 443, connectHost: '127.0.9.10', connectPort: hostPort }],
      },
    ],
  });
  console.log(`workflow ${handle.workflowId} started`);
  const result = await worker.runUntil(handle.result());
  for (const stage of result.progress.stages) console.log(`  ${stage.id.padEnd(22)} ${stage.status}`);
  exitCode = 0;
} finally {
  host.close();
  await connection.close();
  await workerConnection.close();
  await server.stop();
}
process.exit(exitCode);
