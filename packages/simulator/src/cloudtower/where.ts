// A small evaluator for the Prisma-style `where` filters that CloudTower's GraphQL and REST list
// calls take (`{ AND: [...], name_not_starts_with: "elf_", object_not_in: [...], vds: { id } }`).
// It covers the operators the bring-up sends; an unknown operator matches nothing rather than
// everything, so a client relying on an unsupported filter notices in tests.
import { isRecord } from './validate.js';

const SUFFIXES = [
  '_not_starts_with',
  '_not_ends_with',
  '_not_contains',
  '_starts_with',
  '_ends_with',
  '_contains',
  '_not_in',
  '_in',
  '_not',
  '_gte',
  '_lte',
  '_gt',
  '_lt',
  '_some',
  '_none',
  '_every',
] as const;

function compare(op: (typeof SUFFIXES)[number], actual: unknown, expected: unknown): boolean {
  const s = typeof actual === 'string' ? actual : String(actual);
  switch (op) {
    case '_starts_with':
      return typeof actual === 'string' && actual.startsWith(String(expected));
    case '_not_starts_with':
      return !(typeof actual === 'string' && actual.startsWith(String(expected)));
    case '_ends_with':
      return typeof actual === 'string' && actual.endsWith(String(expected));
    case '_not_ends_with':
      return !(typeof actual === 'string' && actual.endsWith(String(expected)));
    case '_contains':
      return typeof actual === 'string' && actual.includes(String(expected));
    case '_not_contains':
      return !(typeof actual === 'string' && actual.includes(String(expected)));
    case '_in':
      return Array.isArray(expected) && expected.includes(actual);
    case '_not_in':
      return !(Array.isArray(expected) && expected.includes(actual));
    case '_not':
      return actual !== expected;
    case '_gt':
      return Number(actual) > Number(expected);
    case '_gte':
      return Number(actual) >= Number(expected);
    case '_lt':
      return Number(actual) < Number(expected);
    case '_lte':
      return Number(actual) <= Number(expected);
    case '_some':
      return Array.isArray(actual) && actual.some((item) => matchesWhere(item, expected));
    case '_none':
      return !(Array.isArray(actual) && actual.some((item) => matchesWhere(item, expected)));
    case '_every':
      return Array.isArray(actual) && actual.every((item) => matchesWhere(item, expected));
    default:
      return s === String(expected);
  }
}

export function matchesWhere(item: unknown, where: unknown): boolean {
  if (where === undefined || where === null) return true;
  if (!isRecord(where)) return false;
  const record = isRecord(item) ? item : {};
  for (const [key, expected] of Object.entries(where)) {
    if (key === 'AND') {
      const list = Array.isArray(expected) ? expected : [expected];
      if (!list.every((w) => matchesWhere(item, w))) return false;
      continue;
    }
    if (key === 'OR') {
      const list = Array.isArray(expected) ? expected : [expected];
      if (list.length > 0 && !list.some((w) => matchesWhere(item, w))) return false;
      continue;
    }
    if (key === 'NOT') {
      const list = Array.isArray(expected) ? expected : [expected];
      if (list.some((w) => matchesWhere(item, w))) return false;
      continue;
    }
    if (key in record) {
      const actual = record[key];
      if (isRecord(expected)) {
        if (!matchesWhere(actual, expected)) return false;
      } else if (actual !== expected) return false;
      continue;
    }
    const op = SUFFIXES.find((suffix) => key.endsWith(suffix) && key.slice(0, -suffix.length) in record);
    if (!op) return false;
    if (!compare(op, record[key.slice(0, -op.length)], expected)) return false;
  }
  return true;
}

/** Applies `where`, then `skip`/`first` pagination, the way the list queries page. */
export function filterPage<T>(items: T[], args: { where?: unknown; skip?: number; first?: number }): T[] {
  const matched = items.filter((item) => matchesWhere(item, args.where));
  const start = args.skip ?? 0;
  return args.first === undefined ? matched.slice(start) : matched.slice(start, start + args.first);
}
