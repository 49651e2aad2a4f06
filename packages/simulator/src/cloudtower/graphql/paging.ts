// Paging of the list queries: `where` (see ../where.ts), then `skip`/`first`.
import { matchesWhere } from '../where.js';

/** `where`, then `skip`/`first`, as the list queries page. */
export function filterPage<T>(
  items: T[],
  args: { where?: unknown; skip?: number | null; first?: number | null },
): T[] {
  return pageOf(
    items.filter((item) => matchesWhere(item, args.where ?? undefined)),
    args,
  );
}

export function pageOf<T>(items: T[], args: { skip?: number | null; first?: number | null }): T[] {
  const start = args.skip ?? 0;
  return args.first === undefined || args.first === null
    ? items.slice(start)
    : items.slice(start, start + args.first);
}
