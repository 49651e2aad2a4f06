// Records replay fixtures into test/fixtures/histories (`npm run record-history [-- full|retry]`,
// both when none is named):
//   full   a whole bring-up (sample plan, simulator, all nine stages, OBS approved by signal);
//   retry  a run whose configure-cluster stage fails at its third step, waits, is retried by the
//          operator's `retry` and then succeeds (OBS and Backup by policy). Recorded with stub
//          activities: replay checks the workflow's commands, never what activities did, and the
//          stubs put the failure at a fixed step in seconds, where the simulator has no fault for it.
//   overlapped  the overlapped schedule (docs/schedule.md): two branches fail (business networks,
//          dashboard) while the others run to their end, one `retry` reruns both, then success
//          with OBS and Backup side by side with inspection. Stubs, as for `retry`.
//   component-retry  OBS fails (its child stays open, issue 23 point 5), the operator's `retry` reruns
//          it in the same child execution, then success; Backup by policy. Stubs.
//   stage10  the test load approved by policy, then stage 10 (fio, the inspection again, its
//          comparison). Stubs. Recorded before the `stage10-alerts` patch, so replaying it checks that
//          a run in flight from before the alerts comparison keeps its commands.
// Re-record only when a workflow change is meant to be incompatible with runs in flight
// (otherwise guard the change with patched(); docs/workflow-changes.md).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { projectRoot } from '../src/config/dev-server.js';
import { encryptedDataConverter } from '../src/codec/key.js';
import { createBringUpWorker } from '../src/worker-factory.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { approveSignal, progressQuery, retrySignal, retryUpdate } from '../src/workflows/messages.js';
import { stubActivities, stubRunInput } from '../test/helpers/stub-activities.js';
import { startScratchDevServer } from './lib/dev-server.js';
import { startRehearsal } from './lib/rehearsal.js';

const SCENARIOS = ['full', 'retry', 'overlapped', 'component-retry', 'stage10'] as const;
type Scenario = (typeof SCENARIOS)[number];
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(SCENARIOS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
// `stage10` only when named: recorded on the code of before a patch, it guards that patch only as long
// as it is not re-recorded on newer code (docs/workflow-changes.md).
const scenarios: Scenario[] =
  asked.length > 0 ? (asked as Scenario[]) : SCENARIOS.filter((s) => s !== 'stage10');

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'histories');
mkdirSync(fixtures, { recursive: true });
const keyFile = path.join(fixtures, 'fixture-payload.key');
// The fixture key protects nothing but the sample plan's loopback values; it is committed so the
// replay test can decode the recorded payloads.
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n');
process.env.HCI_PAYLOAD_KEY = readFileSync(keyFile, 'utf8').trim();
Runtime.install({ logger: new DefaultLogger('WARN') });

const server = await startScratchDevServer();
const target = { address: server.address, namespace: server.namespace };
const connection = await Connection.connect({ address: server.address });
const client = new Client({
  connection,
  namespace: server.namespace,
  dataConverter: encryptedDataConverter(),
});

async function save(handle: WorkflowHandle, outcome: string): Promise<void> {
  const history = await handle.fetchHistory();
  const out = path.join(fixtures, `${handle.workflowId}.json`);
  writeFileSync(out, JSON.stringify(history) + '\n');
  console.log(`recorded ${history.events?.length ?? 0} events (${outcome}) into ${out}`);
}

async function recordFull(): Promise<void> {
  const site = await startRehearsal({
    dir: mkdtempSync(path.join(os.tmpdir(), 'record-history-')),
    hosts: 3,
    speed: 1000,
  });
  const taskQueue = 'record-history';
  const { worker, connection: wc } = await createBringUpWorker({ target, taskQueue });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: 'fixture-bringup-full',
      args: [site.input({ components: { obs: 'ask', backup: 'auto' } })],
    });
    await handle.signal(approveSignal, 'obs');
    const summary = await worker.runUntil(handle.result());
    await save(handle, summary.outcome);
  } finally {
    await wc.close();
    await site.sim.stop();
  }
}

async function recordRetry(): Promise<void> {
  const stubs = stubActivities({
    configureIpmiAccounts: { failTimes: 1, message: 'BMC refused the account' },
  });
  const taskQueue = 'record-history-retry';
  const { worker, connection: wc } = await createBringUpWorker({
    target,
    taskQueue,
    overrides: { activities: stubs.activities },
  });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: 'fixture-bringup-retry',
      args: [
        await stubRunInput({ onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'auto' } }),
      ],
    });
    // The worker must keep running between the failure and the signal: runUntil twice would
    // shut it down in between, so one runUntil covers the whole exchange.
    const summary = await worker.runUntil(async () => {
      const deadline = Date.now() + 60_000;
      while ((await handle.query(progressQuery)).phase !== 'failed:configure-cluster') {
        if (Date.now() > deadline) throw new Error('the run never failed at configure-cluster');
        await new Promise((r) => setTimeout(r, 100));
      }
      await handle.signal(retrySignal);
      return handle.result();
    });
    if (summary.outcome !== 'succeeded' || stubs.calls.configureIpmiAccounts !== 2) {
      throw new Error(`the retry run did not go as planned: ${summary.outcome}`);
    }
    await save(handle, `${summary.outcome} after one retry`);
  } finally {
    await wc.close();
  }
}

async function recordOverlapped(): Promise<void> {
  const stubs = stubActivities(
    {
      configureBusinessNetworks: { failTimes: 1, message: 'VDS bond refused' },
      configureMonitoringDashboard: { failTimes: 1, message: 'view refused' },
    },
    // Long enough that branches really overlap in the recording.
    { uploadCloudTowerIso: 500, uploadVmTools: 300, runInspection: 300, deployObsInstance: 300 },
  );
  const taskQueue = 'record-history-overlapped';
  const { worker, connection: wc } = await createBringUpWorker({
    target,
    taskQueue,
    overrides: { activities: stubs.activities },
  });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: 'fixture-bringup-overlapped',
      args: [
        await stubRunInput({
          onFailure: 'wait-for-retry',
          schedule: 'overlapped',
          components: { obs: 'auto', backup: 'auto' },
        }),
      ],
    });
    const summary = await worker.runUntil(async () => {
      const deadline = Date.now() + 60_000;
      // Both failed and everything independent of them done: the run waits for the operator.
      for (;;) {
        const p = await handle.query(progressQuery);
        if (p.phase === 'failed:configure-cluster' && p.retryable?.kind === 'stage' && p.retryable.branches)
          break;
        if (Date.now() > deadline) throw new Error('the run never reached its two failures');
        await new Promise((r) => setTimeout(r, 100));
      }
      await handle.signal(retrySignal);
      return handle.result();
    });
    if (
      summary.outcome !== 'succeeded' ||
      stubs.calls.configureBusinessNetworks !== 2 ||
      stubs.calls.configureMonitoringDashboard !== 2 ||
      stubs.calls.initializeFisheye !== 1
    ) {
      throw new Error(`the overlapped run did not go as planned: ${summary.outcome}`);
    }
    await save(handle, `${summary.outcome} after one retry of two branches`);
  } finally {
    await wc.close();
  }
}

async function recordComponentRetry(): Promise<void> {
  const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
  const taskQueue = 'record-history-component-retry';
  const { worker, connection: wc } = await createBringUpWorker({
    target,
    taskQueue,
    overrides: { activities: stubs.activities },
  });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: 'fixture-bringup-component-retry',
      args: [
        await stubRunInput({
          onFailure: 'wait-for-retry',
          components: { obs: 'auto', backup: 'auto', retryWindowSeconds: 600 },
        }),
      ],
    });
    const summary = await worker.runUntil(async () => {
      const deadline = Date.now() + 60_000;
      while ((await handle.query(progressQuery)).phase !== 'failed:observability') {
        if (Date.now() > deadline) throw new Error('OBS never failed');
        await new Promise((r) => setTimeout(r, 100));
      }
      await handle.executeUpdate(retryUpdate);
      return handle.result();
    });
    if (summary.outcome !== 'succeeded' || stubs.calls.deployObsInstance !== 2) {
      throw new Error(`the component retry did not go as planned: ${summary.outcome}`);
    }
    await save(handle, `${summary.outcome} after one retry of OBS in its open child`);
  } finally {
    await wc.close();
  }
}

async function recordStage10(): Promise<void> {
  const stubs = stubActivities();
  const taskQueue = 'record-history-stage10';
  const { worker, connection: wc } = await createBringUpWorker({
    target,
    taskQueue,
    overrides: { activities: stubs.activities },
  });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: 'fixture-bringup-stage10',
      args: [await stubRunInput({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } })],
    });
    const summary = await worker.runUntil(handle.result());
    if (summary.outcome !== 'succeeded' || stubs.calls.runFioProfiles !== 1) {
      throw new Error(`the stage 10 run did not go as planned: ${summary.outcome}`);
    }
    await save(handle, `${summary.outcome} through stage 10`);
  } finally {
    await wc.close();
  }
}

const RECORDERS: Record<Scenario, () => Promise<void>> = {
  full: recordFull,
  retry: recordRetry,
  overlapped: recordOverlapped,
  'component-retry': recordComponentRetry,
  stage10: recordStage10,
};

try {
  for (const s of scenarios) await RECORDERS[s]();
} finally {
  await connection.close();
  await server.stop();
}
