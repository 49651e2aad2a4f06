// Where the CloudTower VM goes (seed 001 §3 steps 1–3; seed 003 "其他API接口"): the default storage
// policy, the management VDS's OVS bridge and the VM network on it, with the VLAN the plan wants
// (docs/decisions.md "VM network of CloudTower, OBS and Backup").
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { PlannedVmNetwork } from '../../plan/vm-network.js';
import type { RunContext } from '../../run/input.js';
import { coded, marker } from '../../i18n/index.js';
import { remoteStep, precheckFailed, remoteJobFailed } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';

export interface FindCloudTowerVmPlacementRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  managementVdsName: string;
  managementNetworkName: string;
  /**
   * The VM network the plan wants for CloudTower (and OBS, Backup): 虚拟网络 row 5 when the workbook
   * plans the extra management network (found by name and VLAN on the management VDS, created when
   * missing), else row 4 (its VLAN must be the one the VM lands on). Absent in histories recorded
   * before it existed: then the network is chosen by name only, as before.
   */
  vmNetwork?: PlannedVmNetwork;
}

export interface CloudTowerVmPlacement {
  storagePolicyUuid: string;
  ovs: string;
  vlanUuid: string;
  /** The VM network chosen, its VLAN, and whether this run created it. */
  networkName?: string;
  vlanId?: number;
  networkCreated?: boolean;
}

/** VLAN `type` of VM networks on SMTX OS (1 = management, 2 = storage system networks). */
const VM_NETWORK_TYPE = 3;
/** The VM network every management VDS carries; seed 003's CloudTower NIC sits on it (VLAN 0). */
const DEFAULT_VM_NETWORK = 'default';

type Vlan = Awaited<ReturnType<ReturnType<typeof fisheyeClient>['listVlans']>>[number];
const isVmNetwork = (v: { type?: number }) => v.type === undefined || v.type === VM_NETWORK_TYPE;

/** A VM network that does not match the plan: fixed in the workbook or on the cluster, not by a retry. */
function mismatch(text: string): ApplicationFailure {
  return precheckFailed(text);
}

const rowCells = (row: 4 | 5) => `虚拟网络!D${row}/F${row}`;

/**
 * Row 5: the network named D5 on the management VDS with VLAN F5, created when it is not there (POST
 * …/vlans, seed 003 "创建业务网络"; synchronous). A network of that name with another VLAN, or a
 * system network of that name, is a mismatch.
 */
async function ensureExtraVmNetwork(
  client: ReturnType<typeof fisheyeClient>,
  vds: { uuid: string; name: string },
  vlans: Vlan[],
  want: PlannedVmNetwork,
): Promise<{ vlan: Vlan; created: boolean }> {
  const check = (found: Vlan): Vlan => {
    if (!isVmNetwork(found))
      throw mismatch(
        coded('failure.vmNetworkIsSystem', {
          vds: vds.name,
          name: want.name,
          type: found.type ?? '?',
          row: want.row,
          cells: rowCells(want.row),
        }),
      );
    if (found.vlan_id !== want.vlanId)
      throw mismatch(
        coded('failure.extraVmNetworkVlan', {
          vds: vds.name,
          name: want.name,
          found: found.vlan_id,
          cells: rowCells(want.row),
          planned: want.vlanId,
        }),
      );
    return found;
  };
  const existing = vlans.find((v) => v.name === want.name);
  if (existing) return { vlan: check(existing), created: false };
  try {
    const created = await client.createVlan(vds.uuid, want.name, want.vlanId);
    if (created.name !== want.name || created.vlan_id !== want.vlanId)
      throw remoteJobFailed(
        `create the VM network "${want.name}" (VLAN ${want.vlanId}) on "${vds.name}": the cluster answered "${created.name}" with VLAN ${created.vlan_id}. The step is retried.`,
      );
    return { vlan: created, created: true };
  } catch (err) {
    // Created meanwhile (a parallel or crashed attempt): look again before giving up.
    const again = (await client.listVlans(vds.uuid)).find((v) => v.name === want.name);
    if (!again) throw err;
    return { vlan: check(again), created: false };
  }
}

/**
 * Row 4: the VM network named D4 on the management VDS, else seed 003's "default" VM network. Its VLAN
 * must be F4: with a tagged management VLAN the "default" network (VLAN 0) would put CloudTower off
 * the management segment, so that is an error naming the fix (plan row 5, which is then created).
 */
function pickManagementVmNetwork(vds: { name: string }, vlans: Vlan[], want: PlannedVmNetwork): Vlan {
  const named = vlans.find((v) => v.name === want.name && isVmNetwork(v));
  const vlan = named ?? vlans.find((v) => v.name === DEFAULT_VM_NETWORK && isVmNetwork(v));
  if (!vlan)
    throw precheckFailed(
      coded('failure.noManagementVmNetwork', {
        vds: vds.name,
        name: want.name,
        fallback: DEFAULT_VM_NETWORK,
        have: vlans.map((v) => `"${v.name}"`).join(', ') || marker('word.none'),
        cells: rowCells(4),
      }),
    );
  if (vlan.vlan_id !== want.vlanId)
    throw mismatch(
      coded(want.name === DEFAULT_VM_NETWORK ? 'failure.towerVmVlan' : 'failure.towerVmVlanOrCreate', {
        vds: vds.name,
        network: vlan.name,
        found: vlan.vlan_id,
        cells: rowCells(4),
        planned: want.vlanId,
        name: want.name,
      }),
    );
  return vlan;
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
    throw precheckFailed(
      `find the default storage policy on ${req.vip}: GET /api/v2/storage_policies lists ${policies.length ? policies.map((p) => p.name).join(', ') : 'no policy'}, none named "default". Fix: check the cluster's storage policies in the SMTX OS console.`,
    );
  }

  const vdses = await remoteStep(`list virtual switches on ${req.vip}`, () => client.listVdses());
  const vds = vdses.find((v) => v.name === req.managementVdsName);
  if (!vds) {
    throw precheckFailed(
      `find the management virtual switch "${req.managementVdsName}" on ${req.vip}: the cluster has ${vdses.length ? vdses.map((v) => `"${v.name}"`).join(', ') : 'no virtual switch'}. Fix: check 虚拟网络!C4 (management VDS name) against the deployed cluster.`,
    );
  }
  if (!vds.ovsbr_name) {
    throw precheckFailed(
      `find the OVS bridge of "${vds.name}" on ${req.vip}: GET /api/v2/network/vds has no ovsbr_name for it. Fix: check the virtual switch in the SMTX OS console.`,
    );
  }

  const vlans = await remoteStep(`list networks of "${vds.name}" on ${req.vip}`, () =>
    client.listVlans(vds.uuid),
  );
  const want = req.vmNetwork;
  let vlan: Vlan | undefined;
  let created = false;
  if (want?.row === 5) {
    const out = await remoteStep(
      `find or create the VM network "${want.name}" (VLAN ${want.vlanId}) on "${vds.name}" at ${req.vip}`,
      () => ensureExtraVmNetwork(client, vds, vlans, want),
    );
    vlan = out.vlan;
    created = out.created;
  } else if (want) {
    vlan = pickManagementVmNetwork(vds, vlans, want);
  } else {
    // Seed 001: match by name first. The plan's management network is usually the system (type 1)
    // network, which cannot carry VM NICs; seed 003's CloudTower NIC uses the VM network "default".
    vlan =
      vlans.find((v) => v.name === req.managementNetworkName && isVmNetwork(v)) ??
      vlans.find((v) => v.name === DEFAULT_VM_NETWORK && isVmNetwork(v)) ??
      vlans.find((v) => v.name === req.managementNetworkName);
    if (!vlan) {
      throw precheckFailed(
        `find the network "${req.managementNetworkName}" (or the VM network "${DEFAULT_VM_NETWORK}") on "${vds.name}" at ${req.vip}: the switch has ${vlans.length ? vlans.map((v) => `"${v.name}"`).join(', ') : 'no network'}. Fix: check 虚拟网络!D4 (management network name).`,
      );
    }
  }
  log.info('CloudTower VM placement', {
    storagePolicy: policy.name,
    vds: vds.name,
    ovs: vds.ovsbr_name,
    network: vlan.name,
    vlanId: vlan.vlan_id,
    networkCreated: created,
  });
  return {
    storagePolicyUuid: policy.uuid,
    ovs: vds.ovsbr_name,
    vlanUuid: vlan.uuid,
    networkName: vlan.name,
    vlanId: vlan.vlan_id,
    networkCreated: created,
  };
}
