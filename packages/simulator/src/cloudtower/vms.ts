// Test VMs in CloudTower (stage 09): uploaded disk images (`upload-elf-file` → upload task → VM
// volume), VMs created with create-vm (listed at once with entityAsyncStatus CREATING, STOPPED when
// the creation task — the OVF import — succeeds, removed when it fails) and powered on with
// start-vm. A running VM whose NIC carries an address of a simulated test VM machine starts
// answering SSH there (VMTools applies the NIC's ip_address in the guest). poweroff-vm stops it
// (its SSH goes away with it); delete-vm (of a stopped VM) lists it DELETING until its task
// succeeds, then it is gone and its volumes are free.
import type { SimContext } from '../core/contract.js';
import { cuid, isoAt } from './ids.js';
import { clusterRef } from './rest-create.js';
import { countEffect, towerState, type SimTiming } from './store.js';
import { createTask, findTask } from './tasks.js';

export interface ElfUploadRecord {
  id: string;
  name: string;
  cluster_id: string;
  size: number;
  chunk_size: number;
  /** Chunks received, in order (the next chunk the server expects). */
  current_chunk: number;
  status: 'UPLOADING' | 'SUCCESSED' | 'FAILED';
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  file: string;
}

export interface VmVolumeRecord {
  id: string;
  name: string;
  size: number;
  cluster_id: string;
  upload_id: string;
}

export interface VmNicRecord {
  id: string;
  vlan_id: string;
  vlan_name: string;
  model: string;
  enabled: boolean;
  mirror: boolean;
  mac_address: string;
  ip_address: string | null;
  subnet_mask: string | null;
  gateway: string | null;
}

export interface VmRecord {
  id: string;
  local_id: string;
  name: string;
  description: string;
  cluster_id: string;
  vcpu: number;
  cpu_sockets: number;
  cpu_cores: number;
  memory: number;
  firmware: string;
  ha: boolean;
  /** create-vm asked for status RUNNING: powered on once created. */
  startAfterCreate: boolean;
  status: 'STOPPED' | 'RUNNING';
  /** CREATING until the create task succeeds; UPDATING while a power task runs; DELETING until gone. */
  entityAsyncStatus: 'CREATING' | 'UPDATING' | 'DELETING' | null;
  volume_ids: string[];
  nics: VmNicRecord[];
  create_task_id: string;
  start_task_id: string | null;
  /** The running poweroff-vm / delete-vm task (absent on VMs recorded before these existed). */
  stop_task_id?: string | null;
  delete_task_id?: string | null;
  /** Power-on requested: RUNNING once the start task succeeds. */
  sim: { guestUp?: boolean } & Partial<SimTiming>;
}

export interface VmState {
  elfUploads: ElfUploadRecord[];
  vmVolumes: VmVolumeRecord[];
  vms: VmRecord[];
}

/** The test VM collections, kept in the CloudTower section of the shared state. */
export function vmState(ctx: SimContext): VmState {
  const s = towerState(ctx) as unknown as Record<string, unknown>;
  s.elfUploads ??= [];
  s.vmVolumes ??= [];
  s.vms ??= [];
  return s as unknown as VmState;
}

export class VmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Simulated seconds: importing the OVF disk into a VM, and a power-on. */
export const VM_CREATE_SECONDS = 90;
export const VM_START_SECONDS = 15;
/** Simulated seconds: a forced power-off, and deleting a VM (its disks' mounts released). */
export const VM_POWEROFF_SECONDS = 5;
export const VM_DELETE_SECONDS = 20;

export function volumeView(ctx: SimContext, v: VmVolumeRecord): Record<string, unknown> {
  const mounting = vmState(ctx).vms.some((vm) => vm.volume_ids.includes(v.id));
  return {
    id: v.id,
    name: v.name,
    size: v.size,
    cluster: clusterRef(ctx, v.cluster_id),
    mounting,
    sharing: false,
    type: 'DISK',
    local_id: v.id,
  };
}

export function vmView(ctx: SimContext, vm: VmRecord): Record<string, unknown> {
  const ips =
    vm.status === 'RUNNING' && vm.sim.guestUp ? vm.nics.map((n) => n.ip_address).filter(Boolean) : [];
  return {
    id: vm.id,
    local_id: vm.local_id,
    name: vm.name,
    description: vm.description,
    status: vm.status,
    entityAsyncStatus: vm.entityAsyncStatus,
    cluster: clusterRef(ctx, vm.cluster_id),
    vcpu: vm.vcpu,
    cpu: { sockets: vm.cpu_sockets, cores: vm.cpu_cores },
    memory: vm.memory,
    firmware: vm.firmware,
    ha: vm.ha,
    in_recycle_bin: false,
    ips: ips.join(','),
    vm_nics: vm.nics.map((n, i) => ({
      id: n.id,
      nic_index: i,
      vlan: { id: n.vlan_id, name: n.vlan_name },
      model: n.model,
      enabled: n.enabled,
      mirror: n.mirror,
      mac_address: n.mac_address,
      ip_address: n.ip_address,
      subnet_mask: n.subnet_mask,
      gateway: n.gateway,
    })),
    vm_disks: vm.volume_ids.map((id, i) => ({
      id: `${vm.id}-disk-${i}`,
      boot: i,
      bus: 'VIRTIO',
      type: 'DISK',
      vm_volume: { id, name: vmState(ctx).vmVolumes.find((v) => v.id === id)?.name ?? '' },
    })),
  };
}

/** Stores the VM at once (listed CREATING) and starts the creation task (the OVF import). */
export function createVm(
  ctx: SimContext,
  vm: Omit<
    VmRecord,
    'create_task_id' | 'id' | 'local_id' | 'start_task_id' | 'entityAsyncStatus' | 'status' | 'sim'
  >,
): VmRecord {
  const id = cuid(ctx);
  const task = createTask(ctx, {
    description: `Create VM ${vm.name}`,
    seconds: VM_CREATE_SECONDS,
    faultPoint: 'job:cloudtower.create-vm',
    resource_type: 'Vm',
    resource_id: id,
    cluster: clusterRef(ctx, vm.cluster_id),
  });
  const record: VmRecord = {
    ...vm,
    id,
    local_id: `${id}-local`,
    status: 'STOPPED',
    entityAsyncStatus: 'CREATING',
    create_task_id: task.id,
    start_task_id: null,
    sim: {},
  };
  vmState(ctx).vms.push(record);
  countEffect(ctx, 'rest:create-vm');
  return record;
}

/** One power or delete task of a VM: its task, the VM's async status, the effect counted once. */
function vmTask(
  ctx: SimContext,
  vm: VmRecord,
  op: 'start-vm' | 'poweroff-vm' | 'delete-vm',
  description: string,
  seconds: number,
  asyncStatus: VmRecord['entityAsyncStatus'],
): string {
  const task = createTask(ctx, {
    description: `${description} ${vm.name}`,
    seconds,
    faultPoint: `job:cloudtower.${op}`,
    resource_type: 'Vm',
    resource_id: vm.id,
    cluster: clusterRef(ctx, vm.cluster_id),
  });
  vm.entityAsyncStatus = asyncStatus;
  countEffect(ctx, `rest:${op}`);
  return task.id;
}

export function startVm(ctx: SimContext, vm: VmRecord): string {
  vm.start_task_id = vmTask(ctx, vm, 'start-vm', 'Start VM', VM_START_SECONDS, 'UPDATING');
  return vm.start_task_id;
}

export function poweroffVm(ctx: SimContext, vm: VmRecord): string {
  vm.stop_task_id = vmTask(ctx, vm, 'poweroff-vm', 'Power off VM', VM_POWEROFF_SECONDS, 'UPDATING');
  return vm.stop_task_id;
}

export function deleteVm(ctx: SimContext, vm: VmRecord): string {
  vm.delete_task_id = vmTask(ctx, vm, 'delete-vm', 'Delete VM', VM_DELETE_SECONDS, 'DELETING');
  return vm.delete_task_id;
}

/** The guest stops answering on its addresses (powered off or deleted). */
async function guestDown(ctx: SimContext, vm: VmRecord): Promise<void> {
  if (!vm.sim.guestUp) return;
  vm.sim.guestUp = false;
  for (const nic of vm.nics) {
    if (!nic.ip_address) continue;
    ctx.log('cloudtower.vm-guest-down', { name: vm.name, ip: nic.ip_address, at: isoAt(ctx.clock.now()) });
    await ctx.deactivate(nic.ip_address);
  }
}

/** Follows the VMs' tasks: created → STOPPED (or gone), started → RUNNING and the guest on its address. */
export async function advanceVms(ctx: SimContext): Promise<void> {
  const state = vmState(ctx);
  for (const vm of [...state.vms]) {
    if (vm.entityAsyncStatus === 'CREATING') {
      const task = findTask(ctx, vm.create_task_id);
      if (task?.status === 'SUCCESSED') {
        vm.entityAsyncStatus = null;
        if (vm.startAfterCreate) startVm(ctx, vm);
      } else if (task?.status === 'FAILED') {
        state.vms.splice(state.vms.indexOf(vm), 1);
        ctx.log('cloudtower.vm-create-failed', { name: vm.name });
      }
    } else if (vm.entityAsyncStatus === 'DELETING' && vm.delete_task_id) {
      const task = findTask(ctx, vm.delete_task_id);
      if (task?.status === 'SUCCESSED') {
        await guestDown(ctx, vm);
        state.vms.splice(state.vms.indexOf(vm), 1);
        ctx.log('cloudtower.vm-deleted', { name: vm.name });
        continue;
      } else if (task?.status === 'FAILED') vm.entityAsyncStatus = null;
    } else if (vm.entityAsyncStatus === 'UPDATING' && vm.stop_task_id) {
      const task = findTask(ctx, vm.stop_task_id);
      if (task?.status === 'SUCCESSED') {
        vm.entityAsyncStatus = null;
        vm.status = 'STOPPED';
        vm.stop_task_id = null;
        await guestDown(ctx, vm);
      } else if (task?.status === 'FAILED') {
        vm.entityAsyncStatus = null;
        vm.stop_task_id = null;
      }
    } else if (vm.entityAsyncStatus === 'UPDATING' && vm.start_task_id) {
      const task = findTask(ctx, vm.start_task_id);
      if (task?.status === 'SUCCESSED') {
        vm.entityAsyncStatus = null;
        vm.status = 'RUNNING';
      } else if (task?.status === 'FAILED') vm.entityAsyncStatus = null;
    }
    if (vm.status === 'RUNNING' && !vm.sim.guestUp) {
      vm.sim.guestUp = true;
      for (const nic of vm.nics) {
        if (!nic.ip_address) continue;
        ctx.log('cloudtower.vm-guest-up', { name: vm.name, ip: nic.ip_address, at: isoAt(ctx.clock.now()) });
        await ctx.activate('testvm', nic.ip_address);
      }
    }
  }
}
