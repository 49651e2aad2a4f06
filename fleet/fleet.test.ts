// A fleet on a real self-hosted Temporal cluster (scripts/lib/temporal-cluster.ts: two server nodes
// on PostgreSQL behind one client address): five sites, each with its own simulator and its own
// worker process started with `--site`, all bring-ups started at once with the operator's CLI. While
// the runs are in their longest stages (the ISO upload, the CloudTower install), one server node is
// killed with kill -9; it is started again later. Every run must succeed, no effect may happen twice
// at any site, and every task of a run must have run on its own site's worker.
// `npm run test:fleet` (not part of `npm test`: it builds and runs a whole Temporal cluster).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client, Connection } from '@temporalio/client';
import type { AddressBlock } from '../src/plan/sample-plan.js';
import { temporalCliPath } from '../scripts/lib/dev-server.js';
import { startTemporalCluster, type TemporalCluster } from '../scripts/lib/temporal-cluster.js';
import { startBringUpEnv, type BringUpEnv } from '../test/helpers/bringup-env.js';
import { hciBringup } from '../test/helpers/cli.js';
import { testClient, uniqueTaskQueue } from '../test/helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../test/helpers/worker-process.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

const SITES = ['bj', 'sh', 'gz', 'cd', 'wh'] as const;
type Site = (typeof SITES)[number];

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a fleet of sites on a two-node Temporal cluster', () => {
  let dir: string;
  let cluster: TemporalCluster | undefined;
  const labs = new Map<Site, BringUpEnv>();
  const workers = new Map<Site, WorkerProcess>();
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
            '--site',
            site,
            '--lang',
            'en',
          ]);
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
        const events = (await client.workflow.getHandle(ids[i]).fetchHistory()).events ?? [];
        const identities = new Set(
          events.flatMap((e) => [
            ...(e.activityTaskStartedEventAttributes
              ? [e.activityTaskStartedEventAttributes.identity ?? '']
              : []),
            ...(e.workflowTaskStartedEventAttributes
              ? [e.workflowTaskStartedEventAttributes.identity ?? '']
              : []),
          ]),
        );
        assert.ok(identities.size > 0);
        for (const identity of identities) {
          assert.ok(identity.startsWith(`${worker.child.pid}@`), `${site}: a task ran on ${identity}`);
          assert.ok(identity.endsWith(`/${site}`), `${site}: a task ran on ${identity}`);
        }
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
    },
  );
});
