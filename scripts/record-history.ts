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
import { loadPlan, writeSamplePlan } from '../src/plan/index.js';
import { toRunPlan } from '../src/run/run-plan.js';
import { simulatorTiming } from '../src/run/timing.js';
import { startSimulator } from '../src/simulator/index.js';
import { topologyFromPlan } from '../src/simulator/plan-input.js';
import { createBringUpWorker } from '../src/worker-factory.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { approveSignal } from '../src/workflows/messages.js';
import { freePort, startDevServer } from './lib/dev-server.js';
import { writeSamplePackages } from './lib/sample-packages.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');
mkdirSync(fixtures, { recursive: true });
const keyFile = path.join(fixtures, 'fixture-payload.key');
// The fixture key protects nothing but the sample plan's loopback values; it is committed so the
// replay test can decode the recorded payloads.
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n');
process.env.HCI_PAYLOAD_KEY = readFileSync(keyFile, 'utf8').trim();
Runtime.install({ logger: new DefaultLogger('WARN') });

const dir = mkdtempSync(path.join(os.tmpdir(), 'record-history-'));
const planFile = path.join(dir, 'plan.xlsx');
await writeSamplePlan(planFile, {
  hosts: 3,
  networkArchitecture: 'three-separate',
  storageArchitecture: 'hybrid-tiered',
});
const plan = (await loadPlan(planFile)).plan!;
writeSamplePackages(path.join(dir, 'packages'));
const endpointMapFile = path.join(dir, 'endpoints.json');
const sim = await startSimulator({
  topology: topologyFromPlan(plan as unknown as Record<string, unknown>),
  speed: 1000,
  lowPorts: false,
  stateDir: path.join(dir, 'sim'),
  endpointsOut: endpointMapFile,
});
const server = await startDevServer({
  port: await freePort(),
  httpPort: await freePort(),
  headless: true,
  dbFile: null,
  quiet: true,
});
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
    args: [
      {
        plan: toRunPlan(plan),
        planFile,
        run: { connect: { mode: 'map', endpointMapFile }, timing: simulatorTiming(1000) },
        files: { packageDir: path.join(dir, 'packages'), artifactsDir: dir },
        components: { obs: 'ask', backup: 'auto' },
        onFailure: 'fail',
      },
    ],
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
  await sim.stop();
  await server.stop();
}
