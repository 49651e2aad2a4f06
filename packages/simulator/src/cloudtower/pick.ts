// Reading records written by other simulator modules (hosts, VDSes, VLANs from the SMTX side),
// whose exact field names this module does not own: the first present alias wins.
export function pickString(rec: Record<string, unknown> | undefined, keys: string[]): string | undefined {
  if (!rec) return undefined;
  for (const key of keys) {
    const v = rec[key];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

export function pickNumber(rec: Record<string, unknown> | undefined, keys: string[]): number | undefined {
  if (!rec) return undefined;
  for (const key of keys) {
    const v = rec[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}
