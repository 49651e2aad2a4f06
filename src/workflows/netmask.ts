/** `10.0.20.0/24` → `255.255.255.0` (pure; workflow-safe). */
export function netmaskOf(cidr: string): string {
  const prefix = Number(cidr.split('/')[1]);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`not a CIDR subnet: ${cidr}`);
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

const toInt = (ip: string) => ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');

/**
 * The address with the same host part in another subnet: seed 003 gives the backup service the
 * storage address 10.0.21.4 for its management address 10.0.20.4, and the workbook has no cell
 * of its own for it.
 */
export function sameHostIn(ip: string, fromCidr: string, toCidr: string): string {
  const fromPrefix = Number(fromCidr.split('/')[1]);
  const hostMask = fromPrefix === 32 ? 0 : (0xffffffff >>> fromPrefix) >>> 0;
  const [toBase, toPrefixText] = toCidr.split('/');
  const toPrefix = Number(toPrefixText);
  const toNetMask = toPrefix === 0 ? 0 : (0xffffffff << (32 - toPrefix)) >>> 0;
  return toIp(((toInt(toBase) & toNetMask) | (toInt(ip) & hostMask & ~toNetMask)) >>> 0);
}
