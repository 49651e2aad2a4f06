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

/** The summary's reliability block: counts of failing items before/after, and what is new. */
export interface ReliabilityComparison {
  before: { checked: number; failing: number };
  after: { checked: number; failing: number };
  newFailures: InspectionItem[];
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
