// `npm run demo`: everything on this machine's loopback — a Temporal dev server, the SmartX lab
// simulator, a worker — and one whole bring-up (all nine stages) of our own sample workbook, with
// live progress; the optional components are approved by signal, as an operator would.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { IsolationUnavailableError, sealedMachinesPreflight } from '@hci-bringup/simulator';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { payloadDataConverter } from '../src/codec/key.js';
import { loadDevServerConfig, projectRoot } from '../src/config/dev-server.js';
import { followRun } from '../src/cli/follow-run.js';
import { pickLang } from '../src/cli/pick-lang.js';
import { createBringUpWorker } from '../src/worker-factory.js';
import { bringUpWorkflow } from '../src/workflows/index.js';
import { approveSignal, progressQuery } from '../src/workflows/messages.js';
import { bringUpStageKey, clusterNameKey } from '../src/workflows/search-attributes.js';
import { freePort, startDevServer } from './lib/dev-server.js';
import { portInUse } from './lib/port-in-use.js';
import { startRehearsal } from './lib/rehearsal.js';

const lang = pickLang(
  process.argv.includes('--lang') ? process.argv[process.argv.indexOf('--lang') + 1] : undefined,
);
// A machine missing what the simulated machines need stops the demo at once, with the command that
// fixes it, before any run is started that could only retry.
const unsealed = await sealedMachinesPreflight();
if (unsealed) {
  console.error(unsealed);
  process.exit(1);
}
const speed = Number(process.env.HCI_DEMO_SPEED ?? 600);
Runtime.install({ logger: new DefaultLogger('WARN') });

const demoDir = path.join(projectRoot, '.demo');
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
// Should the system change after the preflight, the simulator's own check stops the demo the same way.
const site = await startRehearsal({ dir: demoDir, hosts: 3, speed }).catch((err: unknown) => {
  if (!(err instanceof IsolationUnavailableError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const plan = site.plan;
console.log(`workbook ${site.planFile} (${plan.hosts.length} hosts, cluster ${plan.clusterName})`);
console.log(
  `simulator x${speed}: ${Object.keys(site.sim.endpointMap.endpoints).length} addresses mapped in ${site.endpointMapFile}`,
);

const cfg = loadDevServerConfig();
mkdirSync(path.join(projectRoot, '.temporal'), { recursive: true });
const logFile = path.join(projectRoot, '.temporal', 'demo-dev-server.log');
const busy = (await portInUse(cfg.ip, cfg.port)) || (await portInUse(cfg.ip, cfg.uiPort));
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

const target = { address: server.address, namespace: server.namespace };
// Each demo has a task queue of its own: a run an earlier demo left unfinished in the dev server's
// database never resumes inside this one (it had its worker, and that worker is gone).
const taskQueue = `demo-${randomUUID().slice(0, 8)}`;
const { worker, connection: workerConnection } = await createBringUpWorker({ target, taskQueue });
const connection = await Connection.connect({ address: server.address });
const client = new Client({
  connection,
  namespace: server.namespace,
  dataConverter: payloadDataConverter(),
});
// And those runs are ended, not left running forever: they were rehearsals on a simulator now gone.
for await (const old of client.workflow.list({
  query: 'WorkflowId STARTS_WITH "demo-" AND ExecutionStatus = "Running"',
})) {
  await client.workflow
    .getHandle(old.workflowId, old.runId)
    .terminate('an earlier demo left this run unfinished; a new demo started')
    .catch(() => undefined);
  console.log(
    lang === 'zh'
      ? `已终止上一次演示未完成的运行 ${old.workflowId}`
      : `ended ${old.workflowId}, a run an earlier demo left unfinished`,
  );
}
const workflowId = `demo-${plan.clusterName}-${Date.now()}`;
const input = site.input({ components: { obs: 'ask', backup: 'ask', approvalTimeoutSeconds: 120 } });

let exitCode = 1;
try {
  const handle = await client.workflow.start(bringUpWorkflow, {
    taskQueue,
    workflowId,
    args: [input],
    typedSearchAttributes: [
      { key: clusterNameKey, value: plan.clusterName },
      { key: bringUpStageKey, value: 'pending' },
    ],
  });
  // The operator's part: approve each optional component when the run asks for it.
  const approver = (async () => {
    const approved = new Set<string>();
    while (approved.size < 2) {
      await new Promise((r) => setTimeout(r, 500));
      const desc = await handle.describe();
      if (desc.status.name !== 'RUNNING') return;
      const progress = await handle.query(progressQuery).catch(() => undefined);
      const asking = progress?.awaitingApproval;
      if (asking && !approved.has(asking)) {
        await handle.signal(approveSignal, asking);
        approved.add(asking);
      }
    }
  })();
  exitCode = await worker.runUntil(followRun(client, workflowId, lang, 700));
  await approver;
  console.log(
    lang === 'zh'
      ? `\n工作流历史: ${server.uiUrl ?? ''}/namespaces/${server.namespace}/workflows/${workflowId}`
      : `\nworkflow history: ${server.uiUrl ?? ''}/namespaces/${server.namespace}/workflows/${workflowId}`,
  );
} finally {
  await connection.close();
  await workerConnection.close();
  await site.sim.stop();
  await server.stop();
}
process.exit(exitCode);
