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
import { approveSignal, retrySignal, retryUpdate } from '../src/workflows/messages.js';
import type { BringUpInput } from '../src/run/input.js';
import type { BringUpProgress } from '../src/run/stages.js';
import { stubActivities, stubRunInput, type StubActivities } from '../test/helpers/stub-activities.js';
import { progressWhen } from '../test/helpers/stub-run.js';
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

type RunHandle = WorkflowHandle<typeof bringUpWorkflow>;
type RunSummary = Awaited<ReturnType<RunHandle['result']>>;

/**
 * One run of the workflow against stub activities, on a worker of its own, recorded as
 * `fixture-bringup-<name>.json` when `asPlanned` says it went as the scenario means it to. `drive`
 * takes the run to its end while the worker runs: the worker must keep running between a failure and
 * the operator's answer (runUntil twice would shut it down in between).
 */
async function recordStubbed(
  name: string,
  stubs: StubActivities,
  input: BringUpInput,
  drive: (handle: RunHandle) => Promise<RunSummary>,
  asPlanned: (summary: RunSummary) => boolean,
  outcome: string,
): Promise<void> {
  const taskQueue = `record-history-${name}`;
  const { worker, connection: wc } = await createBringUpWorker({
    target,
    taskQueue,
    overrides: { activities: stubs.activities },
  });
  try {
    const handle = await client.workflow.start(bringUpWorkflow, {
      taskQueue,
      workflowId: `fixture-bringup-${name}`,
      args: [input],
    });
    const summary = await worker.runUntil(drive(handle));
    if (!asPlanned(summary)) throw new Error(`the ${name} run did not go as planned: ${summary.outcome}`);
    await save(handle, `${summary.outcome} ${outcome}`);
  } finally {
    await wc.close();
  }
}

/** The run reaches what `test` waits for (within a minute), gets the operator's `answer`, then ends. */
const answerAt =
  (test: (p: BringUpProgress) => boolean, what: string, answer: (handle: RunHandle) => Promise<unknown>) =>
  async (handle: RunHandle): Promise<RunSummary> => {
    await progressWhen(handle, test, what, 60_000);
    await answer(handle);
    return handle.result();
  };

async function recordRetry(): Promise<void> {
  const stubs = stubActivities({
    configureIpmiAccounts: { failTimes: 1, message: 'BMC refused the account' },
  });
  await recordStubbed(
    'retry',
    stubs,
    await stubRunInput({ onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'auto' } }),
    answerAt(
      (p) => p.phase === 'failed:configure-cluster',
      'the failure at configure-cluster',
      (h) => h.signal(retrySignal),
    ),
    (summary) => summary.outcome === 'succeeded' && stubs.calls.configureIpmiAccounts === 2,
    'after one retry',
  );
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
  await recordStubbed(
    'overlapped',
    stubs,
    await stubRunInput({
      onFailure: 'wait-for-retry',
      schedule: 'overlapped',
      components: { obs: 'auto', backup: 'auto' },
    }),
    // Both failed and everything independent of them done: the run waits for the operator.
    answerAt(
      (p) =>
        p.phase === 'failed:configure-cluster' && p.retryable?.kind === 'stage' && !!p.retryable.branches,
      "the run's two failures",
      (h) => h.signal(retrySignal),
    ),
    (summary) =>
      summary.outcome === 'succeeded' &&
      stubs.calls.configureBusinessNetworks === 2 &&
      stubs.calls.configureMonitoringDashboard === 2 &&
      stubs.calls.initializeFisheye === 1,
    'after one retry of two branches',
  );
}

async function recordComponentRetry(): Promise<void> {
  const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
  await recordStubbed(
    'component-retry',
    stubs,
    await stubRunInput({
      onFailure: 'wait-for-retry',
      components: { obs: 'auto', backup: 'auto', retryWindowSeconds: 600 },
    }),
    answerAt(
      (p) => p.phase === 'failed:observability',
      'the OBS failure',
      (h) => h.executeUpdate(retryUpdate),
    ),
    (summary) => summary.outcome === 'succeeded' && stubs.calls.deployObsInstance === 2,
    'after one retry of OBS in its open child',
  );
}

async function recordStage10(): Promise<void> {
  const stubs = stubActivities();
  await recordStubbed(
    'stage10',
    stubs,
    await stubRunInput({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } }),
    (handle) => handle.result(),
    (summary) => summary.outcome === 'succeeded' && stubs.calls.runFioProfiles === 1,
    'through stage 10',
  );
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
