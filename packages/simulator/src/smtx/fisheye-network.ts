// Fisheye VDS and VLAN endpoints (seed 003 §03 business networks; seed 001 lookups by name). A field
// of the seed's bodies missing or of another type is refused; an unknown key is served, marked
// `lenient` (body-rules.ts).
import { z } from 'zod';
import type { SimRoute } from '../core/contract.js';
import { fail, ok } from '../core/envelope.js';
import { seedLine } from '../core/evidence.js';
import { checkBody } from '../core/request-body.js';
import { authed } from './auth.js';
import { typed, v2Rules } from './body-rules.js';
import { newVds, newVlan, vdsView } from './network-store.js';
import type { SmtxWorld } from './world.js';

const vdsSchema = z.object({
  name: z.string().min(1),
  // The three modes of the planning template; another one is served, marked (no seed refuses it).
  bond_mode: z.string().min(1),
  hosts_associated: z
    .array(
      z.object({
        host_uuid: z.string(),
        nics_associated: z.array(z.string()).min(1),
        data_ip: z.string().optional(),
      }),
    )
    .min(1),
});
const vlanSchema = z.object({
  name: z.string().min(1),
  vlan_id: z.number().int().min(0).max(4094),
  vds_uuid: z.string().optional(),
});

const bondModes = ['active-backup', 'balance-slb', 'balance-tcp'];

export function networkRoutes(world: SmtxWorld): SimRoute[] {
  const findVds = (uuid: string) => world.state.vdses.find((v) => v.uuid === uuid);
  return [
    {
      method: 'GET',
      pattern: '/api/v2/network/vds',
      name: 'fisheye.vds.list',
      handler: authed(world, async () => ok(world.state.vdses.map((v) => vdsView(world, v)))),
    },
    {
      method: 'POST',
      pattern: '/api/v2/network/vds',
      name: 'fisheye.vds.create',
      request: v2Rules(typed(seedLine('003', 704, 'hosts_associated'))),
      handler: authed(world, async (req) => {
        const parsed = checkBody(req, vdsSchema, await req.json());
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        const b = parsed.value;
        if (!bondModes.includes(b.bond_mode)) req.lenient(`bond_mode:${b.bond_mode}`);
        const unknown = b.hosts_associated.find((h) => !world.hostByUuid(h.host_uuid));
        if (unknown)
          return fail(
            400,
            'EINVALID_ARGUMENT',
            `hosts_associated: host ${unknown.host_uuid} is not in the cluster`,
          );
        const hosts = Object.fromEntries(b.hosts_associated.map((h) => [h.host_uuid, h]));
        const vds = newVds(world, b.name, b.bond_mode, b.hosts_associated);
        const resource = { ...vds, type: 'NETWORK_VDS', status: 'created', hosts_associated: hosts };
        const job = world.jobs.create({
          description: 'NETWORK_CREATE_VDS',
          resources: { [vds.uuid]: resource },
          event: {
            event_name: 'CREATE_VDS',
            user_name: 'root',
            user_role: 'ROOT',
            resources: { [vds.uuid]: 'NETWORK_VDS' },
            message: { en_US: `Created virtual distributed switch ${b.name}.\n` },
            data: { name: b.name, uuid: vds.uuid },
            user_type: 'USER',
            batch: null,
          },
          // A second VDS with the same name is created too: the orchestrator must look up first.
          complete: () => void world.state.vdses.push(vds),
        });
        return ok({ job_id: job.job_id });
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v2/network/vds/:uuid',
      name: 'fisheye.vds.get',
      handler: authed(world, async (req) => {
        const vds = findVds(req.params.uuid);
        return vds ? ok(vdsView(world, vds)) : fail(404, 'ENOT_FOUND', `vds ${req.params.uuid} not found`);
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v2/network/vds/:uuid/vlans',
      name: 'fisheye.vlans.list',
      handler: authed(world, async (req) => {
        if (!findVds(req.params.uuid)) return fail(404, 'ENOT_FOUND', `vds ${req.params.uuid} not found`);
        return ok(
          world.state.vlans
            .filter((v) => v.vds_uuid === req.params.uuid)
            .map(({ network_type: _n, ...v }) => v),
        );
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v2/network/vds/:uuid/vlans',
      name: 'fisheye.vlans.create',
      request: v2Rules(typed(seedLine('003', 855, 'vlan_id'))),
      handler: authed(world, async (req) => {
        const parsed = checkBody(req, vlanSchema, await req.json());
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        const vdsUuid = req.params.uuid;
        if (!findVds(vdsUuid)) return fail(404, 'ENOT_FOUND', `vds ${vdsUuid} not found`);
        if (parsed.value.vds_uuid && parsed.value.vds_uuid !== vdsUuid)
          return fail(400, 'EINVALID_ARGUMENT', 'vds_uuid: does not match the path');
        if (world.state.vlans.some((v) => v.vds_uuid === vdsUuid && v.name === parsed.value.name)) {
          return fail(
            400,
            'EDUPLICATE_NAME',
            `a network named ${parsed.value.name} already exists on this VDS`,
          );
        }
        const vlan = newVlan(world, vdsUuid, parsed.value.name, parsed.value.vlan_id);
        world.state.vlans.push(vlan);
        return ok(vlan);
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v2/jobs/:id',
      name: 'fisheye.jobs.get',
      handler: authed(world, async (req) => {
        const job = world.jobs.get(req.params.id);
        return job ? ok({ job }) : fail(404, 'ENOT_FOUND', `job ${req.params.id} not found`);
      }),
    },
  ];
}
