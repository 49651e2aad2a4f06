import type { DraftPlan } from '../draft.js';
import { cidrContains, LOOPBACK, reservedRangeOf } from '../ipv4.js';
import type { IssueCollector } from '../issues.js';
import { addressPool, otherAddresses } from './address-pool.js';

/**
 * Loopback and other reserved addresses.
 *
 * Our sample workbook puts every machine on 127.x.y.z so the demo and the tests run a whole bring-up
 * against the simulator without touching a real network. The real product, however, rejects
 * CloudTower addresses in reserved ranges (127/8, 169.254/16, ...; FACTS.md), and a real plan with
 * one loopback address is a typo. So: a plan whose addresses are *all* loopback is a simulation plan
 * and is accepted; in any other plan each reserved address is an error. Returns `simulation`.
 */
export function checkReservedAddresses(d: DraftPlan, issues: IssueCollector): boolean {
  const all = [...addressPool(d), ...otherAddresses(d)];
  const simulation = all.length > 0 && all.every((a) => cidrContains(LOOPBACK, a.n));
  if (simulation) return true;
  for (const a of all) {
    const range = reservedRangeOf(a.n);
    if (range) issues.error(a.ref, 'reserved-address', { field: a.field, value: a.ip, subnet: range.text });
  }
  return false;
}
