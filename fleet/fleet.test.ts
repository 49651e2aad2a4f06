// A fleet on a real self-hosted Temporal cluster (scripts/lib/temporal-cluster.ts: two server nodes
// on PostgreSQL behind one client address): five sites, each with its own simulator and its own
// worker process started with `--site`, all bring-ups started at once with the operator's CLI. While
// the runs are in their longest stages (the ISO upload, the CloudTower install), one server node is
// killed with kill -9; it is started again later. Every run must succeed, no effect may happen twice
// at any site, and every task of a run must have run on its own site's worker.
// Then an upgrade: a run started by an earlier build of the project (its CLI and its worker, built
// from git: fleet/upgrade-from.txt, or HCI_UPGRADE_FROM) is taken over mid-run by this build's worker
// and must finish; patched() and the replay tests are what make that safe (docs/workflow-changes.md).
// `npm run test:fleet` (not part of `npm test`: it builds and runs a whole Temporal cluster).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection } from '@temporalio/client';
import type { AddressBlock } from '../src/plan/sample-plan.js';
import { buildAt } from '../scripts/lib/build-at.js';
import { temporalCliPath } from '../scripts/lib/dev-server.js';
import { projectRoot } from '../src/config/dev-server.js';
import { startTemporalCluster, type TemporalCluster } from '../scripts/lib/temporal-cluster.js';
import { startBringUpEnv, type BringUpEnv } from '../test/helpers/bringup-env.js';
import { hciBringup } from '../test/helpers/cli.js';
import { assertNoLenientPath } from '../test/helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../test/helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../test/helpers/worker-process.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

const SITES = ['bj', 'sh', 'gz', 'cd', 'wh'] as const;

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Nothing happened twice at the site: one deploy, one CloudTower image, VM, installer run, datacenter, connection. */
async function assertEachEffectOnce(lab: BringUpEnv, site: string): Promise<void> {
  const snapshot = await lab.simState();
  const tower = snapshot.cloudtower as Rec;
  const vms = arr(snapshot.vms).filter((vm) => (vm.name ?? vm.vm_name) === 'cloudtower');
  assert.equal(vms.length, 1, `${site}: one CloudTower VM`);
  const isos = arr(snapshot.images).filter((img) => String(img.name).startsWith('cloudtower'));
  assert.equal(isos.length, 1, `${site}: one CloudTower image`);
  assert.equal(arr(snapshot.installerRuns).length, 1, `${site}: one installer run`);
  assert.equal(arr(tower.datacenters).length, 1, `${site}: one datacenter`);
  assert.equal(arr(tower.connectedClusters).length, 1, `${site}: one cluster connection`);
  assert.equal((snapshot.cluster as Rec).deployRequests, 1, `${site}: one deploy`);
}

/** `hci-bringup start` of a site's bring-up as its operator types it (OBS and Backup skipped). */
function startArgs(lab: BringUpEnv, site: string, speed: number): string[] {
  return [
    'start',
    ...['--plan', lab.planFile, '--endpoints', lab.endpointMapFile, '--packages', lab.packageDir],
    ...['--speed', String(speed), '--obs', 'skip', '--backup', 'skip', '--site', site, '--lang', 'en'],
  ];
}

/** The identities of the workers that ran a run's activity and workflow tasks. */
async function taskIdentities(client: Client, id: string): Promise<Set<string>> {
  const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
  return new Set(
    events.flatMap((e) => [
      ...(e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.identity ?? ''] : []),
      ...(e.workflowTaskStartedEventAttributes ? [e.workflowTaskStartedEventAttributes.identity ?? ''] : []),
    ]),
  );
}

describe('a fleet of sites on a two-node Temporal cluster', () => {
  let dir: string;
  let cluster: TemporalCluster | undefined;
  const labs = new Map<string, BringUpEnv>();
  const workers = new Map<string, WorkerProcess>();
  let client: Client;
  let connection: Connection | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hci-fleet-'));
    cluster = await startTemporalCluster({
      dir: path.join(dir, 'cluster'),
      cli: temporalCliPath(),
      balancerAddress: '127.250.0.100:0',
      ephemeral: true,
      log: (l) => console.log(l),
    });
    process.env.TEMPORAL_ADDRESS = cluster.address;
    process.env.TEMPORAL_NAMESPACE = cluster.namespace;
    ({ client, connection } = await testClient());
  });

  after(async () => {
    await Promise.all([...workers.values()].map((w) => w.stop()));
    await connection?.close();
    await Promise.all([...labs.values()].map((l) => l.stop()));
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'five sites at once; kill -9 of a server node mid-run; every run succeeds exactly once on its own worker',
    { timeout: 1_500_000 },
    async () => {
      const c = cluster!;
      const base = uniqueTaskQueue('fleet');
      process.env.HCI_TASK_QUEUE = base;
      for (const [i, site] of SITES.entries())
        labs.set(
          site,
          await startBringUpEnv({ hosts: 3, speed: 1000, plan: { addressBlock: (i + 3) as AddressBlock } }),
        );
      for (const site of SITES) workers.set(site, await startWorkerProcess(base, ['--site', site]));

      // All at once, as five operators would.
      const ids = await Promise.all(
        SITES.map(async (site) => {
          const lab = labs.get(site)!;
          const out = await hciBringup(startArgs(lab, site, 1000));
          assert.equal(out.code, 0, out.stderr + out.stdout);
          return `bringup-${site}-${lab.plan.clusterName}`;
        }),
      );

      // The longest stages: the ISO crossing the site link, then the installer.
      const busy = (lab: BringUpEnv) =>
        lab.sim.state.requests.some((r) => r.route === 'fisheye.images.upload_chunk') ||
        arr((lab.sim.state as unknown as Rec).installerRuns).length > 0;
      await until(
        'three sites uploading or installing CloudTower',
        () => SITES.filter((s) => busy(labs.get(s)!)).length >= 3,
      );
      const killed = 0;
      const survivor = c.frontends[1];
      const before = c.connections()[survivor];
      c.killNode(killed);
      console.log(
        `[fleet] kill -9 of node ${killed + 1} while ${SITES.filter((s) => busy(labs.get(s)!)).join(', ')} were busy`,
      );
      await new Promise((r) => setTimeout(r, 15_000));
      // The clients that were on the dead node reconnected, and the balancer gave them the survivor.
      assert.ok(
        c.connections()[survivor] > before,
        `no reconnection reached ${survivor}: ${JSON.stringify(c.connections())}`,
      );
      await c.startNode(killed);

      const summaries = await Promise.all(
        ids.map(async (id) => (await client.workflow.getHandle(id).result()) as { outcome: string }),
      );
      for (const [i, s] of summaries.entries())
        assert.equal(s.outcome, 'succeeded', `${ids[i]}: ${JSON.stringify(s)}`);

      for (const [i, site] of SITES.entries()) {
        const lab = labs.get(site)!;
        const worker = workers.get(site)!;
        const identities = await taskIdentities(client, ids[i]);
        assert.ok(identities.size > 0);
        for (const identity of identities) {
          assert.ok(identity.startsWith(`${worker.child.pid}@`), `${site}: a task ran on ${identity}`);
          assert.ok(identity.endsWith(`/${site}`), `${site}: a task ran on ${identity}`);
        }
        await assertEachEffectOnce(lab, site);
        // This build's client alone drove these runs (the upgrade test's run is partly an older
        // build's, judged by the simulator of its own day): no request of it took a lenient path.
        await assertNoLenientPath(lab.sim);
      }
    },
  );

  it(
    'a run started by an earlier build finishes on this build when the worker is replaced mid-run',
    { timeout: 1_200_000 },
    async () => {
      const from =
        process.env.HCI_UPGRADE_FROM ??
        readFileSync(path.join(projectRoot, 'fleet', 'upgrade-from.txt'), 'utf8').trim();
      const old = buildAt(from, path.join(dir, 'old-build'));
      const site = 'up';
      const base = uniqueTaskQueue('upgrade');
      const lab = await startBringUpEnv({ hosts: 3, speed: 300, plan: { addressBlock: 8 } });
      labs.set(site, lab);
      const oldWorker = await startWorkerProcess(base, ['--site', site], old.worker);
      workers.set('old', oldWorker);
      const id = `bringup-${site}-${lab.plan.clusterName}`;
      process.env.HCI_TASK_QUEUE = base;
      const out = await hciBringup(startArgs(lab, site, 300), { starter: old.starter });
      assert.equal(out.code, 0, out.stderr + out.stdout);

      // Mid-run, in the longest stage: the earlier build's worker stops, as an upgrade stops it.
      await until('the ISO upload', () =>
        lab.sim.state.requests.some((r) => r.route === 'fisheye.images.upload_chunk'),
      );
      await oldWorker.stop();
      const newWorker = await startWorkerProcess(base, ['--site', site]);
      workers.set(site, newWorker);

      // A build that replays the earlier one's history differently fails its workflow tasks and the
      // run would hang: that is said at once, not after the test's timeout.
      const handle = client.workflow.getHandle(id);
      let done = false;
      const replayFailure = (async () => {
        while (!done) {
          const events = (await handle.fetchHistory()).events ?? [];
          const failed = events.find((e) =>
            /TMPRL1100|nondetermini/i.test(e.workflowTaskFailedEventAttributes?.failure?.message ?? ''),
          );
          if (failed)
            throw new Error(
              `this build cannot continue the earlier build's run: ${failed.workflowTaskFailedEventAttributes?.failure?.message ?? ''}`,
            );
          await new Promise((r) => setTimeout(r, 2000));
        }
      })();
      const summary = (await Promise.race([handle.result(), replayFailure]).finally(() => (done = true))) as {
        outcome: string;
      };
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary));
      const identities = await taskIdentities(client, id);
      const pids = new Set([...identities].map((i) => Number(i.split('@')[0])));
      assert.ok(
        pids.has(oldWorker.child.pid!),
        `the earlier build ran part of the run: ${[...identities].join(', ')}`,
      );
      assert.ok(pids.has(newWorker.child.pid!), `this build finished it: ${[...identities].join(', ')}`);
      assert.equal(pids.size, 2, [...identities].join(', '));
      await assertEachEffectOnce(lab, site);
    },
  );
});
