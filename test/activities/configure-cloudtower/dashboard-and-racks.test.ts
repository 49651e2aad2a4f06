/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any -- /__sim/state is untyped JSON */
// Stage 6 against the real simulator: the handover dashboard (a view and its graphs) and the rack
// topology (racks, bricks, node positions), each created once however often the step runs and
// even when the create's answer is lost or late.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  configureMonitoringDashboard,
  configureRackTopology,
} from '../../../src/activities/configure-cloudtower/index.js';
import { DASHBOARD_GRAPHS } from '../../../src/activities/configure-cloudtower/monitoring-graphs.js';
import type { RackPlacement } from '../../../src/plan/rack-units.js';
import { towerClients } from '../../../src/activities/support/tower-clients.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('stage 6: monitoring dashboard and rack topology (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  const tower = async (): Promise<any> => (await f.simState()).cloudtower;
  const effects = async (key: string): Promise<number> => (await tower()).effects[key] ?? 0;

  it('creates the dashboard view with every graph, then a re-run creates nothing', async () => {
    const first = await runIn(activityEnv(), configureMonitoringDashboard, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.equal(first.createdView, true);
    assert.equal(first.graphs, DASHBOARD_GRAPHS.length);
    assert.equal(first.createdGraphs.length, DASHBOARD_GRAPHS.length);
    const state = await tower();
    assert.equal(state.views.length, 1);
    assert.equal(state.views[0].name, first.view);
    assert.match(first.view, /交付监控$/);
    const hostGraph = state.graphs.find((g: any) => g.resource_type === 'host');
    assert.equal(hostGraph.connect_id.length, 3, 'per-host CPU charts every host');
    const metrics = state.graphs.map((g: any) => g.metric_name);
    for (const m of [
      'elf_cluster_cpu_overall_usage_percent',
      'zbs_cluster_read_iops',
      'zbs_cluster_write_latency_ns',
    ])
      assert.ok(metrics.includes(m), m);

    const again = await runIn(activityEnv(), configureMonitoringDashboard, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.equal(again.createdView, false);
    assert.deepEqual(again.createdGraphs, []);
    assert.equal(again.viewId, first.viewId);
    assert.equal(await effects('rest:create-view'), 1);
    assert.equal(await effects('rest:create-graph'), DASHBOARD_GRAPHS.length);
  });

  it('a lost create-view answer: the retry finds the view by name, still one view', async () => {
    dropDashboard();
    await f.setFaults([{ match: 'cloudtower.rest.create-view', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(
        runIn(activityEnv(), configureMonitoringDashboard, { ...f.tower, clusterVip: f.clusterVip }),
      );
      assert.equal((await tower()).views.length, 1, 'the create took effect');
      const out = await runIn(activityEnv(), configureMonitoringDashboard, {
        ...f.tower,
        clusterVip: f.clusterVip,
      });
      assert.equal(out.createdView, false);
      assert.equal(out.graphs, DASHBOARD_GRAPHS.length);
    } finally {
      await f.setFaults([]);
    }
    const state = await tower();
    assert.equal(state.views.length, 1);
    assert.equal(state.graphs.length, DASHBOARD_GRAPHS.length);
  });

  it('a lost create-graph answer: the retry creates only what is missing (none)', async () => {
    dropDashboard();
    await f.setFaults([{ match: 'cloudtower.rest.create-graph', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(
        runIn(activityEnv(), configureMonitoringDashboard, { ...f.tower, clusterVip: f.clusterVip }),
      );
      const out = await runIn(activityEnv(), configureMonitoringDashboard, {
        ...f.tower,
        clusterVip: f.clusterVip,
      });
      assert.deepEqual(out.createdGraphs, []);
    } finally {
      await f.setFaults([]);
    }
    assert.equal((await tower()).graphs.length, DASHBOARD_GRAPHS.length);
  });

  let placements: RackPlacement[];
  it('places every host: one rack, one 1U brick per host at its unit, nodes moved into them', async () => {
    const hosts = (await f.simState()).hosts as Record<string, string>[];
    placements = hosts.map((h, i) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      rack: 'SIM-R01',
      unit: 2 * i + 1,
    }));
    const out = await runIn(activityEnv(), configureRackTopology, {
      ...f.tower,
      clusterVip: f.clusterVip,
      placements,
    });
    assert.deepEqual(out.racks, ['SIM-R01']);
    assert.deepEqual(out.created.racks, ['SIM-R01']);
    assert.equal(out.created.bricks.length, 3);
    assert.equal(out.created.moved.length, 3);
    const topo = (await tower()).topology;
    assert.equal(topo.racks.length, 1);
    assert.equal(topo.racks[0].height, 42);
    assert.deepEqual(
      topo.bricks.map((b: any) => [b.name, b.position, b.height]),
      placements.map((p) => [p.hostname, p.unit, 1]),
    );
    assert.equal(Object.keys(topo.nodePlacement).length, 3);

    const again = await runIn(activityEnv(), configureRackTopology, {
      ...f.tower,
      clusterVip: f.clusterVip,
      placements,
    });
    assert.deepEqual(again.created, { racks: [], bricks: [], moved: [] });
    assert.equal(await effects('rest:create-rack-topo'), 1);
    assert.equal(await effects('rest:create-brick-topo'), 3);
    assert.equal(await effects('rest:move-node-topo'), 3);
  });

  it('a new rack whose create answer is lost: the retry finds it by name, one rack, one brick', async () => {
    const extra: RackPlacement = { ...placements[2], rack: 'SIM-R02', unit: 7 };
    // The third host moves to a new rack: drop its brick first (as an engineer would in the UI).
    const topo = (f.sim.state.cloudtower as any).topology;
    const brick = topo.bricks.find((b: any) => b.name === extra.hostname);
    topo.bricks = topo.bricks.filter((b: any) => b !== brick);
    for (const [node, b] of Object.entries(topo.nodePlacement))
      if (b === brick.id) delete topo.nodePlacement[node];
    const next = [placements[0], placements[1], extra];
    await f.setFaults([{ match: 'cloudtower.rest.create-rack-topo', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(
        runIn(activityEnv(), configureRackTopology, {
          ...f.tower,
          clusterVip: f.clusterVip,
          placements: next,
        }),
      );
      const out = await runIn(activityEnv(), configureRackTopology, {
        ...f.tower,
        clusterVip: f.clusterVip,
        placements: next,
      });
      assert.deepEqual(out.created, { racks: [], bricks: [extra.hostname], moved: [extra.hostname] });
    } finally {
      await f.setFaults([]);
    }
    assert.deepEqual((await tower()).topology.racks.map((r: any) => r.name).sort(), ['SIM-R01', 'SIM-R02']);
    assert.equal(await effects('rest:create-rack-topo'), 2);
    placements = next;
  });

  it('a host whose brick sits elsewhere is an error naming both positions, and nothing moves', async () => {
    const wrong = placements.map((p, i) => (i === 0 ? { ...p, unit: 20 } : p));
    const before = await effects('rest:create-brick-topo');
    await assert.rejects(
      runIn(activityEnv(), configureRackTopology, {
        ...f.tower,
        clusterVip: f.clusterVip,
        placements: wrong,
      }),
      (err: Error) => /U1\b/.test(err.message) && /U20/.test(err.message),
    );
    assert.equal(await effects('rest:create-brick-topo'), before);
  });

  it('the simulator refuses bricks that overlap or leave the rack, and unknown fields', async () => {
    const { rest } = towerClients(f.tower);
    const [rack] = await rest.getRackTopoes();
    const base = { cluster_id: rack.cluster!.id, rack_topo_id: rack.id, height: 1 };
    await assert.rejects(rest.createBrickTopo([{ ...base, name: 'x1', position: 1 }]), /Occupied|400/);
    await assert.rejects(
      rest.createBrickTopo([{ ...base, name: 'x2', position: 42, height: 2 }]),
      /OutOfRack|400/,
    );
    await assert.rejects(
      rest.createBrickTopo([{ ...base, name: 'x3', position: 30, colour: 'red' } as never]),
      /colour|400/,
    );
    await assert.rejects(
      rest.createView([
        { cluster_id: rack.cluster!.id, name: 'v', time_span: 1, time_unit: 'WEEK' as never },
      ]),
      /time_unit|400/,
    );
    assert.equal(await effects('rest:create-brick-topo'), 4, 'nothing refused was created');
  });

  /** The dashboard gone (deleted in the UI): the next run creates it again. */
  function dropDashboard(): void {
    const state = f.sim.state.cloudtower as any;
    state.views = [];
    state.graphs = [];
  }
});
