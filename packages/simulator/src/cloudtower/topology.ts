// CloudTower's physical topology of a connected cluster (ZoneTopo → RackTopo → BrickTopo → NodeTopo,
// as the official SDKs model it). A connected cluster has one zone (not stretched) and one node per
// host, created by CloudTower itself, not in any brick; racks and bricks are created through the
// API, and a node is placed by moving it into a brick. Refusals follow what a rack physically
// allows: unique rack names per cluster, a brick inside its rack's height, no two bricks sharing a
// unit (assumptions, docs/simulator-cloudtower.md).
import type { SimContext } from '../core/contract.js';
import { hostViews } from './clusters.js';
import { cuid } from './ids.js';
import { countEffect, towerState } from './store.js';
import { clusterRef, storeWithTask } from './rest-create.js';
import { createTask } from './tasks.js';

interface RackRecord {
  id: string;
  local_id: string;
  cluster_id: string;
  zone_topo_id: string;
  name: string;
  height: number;
}

interface BrickRecord {
  id: string;
  local_id: string;
  cluster_id: string;
  rack_topo_id: string;
  name: string;
  height: number;
  position: number;
}

interface TopoState {
  /** Stable ids CloudTower gave the zone of each cluster and the node of each host. */
  topoIds: Record<string, string>;
  racks: RackRecord[];
  bricks: BrickRecord[];
  /** Node id → brick id, for nodes placed in a brick. */
  nodePlacement: Record<string, string>;
}

export class TopologyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function topoState(ctx: SimContext): TopoState {
  const s = towerState(ctx) as unknown as Record<string, unknown>;
  s.topology ??= { topoIds: {}, racks: [], bricks: [], nodePlacement: {} };
  return s.topology as TopoState;
}

function stable(ctx: SimContext, key: string): string {
  const ids = topoState(ctx).topoIds;
  ids[key] ??= cuid(ctx);
  return ids[key];
}

function connected(ctx: SimContext): { id: string; name: string }[] {
  return towerState(ctx)
    .connectedClusters.filter((c) => c.connect_state === 'CONNECTED')
    .map((c) => ({ id: c.id, name: c.name }));
}

export function zoneViews(ctx: SimContext): Record<string, unknown>[] {
  return connected(ctx).map((c) => ({
    cluster: c,
    cluster_topo: { id: stable(ctx, `cluster-topo:${c.id}`) },
    id: stable(ctx, `zone:${c.id}`),
    local_id: stable(ctx, `zone-local:${c.id}`),
    rack_topoes: topoState(ctx)
      .racks.filter((r) => r.cluster_id === c.id)
      .map((r) => ({ id: r.id, name: r.name })),
  }));
}

export function rackViews(ctx: SimContext): Record<string, unknown>[] {
  const { racks, bricks } = topoState(ctx);
  return racks.map((r) => ({
    brick_topoes: bricks.filter((b) => b.rack_topo_id === r.id).map((b) => ({ id: b.id, name: b.name })),
    cluster: clusterRef(ctx, r.cluster_id),
    height: r.height,
    id: r.id,
    local_id: r.local_id,
    name: r.name,
    zone_topo: { id: r.zone_topo_id },
  }));
}

export function brickViews(ctx: SimContext): Record<string, unknown>[] {
  const { bricks, racks, nodePlacement } = topoState(ctx);
  return bricks.map((b) => ({
    cluster: clusterRef(ctx, b.cluster_id),
    height: b.height,
    id: b.id,
    local_id: b.local_id,
    name: b.name,
    node_topoes: Object.entries(nodePlacement)
      .filter(([, brick]) => brick === b.id)
      .map(([node]) => ({ id: node })),
    position: b.position,
    rack_topo: { id: b.rack_topo_id, name: racks.find((r) => r.id === b.rack_topo_id)?.name ?? '' },
  }));
}

/** One node per host of each connected cluster (the simulator plays a single SMTX cluster). */
export function nodeViews(ctx: SimContext): Record<string, unknown>[] {
  const placement = topoState(ctx).nodePlacement;
  return connected(ctx).flatMap((c) =>
    hostViews(ctx).map((h) => {
      const id = stable(ctx, `node:${c.id}:${h.id}`);
      return {
        brick_topo: placement[id] ? { id: placement[id] } : null,
        cluster: c,
        cluster_topo: { id: stable(ctx, `cluster-topo:${c.id}`) },
        host: { id: h.id, name: h.name },
        id,
        local_id: stable(ctx, `node-local:${c.id}:${h.id}`),
        name: h.name,
        position: null,
      };
    }),
  );
}

function requireConnected(ctx: SimContext, clusterId: string): void {
  if (!connected(ctx).some((c) => c.id === clusterId))
    throw new TopologyError('ClusterNotFound', `cluster ${clusterId} is not a connected cluster`);
}

export function validateRack(
  ctx: SimContext,
  input: { cluster_id: string; zone_topo_id: string; name: string; height: number },
  pending: { cluster_id: string; name: string }[] = [],
): void {
  requireConnected(ctx, input.cluster_id);
  if (stable(ctx, `zone:${input.cluster_id}`) !== input.zone_topo_id)
    throw new TopologyError('ZoneTopoNotFound', `zone ${input.zone_topo_id} is not a zone of the cluster`);
  const taken = [...topoState(ctx).racks, ...pending].some(
    (r) => r.cluster_id === input.cluster_id && r.name === input.name,
  );
  if (taken) throw new TopologyError('RackTopoNameDuplicated', `rack "${input.name}" already exists`);
}

export function createRack(
  ctx: SimContext,
  input: { cluster_id: string; zone_topo_id: string; name: string; height: number },
): { view: Record<string, unknown>; task_id: string } {
  const record: RackRecord = { id: cuid(ctx), local_id: cuid(ctx), ...input };
  const taskId = storeWithTask(ctx, topoState(ctx).racks, record, {
    op: 'create-rack-topo',
    resourceType: 'RackTopo',
    what: `rack ${input.name}`,
  });
  return { view: rackViews(ctx).find((r) => r.id === record.id) ?? {}, task_id: taskId };
}

type BrickInput = Omit<BrickRecord, 'id' | 'local_id'>;

export function validateBrick(ctx: SimContext, input: BrickInput, pending: BrickInput[] = []): void {
  requireConnected(ctx, input.cluster_id);
  const rack = topoState(ctx).racks.find((r) => r.id === input.rack_topo_id);
  if (!rack || rack.cluster_id !== input.cluster_id)
    throw new TopologyError('RackTopoNotFound', `rack ${input.rack_topo_id} is not a rack of the cluster`);
  const top = input.position + input.height - 1;
  if (input.position < 1 || top > rack.height)
    throw new TopologyError(
      'BrickTopoOutOfRack',
      `brick "${input.name}" at U${input.position} (height ${input.height}) does not fit rack ${rack.name} (${rack.height}U)`,
    );
  const others = [...topoState(ctx).bricks, ...pending];
  if (others.some((b) => b.cluster_id === input.cluster_id && b.name === input.name))
    throw new TopologyError('BrickTopoNameDuplicated', `brick "${input.name}" already exists`);
  const clash = others.find(
    (b) =>
      b.rack_topo_id === input.rack_topo_id &&
      b.position <= top &&
      input.position <= b.position + b.height - 1,
  );
  if (clash)
    throw new TopologyError(
      'BrickTopoPositionOccupied',
      `U${input.position} of rack ${rack.name} is taken by brick "${clash.name}"`,
    );
}

export function createBrick(
  ctx: SimContext,
  input: BrickInput,
): { view: Record<string, unknown>; task_id: string } {
  const record: BrickRecord = { id: cuid(ctx), local_id: cuid(ctx), ...input };
  const taskId = storeWithTask(ctx, topoState(ctx).bricks, record, {
    op: 'create-brick-topo',
    resourceType: 'BrickTopo',
    what: `brick ${input.name}`,
  });
  return { view: brickViews(ctx).find((b) => b.id === record.id) ?? {}, task_id: taskId };
}

export function validateMove(ctx: SimContext, nodeId: string, brickId: string): void {
  const node = nodeViews(ctx).find((n) => n.id === nodeId);
  if (!node) throw new TopologyError('NodeTopoNotFound', `node ${nodeId} does not exist`);
  const brick = topoState(ctx).bricks.find((b) => b.id === brickId);
  if (!brick) throw new TopologyError('BrickTopoNotFound', `brick ${brickId} does not exist`);
  if ((node.cluster as { id: string }).id !== brick.cluster_id)
    throw new TopologyError('ClusterMismatch', `brick ${brick.name} belongs to another cluster`);
}

export function moveNode(
  ctx: SimContext,
  nodeId: string,
  brickId: string,
): { view: Record<string, unknown>; task_id: string } {
  topoState(ctx).nodePlacement[nodeId] = brickId;
  countEffect(ctx, 'rest:move-node-topo');
  const view = nodeViews(ctx).find((n) => n.id === nodeId) ?? {};
  const task = createTask(ctx, {
    description: `Move node ${typeof view.name === 'string' ? view.name : nodeId}`,
    seconds: 1,
    faultPoint: 'job:cloudtower.move-node-topo',
    resource_type: 'NodeTopo',
    resource_id: nodeId,
  });
  return { view, task_id: task.id };
}
