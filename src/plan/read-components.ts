import type { DraftPlan } from './draft.js';
import { FIELD } from './field-names.js';
import type { FieldReader, Located } from './fields.js';
import { isIpv4 } from './ipv4.js';
import { DOCUMENT_SHEET, FIELD_DEFAULTS, MANAGEMENT_SHEET, SHEETS } from './layout.js';
import { fqdnSchema } from './schemas.js';

type ComponentCells = Pick<
  DraftPlan,
  | 'cloudtower'
  | 'obs'
  | 'backup'
  | 'er'
  | 'testRange'
  | 'ntpServers'
  | 'dnsServers'
  | 'organization'
  | 'datacenter'
>;

const M = MANAGEMENT_SHEET;
const mgmt = (cell: string) => ({ sheet: SHEETS.management, cell });
const doc = (cell: string) => ({ sheet: SHEETS.document, cell });

/** 集群管理信息 (components, test range, NTP, DNS) and 文档描述 (organization, datacenter). */
export function readComponents(r: FieldReader): ComponentCells {
  const serial = (cell: string) => r.text(mgmt(cell), FIELD.clusterSerial)?.value;

  const ntpServers: Located<string>[] = [];
  for (const cell of M.ntpServers) {
    const found = r.text(mgmt(cell), FIELD.ntpServer);
    if (!found) continue;
    // NTP servers may be names (the template's ntp.c89.fun); anything that looks numeric must be an IP.
    const looksNumeric = /^[\d.]+$/.test(found.value);
    const ok = looksNumeric ? isIpv4(found.value) : fqdnSchema.safeParse(found.value).success;
    if (ok) ntpServers.push(found);
    else r.issues.error(found.ref, 'ntp-format', { value: found.value });
  }
  if (ntpServers.length === 0 && !M.ntpServers.some((c) => r.has(mgmt(c)))) {
    r.issues.error(mgmt(M.ntpServers[0]), 'required', { field: FIELD.ntpServer });
  }
  if (ntpServers.length === 2) r.issues.warn(mgmt(M.ntpServers[1]), 'ntp-count');

  const dnsServers: Located<string>[] = [];
  for (const cell of M.dnsServers) {
    const found = r.text(mgmt(cell), FIELD.dnsServer);
    if (!found) continue;
    // The DNS API takes addresses only (seed 003).
    if (isIpv4(found.value)) dnsServers.push(found);
    else r.issues.error(found.ref, 'dns-ip', { value: found.value });
  }
  if (!M.dnsServers.some((c) => r.has(mgmt(c))))
    r.issues.error(mgmt(M.dnsServers[0]), 'required', { field: FIELD.dnsServer });

  // The test range is optional, but half a range is a mistake.
  const rangeRequired = r.has(mgmt(M.testRangeStart)) || r.has(mgmt(M.testRangeEnd));

  return {
    cloudtower: {
      ip: r.ip(mgmt(M.cloudtowerIp), FIELD.cloudtowerIp, { required: true }),
      password: r.secret(mgmt(M.cloudtowerPassword), FIELD.cloudtowerPassword, {
        fallback: FIELD_DEFAULTS.cloudtowerPassword,
        // The default still applies (FACTS.md); leaving root at the factory password gets its own warning.
        defaultRule: 'cloudtower-password-default',
      }),
      serial: serial(M.cloudtowerSerial),
    },
    obs: { ip: r.ip(mgmt(M.obsIp), FIELD.obsIp), serial: serial(M.obsSerial) },
    backup: { ip: r.ip(mgmt(M.backupIp), FIELD.backupIp), serial: serial(M.backupSerial) },
    er: {
      vip: r.ip(mgmt(M.erVip), FIELD.erVip),
      controllers: M.erControllers
        .map((c) => r.ip(mgmt(c), FIELD.erController))
        .filter((x) => x !== undefined),
      serial: serial(M.erSerial),
    },
    testRange: {
      start: r.ip(mgmt(M.testRangeStart), FIELD.testRangeStart, { required: rangeRequired }),
      end: r.ip(mgmt(M.testRangeEnd), FIELD.testRangeEnd, { required: rangeRequired }),
    },
    ntpServers,
    dnsServers,
    organization: r.textOr(doc(DOCUMENT_SHEET.organization), FIELD.organization, FIELD_DEFAULTS.organization),
    datacenter: r.textOr(doc(DOCUMENT_SHEET.datacenter), FIELD.datacenter, FIELD_DEFAULTS.datacenter),
  };
}
