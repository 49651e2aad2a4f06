import type { DraftNetwork, DraftPlan } from '../draft.js';
import { FIELD } from '../field-names.js';
import type { Located } from '../fields.js';
import { cidrContains, cidrsOverlap, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../ipv4.js';
import type { IssueCollector } from '../issues.js';
import { refText } from '../issues.js';
import type { LocalizedText } from '../messages.js';
import { text } from '../messages.js';

const subnetsText = (subnets: Cidr[]) => subnets.map((s) => s.text).join(' | ');

/**
 * `loc` must lie inside one of `subnets` and not be a network/broadcast address. With `warnOnly`
 * the finding is a warning (for addresses whose network the workbook does not pin down).
 */
function inside(
  issues: IssueCollector,
  loc: Located<string> | undefined,
  field: LocalizedText,
  subnets: (Cidr | undefined)[],
  warnOnly = false,
): void {
  const known = subnets.filter((s) => s !== undefined);
  const n = loc ? parseIpv4(loc.value) : undefined;
  if (!loc || n === undefined || known.length === 0) return;
  const home = known.find((s) => cidrContains(s, n));
  if (!home) {
    const params = { field, value: loc.value, subnet: subnetsText(known) };
    if (warnOnly) issues.warn(loc.ref, 'ip-in-subnet', params);
    else issues.error(loc.ref, 'ip-in-subnet', params);
  } else if (isNetworkOrBroadcast(home, n)) {
    issues.error(loc.ref, 'ip-host-address', { field, value: loc.value, subnet: home.text });
  }
}

function gatewayInside(issues: IssueCollector, net: DraftNetwork): void {
  const gw = net.gateway;
  const subnet = net.subnet?.value;
  const n = gw ? parseIpv4(gw.value) : undefined;
  if (!gw || n === undefined || !subnet) return;
  if (!cidrContains(subnet, n))
    issues.error(gw.ref, 'gateway-in-subnet', { value: gw.value, subnet: subnet.text });
  else if (isNetworkOrBroadcast(subnet, n)) {
    issues.error(gw.ref, 'ip-host-address', { field: FIELD.gateway, value: gw.value, subnet: subnet.text });
  }
}

/** Hosts, VIP and components inside their networks; gateways inside their subnets. */
export function checkSubnets(d: DraftPlan, issues: IssueCollector): void {
  const { management, extraManagement, storage, backup, business, ipmiSubnet } = d.networks;
  const mgmt = management.subnet?.value;
  const storageNet = storage.subnet?.value;
  // CloudTower, OBS and Backup may sit on the extra management segment (row 5) when there is one.
  const componentNets = [mgmt, extraManagement?.subnet?.value];

  for (const h of d.hosts) {
    inside(issues, h.managementIp, FIELD.managementIp, [mgmt]);
    inside(issues, h.storageIp, FIELD.storageIp, [storageNet]);
    const bmc = h.bmcIp ? parseIpv4(h.bmcIp.value) : undefined;
    // Row 3 (IPMI) is informational in the template, and the template's own BMC addresses
    // (10.0.19.x) lie outside its IPMI subnet (10.0.20.0/24): a warning, not an error.
    if (h.bmcIp && bmc !== undefined && ipmiSubnet && !cidrContains(ipmiSubnet.value, bmc)) {
      issues.warn(h.bmcIp.ref, 'bmc-subnet', { value: h.bmcIp.value, subnet: ipmiSubnet.value.text });
    }
  }
  inside(issues, d.vip, FIELD.vip, [mgmt]);
  inside(issues, d.cloudtower.ip, FIELD.cloudtowerIp, componentNets);
  inside(issues, d.obs.ip, FIELD.obsIp, componentNets);
  inside(issues, d.backup.ip, FIELD.backupIp, componentNets);
  // Where ER lives is not fixed by the workbook: only a warning.
  inside(issues, d.er.vip, FIELD.erVip, componentNets, true);
  for (const c of d.er.controllers) inside(issues, c, FIELD.erController, componentNets, true);

  for (const net of [management, extraManagement, storage, backup, ...business]) {
    if (net) gatewayInside(issues, net);
  }
}

/** Subnets that overlap are legal but usually a copy-paste slip: warn. */
export function checkSubnetOverlaps(d: DraftPlan, issues: IssueCollector): void {
  const { management, extraManagement, storage, backup, business } = d.networks;
  const nets = [management, extraManagement, storage, backup, ...business].filter(
    (n): n is DraftNetwork & { subnet: Located<Cidr> } => n?.subnet !== undefined,
  );
  for (let i = 0; i < nets.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = nets[i].subnet;
      const b = nets[j].subnet;
      if (cidrsOverlap(a.value, b.value)) {
        issues.warn(a.ref, 'subnet-overlap', {
          field: text(`${nets[i].label.zh}子网`, `${nets[i].label.en} subnet`),
          value: a.value.text,
          subnet: b.value.text,
          other: refText(b.ref),
        });
      }
    }
  }
}
