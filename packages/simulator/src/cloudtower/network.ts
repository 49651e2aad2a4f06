// Virtual switches and VLANs as CloudTower shows them. The SMTX side of the simulator owns them
// (`state.vdses`, `state.vlans`, Fisheye shapes); CloudTower gives each a stable cuid and a
// `local_id` of `<cluster local id>_<fisheye uuid>`, and only knows them once a cluster is
// CONNECTED. create-vm-vlan writes a Fisheye-shaped VLAN into `state.vlans`, so both APIs agree.
import type { SimContext } from '../core/contract.js';
import { cuid, uuid } from './ids.js';
import type { CloudTowerSimOptions } from './options.js';
import { pickNumber, pickString } from './pick.js';
import { towerState, type ConnectedClusterRecord, type VlanCreatedRecord } from './store.js';
import { createTask, findTask } from './tasks.js';

interface VdsView {
  id: string;
  name: string;
  uuid: string;
  cluster: ConnectedClusterRecord;
  raw: Record<string, unknown>;
}

interface VlanView {
  id: string;
  name: string;
  uuid: string;
  vlan_id: number;
  vds?: VdsView;
  raw: Record<string, unknown>;
}

function towerId(ctx: SimContext, localId: string): string {
  const ids = towerState(ctx).networkIds;
  ids[localId] ??= cuid(ctx);
  return ids[localId];
}

function connected(ctx: SimContext): ConnectedClusterRecord | undefined {
  return towerState(ctx).connectedClusters.find((c) => c.connect_state === 'CONNECTED');
}

export function vdsViews(ctx: SimContext, cluster?: ConnectedClusterRecord): VdsView[] {
  const c = cluster ?? connected(ctx);
  if (!c) return [];
  return ctx.state.vdses.map((raw, i) => {
    const fisheyeUuid = pickString(raw, ['uuid', 'id']) ?? `vds-${i}`;
    return {
      id: towerId(ctx, `${c.local_id}_${fisheyeUuid}`),
      name: pickString(raw, ['name']) ?? fisheyeUuid,
      uuid: fisheyeUuid,
      cluster: c,
      raw,
    };
  });
}

export function vlanViews(ctx: SimContext): VlanView[] {
  const c = connected(ctx);
  if (!c) return [];
  const vdses = vdsViews(ctx, c);
  return ctx.state.vlans.map((raw, i) => {
    const fisheyeUuid = pickString(raw, ['uuid', 'id']) ?? `vlan-${i}`;
    const vdsUuid = pickString(raw, ['vds_uuid', 'vds_id', 'vdsUuid']);
    return {
      id: towerId(ctx, `${c.local_id}_${fisheyeUuid}`),
      name: pickString(raw, ['name']) ?? fisheyeUuid,
      uuid: fisheyeUuid,
      vlan_id: pickNumber(raw, ['vlan_id', 'vlanId']) ?? 0,
      vds: vdses.find((v) => v.uuid === vdsUuid),
      raw,
    };
  });
}

function networkType(raw: Record<string, unknown>): string {
  const t = (pickString(raw, ['type', 'network_type', 'usage']) ?? '').toLowerCase();
  if (t.includes('mgt') || t.includes('manage')) return 'MANAGEMENT';
  if (t.includes('storage')) return 'STORAGE';
  return 'VM';
}

function creating(ctx: SimContext, vlanTowerId: string): boolean {
  const rec = towerState(ctx).vlansCreated.find((v) => v.id === vlanTowerId);
  return rec !== undefined && findTask(ctx, rec.task_id)?.status === 'EXECUTING';
}

/** get-vdses item (seed 003). */
export function vdsView(ctx: SimContext, v: VdsView): Record<string, unknown> {
  const nicsRaw = Array.isArray(v.raw.nics) ? (v.raw.nics as unknown[]) : [];
  const nics = nicsRaw.map((n, i) => {
    const name =
      typeof n === 'string' ? n : (pickString(n as Record<string, unknown>, ['name']) ?? `nic-${i}`);
    return { id: towerId(ctx, `${v.cluster.local_id}_${v.uuid}_nic_${i}`), name };
  });
  const vlans = vlanViews(ctx)
    .filter((l) => l.vds?.id === v.id)
    .map((l) => ({ id: l.id, name: l.name }));
  return {
    bond_mode: pickString(v.raw, ['bond_mode', 'bondMode']) ?? '',
    cluster: { id: v.cluster.id, name: v.cluster.name },
    entityAsyncStatus: null,
    everoute_cluster: null,
    id: v.id,
    internal: v.raw.internal === true,
    labels: [],
    local_id: `${v.cluster.local_id}_${v.uuid}`,
    name: v.name,
    nics,
    ovsbr_name: pickString(v.raw, ['ovsbr_name', 'ovsbr', 'bridge']) ?? '',
    type: 'VM',
    vlans,
    vlans_num: vlans.length,
    work_mode: 'single',
  };
}

/** get-vlans item (seed 003). */
export function vlanView(ctx: SimContext, l: VlanView): Record<string, unknown> {
  const c = l.vds?.cluster ?? connected(ctx);
  return {
    entityAsyncStatus: creating(ctx, l.id) ? 'CREATING' : null,
    gateway_ip: pickString(l.raw, ['gateway_ip', 'gateway']) ?? '',
    gateway_subnetmask: pickString(l.raw, ['gateway_subnetmask']) ?? '',
    id: l.id,
    labels: [],
    local_id: `${c?.local_id ?? ''}_${l.uuid}`,
    mode_type: 'VLAN_ACCESS',
    name: l.name,
    network_ids: [String(l.vlan_id)],
    qos_burst: null,
    qos_max_bandwidth: null,
    qos_min_bandwidth: null,
    qos_priority: null,
    subnetmask: pickString(l.raw, ['subnetmask', 'netmask', 'subnet_mask']) ?? '',
    type: networkType(l.raw),
    vds: l.vds ? { id: l.vds.id, name: l.vds.name } : null,
    vlan_id: l.vlan_id,
    vm_nics: [],
  };
}

export class VlanError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws VlanError when the VLAN cannot be created; returns its VDS otherwise. */
export function validateVmVlan(ctx: SimContext, input: { vds_id: string; name: string }): VdsView {
  const vds = vdsViews(ctx).find((v) => v.id === input.vds_id);
  if (!vds) throw new VlanError('VdsNotFound', `vds ${input.vds_id} not found`);
  if (vlanViews(ctx).some((l) => l.vds?.id === vds.id && l.name === input.name)) {
    throw new VlanError('VlanNameDuplicated', `vlan name "${input.name}" already exists on vds ${vds.name}`);
  }
  return vds;
}

/**
 * create-vm-vlan. Assumption: a VLAN name is unique on its VDS (SMTX refuses duplicates), so a
 * second create with the same name fails and the orchestrator must look it up first.
 */
export function createVmVlan(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  input: { vds_id: string; name: string; vlan_id?: number; gateway_ip?: string; subnetmask?: string },
): { record: VlanCreatedRecord; view: Record<string, unknown> } {
  const vds = validateVmVlan(ctx, input);
  const fisheyeUuid = uuid(ctx);
  const vlanId = input.vlan_id ?? 0;
  ctx.state.vlans.push({
    uuid: fisheyeUuid,
    name: input.name,
    vlan_id: vlanId,
    vds_uuid: vds.uuid,
    type: 'VM',
    ...(input.gateway_ip ? { gateway_ip: input.gateway_ip } : {}),
    ...(input.subnetmask ? { subnetmask: input.subnetmask } : {}),
    created_by: 'cloudtower',
  });
  const localId = `${vds.cluster.local_id}_${fisheyeUuid}`;
  const id = towerId(ctx, localId);
  const task = createTask(ctx, {
    description: `Create VM network ${input.name}`,
    seconds: options.timings.createVlanSeconds,
    faultPoint: 'job:cloudtower.create-vm-vlan',
    resource_type: 'Vlan',
    resource_id: id,
    cluster: { id: vds.cluster.id, name: vds.cluster.name },
  });
  const record: VlanCreatedRecord = {
    id,
    local_id: localId,
    name: input.name,
    vds_id: vds.id,
    vlan_id: vlanId,
    task_id: task.id,
    sim: task.sim,
  };
  towerState(ctx).vlansCreated.push(record);
  const view = vlanViews(ctx).find((l) => l.id === id);
  // The create answer has no vm_nics (seed 003).
  const { vm_nics: _nics, ...data } = view ? vlanView(ctx, view) : { vm_nics: [] };
  return { record, view: data };
}

/** A failed create rolls the VLAN back out of the SMTX state. */
export function advanceVlans(ctx: SimContext): void {
  for (const rec of towerState(ctx).vlansCreated) {
    if (findTask(ctx, rec.task_id)?.status !== 'FAILED') continue;
    const idx = vlanViews(ctx).findIndex((l) => l.id === rec.id);
    if (idx >= 0) ctx.state.vlans.splice(idx, 1);
  }
}
