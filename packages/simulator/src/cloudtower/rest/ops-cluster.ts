// REST: connecting the SMTX cluster and reading it back, its switches and VLANs, and creating the
// backup storage VLAN.
import { z } from 'zod';
import type { SimRoute } from '../../core/contract.js';
import { clusterBrief, clusterView, connectCluster, ConnectError } from '../clusters.js';
import type { CloudTowerSimOptions } from '../options.js';
import {
  createVmVlan,
  validateVmVlan,
  vdsView,
  vdsViews,
  vlanView,
  vlanViews,
  VlanError,
} from '../network.js';
import { countEffect, towerState } from '../store.js';
import { listOf, oneOrMany } from '../validate.js';
import { filterPage } from '../where.js';
import { listArgs } from './ops-tower.js';
import { RestError, restRoute } from './route.js';

const connectBody = z.object({
  datacenter_id: z.string().min(1),
  ip: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
});

const vlanInput = z.object({
  vds_id: z.string().min(1),
  name: z.string().min(1),
  vlan_id: z.number().int().min(0).max(4094).optional(),
  gateway_ip: z.string().optional(),
  subnetmask: z.string().optional(),
  mode_type: z.enum(['VLAN_ACCESS', 'VLAN_TRUNK']).optional(),
});
const vlanBody = oneOrMany(vlanInput);

export function clusterRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    restRoute(options, {
      op: 'connect-cluster',
      auth: true,
      schema: connectBody,
      handle({ body, ctx }) {
        try {
          const record = connectCluster(ctx, options, body);
          countEffect(ctx, 'rest:connect-cluster');
          return { data: clusterBrief(record), task_id: record.task_id };
        } catch (err) {
          if (err instanceof ConnectError) throw new RestError(400, err.code, err.message);
          throw err;
        }
      },
    }),
    restRoute(options, {
      op: 'get-clusters',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        const views = towerState(ctx).connectedClusters.map((c) => clusterView(ctx, c));
        return filterPage(views, body);
      },
    }),
    restRoute(options, {
      op: 'get-vdses',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        return filterPage(
          vdsViews(ctx).map((v) => vdsView(ctx, v)),
          body,
        );
      },
    }),
    restRoute(options, {
      op: 'get-vlans',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        return filterPage(
          vlanViews(ctx).map((l) => vlanView(ctx, l)),
          body,
        );
      },
    }),
    restRoute(options, {
      op: 'create-vm-vlan',
      auth: true,
      schema: vlanBody,
      handle({ body, ctx }) {
        const inputs = listOf(body);
        const names = new Set<string>();
        for (const input of inputs) {
          const key = `${input.vds_id}/${input.name}`;
          if (names.has(key))
            throw new RestError(400, 'VlanNameDuplicated', `vlan "${input.name}" given twice`);
          names.add(key);
        }
        try {
          // Validate every item before creating any, so a bad item leaves no partial effect.
          for (const input of inputs) validateVmVlan(ctx, input);
          const out = inputs.map((input) => {
            const { record, view } = createVmVlan(ctx, options, input);
            countEffect(ctx, 'rest:create-vm-vlan');
            return { data: view, task_id: record.task_id };
          });
          return Array.isArray(body) ? out : out[0];
        } catch (err) {
          if (err instanceof VlanError) throw new RestError(400, err.code, err.message);
          throw err;
        }
      },
    }),
  ];
}
