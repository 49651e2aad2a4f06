// REST: the test VMs of stage 09 — upload tasks and VM volumes (what an OVF disk upload became),
// VMs (get-vms, create-vm with VmCreationParams, start-vm, poweroff-vm and delete-vm with
// VmOperateParams). Bodies are strict: an unknown field is refused, as the server's schema
// validation does. An operation whose `where` matches no VM answers `[]` (nothing to do).
import { z } from 'zod';
import type { SimRoute } from '../../core/contract.js';
import { findCluster } from '../clusters.js';
import { vlanViews } from '../network.js';
import type { CloudTowerSimOptions } from '../options.js';
import { uploadTaskView } from '../ovf.js';
import { cuid } from '../ids.js';
import { countEffect } from '../store.js';
import { listOf, oneOrMany } from '../validate.js';
import {
  createVm,
  deleteVm,
  poweroffVm,
  startVm,
  vmState,
  vmView,
  volumeView,
  type VmRecord,
} from '../vms.js';
import { filterPage } from '../where.js';
import { listRoute } from './ops-tower.js';
import { RestError, restRoute } from './route.js';

const nicParams = z.strictObject({
  connect_vlan_id: z.string().min(1),
  local_id: z.string().optional(),
  nic_id: z.string().optional(),
  mirror: z.boolean().optional(),
  model: z.enum(['E1000', 'SRIOV', 'VIRTIO']).optional(),
  enabled: z.boolean().optional(),
  mac_address: z.string().optional(),
  ip_address: z.ipv4().optional(),
  subnet_mask: z.ipv4().optional(),
  gateway: z.ipv4().optional(),
});

const mountDisk = z.strictObject({
  vm_volume_id: z.string().min(1),
  bus: z.enum(['IDE', 'SCSI', 'VIRTIO']),
  boot: z.number().int().nonnegative(),
  index: z.number().int().nonnegative().optional(),
  key: z.number().int().optional(),
});

const vmCreation = z.strictObject({
  cluster_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  host_id: z.string().optional(),
  folder_id: z.string().optional(),
  ha: z.boolean(),
  vcpu: z.number().int().positive().optional(),
  cpu_sockets: z.number().int().positive(),
  cpu_cores: z.number().int().positive(),
  memory: z.number().int().positive(),
  firmware: z.enum(['BIOS', 'UEFI']),
  status: z.enum(['RUNNING', 'STOPPED', 'SUSPENDED']),
  guest_os_type: z.string().optional(),
  vm_disks: z.strictObject({
    mount_disks: z.array(mountDisk).optional(),
    mount_cd_roms: z.array(z.unknown()).optional(),
    mount_new_create_disks: z.array(z.unknown()).optional(),
  }),
  vm_nics: z.array(nicParams),
});

/** ParsedOVF as the SDKs type it (what parse-ovf answers; import-vm takes it back). */
const parsedOvf = z.strictObject({
  name: z.string(),
  description: z.string().nullish(),
  cpu: z.strictObject({ sockets: z.number().int().positive(), cores: z.number().int().positive() }),
  vcpu: z.number().int().positive(),
  memory: z.number().positive(),
  firmware: z.enum(['BIOS', 'UEFI']),
  disks: z.array(
    z.strictObject({
      size: z.number().nonnegative(),
      type: z.enum(['DISK', 'CD_ROM']),
      bus: z.enum(['IDE', 'SCSI', 'VIRTIO']),
      name: z.string(),
    }),
  ),
  nics: z.array(z.strictObject({ mac: z.string() })),
});

/**
 * VmImportParams of the SDKs: required `cluster_id, name, parsed_ovf, upload_tasks` (upload task
 * ids); the optional fields the SDKs list are accepted, those the simulator has no state for unread.
 */
const vmImport = z.strictObject({
  cluster_id: z.string().min(1),
  name: z.string().min(1),
  parsed_ovf: parsedOvf,
  upload_tasks: z.array(z.string().min(1)).min(1),
  vm_nics: z.array(nicParams).optional(),
  disk_operate: z.unknown().optional(),
  description: z.string().optional(),
  ha: z.boolean().optional(),
  status: z.enum(['RUNNING', 'STOPPED', 'SUSPENDED']).optional(),
  vcpu: z.number().int().positive().optional(),
  cpu_sockets: z.number().int().positive().optional(),
  cpu_cores: z.number().int().positive().optional(),
  memory: z.number().int().positive().optional(),
  memory_unit: z.string().optional(),
  folder_id: z.string().optional(),
  host_id: z.string().optional(),
  owner_id: z.string().optional(),
  guest_os_type: z.string().optional(),
  io_policy: z.string().optional(),
  max_bandwidth: z.number().optional(),
  max_bandwidth_policy: z.string().optional(),
  max_bandwidth_unit: z.string().optional(),
  max_iops: z.number().optional(),
  max_iops_policy: z.string().optional(),
});

const operate = z.strictObject({ where: z.record(z.string(), z.unknown()) });

function mac(n: number): string {
  const hex = n.toString(16).padStart(6, '0');
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** A VM NIC record from VmNicParams / VmImportNicParams (the VLAN checked by the caller). */
function nicRecord(
  vmName: string,
  k: number,
  n: z.infer<typeof nicParams>,
  vlans: { id: string; name: string }[],
  vmCount: number,
) {
  const vlan = vlans.find((l) => l.id === n.connect_vlan_id)!;
  return {
    id: `${vmName}-nic-${k}`,
    vlan_id: vlan.id,
    vlan_name: vlan.name,
    model: n.model ?? 'VIRTIO',
    enabled: n.enabled ?? true,
    mirror: n.mirror ?? false,
    mac_address: n.mac_address ?? mac(vmCount * 8 + k + 1),
    ip_address: n.ip_address ?? null,
    subnet_mask: n.subnet_mask ?? null,
    gateway: n.gateway ?? null,
  };
}

export function vmRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    listRoute(options, 'get-upload-tasks', (ctx) => vmState(ctx).elfUploads.map(uploadTaskView)),
    listRoute(options, 'get-vm-volumes', (ctx) => vmState(ctx).vmVolumes.map((v) => volumeView(ctx, v))),
    listRoute(options, 'get-vms', (ctx) => vmState(ctx).vms.map((vm) => vmView(ctx, vm))),
    restRoute(options, {
      op: 'create-vm',
      auth: true,
      schema: oneOrMany(vmCreation),
      handle({ body, ctx }) {
        const items = listOf(body);
        const state = vmState(ctx);
        const vlans = vlanViews(ctx);
        // Every item is checked before any is created: a bad item leaves no partial effect.
        for (const [i, p] of items.entries()) {
          if (!findCluster(ctx, p.cluster_id))
            throw new RestError(400, 'InvalidParams', `${i}.cluster_id: no cluster ${p.cluster_id}`);
          for (const d of p.vm_disks.mount_disks ?? []) {
            const vol = state.vmVolumes.find((v) => v.id === d.vm_volume_id);
            if (!vol)
              throw new RestError(
                400,
                'InvalidParams',
                `${i}.vm_disks.mount_disks: no VM volume ${d.vm_volume_id}`,
              );
            if (vol.cluster_id !== p.cluster_id)
              throw new RestError(
                400,
                'InvalidParams',
                `${i}.vm_disks: volume ${vol.name} is on another cluster`,
              );
            if (state.vms.some((vm) => vm.volume_ids.includes(vol.id)))
              throw new RestError(400, 'VolumeInUse', `volume ${vol.name} is already mounted by a VM`);
          }
          for (const n of p.vm_nics)
            if (!vlans.some((l) => l.id === n.connect_vlan_id))
              throw new RestError(
                400,
                'InvalidParams',
                `${i}.vm_nics.connect_vlan_id: no VLAN ${n.connect_vlan_id}`,
              );
          if (p.vcpu !== undefined && p.vcpu !== p.cpu_sockets * p.cpu_cores)
            throw new RestError(400, 'InvalidParams', `${i}.vcpu must equal cpu_sockets × cpu_cores`);
          if (p.status !== 'STOPPED' && (p.vm_disks.mount_disks ?? []).length === 0)
            throw new RestError(400, 'InvalidParams', `${i}: a VM without a disk cannot start`);
        }
        const out = items.map((p) => {
          const vm = createVm(ctx, {
            name: p.name,
            description: p.description ?? '',
            cluster_id: p.cluster_id,
            vcpu: p.cpu_sockets * p.cpu_cores,
            cpu_sockets: p.cpu_sockets,
            cpu_cores: p.cpu_cores,
            memory: p.memory,
            firmware: p.firmware,
            ha: p.ha,
            startAfterCreate: p.status === 'RUNNING',
            volume_ids: (p.vm_disks.mount_disks ?? []).map((d) => d.vm_volume_id),
            nics: p.vm_nics.map((n, k) => nicRecord(p.name, k, n, vlans, state.vms.length)),
          });
          return { data: vmView(ctx, vm), task_id: vm.create_task_id };
        });
        return out;
      },
    }),
    restRoute(options, {
      op: 'import-vm',
      auth: true,
      schema: oneOrMany(vmImport),
      handle({ body, ctx }) {
        const items = listOf(body);
        const state = vmState(ctx);
        const vlans = vlanViews(ctx);
        // Every item is checked before any is imported: a bad item leaves no partial effect.
        for (const [i, p] of items.entries()) {
          if (!findCluster(ctx, p.cluster_id))
            throw new RestError(400, 'InvalidParams', `${i}.cluster_id: no cluster ${p.cluster_id}`);
          for (const id of p.upload_tasks) {
            const t = state.elfUploads.find((u) => u.id === id);
            if (!t) throw new RestError(400, 'InvalidParams', `${i}.upload_tasks: no upload task ${id}`);
            if (t.status !== 'SUCCESSED')
              throw new RestError(400, 'UploadTaskNotFinished', `upload task ${id} is ${t.status}`);
            if (t.cluster_id !== p.cluster_id)
              throw new RestError(400, 'InvalidParams', `${i}.upload_tasks: ${id} is on another cluster`);
          }
          for (const n of p.vm_nics ?? [])
            if (!vlans.some((l) => l.id === n.connect_vlan_id))
              throw new RestError(
                400,
                'InvalidParams',
                `${i}.vm_nics.connect_vlan_id: no VLAN ${n.connect_vlan_id}`,
              );
        }
        return items.map((p) => {
          // Each upload becomes a volume of the new VM (the upload task itself stays listed).
          const volumeIds = p.upload_tasks.map((taskId) => {
            const t = state.elfUploads.find((u) => u.id === taskId)!;
            const id = cuid(ctx);
            state.vmVolumes.push({
              id,
              name: `${p.name}-${t.name}`,
              size: t.size,
              cluster_id: p.cluster_id,
              upload_id: t.id,
            });
            return id;
          });
          const sockets = p.cpu_sockets ?? p.parsed_ovf.cpu.sockets;
          const cores = p.cpu_cores ?? p.parsed_ovf.cpu.cores;
          const vm = createVm(ctx, {
            name: p.name,
            description: p.description ?? '',
            cluster_id: p.cluster_id,
            vcpu: p.vcpu ?? sockets * cores,
            cpu_sockets: sockets,
            cpu_cores: cores,
            memory: p.memory ?? p.parsed_ovf.memory,
            firmware: p.parsed_ovf.firmware,
            ha: p.ha ?? false,
            startAfterCreate: p.status === 'RUNNING',
            volume_ids: volumeIds,
            nics: (p.vm_nics ?? []).map((n, k) => nicRecord(p.name, k, n, vlans, state.vms.length)),
          });
          countEffect(ctx, 'rest:import-vm');
          return { data: vmView(ctx, vm), task_id: vm.create_task_id };
        });
      },
    }),
    restRoute(options, {
      op: 'start-vm',
      auth: true,
      schema: operate,
      handle({ body, ctx }) {
        return matching(ctx, body).map((vm) => {
          if (vm.entityAsyncStatus === 'CREATING')
            throw new RestError(400, 'VmNotReady', `VM ${vm.name} is still being created`);
          if (vm.entityAsyncStatus === 'DELETING')
            throw new RestError(400, 'VmDeleting', `VM ${vm.name} is being deleted`);
          if (vm.status === 'RUNNING' || vm.entityAsyncStatus === 'UPDATING')
            throw new RestError(400, 'VmAlreadyRunning', `VM ${vm.name} is already running`);
          const taskId = startVm(ctx, vm);
          return { data: vmView(ctx, vm), task_id: taskId };
        });
      },
    }),
    restRoute(options, {
      op: 'poweroff-vm',
      auth: true,
      schema: operate,
      handle({ body, ctx }) {
        return matching(ctx, body).map((vm) => {
          if (vm.entityAsyncStatus !== null)
            throw new RestError(400, 'VmBusy', `VM ${vm.name} is ${vm.entityAsyncStatus.toLowerCase()}`);
          if (vm.status !== 'RUNNING')
            throw new RestError(400, 'VmNotRunning', `VM ${vm.name} is not running`);
          const taskId = poweroffVm(ctx, vm);
          return { data: vmView(ctx, vm), task_id: taskId };
        });
      },
    }),
    restRoute(options, {
      op: 'delete-vm',
      auth: true,
      schema: operate,
      handle({ body, ctx }) {
        const vms = matching(ctx, body);
        // Checked before any is deleted: a refused VM leaves no partial effect. Assumption: a VM
        // still running is refused (power it off first), as is one already being deleted.
        for (const vm of vms) {
          if (vm.entityAsyncStatus === 'DELETING')
            throw new RestError(400, 'VmDeleting', `VM ${vm.name} is already being deleted`);
          if (vm.entityAsyncStatus !== null)
            throw new RestError(400, 'VmBusy', `VM ${vm.name} is ${vm.entityAsyncStatus.toLowerCase()}`);
          if (vm.status === 'RUNNING')
            throw new RestError(400, 'VmIsRunning', `VM ${vm.name} is running: power it off first`);
        }
        return vms.map((vm) => ({ data: { id: vm.id }, task_id: deleteVm(ctx, vm) }));
      },
    }),
  ];
}

/** The VMs a VmOperateParams `where` selects (the filter runs over the VMs as get-vms shows them). */
function matching(ctx: Parameters<typeof vmState>[0], body: z.infer<typeof operate>): VmRecord[] {
  const state = vmState(ctx);
  const ids = new Set(
    filterPage(
      state.vms.map((vm) => vmView(ctx, vm)),
      body,
    ).map((v) => v.id),
  );
  return state.vms.filter((vm) => ids.has(vm.id));
}
