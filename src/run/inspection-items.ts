// Inspection items (巡检项) as both layers see them, and stage 10's reliability comparison: the
// inspection after the test load against the one before it (stage 7). Pure: workflows import it.

/** Levels an inspection item can end at; everything but PASS counts as failing. */
export const INSPECTION_LEVELS = ['PASS', 'NOTICE', 'WARNING', 'CRITICAL'] as const;
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];

export interface InspectionItem {
  /** The inspector's item name (`host_service_health`, …). */
  name: string;
  /** What the item was checked on: a host or the cluster, as the report names it. */
  target: string;
  level: InspectionLevel;
}

/**
 * A CloudTower alert as stage 10 keeps it (AlertApi `get-alerts`, model `Alert` of the official SDKs):
 * only what the comparison and the report need travels through the history.
 */
export interface OpenAlert {
  /** Alert `id`: the same open alert keeps it, so before/after compare by id. */
  id: string;
  /** Alert `severity` (`INFO`, `NOTICE`, `CRITICAL` on the appliances we know). */
  severity: string;
  /** Alert `message` (the rendered sentence), else its `cause`. */
  message: string;
  /** What it is about: the host's name, else the VMs', else the cluster's (Alert `host`/`vms`/`cluster`). */
  object: string;
}

/**
 * The summary's reliability block: counts of failing items before/after, and what is new. Since the
 * `stage10-alerts` patch also the open CloudTower alerts before/after the load; `before`/`after` are
 * absent when the inspection report could not be read and the alerts stood in (`reportUnreadable`).
 */
export interface ReliabilityComparison {
  before?: { checked: number; failing: number };
  after?: { checked: number; failing: number };
  newFailures: InspectionItem[];
  /** Why the inspection reports could not be compared (the alerts were compared instead). */
  reportUnreadable?: string;
  /** Open alerts of the cluster before fio and after the second inspection. */
  alerts?: { before: number; after: number };
  /** Alerts open after the load that were not open before it. */
  newAlerts?: OpenAlert[];
}

const key = (i: InspectionItem) => `${i.name}\u0000${i.target}`;

/**
 * New failures: items failing after the load that passed (or were absent) before. An item already
 * failing before stays out, even when its level got worse: the issue asks for new failing items.
 */
export function compareInspections(
  before: { checked: number; failing: InspectionItem[] },
  after: { checked: number; failing: InspectionItem[] },
): ReliabilityComparison {
  const known = new Set(before.failing.map(key));
  return {
    before: { checked: before.checked, failing: before.failing.length },
    after: { checked: after.checked, failing: after.failing.length },
    newFailures: after.failing.filter((i) => !known.has(key(i))),
  };
}

/** One line per item, for notes and warnings: `name @ target: LEVEL`. */
export function describeItem(i: InspectionItem): string {
  return `${i.name} @ ${i.target}: ${i.level}`;
}

/** New alerts: open after the load, not open before (by id: CloudTower keeps an open alert's id). */
export function newAlerts(before: OpenAlert[], after: OpenAlert[]): OpenAlert[] {
  const known = new Set(before.map((a) => a.id));
  return after.filter((a) => !known.has(a.id));
}

/** One line per alert, for notes and warnings: `SEVERITY object: message`. */
export function describeAlert(a: OpenAlert): string {
  return `${a.severity} ${a.object}: ${a.message}`;
}
