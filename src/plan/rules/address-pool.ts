import type { DraftPlan } from '../draft.js';
import { FIELD, NETWORK_NAME, ofNetwork } from '../field-names.js';
import type { Located } from '../fields.js';
import { parseIpv4 } from '../ipv4.js';
import type { CellRef } from '../issues.js';
import type { LocalizedText } from '../messages.js';

type AddressKind = 'host' | 'vip' | 'bmc' | 'component' | 'gateway';

/** One address the plan assigns to a machine (or a gateway), with where it was written. */
export interface AddressUse {
  ip: string;
  n: number;
  ref: CellRef;
  field: LocalizedText;
  kind: AddressKind;
}

/** Every address that must be unique: hosts, BMCs, VIP, components, gateways of the cluster networks. */
export function addressPool(d: DraftPlan): AddressUse[] {
  const out: AddressUse[] = [];
  const add = (loc: Located<string> | undefined, field: LocalizedText, kind: AddressKind) => {
    const n = loc ? parseIpv4(loc.value) : undefined;
    if (loc && n !== undefined) out.push({ ip: loc.value, n, ref: loc.ref, field, kind });
  };
  // Gateways first: an address that clashes with a gateway is reported at the host/component cell.
  const { management, extraManagement, storage, backup } = d.networks;
  for (const net of [management, extraManagement, storage, backup]) {
    if (net) add(net.gateway, ofNetwork(NETWORK_NAME[net.role], FIELD.gateway), 'gateway');
  }
  for (const h of d.hosts) {
    add(h.managementIp, FIELD.managementIp, 'host');
    add(h.storageIp, FIELD.storageIp, 'host');
    add(h.bmcIp, FIELD.bmcIp, 'bmc');
  }
  add(d.vip, FIELD.vip, 'vip');
  add(d.cloudtower.ip, FIELD.cloudtowerIp, 'component');
  add(d.obs.ip, FIELD.obsIp, 'component');
  add(d.backup.ip, FIELD.backupIp, 'component');
  add(d.er.vip, FIELD.erVip, 'component');
  for (const c of d.er.controllers) add(c, FIELD.erController, 'component');
  return out;
}

/** Addresses that are not machines of the plan but still say whether it is a simulation plan. */
export function otherAddresses(d: DraftPlan): AddressUse[] {
  const out: AddressUse[] = [];
  const add = (loc: Located<string> | undefined, field: LocalizedText) => {
    const n = loc ? parseIpv4(loc.value) : undefined;
    if (loc && n !== undefined) out.push({ ip: loc.value, n, ref: loc.ref, field, kind: 'component' });
  };
  for (const s of d.ntpServers) add(s, FIELD.ntpServer);
  for (const s of d.dnsServers) add(s, FIELD.dnsServer);
  for (const b of d.networks.business) add(b.gateway, ofNetwork(NETWORK_NAME.business, FIELD.gateway));
  add(d.networks.ipmiGateway, ofNetwork(NETWORK_NAME.ipmi, FIELD.gateway));
  add(d.testRange.start, FIELD.testRangeStart);
  add(d.testRange.end, FIELD.testRangeEnd);
  return out;
}
