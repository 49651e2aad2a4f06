import { Context } from '@temporalio/activity';
import type { BrickTopoCreation, TowerBrickTopo, TowerRackTopo } from '../../smartx/index.js';
import { RACK_HEIGHT_U, type RackPlacement } from '../../plan/rack-units.js';
import { invalidInput, precheckFailed, remoteRejected, remoteStep, transient } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { coded } from '../../i18n/index.js';

/** A host's chassis: the workbook has no height column, so each host is one 1U brick at its unit. */
const BRICK_HEIGHT_U = 1;

export interface RackTopologyResult {
  racks: string[];
  placed: number;
  created: { racks: string[]; bricks: string[]; moved: string[] };
}

/**
 * The rack topology of 主机规划 P/Q in CloudTower, as its API models it: the cluster's zone →
 * one RackTopo per rack name (42U) → one BrickTopo per host (named after the host, 1U at its
 * unit) → the host's NodeTopo moved into its brick. Each level is read first and only what is
 * missing is created or moved, so a re-run or a retry after a lost reply changes nothing twice. A
 * brick that exists with the host's name but sits elsewhere is not moved (someone placed it by
 * hand): that is an error naming both positions.
 */
export async function configureRackTopology(
  req: TowerAccess & { clusterVip: string; placements: RackPlacement[] },
): Promise<RackTopologyResult> {
  const step = 'configure rack topology';
  if (req.placements.length === 0) throw invalidInput(`${step}: no host has a rack position (主机规划 P/Q)`);
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const inCluster = { cluster: { id: cluster.id } };

    const zones = await rest.getZoneTopoes(inCluster);
    if (zones.length === 0)
      throw transient(`${step}: CloudTower shows no zone of cluster ${cluster.name} yet`, {
        key: 'failure.noZoneYet',
        params: { cluster: cluster.name },
      });
    if (zones.length > 1)
      throw precheckFailed(
        `${step}: cluster ${cluster.name} has ${zones.length} zones (stretched cluster); the workbook does not say which zone a rack is in. Fix: place the racks in CloudTower by hand, then skip this step.`,
      );
    const zone = zones[0];

    // Racks, by name within the cluster.
    const rackNames = [...new Set(req.placements.map((p) => p.rack))];
    const racks = new Map<string, TowerRackTopo>();
    for (const r of await rest.getRackTopoes(inCluster)) racks.set(r.name, r);
    const newRacks = rackNames.filter((n) => !racks.has(n));
    if (newRacks.length > 0) {
      const made = await rest.createRackTopo(
        newRacks.map((name) => ({
          cluster_id: cluster.id,
          zone_topo_id: zone.id,
          name,
          height: RACK_HEIGHT_U,
        })),
      );
      for (const m of made) racks.set(m.data.name, m.data);
    }
    for (const n of rackNames) if (!racks.has(n)) throw remoteRejected(`${step}: rack ${n} was not created`);

    // Bricks, one per host, by the host's name.
    const bricks = new Map<string, TowerBrickTopo>();
    for (const b of await rest.getBrickTopoes(inCluster)) bricks.set(b.name, b);
    const newBricks: BrickTopoCreation[] = [];
    for (const p of req.placements) {
      const rackId = racks.get(p.rack)?.id ?? '';
      const have = bricks.get(p.hostname);
      if (!have) {
        newBricks.push({
          cluster_id: cluster.id,
          rack_topo_id: rackId,
          name: p.hostname,
          height: BRICK_HEIGHT_U,
          position: p.unit,
        });
        continue;
      }
      if (have.rack_topo?.id !== rackId || have.position !== p.unit) {
        const where = `${[...racks.values()].find((r) => r.id === have.rack_topo?.id)?.name ?? have.rack_topo?.id ?? '?'} U${have.position ?? '?'}`;
        throw precheckFailed(
          coded('failure.brickElsewhere', { step, host: p.hostname, where, rack: p.rack, unit: p.unit }),
        );
      }
    }
    if (newBricks.length > 0) {
      const made = await rest.createBrickTopo(newBricks);
      for (const m of made) bricks.set(m.data.name, m.data);
    }

    // Nodes: CloudTower made one per host when the cluster connected; move each into its brick.
    const nodes = await rest.getNodeTopoes(inCluster);
    const moves: { node: string; brick: string; host: string }[] = [];
    for (const p of req.placements) {
      const node = nodes.find((n) => (n.host?.name ?? n.name) === p.hostname);
      if (!node)
        throw transient(`${step}: CloudTower shows no node for host ${p.hostname} yet`, {
          key: 'failure.noNodeYet',
          params: { host: p.hostname },
        });
      const brick = bricks.get(p.hostname);
      if (!brick) throw remoteRejected(`${step}: brick ${p.hostname} was not created`);
      if (node.brick_topo?.id !== brick.id) moves.push({ node: node.id, brick: brick.id, host: p.hostname });
    }
    if (moves.length > 0)
      await rest.moveNodeTopo(
        moves.map((m) => ({ where: { id: m.node }, data: { brick_topo_id: m.brick } })),
      );

    Context.current().log.info('rack topology configured', {
      cluster: cluster.name,
      racks: rackNames.length,
      bricksCreated: newBricks.length,
      nodesMoved: moves.length,
    });
    return {
      racks: rackNames,
      placed: req.placements.length,
      created: { racks: newRacks, bricks: newBricks.map((b) => b.name), moved: moves.map((m) => m.host) },
    };
  });
}
