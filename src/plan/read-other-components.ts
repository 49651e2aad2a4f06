// Management components the workbook plans but no documented API deploys (FACTS.md: Everoute, SFS,
// SKS): read as they are so the run can hand them over as manual steps (issue 23 point 10), never
// validated (a cell here cannot stop a bring-up). 集群管理信息 rows 12–17 are where the template says
// further components go ("当有其他管理组件时，依次往后添加"): B name, D version, E IP, L size, M serial.
import type { FieldReader } from './fields.js';
import { MANAGEMENT_SHEET, SHEETS } from './layout.js';
import type { OtherComponentPlan } from './types.js';

const KINDS: [RegExp, OtherComponentPlan['kind']][] = [
  [/everoute|^er$/i, 'everoute'],
  [/sfs/i, 'sfs'],
  [/sks/i, 'sks'],
];

export function readOtherComponents(r: FieldReader): OtherComponentPlan[] {
  const cell = (c: string) => r.cells.text({ sheet: SHEETS.management, cell: c }).trim();
  const out: OtherComponentPlan[] = [];
  for (const row of MANAGEMENT_SHEET.otherComponentRows) {
    const name = cell(`B${row}`);
    if (!name) continue;
    const kind = KINDS.find(([re]) => re.test(name))?.[1] ?? 'other';
    const c: OtherComponentPlan = { kind, name, row };
    const version = cell(`D${row}`);
    const ip = cell(`E${row}`);
    const size = cell(`L${row}`);
    const serial = cell(`M${row}`);
    if (version) c.version = version;
    if (ip) c.ip = ip;
    if (size) c.size = size;
    if (serial) c.serial = serial;
    out.push(c);
  }
  return out;
}
