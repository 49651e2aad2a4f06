import { netmaskOfCidr, sameHostInSubnet } from '../plan/ipv4.js';

// The plan's subnets were validated before the run started, so one that does not parse here is a
// bug: failing the workflow task (not the run) is the right answer.

/** `10.0.20.0/24` → `255.255.255.0`. */
export function netmaskOf(cidr: string): string {
  const mask = netmaskOfCidr(cidr);
  if (!mask) throw new Error(`not a CIDR subnet: ${cidr}`);
  return mask;
}

/**
 * The address with the same host part in another subnet: seed 003 gives the backup service the
 * storage address 10.0.21.4 for its management address 10.0.20.4, and the workbook has no cell
 * of its own for it.
 */
export function sameHostIn(ip: string, fromCidr: string, toCidr: string): string {
  const address = sameHostInSubnet(ip, fromCidr, toCidr);
  if (!address) throw new Error(`cannot place ${ip} of ${fromCidr} into ${toCidr}`);
  return address;
}
