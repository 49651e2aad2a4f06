// Per-site workers on one Temporal service: two simulated sites (two labs on different loopback
// ranges, clusters of the same name), a worker process per site started with `--site`, runs
// started with `hci-bringup start --site`. Each run is served only by its site's worker (the history
// says which identity and task queue ran every task); a run for a site without a worker waits with
// nothing run until its worker comes up. The simulators measure the site time of each run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { RunRow } from '../../src/cli/commands/list.js';
import { siteKey } from '../../src/workflows/search-attributes.js';
import { startBringUpEnv, type BringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type EventType = temporal.api.enums.v1.EventType;

async function history(client: Client, id: string): Promise<HistoryEvent[]> {
  return (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
}

/** What of the history shows where the run ran: task queues and worker identities. */
function placement(events: HistoryEvent[]) {
  const started = events.find(
    (e) => e.workflowExecutionStartedEventAttributes,
  )?.workflowExecutionStartedEventAttributes;
  return {
    workflowQueue: started?.taskQueue?.name ?? '',
    activityQueues: new Set(
      events.flatMap((e) =>
        e.activityTaskScheduledEventAttributes
          ? [e.activityTaskScheduledEventAttributes.taskQueue?.name ?? '']
          : [],
      ),
    ),
    activityIdentities: new Set(
      events.flatMap((e) =>
        e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.identity ?? ''] : [],
      ),
    ),
    workflowIdentities: new Set(
      events.flatMap((e) =>
        e.workflowTaskStartedEventAttributes ? [e.workflowTaskStartedEventAttributes.identity ?? ''] : [],
      ),
    ),
    activities: events.filter((e) => e.activityTaskStartedEventAttributes).length,
  };
}

/** Simulated seconds of the chain no part-1 run avoids: deploy, then guest OS install, then the installer. */
const PART1_SITE_FLOOR = 45 * 60 + 15 * 60 + 30 * 60;

describe('per-site workers on one Temporal service', () => {
  it(
    'each run completes on its own site worker; a site without a worker waits until one comes up',
    { timeout: 600_000 },
    async () => {
      const base = uniqueTaskQueue('sites');
      // The CLI and the worker processes build the site queues on this base (hci-bringup in production).
      process.env.HCI_TASK_QUEUE = base;
      const labs: Record<'east' | 'west' | 'north', BringUpEnv> = {
        east: await startBringUpEnv({ hosts: 3, speed: 1000, plan: { addressBlock: 1 } }),
        west: await startBringUpEnv({ hosts: 3, speed: 1000, plan: { addressBlock: 2 } }),
        north: await startBringUpEnv({ hosts: 3, speed: 1000 }),
      };
      const workers: WorkerProcess[] = [];
      const { client, connection } = await testClient();
      try {
        // Different loopback ranges, the same cluster name.
        assert.equal(labs.east.plan.hosts[0].managementIp, '127.101.0.11');
        assert.equal(labs.west.plan.hosts[0].managementIp, '127.201.0.11');
        assert.equal(labs.east.plan.clusterName, labs.west.plan.clusterName);
        const cluster = labs.east.plan.clusterName;

        const east = await startWorkerProcess(base, ['--site', 'east']);
        workers.push(east);
        const west = await startWorkerProcess(base, ['--site', 'west', '--max-activities', '16']);
        workers.push(west);
        // The worker speaks the operator's language (HCI_LANG, default Chinese; issue 23).
        assert.match(
          east.output(),
          new RegExp(
            `(任务队列|task queue)=${base}\\.east (站点|site)=east (最大并发活动|max activities)=32`,
          ),
        );
        assert.match(west.output(), /(最大并发活动|max activities)=16/);

        const start = async (site: keyof typeof labs) => {
          const lab = labs[site];
          lab.sim.clock.mark('run');
          const out = await hciBringup([
            'start',
            '--plan',
            lab.planFile,
            '--endpoints',
            lab.endpointMapFile,
            '--packages',
            lab.packageDir,
            '--speed',
            '1000',
            '--obs',
            'skip',
            '--backup',
            'skip',
            '--stop-after',
            'attach-cluster',
            '--site',
            site,
            '--lang',
            'en',
          ]);
          assert.equal(out.code, 0, out.stderr + out.stdout);
          const id = `bringup-${site}-${cluster}`;
          assert.match(out.stdout, new RegExp(`started ${id} .*site ${site}, task queue ${base}\\.${site}`));
          return id;
        };
        const ids = { east: await start('east'), west: await start('west'), north: await start('north') };

        for (const site of ['east', 'west'] as const) {
          const summary = (await client.workflow.getHandle(ids[site]).result()) as { outcome: string };
          assert.equal(summary.outcome, 'stopped', JSON.stringify(summary));
        }
        const pidOf = (w: WorkerProcess) => String(w.child.pid);
        for (const [site, worker] of [
          ['east', east],
          ['west', west],
        ] as const) {
          const p = placement(await history(client, ids[site]));
          assert.equal(p.workflowQueue, `${base}.${site}`);
          assert.deepEqual(
            [...p.activityQueues],
            [`${base}.${site}`],
            `${site}: every activity on its queue`,
          );
          assert.ok(p.activities > 10, `${site}: activities ran (${p.activities})`);
          for (const identity of [...p.activityIdentities, ...p.workflowIdentities]) {
            assert.ok(identity.startsWith(`${pidOf(worker)}@`), `${site} task ran by ${identity}`);
            assert.ok(identity.endsWith(`/${site}`), `${site} worker names its site: ${identity}`);
          }
          const desc = await client.workflow.getHandle(ids[site]).describe();
          assert.equal(desc.typedSearchAttributes.get(siteKey), site);
          // Each site's simulator saw its own bring-up, and measured it in site time.
          const state = await labs[site].simState();
          assert.equal((state.cluster as { deployed?: boolean }).deployed, true, `${site} cluster deployed`);
          const siteTime = labs[site].sim.clock.sinceMark('run') ?? 0;
          assert.ok(siteTime >= PART1_SITE_FLOOR, `${site} site time ${siteTime} s`);
          assert.ok(
            (state.siteLink as { bytes: number }).bytes > 0,
            `${site}: the ISO crossed the site link`,
          );
        }

        // North has no worker: nothing ran, not even the first workflow task; its site saw no request.
        const waiting = await history(client, ids.north);
        const types = new Set(waiting.map((e) => e.eventType as EventType));
        assert.equal(placement(waiting).activities, 0);
        assert.ok(!waiting.some((e) => e.workflowTaskStartedEventAttributes), 'no workflow task started');
        assert.ok(!waiting.some((e) => e.activityTaskScheduledEventAttributes), 'no activity scheduled');
        assert.ok(types.size <= 2, `only started + task scheduled: ${[...types].join(',')}`);
        assert.equal(((await labs.north.simState()).requests as unknown[]).length, 0, 'north saw no request');

        // `list` shows the site of each run.
        const listed = await hciBringup(['list', '--json', '--limit', '1000']);
        assert.equal(listed.code, 0, listed.stderr);
        const rows = (JSON.parse(listed.stdout) as RunRow[]).filter((r) =>
          Object.values(ids).includes(r.workflowId),
        );
        assert.deepEqual(
          rows.map((r) => [r.workflowId, r.site]).sort(),
          [
            [ids.east, 'east'],
            [ids.north, 'north'],
            [ids.west, 'west'],
          ].sort(),
        );

        // Its worker comes up (HCI_SITE this time) and the run starts and completes there.
        const north = await startWorkerProcessWithEnvSite(base, 'north');
        workers.push(north);
        const summary = (await client.workflow.getHandle(ids.north).result()) as { outcome: string };
        assert.equal(summary.outcome, 'stopped', JSON.stringify(summary));
        const p = placement(await history(client, ids.north));
        assert.deepEqual([...p.activityQueues], [`${base}.north`]);
        for (const identity of p.activityIdentities)
          assert.ok(identity.startsWith(`${pidOf(north)}@`), identity);
        assert.ok((labs.north.sim.clock.sinceMark('run') ?? 0) >= PART1_SITE_FLOOR);
        for (const [site, lab] of Object.entries(labs))
          await assertNoLenientPath(lab.sim, `${site}'s worker`);
      } finally {
        delete process.env.HCI_TASK_QUEUE;
        for (const w of workers) await w.stop();
        await connection.close();
        for (const lab of Object.values(labs)) await lab.stop();
      }
    },
  );
});

/** The worker with its site from HCI_SITE instead of the flag. */
async function startWorkerProcessWithEnvSite(base: string, site: string): Promise<WorkerProcess> {
  process.env.HCI_SITE = site;
  try {
    return await startWorkerProcess(base);
  } finally {
    delete process.env.HCI_SITE;
  }
}
