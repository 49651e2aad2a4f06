// Rack positions of 主机规划 columns P (rack) and Q (rack unit), shared by the plan rules and the
// rack-topology step. Pure: the workflow imports it too.

/** A standard 19" rack is 42U; units are counted from 1 at the bottom (docs/decisions.md). */
export const RACK_HEIGHT_U = 42;

/**
 * The unit number of a Q cell: "5", "05", "U5", "5U" → 5. Anything else (text, decimals, ranges)
 * is undefined so the rule can name the cell.
 */
export function parseRackUnit(raw: string): number | undefined {
  const m = /^\s*[Uu]?\s*(\d{1,3})\s*[Uu]?\s*$/.exec(raw);
  if (!m) return undefined;
  return Number(m[1]);
}

export interface RackPlacement {
  hostname: string;
  managementIp: string;
  rack: string;
  unit: number;
}

/** Hosts that have both a rack and a valid unit, in plan order (the plan rules refused the rest). */
export function rackPlacements(
  hosts: { hostname: string; managementIp: string; rack?: string; unit?: string }[],
): RackPlacement[] {
  const out: RackPlacement[] = [];
  for (const h of hosts) {
    const rack = h.rack?.trim();
    const unit = h.unit === undefined ? undefined : parseRackUnit(h.unit);
    if (!rack || unit === undefined) continue;
    out.push({ hostname: h.hostname, managementIp: h.managementIp, rack, unit });
  }
  return out;
}
