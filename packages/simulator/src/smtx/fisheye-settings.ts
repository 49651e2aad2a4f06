// Fisheye cluster settings (seed 003 §03): VIP, DNS, NTP, license, IPMI accounts, CPU compatibility,
// storage policies. All need a session token. VIP, DNS and NTP have no GET here: seed 003 shows none,
// so a client must confirm these settings the way the seed does (the PUT's answer, the job).
import net from 'node:net';
import { z } from 'zod';
import type { SimRequest, SimRoute } from '../core/contract.js';
import { fail, ok } from '../core/envelope.js';
import { seedLine, type RequestRules } from '../core/evidence.js';
import { checkBody } from '../core/request-body.js';
import { authed } from './auth.js';
import { typed, v2Rules } from './body-rules.js';
import type { SmtxWorld } from './world.js';

// Bodies as seed 003 sends them: a missing field or a wrong type is refused with EINVALID_ARGUMENT
// where the seed shows the field; so is a DNS name where seed 003 says only IPs go. An unknown key
// or a repeated server is served, marked `lenient` (body-rules.ts).
const ipv4 = (what: string) => z.string().refine((s) => net.isIPv4(s), `${what} must be an IPv4 address`);
/** RFC 1123 host name (NTP servers may be FQDNs, seed 003 §03 "ntp服务器可能存在域名是正常的"). */
const hostName =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const unique = (list: string[]) => new Set(list).size === list.length;

const vipSchema = z.object({
  iscsi_vip: ipv4('iscsi_vip').nullable(),
  management_vip: ipv4('management_vip'),
});
const dnsSchema = z.object({
  dns_servers: z.array(ipv4('a DNS server')).min(1),
});
const ntpSchema = z.object({
  ntp_mode: z.enum(['external', 'internal']),
  ntp_servers: z.array(
    z
      .string()
      .refine(
        (s) => net.isIPv4(s) || hostName.test(s),
        'an NTP server must be an IPv4 address or a host name',
      ),
  ),
});
const ipmiSchema = z.object({
  accounts: z
    .array(
      z.object({
        node_name: z.string().min(1),
        host: ipv4('host (the BMC address)'),
        user: z.string().min(1),
        node_uuid: z.string().min(1),
        password: z.string().min(1),
      }),
    )
    .min(1),
});
const cpuSchema = z.object({ cpu_model: z.string().min(1) });
/** What every host of the simulated cluster can run; the recommendation is the first. */
const knownCpuModels = ['EPYC', 'EPYC-Rome', 'EPYC-Milan', 'Opteron_G5'];

async function body<T>(req: SimRequest, schema: z.ZodType<T>): Promise<{ data?: T; error?: string }> {
  const parsed = checkBody(req, schema, await req.json());
  return parsed.ok ? { data: parsed.value } : { error: parsed.message };
}

const rules: Record<string, RequestRules> = {
  'fisheye.settings.vip.put': v2Rules(typed(seedLine('003', 554, 'management_vip'))),
  'fisheye.settings.dns.put': v2Rules(typed(seedLine('003', 606, 'dns_servers')), {
    message: 'EINVALID_ARGUMENT dns_servers.<n>: a DNS server must be an IPv4 address',
    source: seedLine('003', 605, 'dns地址只能是IP结构'),
  }),
  'fisheye.settings.ntp.put': v2Rules(typed(seedLine('003', 630, 'ntp_servers')), {
    message: 'EINVALID_ARGUMENT ntp_servers.<n>: an NTP server must be an IPv4 address or a host name',
    source: seedLine('003', 629, 'ntp服务器可能存在域名'),
  }),
  'fisheye.ipmi.upsert': v2Rules(typed(seedLine('003', 652, 'node_uuid'))),
  'fisheye.elf.cpu_compat.put': v2Rules(typed(seedLine('003', 1029, 'cpu_model'))),
};

/** Seed 003 gives no reason for a repeated server to be refused: served, marked. */
function markRepeats(req: SimRequest, what: string, list: string[]): void {
  if (!unique(list)) req.lenient(`repeated:${what}`);
}

export function settingsRoutes(world: SmtxWorld): SimRoute[] {
  const c = world.state.cluster;
  const route = (
    method: SimRoute['method'],
    pattern: string,
    name: string,
    h: (req: SimRequest) => Promise<import('../core/contract.js').SimReply>,
  ): SimRoute => ({
    method,
    pattern,
    name,
    ...(rules[name] ? { request: rules[name] } : {}),
    handler: authed(world, h),
  });
  return [
    route('PUT', '/api/v2/settings/vip', 'fisheye.settings.vip.put', async (req) => {
      const b = await body(req, vipSchema);
      if (!b.data) return fail(400, 'EINVALID_ARGUMENT', b.error!);
      // A VIP that is already a host's address cannot float between hosts.
      if (world.hosts.some((h) => h.planAddress === b.data!.management_vip))
        return fail(400, 'EINVALID_ARGUMENT', 'management_vip: the address is used by a host of the cluster');
      c.vip = b.data.management_vip;
      c.iscsiVip = b.data.iscsi_vip ?? null;
      // The VIP answers once it is set, on the VIP machine of the topology.
      if (world.core.machines.byPlan(b.data.management_vip, 'vip'))
        await world.core.openPorts(b.data.management_vip, 'vip');
      else world.core.log('vip-not-in-topology', { vip: b.data.management_vip });
      return ok({});
    }),
    route('PUT', '/api/v2/settings/dns', 'fisheye.settings.dns.put', async (req) => {
      const b = await body(req, dnsSchema);
      if (!b.data) return fail(400, 'EINVALID_ARGUMENT', b.error!);
      const servers = b.data.dns_servers;
      markRepeats(req, 'dns_servers', servers);
      const job = world.jobs.create({
        description: 'UPDATE_DNS',
        resources: {},
        complete: () => void (c.dns = servers),
      });
      return ok({ job_id: job.job_id });
    }),
    route('PUT', '/api/v2/settings/ntp', 'fisheye.settings.ntp.put', async (req) => {
      const b = await body(req, ntpSchema);
      if (!b.data) return fail(400, 'EINVALID_ARGUMENT', b.error!);
      if (b.data.ntp_mode === 'external' && !b.data.ntp_servers.length)
        return fail(400, 'EINVALID_ARGUMENT', 'ntp_servers: external mode needs at least one server');
      const { ntp_mode, ntp_servers } = b.data;
      markRepeats(req, 'ntp_servers', ntp_servers);
      const job = world.jobs.create({
        description: 'UPDATE_NTP',
        resources: {},
        complete: () => {
          c.ntp = ntp_servers;
          c.ntpMode = ntp_mode;
        },
      });
      return ok({ job_id: job.job_id });
    }),
    route('GET', '/api/v2/tools/license', 'fisheye.license.get', async () =>
      ok({
        serial: c.serial,
        software_edition: 'ENTERPRISE',
        max_chunk_num: 255,
        max_physical_data_capacity: 0,
        max_physical_data_capacity_per_node: 140737488355328,
        license_capabilities: { has_metrox: true, has_remote_backup: true },
        license_type: 'TRIAL',
        vendor: 'SMTX',
        maintenance_start_date: 0,
        maintenance_period: 0,
        sign_date: Math.floor((c.deployStartedAt ?? world.clock.now()) / 1000),
        platform: 15,
        mode: 'HCI',
        period: 2592000,
        pricing_type: 'PRICING_TYPE_UNKNOWN',
      }),
    ),
    route('POST', '/api/v2/ipmi/upsert_accounts', 'fisheye.ipmi.upsert', async (req) => {
      const b = await body(req, ipmiSchema);
      if (!b.data) return fail(400, 'EINVALID_ARGUMENT', b.error!);
      const success: unknown[] = [];
      const failure: unknown[] = [];
      for (const a of b.data.accounts) {
        // A BMC "answers" when the topology has one at that address and the node is a cluster host.
        const reachable = !!world.core.machines.byPlan(a.host, 'bmc') && !!world.hostByUuid(a.node_uuid);
        const entry = {
          node_uuid: a.node_uuid,
          node_name: a.node_name,
          host: a.host,
          port: 623,
          user: a.user,
          is_valid: reachable,
          interface: reachable ? 'lanplus' : null,
        };
        (reachable ? success : failure).push(entry);
        const existing = world.state.ipmiAccounts.findIndex((x) => x.node_uuid === a.node_uuid);
        const record = {
          node_uuid: a.node_uuid,
          node_name: a.node_name,
          host: a.host,
          user: a.user,
          is_valid: reachable,
        };
        if (existing >= 0) world.state.ipmiAccounts[existing] = record;
        else world.state.ipmiAccounts.push(record);
      }
      return ok({ success, failure });
    }),
    route('GET', '/api/v2/elf/cluster_recommended_cpu_models', 'fisheye.elf.cpu_models', async () =>
      ok({ cpu_models: ['EPYC'] }),
    ),
    route('PUT', '/api/v2/elf/cluster_cpu_compatibility', 'fisheye.elf.cpu_compat.put', async (req) => {
      const b = await body(req, cpuSchema);
      if (!b.data) return fail(400, 'EINVALID_ARGUMENT', b.error!);
      if (!knownCpuModels.includes(b.data.cpu_model))
        return fail(
          400,
          'EINVALID_ARGUMENT',
          `cpu_model: ${b.data.cpu_model} is not supported by every host`,
        );
      c.cpuCompatibility = b.data.cpu_model;
      return ok({});
    }),
    route('GET', '/api/v2/elf/cluster_cpu_compatibility', 'fisheye.elf.cpu_compat.get', async () =>
      ok({ cpu_model: c.cpuCompatibility ?? null }),
    ),
    route('GET', '/api/v2/storage_policies', 'fisheye.storage_policies.list', async () =>
      ok(c.storagePolicies ?? []),
    ),
  ];
}
