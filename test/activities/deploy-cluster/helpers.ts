// Reference captures (copied into test/fixtures/reference) and scans derived from the real host scan.
import { fixturePath, readJsonFixture } from '../../helpers/fixtures.js';
import { hostScanSchema, type HostScan } from '../../../src/smartx/index.js';

export const referenceDir = fixturePath('reference');

export function reference<T = unknown>(file: string): T {
  return readJsonFixture<T>('reference', file);
}

/** `data` of reference/host-scan-response.json, parsed with the client's own schema. */
export function realScan(): HostScan {
  return hostScanSchema.parse(reference<{ data: unknown }>('host-scan-response.json').data);
}

/**
 * One scan per host derived from the real one: its own uuid, hostname and MACs/link-local addresses
 * (the last byte of every physical NIC's address becomes the host's index).
 */
export function derivedScans(count: number, mutate?: (scan: HostScan, i: number) => void): HostScan[] {
  return Array.from({ length: count }, (_, i) => {
    const scan = realScan();
    const n = (i + 1).toString(16).padStart(2, '0');
    scan.host_uuid = `${n}97a2d8-9ac8-11f0-978c-3b1611b8ef${n}`;
    scan.hostname = `node-${String(i + 1).padStart(2, '0')}`;
    scan.host_ip = `10.0.20.${11 + i}`;
    for (const f of scan.ifaces) {
      if (f.ipv6) f.ipv6 = f.ipv6.replace(/:[0-9a-f]{1,4}$/, (w) => `${w.slice(0, -2)}${n}`);
    }
    mutate?.(scan, i);
    return scan;
  });
}

/**
 * Differences in STRUCTURE between `actual` and `expected`: the same keys at every level, the same
 * JSON types (null counts as its own type); array elements are compared with the expected element
 * at the same index, or with its first element when the arrays differ in length.
 */
export function structureDiff(actual: unknown, expected: unknown, at = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(actual) !== kind(expected))
    return [`${at}: ${kind(actual)} where the reference has ${kind(expected)}`];
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (expected.length === 0)
      return actual.length === 0 ? [] : [`${at}: non-empty where the reference is empty`];
    if (actual.length === 0) return [`${at}: empty where the reference has elements`];
    return actual.flatMap((v, i) => structureDiff(v, expected[i] ?? expected[0], `${at}[${i}]`));
  }
  if (kind(actual) === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(e)) if (!(k in a)) out.push(`${at}.${k}: missing`);
    for (const k of Object.keys(a)) if (!(k in e)) out.push(`${at}.${k}: not in the reference`);
    for (const k of Object.keys(a)) if (k in e) out.push(...structureDiff(a[k], e[k], `${at}.${k}`));
    return out;
  }
  return [];
}
