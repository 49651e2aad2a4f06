import type { DraftPlan } from '../draft.js';
import type { CellRef, IssueCollector } from '../issues.js';
import { refText } from '../issues.js';
import { HOST_SHEET, MAX_HOSTS, MIN_PRODUCTION_HOSTS, SHEETS } from '../layout.js';

/** Host count 3–16 and unique host names (case-insensitive: DNS names are). */
export function checkHosts(
  d: DraftPlan,
  issues: IssueCollector,
  opts: { allowSmallCluster?: boolean },
): void {
  const count = d.hosts.length;
  if (count < MIN_PRODUCTION_HOSTS || count > MAX_HOSTS) {
    // Point at the first empty host row, where the next host would go.
    const ref = {
      sheet: SHEETS.hosts,
      cell: `${HOST_SHEET.col.hostname}${HOST_SHEET.firstHostRow + Math.min(count, MAX_HOSTS - 1)}`,
    };
    if (opts.allowSmallCluster && count > 0) issues.warn(ref, 'host-count', { count });
    else issues.error(ref, 'host-count', { count });
  }
  const seen = new Map<string, CellRef>();
  for (const h of d.hosts) {
    if (!h.hostname) continue;
    const key = h.hostname.value.toLowerCase();
    const prev = seen.get(key);
    if (prev)
      issues.error(h.hostname.ref, 'hostname-unique', { value: h.hostname.value, other: refText(prev) });
    else seen.set(key, h.hostname.ref);
  }
}
