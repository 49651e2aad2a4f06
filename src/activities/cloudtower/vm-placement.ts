// Where the CloudTower VM goes (seed 001 §3 steps 1–3; seed 003 "其他API接口"): the default storage
// policy, the management VDS's OVS bridge and the VM network on it.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { RunContext } from '../../run/input.js';
import { FailureType, remoteStep } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from './common.js';

export interface FindCloudTowerVmPlacementRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  managementVdsName: string;
  managementNetworkName: string;
}

export interface CloudTowerVmPlacement {
  storagePolicyUuid: string;
  ovs: string;
  vlanUuid: string;
}

/** VLAN `type` of VM networks on SMTX OS (1 = management, 2 = storage system networks). */
const VM_NETWORK_TYPE = 3;
/** The VM network every management VDS carries; seed 003's CloudTower NIC sits on it (VLAN 0). */
const DEFAULT_VM_NETWORK = 'default';

function notFound(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.precheck, nonRetryable: true, message });
}

export async function findCloudTowerVmPlacement(
  req: FindCloudTowerVmPlacementRequest,
): Promise<CloudTowerVmPlacement> {
  const log = Context.current().log;
  const client = fisheyeClient(req.run, req.vip, req.fisheye);

  const policies = await remoteStep(`list storage policies on ${req.vip}`, () =>
    client.listStoragePolicies(),
  );
  // Seed 003: "只有一个默认存储策略 default storage policy … 使用默认存储策略".
  const policy =
    policies.find((p) => p.name === 'default') ??
    policies.find((p) => /default storage policy/i.test(p.description ?? '')) ??
    (policies.length === 1 ? policies[0] : undefined);
  if (!policy) {
    throw notFound(
      `find the default storage policy on ${req.vip}: GET /api/v2/storage_policies lists ${policies.length ? policies.map((p) => p.name).join(', ') : 'no policy'}, none named "default". Fix: check the cluster's storage policies in the SMTX OS console.`,
    );
  }

  const vdses = await remoteStep(`list virtual switches on ${req.vip}`, () => client.listVdses());
  const vds = vdses.find((v) => v.name === req.managementVdsName);
  if (!vds) {
    throw notFound(
      `find the management virtual switch "${req.managementVdsName}" on ${req.vip}: the cluster has ${vdses.length ? vdses.map((v) => `"${v.name}"`).join(', ') : 'no virtual switch'}. Fix: check 虚拟网络!C4 (management VDS name) against the deployed cluster.`,
    );
  }
  if (!vds.ovsbr_name) {
    throw notFound(
      `find the OVS bridge of "${vds.name}" on ${req.vip}: GET /api/v2/network/vds has no ovsbr_name for it. Fix: check the virtual switch in the SMTX OS console.`,
    );
  }

  const vlans = await remoteStep(`list networks of "${vds.name}" on ${req.vip}`, () =>
    client.listVlans(vds.uuid),
  );
  const isVmNetwork = (v: { type?: number }) => v.type === undefined || v.type === VM_NETWORK_TYPE;
  // Seed 001: match by name first. The plan's management network is usually the system (type 1)
  // network, which cannot carry VM NICs; seed 003's CloudTower NIC uses the VM network "default".
  const vlan =
    vlans.find((v) => v.name === req.managementNetworkName && isVmNetwork(v)) ??
    vlans.find((v) => v.name === DEFAULT_VM_NETWORK && isVmNetwork(v)) ??
    vlans.find((v) => v.name === req.managementNetworkName);
  if (!vlan) {
    throw notFound(
      `find the network "${req.managementNetworkName}" (or the VM network "${DEFAULT_VM_NETWORK}") on "${vds.name}" at ${req.vip}: the switch has ${vlans.length ? vlans.map((v) => `"${v.name}"`).join(', ') : 'no network'}. Fix: check 虚拟网络!D4 (management network name).`,
    );
  }
  log.info('CloudTower VM placement', {
    storagePolicy: policy.name,
    vds: vds.name,
    ovs: vds.ovsbr_name,
    network: vlan.name,
    vlanId: vlan.vlan_id,
  });
  return { storagePolicyUuid: policy.uuid, ovs: vds.ovsbr_name, vlanUuid: vlan.uuid };
}
