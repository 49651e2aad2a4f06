// Which CloudTower VM network (get-vlans item) OBS and Backup go on: the one the CloudTower VM was
// placed on (docs/decisions.md "VM network of CloudTower, OBS and Backup"), found by name on the
// cluster's switches, with the planned VLAN. Without a planned network (older histories) it is seed
// 003's "default" VM network, as before.
import type { TowerVlan } from '../../smartx/index.js';
import { precheckFailed } from './failures.js';

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
      `${step}: 集群 ${cluster.name} 上没有名为 "${name}" 的虚拟机网络 / no VM network named "${name}" on cluster ${cluster.name} (get-vlans). Fix: ${want ? 'it is created with the CloudTower VM (deploy-cloudtower stage); run that stage again or check 虚拟网络 row 4/5' : "the default network is created with the cluster's management VDS; check the cluster's networks"}.`,
    );
  if (want && vlan.vlan_id !== undefined && vlan.vlan_id !== null && vlan.vlan_id !== want.vlanId)
    throw precheckFailed(
      `${step}: 虚拟机网络 "${name}" 的 VLAN 是 ${vlan.vlan_id}，规划表规划的是 ${want.vlanId} / the VM network "${name}" has VLAN ${vlan.vlan_id}, the plan says ${want.vlanId}. Fix: correct the VLAN ID in 虚拟网络 row 4/5 or the network in CloudTower.`,
    );
  return vlan;
}
