// REST: hosts and maintenance mode (HostApi of the official SDKs). The paths keep the SDKs' own
// spelling: the precheck is `enter-maintenance-mode-precheck`, the three others `…-maintance-mode…`.
// Bodies are strict (EnterMaintenanceModeCheckParams, EnterMaintenanceModeResultParams,
// EnterMaintenanceModeParams, ExitMaintenanceModeParams); enter and exit answer WithTask<Host>.
import { z } from 'zod';
import type { SimContext, SimRoute } from '../../core/contract.js';
import {
  enterMaintenance,
  exitMaintenance,
  findHost,
  HostError,
  hostViewsWithState,
  precheckResult,
  startPrecheck,
} from '../hosts.js';
import type { CloudTowerSimOptions } from '../options.js';
import { filterPage } from '../where.js';
import { listRoute } from './ops-tower.js';
import { RestError, restRoute } from './route.js';

/** HostWhereInput (the precheck): any filter, which must select exactly one host. */
const checkParams = z.strictObject({ where: z.record(z.string(), z.unknown()) });
/** EnterMaintenanceModeResultParams: `where` is EnterMaintenanceModeResultParamsWhere `{task_id}`. */
const resultParams = z.strictObject({ where: z.strictObject({ task_id: z.string().min(1) }) });
/** VmStartParamsData, reused by the SDKs as the host selector of enter/exit. */
const hostWhere = z.strictObject({ host_id: z.string().min(1) });
const enterParams = z.strictObject({
  data: z.strictObject({ shutdown_vms: z.array(z.string()).optional() }),
  where: hostWhere,
});
const exitParams = z.strictObject({
  data: z.strictObject({
    poweron_vms: z.array(z.string()).optional(),
    offline_migrate_back_vms: z.array(z.string()).optional(),
    live_migrate_back_vms: z.array(z.string()).optional(),
  }),
  where: hostWhere,
});

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof HostError) throw new RestError(err.status, err.code, err.message);
    throw err;
  }
}

function withTaskHost(ctx: SimContext, hostId: string, taskId: string): Record<string, unknown> {
  const host = hostViewsWithState(ctx).find((h) => h.id === hostId);
  return { task_id: taskId, data: host };
}

export function hostRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    listRoute(options, 'get-hosts', (ctx) => hostViewsWithState(ctx)),
    restRoute(options, {
      op: 'enter-maintenance-mode-precheck',
      auth: true,
      schema: checkParams,
      handle({ body, ctx }) {
        const hosts = filterPage(hostViewsWithState(ctx), { where: body.where }) as { id: string }[];
        if (hosts.length !== 1)
          throw new RestError(
            hosts.length ? 400 : 404,
            'InvalidParams',
            `where must select exactly one host (it selects ${hosts.length})`,
          );
        return { task_id: guarded(() => startPrecheck(ctx, hosts[0].id)) };
      },
    }),
    restRoute(options, {
      op: 'enter-maintance-mode-precheck-result',
      auth: true,
      schema: resultParams,
      handle: ({ body, ctx }) => guarded(() => precheckResult(ctx, body.where.task_id)),
    }),
    restRoute(options, {
      op: 'enter-maintance-mode',
      auth: true,
      schema: enterParams,
      handle({ body, ctx }) {
        if (!findHost(ctx, body.where.host_id))
          throw new RestError(404, 'HostNotFound', `host ${body.where.host_id} not found`);
        if (body.data.shutdown_vms?.length)
          throw new RestError(400, 'InvalidParams', 'data.shutdown_vms: no VM of this host needs a shutdown');
        const taskId = guarded(() => enterMaintenance(ctx, body.where.host_id));
        return withTaskHost(ctx, body.where.host_id, taskId);
      },
    }),
    restRoute(options, {
      op: 'exit-maintance-mode',
      auth: true,
      schema: exitParams,
      handle({ body, ctx }) {
        const taskId = guarded(() => exitMaintenance(ctx, body.where.host_id));
        return withTaskHost(ctx, body.where.host_id, taskId);
      },
    }),
  ];
}
