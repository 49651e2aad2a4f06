/* eslint-disable @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// The datacenter create and the cluster connection of stage 5 when the appliance answers late
// (`slow-create`: the attempt is cancelled while the create is in flight) or never (`lost-reply`):
// the next attempt finds what CloudTower made, so one datacenter and one connection exist.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { attachClusterToCloudTower } from '../../../src/activities/attach-cluster/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const SLOW_MS = 3000;
const fisheye = { user: 'root', password: testSecret('HC!r0cks') };

function attachReq(f: TowerFixture, datacenter: string) {
  return {
    run: f.run,
    cloudtowerIp: f.cloudtowerIp,
    organization: 'SMTX-HCI',
    datacenter,
    vip: f.clusterVip,
    fisheye,
    rootPassword: f.tower.rootPassword,
  };
}

async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 15_000; !(await fn());) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How often the single fault rule fired. */
const fired = async (f: TowerFixture) =>
  ((await (await fetch(`${f.sim.adminUrl}/__sim/faults`)).json()) as { counters: { fired: number }[] })
    .counters[0].fired;

const datacentersNamed = async (f: TowerFixture, name: string) =>
  ((await f.simState()).cloudtower.datacenters as { name: string }[]).filter((d) => d.name === name);
const clusters = async (f: TowerFixture) =>
  (await f.simState()).cloudtower.connectedClusters as { id: string; connect_state?: string }[];

/** Runs the step, cancels it once `made` sees the create took effect, then runs the retry. */
async function cancelledWhileCreating(f: TowerFixture, datacenter: string, made: () => Promise<boolean>) {
  const env = activityEnv();
  const first = runIn(env, attachClusterToCloudTower, attachReq(f, datacenter)).then(
    (r) => r as unknown,
    (e: unknown) => e,
  );
  await until('the create to take effect', made);
  env.cancel();
  const second = await runIn(activityEnv(), attachClusterToCloudTower, attachReq(f, datacenter));
  return { late: await first, second };
}

describe('datacenter create answered late or never', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3, { attach: false });
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('slow-create: cancelled while create-datacenter is in flight; one datacenter', async () => {
    await f.setFaults([
      { match: 'cloudtower.rest.create-datacenter', kind: 'slow-create', delayMs: SLOW_MS, nth: 1 },
    ]);
    try {
      const { second } = await cancelledWhileCreating(
        f,
        'DC-SLOW',
        async () => (await datacentersNamed(f, 'DC-SLOW')).length > 0,
      );
      assert.equal(second.datacenterCreated, false, 'found, not created again');
      assert.equal(second.connectState, 'CONNECTED');
    } finally {
      await f.setFaults([]);
    }
    assert.equal((await datacentersNamed(f, 'DC-SLOW')).length, 1, 'one datacenter');
    assert.equal((await clusters(f)).length, 1, 'one connection');
  });

  it('lost-reply: create-datacenter takes effect, its answer is lost; one datacenter', async () => {
    await f.setFaults([{ match: 'cloudtower.rest.create-datacenter', kind: 'lost-reply', nth: 1 }]);
    // The step looks again after a failed create, so the same attempt finds the datacenter.
    const result = await runIn(activityEnv(), attachClusterToCloudTower, attachReq(f, 'DC-LOST'));
    assert.equal(await fired(f), 1, 'the reply was lost');
    await f.setFaults([]);
    assert.equal(result.datacenterCreated, false);
    const dcs = await datacentersNamed(f, 'DC-LOST');
    assert.equal(dcs.length, 1, 'one datacenter');
    assert.equal(result.datacenterId, (dcs[0] as unknown as { id: string }).id);
    assert.equal((await clusters(f)).length, 1, 'still one connection');
  });
});

describe('cluster connection answered late', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3, { attach: false });
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('slow-create: cancelled while connect-cluster is in flight; one connection', async () => {
    await f.setFaults([
      { match: 'cloudtower.rest.connect-cluster', kind: 'slow-create', delayMs: SLOW_MS, nth: 1 },
    ]);
    try {
      const { second } = await cancelledWhileCreating(f, 'DC-A', async () => (await clusters(f)).length > 0);
      assert.equal(second.alreadyConnected, true, 'found, not connected again');
      assert.equal(second.connectState, 'CONNECTED');
      const all = await clusters(f);
      assert.equal(all.length, 1, 'one connection');
      assert.equal(all[0].id, second.clusterId);
    } finally {
      await f.setFaults([]);
    }
    assert.equal((await datacentersNamed(f, 'DC-A')).length, 1, 'one datacenter');
  });
});

describe('cluster connection answered never', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3, { attach: false });
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('lost-reply: connect-cluster takes effect, its answer is lost; the retry makes no second', async () => {
    await f.setFaults([{ match: 'cloudtower.rest.connect-cluster', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(runIn(activityEnv(), attachClusterToCloudTower, attachReq(f, 'DC-B')));
      assert.equal(await fired(f), 1, 'the reply was lost');
      assert.equal((await clusters(f)).length, 1, 'the connect took effect');
      const { alreadyConnected, connectState, datacenterCreated } = await runIn(
        activityEnv(),
        attachClusterToCloudTower,
        attachReq(f, 'DC-B'),
      );
      assert.equal(alreadyConnected, true);
      assert.equal(datacenterCreated, false);
      assert.equal(connectState, 'CONNECTED');
    } finally {
      await f.setFaults([]);
    }
    assert.equal((await clusters(f)).length, 1, 'one connection');
    assert.equal((await datacentersNamed(f, 'DC-B')).length, 1, 'one datacenter');
  });
});
