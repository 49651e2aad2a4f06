import type { DraftPlan } from '../draft.js';
import type { CellRef, IssueCollector } from '../issues.js';
import { refText } from '../issues.js';
import { FIELD } from '../field-names.js';
import { HOST_SHEET, SHEETS } from '../layout.js';
import { parseRackUnit, RACK_HEIGHT_U } from '../rack-units.js';

/**
 * 主机规划 P (rack) and Q (rack unit), checked before anything runs: a rack needs a unit and a unit
 * needs a rack, a unit is a whole number 1–42, and two hosts cannot share one unit of one rack.
 * Hosts without either cell are left out of the rack topology; when some hosts have a position and
 * others do not, that is a warning (the step places only the ones that have one).
 */
export function checkRacks(d: DraftPlan, issues: IssueCollector): void {
  const seen = new Map<string, CellRef>();
  const placed: number[] = [];
  const unplaced: number[] = [];
  for (const h of d.hosts) {
    const at = (col: string): CellRef => ({ sheet: SHEETS.hosts, cell: `${col}${h.row}` });
    const rack = h.rack?.value.trim();
    const unitText = h.unit?.value.trim();
    if (!rack && !unitText) {
      unplaced.push(h.row);
      continue;
    }
    placed.push(h.row);
    if (rack && !unitText) {
      issues.error(at(HOST_SHEET.col.unit), 'rack-unit-missing', { field: FIELD.rackUnit, value: rack });
      continue;
    }
    if (!rack && unitText) {
      issues.error(at(HOST_SHEET.col.rack), 'rack-missing', { field: FIELD.rack, value: unitText });
      continue;
    }
    const unitRef = h.unit?.ref ?? at(HOST_SHEET.col.unit);
    const unit = parseRackUnit(unitText ?? '');
    if (unit === undefined || unit < 1 || unit > RACK_HEIGHT_U) {
      issues.error(unitRef, 'rack-unit-range', { field: FIELD.rackUnit, value: unitText });
      continue;
    }
    // Rack names compare like CloudTower shows them: trimmed, case kept.
    const key = `${rack}\u0000${unit}`;
    const prev = seen.get(key);
    if (prev) issues.error(unitRef, 'rack-unit-unique', { value: `${rack} U${unit}`, other: refText(prev) });
    else seen.set(key, unitRef);
  }
  if (placed.length > 0 && unplaced.length > 0) {
    issues.warn({ sheet: SHEETS.hosts, cell: `${HOST_SHEET.col.rack}${unplaced[0]}` }, 'rack-partial', {
      count: unplaced.length,
    });
  }
}
