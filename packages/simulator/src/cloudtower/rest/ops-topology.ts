// REST: the rack topology of a connected cluster (get-zone-topoes, get/create rack and brick topos,
// get-node-topoes, move-node-topo), with the bodies the official SDKs document
// (RackTopoCreationParams, BrickTopoCreationParams, NodeTopoUpdationParams); unknown fields refused.
import { z } from 'zod';
import type { SimContext, SimRoute } from '../../core/contract.js';
import type { CloudTowerSimOptions } from '../options.js';
import {
  brickViews,
  createBrick,
  createRack,
  moveNode,
  nodeViews,
  rackViews,
  TopologyError,
  validateBrick,
  validateMove,
  validateRack,
  zoneViews,
} from '../topology.js';
import { listOf, oneOrMany } from '../validate.js';
import { listRoute } from './ops-tower.js';
import { RestError, restRoute } from './route.js';

const rackInput = z.strictObject({
  cluster_id: z.string().min(1),
  zone_topo_id: z.string().min(1),
  name: z.string().min(1).max(255),
  height: z.number().int().min(1).max(60),
  brick_topoes: z.unknown().optional(),
});

const brickInput = z.strictObject({
  cluster_id: z.string().min(1),
  rack_topo_id: z.string().min(1),
  name: z.string().min(1).max(255),
  height: z.number().int().min(1).max(10),
  position: z.number().int().min(1),
  capacity: z.unknown().optional(),
  node_topoes: z.unknown().optional(),
  tag_position_in_brick: z.unknown().optional(),
});

const moveInput = z.strictObject({
  where: z.strictObject({ id: z.string().min(1) }),
  data: z.strictObject({
    brick_topo_id: z.string().min(1),
    cluster_topo_id: z.string().optional(),
    position: z.unknown().optional(),
  }),
});

function asRest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TopologyError) throw new RestError(400, err.code, err.message);
    throw err;
  }
}

export function topologyRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  const lister = (op: string, views: (ctx: SimContext) => unknown[]) => listRoute(options, op, views);
  return [
    lister('get-zone-topoes', zoneViews),
    lister('get-rack-topoes', rackViews),
    lister('get-brick-topoes', brickViews),
    lister('get-node-topoes', nodeViews),
    restRoute(options, {
      op: 'create-rack-topo',
      auth: true,
      schema: oneOrMany(rackInput),
      handle: ({ body, ctx }) =>
        asRest(() => {
          const inputs = listOf(body).map(({ cluster_id, zone_topo_id, name, height }) => ({
            cluster_id,
            zone_topo_id,
            name,
            height,
          }));
          // Every item is checked (also against the earlier items) before any is created.
          inputs.forEach((input, i) => validateRack(ctx, input, inputs.slice(0, i)));
          return inputs.map((input) => {
            const { view, task_id } = createRack(ctx, input);
            return { data: view, task_id };
          });
        }),
    }),
    restRoute(options, {
      op: 'create-brick-topo',
      auth: true,
      schema: oneOrMany(brickInput),
      handle: ({ body, ctx }) =>
        asRest(() => {
          const inputs = listOf(body).map(({ cluster_id, rack_topo_id, name, height, position }) => ({
            cluster_id,
            rack_topo_id,
            name,
            height,
            position,
          }));
          inputs.forEach((input, i) => validateBrick(ctx, input, inputs.slice(0, i)));
          return inputs.map((input) => {
            const { view, task_id } = createBrick(ctx, input);
            return { data: view, task_id };
          });
        }),
    }),
    restRoute(options, {
      op: 'move-node-topo',
      auth: true,
      schema: oneOrMany(moveInput),
      handle: ({ body, ctx }) =>
        asRest(() => {
          const inputs = listOf(body);
          for (const m of inputs) validateMove(ctx, m.where.id, m.data.brick_topo_id);
          return inputs.map((m) => {
            const { view, task_id } = moveNode(ctx, m.where.id, m.data.brick_topo_id);
            return { data: view, task_id };
          });
        }),
    }),
  ];
}
