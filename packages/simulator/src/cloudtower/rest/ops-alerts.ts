// REST: AlertApi `get-alerts` (GetAlertsRequestBody `{where, first, skip, orderBy, after, before,
// last}` → `Alert[]`), shapes as SmartX's SDKs document them. The where input is validated strictly
// (AlertWhereInput's fields; nested relations with the subset the simulator models): a field the
// server does not know is a 400 InvalidParams, not a filter that silently matches everything.
import { z } from 'zod';
import type { SimRoute } from '../../core/contract.js';
import { alertState, alertView, raiseFaultAlert } from '../alerts.js';
import type { CloudTowerSimOptions } from '../options.js';
import { filterPage } from '../where.js';
import { restRoute } from './route.js';
import { RestWhereInputs } from './where-schema.js';

const inputs = new RestWhereInputs();
// Nested where inputs: the fields the simulator's records carry (the real ones have many more).
inputs.define('ClusterWhereInput', { id: 'string', name: 'string', local_id: 'string', ip: 'string' });
inputs.define('HostWhereInput', { id: 'string', name: 'string', local_id: 'string' });
inputs.define('VmWhereInput', { id: 'string', name: 'string', local_id: 'string' });
inputs.define('DiskWhereInput', { id: 'string', name: 'string' });
inputs.define('AlertRuleWhereInput', { id: 'string' });
/** AlertWhereInput, every field the SDKs document. */
const alertWhere = inputs.define('AlertWhereInput', {
  alert_rule: { one: 'AlertRuleWhereInput' },
  cause: 'string',
  cluster: { one: 'ClusterWhereInput' },
  create_time: 'time',
  disk: { one: 'DiskWhereInput' },
  ended: 'boolean',
  host: { one: 'HostWhereInput' },
  id: 'string',
  impact: 'string',
  local_create_time: 'time',
  local_end_time: 'string',
  local_id: 'string',
  local_start_time: 'string',
  local_update_time: 'string',
  message: 'string',
  severity: 'string',
  solution: 'string',
  threshold: 'number',
  value: 'number',
  vms: { many: 'VmWhereInput' },
});

const ORDER_FIELDS = [
  'cause',
  'create_time',
  'ended',
  'id',
  'impact',
  'local_create_time',
  'local_end_time',
  'local_id',
  'local_start_time',
  'local_update_time',
  'message',
  'severity',
  'solution',
  'threshold',
  'value',
];

const getAlertsBody = z.strictObject({
  where: alertWhere.optional(),
  first: z.number().int().nonnegative().optional(),
  skip: z.number().int().nonnegative().optional(),
  after: z.string().optional(),
  before: z.string().optional(),
  last: z.number().int().nonnegative().optional(),
  orderBy: z.enum(ORDER_FIELDS.flatMap((f) => [`${f}_ASC`, `${f}_DESC`])).optional(),
});

export function alertRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    restRoute(options, {
      op: 'get-alerts',
      auth: true,
      schema: getAlertsBody,
      handle({ body, ctx }) {
        // The knob of a test: an alert raised "under load", seen by this and later calls.
        if (ctx.faults.fire('alert:raise')) raiseFaultAlert(ctx);
        const views = alertState(ctx).alerts.map((a) => alertView(ctx, a));
        if (body.orderBy) {
          const [field, dir] = [
            body.orderBy.replace(/_(ASC|DESC)$/, ''),
            body.orderBy.endsWith('_DESC') ? -1 : 1,
          ];
          views.sort((x, y) =>
            String(x[field]) < String(y[field]) ? -dir : String(x[field]) > String(y[field]) ? dir : 0,
          );
        }
        return filterPage(views, body);
      },
    }),
  ];
}
