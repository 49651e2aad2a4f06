import type { DraftPlan } from '../draft.js';
import { cidrContains, parseIpv4 } from '../ipv4.js';
import type { IssueCollector } from '../issues.js';
import { refText } from '../issues.js';
import { freeTestAddresses, TEST_VM_ROLES, testRangeNetwork } from '../test-range.js';
import { addressPool } from './address-pool.js';

/**
 * The temporary test range (集群管理信息!E18–E19): ordered, inside one planned subnet (management or
 * a business network), with a free address for every test VM of stage 09.
 */
export function checkTestRange(d: DraftPlan, issues: IssueCollector): void {
  const { start, end } = d.testRange;
  const s = start ? parseIpv4(start.value) : undefined;
  const e = end ? parseIpv4(end.value) : undefined;
  if (!start || !end || s === undefined || e === undefined) return;
  const mgmt = d.networks.management.subnet?.value;
  let ok = true;
  const home = testRangeNetwork(d, s, e);
  if (mgmt && !home) {
    for (const [loc, n] of [
      [start, s],
      [end, e],
    ] as const) {
      if (!cidrContains(mgmt, n)) {
        issues.error(loc.ref, 'test-range-subnet', { value: loc.value, subnet: mgmt.text });
        ok = false;
      }
    }
    // Both ends in the management subnet yet no network holds both: cannot happen; kept for safety.
  }
  if (s > e) {
    issues.error(start.ref, 'test-range-order', { value: start.value, other: end.value });
    ok = false;
  }
  if (!ok) return;
  if (home?.subnet) {
    const free = freeTestAddresses(d, s, e, home.subnet.value, TEST_VM_ROLES.length);
    if (free.length < TEST_VM_ROLES.length)
      issues.error(end.ref, 'test-range-size', {
        value: `${start.value} - ${end.value}`,
        other: String(TEST_VM_ROLES.length),
      });
  }
  for (const a of addressPool(d)) {
    if (a.n >= s && a.n <= e)
      issues.warn(start.ref, 'test-range-conflict', { value: a.ip, other: refText(a.ref) });
  }
}
