import type { DraftNetwork, DraftPlan } from '../draft.js';
import type { Located } from '../fields.js';
import type { CellRef, IssueCollector } from '../issues.js';
import { refText } from '../issues.js';

interface VdsUse {
  name: Located<string>;
  nics?: Located<string[]>;
  networks: DraftNetwork[];
}

/**
 * The VDSes the plan creates, with the networks on each. With 存储独立 the business VLANs go on the
 * management VDS (FACTS.md), so they must not clash with the management VLANs there.
 */
function vdsUses(d: DraftPlan): VdsUse[] {
  const { management, extraManagement, storage, backup, business, businessVds } = d.networks;
  const uses: VdsUse[] = [];
  const push = (
    name: Located<string> | undefined,
    nics: Located<string[]> | undefined,
    nets: (DraftNetwork | undefined)[],
  ) => {
    if (name) uses.push({ name, nics, networks: nets.filter((n) => n !== undefined) });
  };
  const arch = d.networkArchitecture?.value.value;
  const businessOnMgmt = arch === 'storage-separate' ? business : [];
  push(management.vdsName, management.nics, [management, extraManagement, ...businessOnMgmt]);
  push(storage.vdsName, storage.nics, [storage]);
  if (backup) push(backup.vdsName, backup.nics, [backup]);
  if (businessVds) push(businessVds.name, businessVds.nics, business);
  return uses;
}

/** VLAN IDs unique per VDS; VDS names unique; a NIC in one VDS only. */
export function checkNetworks(d: DraftPlan, issues: IssueCollector): void {
  const uses = vdsUses(d);

  const names = new Map<string, CellRef>();
  const nicOwner = new Map<string, CellRef>();
  for (const use of uses) {
    const key = use.name.value.toLowerCase();
    const prev = names.get(key);
    if (prev) issues.error(use.name.ref, 'vds-name-unique', { value: use.name.value, other: refText(prev) });
    else names.set(key, use.name.ref);

    if (use.nics) {
      for (const nic of use.nics.value) {
        const owner = nicOwner.get(nic);
        if (owner) issues.error(use.nics.ref, 'nic-shared', { value: nic, other: refText(owner) });
        else nicOwner.set(nic, use.nics.ref);
      }
    }

    const vlans = new Map<number, CellRef>();
    for (const net of use.networks) {
      if (!net.vlanId) continue;
      const seen = vlans.get(net.vlanId.value);
      if (seen) {
        issues.error(net.vlanId.ref, 'vlan-unique', {
          value: String(net.vlanId.value),
          vds: use.name.value,
          other: refText(seen),
        });
      } else vlans.set(net.vlanId.value, net.vlanId.ref);
    }
  }
}
