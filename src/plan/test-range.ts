// The test range (集群管理信息!E18–E19) as stage 09 uses it: which planned network holds it (the
// test VMs are attached there) and which of its addresses are free for the test VMs, skipping every
// address the plan gives to something else (docs/decisions.md "Test load and performance").
import type { DraftNetwork, DraftPlan } from './draft.js';
import { cidrContains, formatIpv4, isNetworkOrBroadcast, parseIpv4, type Cidr } from './ipv4.js';
import { addressPool } from './rules/address-pool.js';

export { TEST_VM_ROLES, type TestVmRole } from './test-vm-roles.js';

/** Where the range lives: a business network (preferred) or the management network(s). */
export function testRangeNetwork(d: DraftPlan, s: number, e: number): DraftNetwork | undefined {
  const { management, extraManagement, business } = d.networks;
  // Business first: the issue asks for a business network; management is where older plans put it.
  const candidates = [...business, management, ...(extraManagement ? [extraManagement] : [])];
  return candidates.find(
    (n) => n.subnet && cidrContains(n.subnet.value, s) && cidrContains(n.subnet.value, e),
  );
}

/** Every address of the range that nothing else in the plan uses (nor a gateway, network or broadcast). */
export function freeTestAddresses(d: DraftPlan, s: number, e: number, subnet: Cidr, limit: number): string[] {
  const used = new Set(addressPool(d).map((a) => a.n));
  for (const n of d.networks.business) {
    const g = n.gateway ? parseIpv4(n.gateway.value) : undefined;
    if (g !== undefined) used.add(g);
  }
  const out: string[] = [];
  for (let n = s; n <= e && out.length < limit; n++) {
    if (used.has(n) || isNetworkOrBroadcast(subnet, n)) continue;
    out.push(formatIpv4(n));
  }
  return out;
}
