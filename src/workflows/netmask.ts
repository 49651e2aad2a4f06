/** `10.0.20.0/24` → `255.255.255.0` (pure; workflow-safe). */
export function netmaskOf(cidr: string): string {
  const prefix = Number(cidr.split('/')[1]);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`not a CIDR subnet: ${cidr}`);
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}
