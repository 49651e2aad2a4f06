import type { DraftPlan } from '../draft.js';
import type { IssueCollector } from '../issues.js';
import { refText } from '../issues.js';
import { addressPool, type AddressUse } from './address-pool.js';

/** Every address once across hosts, VIP, BMCs, components and gateways; the VIP is not a host. */
export function checkAddressUniqueness(d: DraftPlan, issues: IssueCollector): void {
  const first = new Map<number, AddressUse>();
  for (const a of addressPool(d)) {
    const prev = first.get(a.n);
    if (!prev) {
      first.set(a.n, a);
      continue;
    }
    if (prev.kind === 'gateway' && a.kind === 'gateway') continue; // networks sharing a router address
    const vip = a.kind === 'vip' ? a : prev.kind === 'vip' ? prev : undefined;
    const other = vip === a ? prev : a;
    if (vip && other.kind === 'host') {
      issues.error(vip.ref, 'vip-not-host', { value: vip.ip, other: refText(other.ref) });
    } else {
      issues.error(a.ref, 'ip-unique', { value: a.ip, other: refText(prev.ref) });
    }
  }
}
