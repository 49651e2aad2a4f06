/** Version order for names like `v1.4.2-release.20250926-24` or `2.2.1`: numbers compared as numbers. */
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
