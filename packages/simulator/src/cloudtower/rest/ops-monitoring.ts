// REST: monitoring views and graphs (get-views, create-view, get-graphs, create-graph). Bodies as
// the official SDKs document ViewCreationParams / GraphCreationParams; unknown fields, values
// outside the documented enums and a `metric_count` that is not a number are refused. The SDKs list
// no metric names, so an unlisted one is served, marked `lenient`.
import { z } from 'zod';
import type { SimRoute } from '../../core/contract.js';
import {
  createGraph,
  createView,
  graphView,
  monitoringState,
  MonitoringError,
  validateGraph,
  validateView,
  viewView,
} from '../monitoring.js';
import type { CloudTowerSimOptions } from '../options.js';
import { listOf, oneOrMany } from '../validate.js';
import { listRoute } from './ops-tower.js';
import { RestError, restRoute } from './route.js';

const viewInput = z.strictObject({
  cluster_id: z.string().min(1),
  name: z.string().min(1).max(255),
  time_span: z.number().int().positive(),
  time_unit: z.enum(['MINUTE', 'HOUR', 'DAY', 'MONTH']),
});

const graphInput = z.strictObject({
  view_id: z.string().min(1),
  cluster_id: z.string().min(1),
  title: z.string().min(1).max(255),
  type: z.enum(['AREA', 'STACK']),
  resource_type: z.string().min(1),
  metric_name: z.string().min(1),
  connect_id: z.array(z.string().min(1)),
  instance_ids: z.array(z.string()).optional(),
  metric_type: z.enum(['NORMAL', 'TOPK', 'BOTTOMK']).optional(),
  metric_count: z.number().int().positive().optional(),
  network: z.enum(['IPV4', 'IPV6', 'IPV4_IPV6']).optional(),
  service: z.string().optional(),
});

function asRest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MonitoringError) throw new RestError(400, err.code, err.message);
    throw err;
  }
}

export function monitoringRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    listRoute(options, 'get-views', (ctx) => monitoringState(ctx).views.map((v) => viewView(ctx, v))),
    restRoute(options, {
      op: 'create-view',
      auth: true,
      schema: oneOrMany(viewInput),
      handle: ({ body, ctx }) =>
        asRest(() => {
          const inputs = listOf(body);
          const names = new Set(inputs.map((i) => `${i.cluster_id}/${i.name}`));
          if (names.size !== inputs.length)
            throw new RestError(400, 'ViewNameDuplicated', 'a view name is given twice');
          // Every item is checked before any is created: a refused call leaves nothing behind.
          for (const input of inputs) validateView(ctx, input);
          return inputs.map((input) => {
            const { record, task_id } = createView(ctx, input);
            return { data: viewView(ctx, record), task_id };
          });
        }),
    }),
    listRoute(options, 'get-graphs', (ctx) => monitoringState(ctx).graphs.map((g) => graphView(ctx, g))),
    restRoute(options, {
      op: 'create-graph',
      auth: true,
      schema: oneOrMany(graphInput),
      handle: ({ body, ctx, req }) =>
        asRest(() => {
          const inputs = listOf(body);
          for (const input of inputs) for (const mark of validateGraph(ctx, input)) req.lenient(mark);
          return inputs.map((input) => {
            const { record, task_id } = createGraph(ctx, {
              view_id: input.view_id,
              cluster_id: input.cluster_id,
              title: input.title,
              type: input.type,
              resource_type: input.resource_type,
              metric_name: input.metric_name,
              connect_id: input.connect_id,
              metric_type: input.metric_type,
              metric_count: input.metric_count,
            });
            return { data: graphView(ctx, record), task_id };
          });
        }),
    }),
  ];
}
