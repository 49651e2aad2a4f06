// Field-by-field shape comparison against seed 003's sample responses: same keys at every object
// level, same JSON type for every value (null in either matches anything: samples show nulls for
// values that are set in other runs), arrays compared through their first element.
export function shapeDiff(actual: unknown, sample: unknown, path = '$'): string[] {
  if (sample === null || actual === null) return [];
  if (Array.isArray(sample)) {
    if (!Array.isArray(actual)) return [`${path}: expected array`];
    if (sample.length === 0 || actual.length === 0) return [];
    return shapeDiff(actual[0], sample[0], `${path}[0]`);
  }
  if (typeof sample === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected object`];
    const a = actual as Record<string, unknown>;
    const s = sample as Record<string, unknown>;
    const out: string[] = [];
    for (const key of Object.keys(s)) {
      if (!(key in a)) out.push(`${path}.${key}: missing`);
      else out.push(...shapeDiff(a[key], s[key], `${path}.${key}`));
    }
    for (const key of Object.keys(a)) if (!(key in s)) out.push(`${path}.${key}: not in sample`);
    return out;
  }
  return typeof actual === typeof sample ? [] : [`${path}: ${typeof actual} instead of ${typeof sample}`];
}
