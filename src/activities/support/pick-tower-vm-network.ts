// Which CloudTower VM network (get-vlans item) OBS and Backup go on: the one the CloudTower VM was
// placed on (docs/decisions.md "VM network of CloudTower, OBS and Backup"), found by name on the
// cluster's switches, with the planned VLAN. Without a planned network (older histories) it is seed
// 003's "default" VM network, as before.
import type { TowerVlan } from '../../smartx/index.js';
import { precheckFailed } from './failures.js';
import { coded } from '../../i18n/index.js';

/** The planned VM network as the workflow passes it along with the management subnet and gateway. */
export interface VmNetworkChoice {
  name: string;
  vlanId: number;
}

const DEFAULT_VM_NETWORK = 'default';

export function pickTowerVmNetwork(
  step: string,
  cluster: { name: string; vdses?: { id: string }[] | null },
  vlans: TowerVlan[],
  want: VmNetworkChoice | undefined,
): TowerVlan {
  const name = want?.name ?? DEFAULT_VM_NETWORK;
  const vdsIds = new Set((cluster.vdses ?? []).map((v) => v.id));
  const named = vlans.filter((l) => l.name === name);
  const vlan =
    named.find((l) => l.vds?.id && vdsIds.has(l.vds.id)) ?? (named.length === 1 ? named[0] : undefined);
  if (!vlan)
    throw precheckFailed(
      want
        ? coded('failure.noPlannedVmNetwork', { step, name, cluster: cluster.name })
        : coded('failure.noDefaultVmNetwork', { step, name, cluster: cluster.name }),
    );
  if (want && vlan.vlan_id !== undefined && vlan.vlan_id !== null && vlan.vlan_id !== want.vlanId)
    throw precheckFailed(
      coded('failure.vmNetworkVlan', { step, name, found: vlan.vlan_id, planned: want.vlanId }),
    );
  return vlan;
}
