// VDSes and VLANs (kept in state.vdses / state.vlans) and their API shapes (seed 003).
import type { SmtxWorld } from './world.js';

export function newVds(
  world: SmtxWorld,
  name: string,
  bondMode: string,
  hosts: Record<string, unknown>[],
  uuid = world.uuid(),
) {
  return {
    uuid,
    bond_mode: bondMode,
    bond_name: `bond-m-${uuid.slice(0, 8)}`,
    bond_type: 'ovs_bond',
    description: '',
    name,
    ovsbr_name: `ovsbr-${world.alnum(9)}`,
    qos_enable: false,
    rb_interval: '',
    type: 1,
    work_mode: 'single',
    hosts_associated: hosts,
  };
}

/** GET /api/v2/network/vds/{uuid}: as the real one, hosts_associated comes back empty. */
export function vdsView(world: SmtxWorld, vds: Record<string, unknown>) {
  return {
    ...vds,
    hosts_associated: [],
    vlans_count: world.state.vlans.filter((v) => v.vds_uuid === vds.uuid).length,
  };
}

export function newVlan(world: SmtxWorld, vdsUuid: string, name: string, vlanId: number, type = 3) {
  return {
    uuid: world.uuid(),
    name,
    vds_uuid: vdsUuid,
    vlan_id: vlanId,
    type,
    enable_dhcp: false,
    vms_count: 0,
    vm_snapshots_count: 0,
    vm_templates_count: 0,
    dhcp_config: null,
  };
}
