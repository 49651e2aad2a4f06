// IPv4 arithmetic on 32-bit unsigned integers: enough for subnet membership, ranges and overlap,
// without a dependency. Parsing is strict (no leading zeros, no spaces): a typo in a workbook must
// surface as an error, not be "repaired" into another address.

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

export function parseIpv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return undefined;
    const octet = Number(p);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export const isIpv4 = (s: string): boolean => parseIpv4(s) !== undefined;

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  /** Network address as an integer. */
  network: number;
  prefix: number;
  /** Number of addresses in the subnet. */
  size: number;
  text: string;
}

/** Parses `a.b.c.d/p`. `hostBitsSet` tells whether the address part was not the network address. */
export function parseCidr(s: string): { cidr: Cidr; hostBitsSet: boolean } | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const addr = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (addr === undefined || prefix > 32 || (m[2].length > 1 && m[2].startsWith('0'))) return undefined;
  const size = 2 ** (32 - prefix);
  const network = addr - (addr % size);
  return {
    cidr: { network, prefix, size, text: `${formatIpv4(network)}/${prefix}` },
    hostBitsSet: network !== addr,
  };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.network && ip < cidr.network + cidr.size;
}

/** The network and broadcast addresses are not assignable (except in /31 and /32). */
export function isNetworkOrBroadcast(cidr: Cidr, ip: number): boolean {
  if (cidr.prefix >= 31) return false;
  return ip === cidr.network || ip === cidr.network + cidr.size - 1;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** Ranges the SmartX manual rejects for management addresses, plus other never-assignable blocks. */
const RESERVED_RANGES: readonly Cidr[] = [
  '0.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
].map((s) => parseCidr(s)!.cidr);

export const LOOPBACK = parseCidr('127.0.0.0/8')!.cidr;

export function reservedRangeOf(ip: number): Cidr | undefined {
  return RESERVED_RANGES.find((r) => cidrContains(r, ip));
}

/** `10.0.20.0/24` → `255.255.255.0`; undefined when `cidr` is not a subnet. */
export function netmaskOfCidr(cidr: string): string | undefined {
  const parsed = parseCidr(cidr.trim());
  if (!parsed) return undefined;
  const { prefix } = parsed.cidr;
  return formatIpv4(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
}

/**
 * The address with the same host part in another subnet (10.0.20.4 in 10.0.20.0/24 → 10.0.21.4
 * in 10.0.21.0/24); undefined when an argument does not parse.
 */
export function sameHostInSubnet(ip: string, fromCidr: string, toCidr: string): string | undefined {
  const addr = parseIpv4(ip);
  const from = parseCidr(fromCidr)?.cidr;
  const to = parseCidr(toCidr)?.cidr;
  if (addr === undefined || !from || !to) return undefined;
  return formatIpv4(to.network + ((addr % from.size) % to.size));
}
