/**
 * Version order for texts like `v1.4.2-release.20250926-24` or `2.2.1`: the numbers in the text,
 * left to right, compared as numbers; a missing number sorts below any (`1.2` < `1.2.0`). Equal
 * numbers fall back to the texts, so the order is total. Callers pass the version, not a whole
 * file name, when the name carries other numbers (`oe2003`, `x86_64`).
 */
export function compareVersions(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+/g)?.map(Number) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
