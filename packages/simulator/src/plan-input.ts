// Keeps from a plan (as the product's plan reader returns it) only what the simulator needs: addresses,
// host names, NICs, storage architecture, cluster name. Read loosely, so the plan model can change
// without touching the simulator; reading the workbook itself is the product's (scripts/lib).
import type { SimHostSpec, SimTopology, StorageArchitecture } from './core/topology.js';

type Loose = Record<string, unknown> | undefined;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function obj(v: unknown): Loose {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

function ipOf(v: unknown): string | undefined {
  return str(v) ?? str(obj(v)?.ip);
}

function architecture(plan: Record<string, unknown>): StorageArchitecture {
  const raw = str(plan.storageArchitecture) ?? str(obj(plan.cluster)?.storageArchitecture) ?? '';
  return /all|全闪|flash/i.test(raw) ? 'all-flash' : 'hybrid';
}

function planNics(plan: Record<string, unknown>): string[] {
  const nets = obj(plan.networks) ?? {};
  const lists = [
    nets.management,
    nets.storage,
    nets.backup,
    nets.businessVds,
    ...(Array.isArray(nets.business) ? (nets.business as unknown[]) : []),
  ];
  const names = lists.flatMap((n) => {
    const v = obj(n)?.nics;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  });
  return [...new Set(names)];
}

/** The stage 09 test VM addresses the plan picked from its test range (none: no test VMs). */
function testVmAddresses(plan: Record<string, unknown>): string[] | undefined {
  const list = obj(plan.testIpRange)?.addresses;
  const ips = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  return ips.length ? ips : undefined;
}

/** Converts a plan object (loose reading: field names per src/plan's documented API) to a topology. */
export function topologyFromPlan(plan: Record<string, unknown>): SimTopology {
  const hosts = (Array.isArray(plan.hosts) ? plan.hosts : []).map((h: unknown, i: number): SimHostSpec => {
    const host = obj(h) ?? {};
    const managementIp = str(host.managementIp);
    if (!managementIp) throw new Error(`plan host ${i + 1} has no management IP`);
    // NIC names are per network in the plan (same on every host): the scan must report them wired.
    const nics = planNics(plan);
    return {
      hostname: str(host.hostname) ?? `node-${i + 1}`,
      managementIp,
      storageIp: str(host.storageIp),
      bmcIp: ipOf(host.bmc),
      nics: nics.length ? nics : undefined,
    };
  });
  if (!hosts.length) throw new Error('plan has no hosts');
  const vip = ipOf(plan.vip) ?? ipOf(obj(plan.cluster)?.vip);
  if (!vip) throw new Error('plan has no cluster VIP');
  return {
    clusterName: str(plan.clusterName) ?? str(obj(plan.cluster)?.name) ?? 'CLUSTER',
    storageArchitecture: architecture(plan),
    hosts,
    vip,
    cloudtower: ipOf(plan.cloudtower),
    obs: ipOf(plan.obs),
    backup: ipOf(plan.backup),
    testVms: testVmAddresses(plan),
  };
}
