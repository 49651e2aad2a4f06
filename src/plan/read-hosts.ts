import type { DraftHost } from './draft.js';
import { FIELD } from './field-names.js';
import type { FieldReader } from './fields.js';
import { FIELD_DEFAULTS, HOST_ROW_MARKER_COLUMNS, HOST_SHEET, SHEETS } from './layout.js';
import { hostnameSchema } from './schemas.js';

/** Host rows 3–18 of 主机规划. A row with anything in a marker column is a host, even a broken one. */
export function readHosts(r: FieldReader): DraftHost[] {
  const hosts: DraftHost[] = [];
  for (let row = HOST_SHEET.firstHostRow; row <= HOST_SHEET.lastHostRow; row++) {
    const at = (col: string) => ({ sheet: SHEETS.hosts, cell: `${col}${row}` });
    if (!HOST_ROW_MARKER_COLUMNS.some((col) => r.has(at(col)))) continue;
    const c = HOST_SHEET.col;

    const hostname = r.text(at(c.hostname), FIELD.hostname, { required: true });
    if (hostname && !hostnameSchema.safeParse(hostname.value).success) {
      r.issues.error(hostname.ref, 'hostname-format', { value: hostname.value });
    }
    hosts.push({
      row,
      hostname,
      managementIp: r.ip(at(c.managementIp), FIELD.managementIp, { required: true }),
      storageIp: r.ip(at(c.storageIp), FIELD.storageIp, { required: true }),
      bmcIp: r.ip(at(c.bmcIp), FIELD.bmcIp, { required: true }),
      bmcUser: r.text(at(c.bmcUser), FIELD.bmcUser, { required: true }),
      bmcPassword: r.secret(at(c.bmcPassword), FIELD.bmcPassword),
      sshUser: r.textOr(at(c.sshUser), FIELD.sshUser, FIELD_DEFAULTS.sshUser),
      sshPassword: r.secret(at(c.sshPassword), FIELD.sshPassword, { fallback: FIELD_DEFAULTS.sshPassword }),
      rack: r.text(at(c.rack), FIELD.rack),
      unit: r.text(at(c.unit), FIELD.rackUnit),
    });
  }
  return hosts;
}
