// Records the history of a whole bring-up (sample plan, simulator, all nine stages) as a replay
// fixture: `npm run record-history`. Re-record only when a workflow change is meant to be
// incompatible with runs in flight (otherwise guard the change with patched()).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { projectRoot } from '../src/config/dev-server.js';
import { encryptedDataConverter } from '../src/codec/key.js';
import { createBringUpWorker } from '../src/worker-factory.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { approveSignal } from '../src/workflows/messages.js';
import { startScratchDevServer } from './lib/dev-server.js';
import { startRehearsal } from './lib/rehearsal.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');
mkdirSync(fixtures, { recursive: true });
const keyFile = path.join(fixtures, 'fixture-payload.key');
// The fixture key protects nothing but the sample plan's loopback values; it is committed so the
// replay test can decode the recorded payloads.
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n');
process.env.HCI_PAYLOAD_KEY = readFileSync(keyFile, 'utf8').trim();
Runtime.install({ logger: new DefaultLogger('WARN') });

const site = await startRehearsal({
  dir: mkdtempSync(path.join(os.tmpdir(), 'record-history-')),
  hosts: 3,
  speed: 1000,
});
const server = await startScratchDevServer();
const target = { address: server.address, namespace: server.namespace };
const { worker, connection: wc } = await createBringUpWorker({ target, taskQueue: 'record-history' });
const connection = await Connection.connect({ address: server.address });
const client = new Client({
  connection,
  namespace: server.namespace,
  dataConverter: encryptedDataConverter(),
});
try {
  const handle = await client.workflow.start(bringUpWorkflow, {
    taskQueue: 'record-history',
    workflowId: 'fixture-bringup-full',
    args: [site.input({ components: { obs: 'ask', backup: 'auto' } })],
  });
  await handle.signal(approveSignal, 'obs');
  const summary = await worker.runUntil(handle.result());
  const history = await handle.fetchHistory();
  const out = path.join(fixtures, `${handle.workflowId}.json`);
  writeFileSync(out, JSON.stringify(history) + '\n');
  console.log(`recorded ${history.events?.length ?? 0} events (${summary.outcome}) into ${out}`);
} finally {
  await connection.close();
  await wc.close();
  await site.sim.stop();
  await server.stop();
}
