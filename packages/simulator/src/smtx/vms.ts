// VMs (seed 003 §04): create returns a job; the VM boots when the job is done; its guest agent
// reports Running only after the ISO install time; a NIC update that sets an IP (through the guest
// agent) brings the CloudTower VM's address up (SSH first; HTTPS once its installer finishes).
// A second create with the same name makes a second VM, as the real API does.
// Stage 11 and `cleanup`: an update with `disks` ejects a CD-ROM (path ""), refusing to drop a volume
// or to mount an image that is not there; POST /api/v2/vms/:uuid/stop powers a VM off; DELETE refuses
// a running VM (both are guesses where seed 003 is silent: docs/simulator.md).
import { z } from 'zod';
import type { SimRoute } from '../core/contract.js';
import { fail, ok } from '../core/envelope.js';
import { seedLine } from '../core/evidence.js';
import { checkBody } from '../core/request-body.js';
import { authed } from './auth.js';
import { typed, v2Rules } from './body-rules.js';
import type { UploadStore } from './upload-store.js';
import type { SmtxWorld } from './world.js';

const nicSchema = z
  .object({
    vlan_uuid: z.string(),
    ovs: z.string().optional(),
    model: z.string().optional(),
    mirror: z.boolean().optional(),
    link: z.enum(['up', 'down']).optional(),
    mac_address: z.string().optional(),
    gateway: z.string().optional(),
    subnet_mask: z.string().optional(),
    ip_address: z.string().optional(),
  })
  .loose();
const diskSchema = z
  .object({
    type: z.enum(['disk', 'cdrom']),
    bus: z.string(),
    storage_policy_uuid: z.string().nullable().optional(),
    name: z.string().optional(),
    size_in_byte: z.number().int().positive().optional(),
    path: z.string().optional(),
    disabled: z.boolean().optional(),
    quota_policy: z.unknown().optional(),
  })
  .loose();
const createSchema = z
  .object({
    vm_name: z.string().min(1),
    description: z.string().optional(),
    vcpu: z.number().int().positive(),
    memory: z.number().int().positive(),
    cpu: z.object({
      topology: z.object({ sockets: z.number().int().positive(), cores: z.number().int().positive() }),
    }),
    nics: z.array(nicSchema),
    disks: z.array(diskSchema).min(1),
    ha: z.boolean().optional(),
    status: z.enum(['running', 'stopped']).optional(),
    firmware: z.string().optional(),
    cpu_model: z.string().optional(),
  })
  .loose();
// A VM update carries the NICs (guest network, seed 003 §04), the disks (the CD-ROM eject of stage 11:
// the whole disk list as in the create, a CD-ROM with an empty path is ejected), or both.
const updateSchema = z
  .object({ nics: z.array(nicSchema).min(1).optional(), disks: z.array(diskSchema).min(1).optional() })
  .loose()
  .refine((b) => b.nics !== undefined || b.disks !== undefined, { message: 'nics or disks is required' });
// No seed shows the stop body: nothing in it is refused (a `force` that is not a boolean is served, marked).
const stopSchema = z.object({ force: z.unknown().optional() });

export function vmRoutes(world: SmtxWorld, store: UploadStore): SimRoute[] {
  const vms = world.state.vms;
  const find = (uuid: string) => vms.find((v) => v.uuid === uuid);
  const vlanOf = (uuid: string) => world.state.vlans.find((v) => v.uuid === uuid);
  const mac = () => `52:54:00:${world.hex(2)}:${world.hex(2)}:${world.hex(2)}`;

  return [
    {
      method: 'POST',
      pattern: '/api/v2/vms',
      name: 'fisheye.vms.create',
      request: v2Rules(typed(seedLine('003', 1257, 'vm_name'))),
      handler: authed(world, async (req) => {
        const parsed = checkBody(req, createSchema, await req.json());
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        const b = parsed.value;
        for (const [i, n] of b.nics.entries())
          if (!vlanOf(n.vlan_uuid))
            return fail(400, 'EINVALID_ARGUMENT', `nics.${i}.vlan_uuid: network not found`);
        const policies = (world.state.cluster.storagePolicies as { uuid: string }[] | undefined) ?? [];
        for (const [i, d] of b.disks.entries()) {
          if (
            d.type === 'disk' &&
            d.storage_policy_uuid &&
            !policies.some((p) => p.uuid === d.storage_policy_uuid)
          ) {
            return fail(400, 'EINVALID_ARGUMENT', `disks.${i}.storage_policy_uuid: storage policy not found`);
          }
        }
        const uuid = world.uuid();
        const now = Math.floor(world.clock.now() / 1000);
        const vm: Record<string, unknown> = {
          ...vmSkeleton(),
          uuid,
          vm_name: b.vm_name,
          description: b.description ?? '',
          vcpu: b.vcpu,
          memory: b.memory,
          cpu: b.cpu,
          ha: b.ha ?? true,
          firmware: b.firmware ?? 'BIOS',
          cpu_model: b.cpu_model ?? 'cluster_default',
          create_time: now,
          update_time: now,
          status: 'stopped',
          node_ip: world.hosts[0]?.storageIp ?? world.hosts[0]?.planAddress,
          disks: b.disks.map((d, i) =>
            d.type === 'disk'
              ? {
                  boot: i + 1,
                  bus: d.bus,
                  encryption_algorithm: 'PLAINTEXT',
                  name: d.name ?? `disk-${i}`,
                  path: `iscsi://iqn.2016-02.com.smartx:system:zbs-iscsi-datastore-${world.uuid()}/${i + 200}`,
                  quota_policy: null,
                  resident_in_cache: false,
                  resident_in_cache_percentage: 0,
                  serial: world.uuid(),
                  size: d.size_in_byte ?? 0,
                  storage_policy_uuid: d.storage_policy_uuid ?? null,
                  type: 'disk',
                  volume_is_sharing: false,
                  volume_uuid: world.uuid(),
                }
              : {
                  boot: i + 1,
                  bus: d.bus,
                  disabled: d.disabled ?? false,
                  key: 100 + i,
                  path: d.path ?? '',
                  quota_policy: null,
                  storage_policy_uuid: null,
                  type: 'cdrom',
                },
          ),
          nics: b.nics.map((n) => nicView(world, n, mac())),
          guest_info: null,
          guest_os_type: 'unknown',
        };
        const job = world.jobs.create({
          description: 'VM_CREATE',
          resources: { [uuid]: { uuid, vm_name: b.vm_name, vcpu: b.vcpu, cpu: b.cpu, memory: b.memory } },
          complete: () => {
            vms.push(vm);
            const iso = (vm.disks as { type: string; path: string }[]).find(
              (d) => d.type === 'cdrom' && d.path,
            );
            const bootable =
              iso &&
              [...store.uploads.values()].some((u) => u.record.complete && u.record.image_path === iso.path);
            if (b.status !== 'stopped') {
              vm.status = 'running';
              vm.last_start_time = Math.floor(world.clock.now() / 1000);
              // Only an ISO that really arrived installs an OS (and with it the guest agent).
              // The only VM a bring-up boots from an ISO on the cluster is CloudTower's: its machine
              // runs from then on (its SSH answers once the guest network is set).
              if (bootable)
                world.clock.after(world.opts.guestInstallSeconds, () => {
                  vm.guest_info = guestInfo(world, vm);
                  world.core.bootRole('cloudtower');
                });
            }
          },
        });
        return ok({ job_id: job.job_id });
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v2/vms',
      name: 'fisheye.vms.list',
      handler: authed(world, async () => ok({ entities: vms.map(withUptime(world)), total: vms.length })),
    },
    {
      method: 'GET',
      pattern: '/api/v2/vms/:uuid',
      name: 'fisheye.vms.get',
      handler: authed(world, async (req) => {
        const vm = find(req.params.uuid);
        return vm ? ok(withUptime(world)(vm)) : fail(404, 'ENOT_FOUND', `vm ${req.params.uuid} not found`);
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/v2/vms/:uuid',
      name: 'fisheye.vms.update',
      request: v2Rules(typed(seedLine('003', 1550, 'vm_name'))),
      handler: authed(world, async (req) => {
        const vm = find(req.params.uuid);
        if (!vm) return fail(404, 'ENOT_FOUND', `vm ${req.params.uuid} not found`);
        const parsed = checkBody(req, updateSchema, await req.json());
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        const nics = parsed.value.nics;
        for (const [i, n] of (nics ?? []).entries())
          if (!vlanOf(n.vlan_uuid))
            return fail(400, 'EINVALID_ARGUMENT', `nics.${i}.vlan_uuid: network not found`);
        const disks = parsed.value.disks ? diskUpdate(vm, parsed.value.disks, store) : undefined;
        if (typeof disks === 'string') return fail(400, 'EINVALID_ARGUMENT', disks);
        const job = world.jobs.create({
          description: 'VM_UPDATE',
          resources: { [vm.uuid as string]: { uuid: vm.uuid, vm_name: vm.vm_name } },
          complete: async () => {
            if (disks) vm.disks = disks;
            vm.update_time = Math.floor(world.clock.now() / 1000);
            if (!nics) return;
            const wantsIp = nics.some((n) => n.ip_address);
            const ga = (vm.guest_info as { ga_state?: string } | null)?.ga_state;
            if (wantsIp && ga !== 'Running')
              return 'guest agent is not running: cannot configure the guest network';
            const old = vm.nics as { mac_address: string }[];
            vm.nics = nics.map((n, i) => ({
              ...nicView(world, n, n.mac_address ?? old[i]?.mac_address ?? mac()),
              gateway: n.gateway ?? '',
            }));
            for (const n of nics) {
              if (!n.ip_address) continue;
              setGuestIp(vm, n);
              // The CloudTower VM is reachable once its network is configured: SSH now, HTTPS after install.
              if (world.core.machines.byPlan(n.ip_address, 'cloudtower'))
                await world.core.openPorts(n.ip_address, 'cloudtower', [22]);
            }
          },
        });
        return ok({ job_id: job.job_id });
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v2/vms/:uuid/stop',
      name: 'fisheye.vms.stop',
      request: v2Rules(),
      handler: authed(world, async (req) => {
        const vm = find(req.params.uuid);
        if (!vm) return fail(404, 'ENOT_FOUND', `vm ${req.params.uuid} not found`);
        const parsed = checkBody(req, stopSchema, (await req.json().catch(() => ({}))) ?? {});
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        if (parsed.value.force !== undefined && typeof parsed.value.force !== 'boolean')
          req.lenient('force:not-boolean');
        if (vm.status !== 'running')
          return fail(400, 'EVM_NOT_RUNNING', `vm ${vm.uuid as string} is not running`);
        const job = world.jobs.create({
          description: 'VM_STOP',
          resources: { [vm.uuid as string]: { uuid: vm.uuid, vm_name: vm.vm_name } },
          complete: () => {
            vm.status = 'stopped';
            vm.last_shutdown_time = Math.floor(world.clock.now() / 1000);
          },
        });
        return ok({ job_id: job.job_id });
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/v2/vms/:uuid',
      name: 'fisheye.vms.delete',
      handler: authed(world, async (req) => {
        const vm = find(req.params.uuid);
        if (!vm) return fail(404, 'ENOT_FOUND', `vm ${req.params.uuid} not found`);
        // A running VM is refused (a guess, docs/simulator.md): the caller powers it off first.
        if (vm.status === 'running')
          return fail(400, 'EVM_RUNNING', `vm ${vm.uuid as string} is running: stop it before deleting it`);
        // One delete at a time: while its job runs the VM shows `resource_state: deleting`.
        if (vm.resource_state === 'deleting')
          return fail(409, 'EVM_BUSY', `vm ${vm.uuid as string} is being deleted by another job`);
        vm.resource_state = 'deleting';
        const job = world.jobs.create({
          description: 'VM_DELETE',
          resources: { [vm.uuid as string]: { uuid: vm.uuid, vm_name: vm.vm_name } },
          complete: () => {
            const i = vms.indexOf(vm);
            if (i >= 0) vms.splice(i, 1);
          },
        });
        return ok({ job_id: job.job_id });
      }),
    },
  ];
}

type DiskView = Record<string, unknown> & { type: string; path?: string };

/**
 * The disks of an update, checked as the appliance would: every volume the VM has stays (a volume is
 * removed by its own call, never by leaving it out here), and a CD-ROM holds nothing (`path: ""`) or
 * an image that is complete. Answers the new disk views, or why the update is refused.
 */
function diskUpdate(
  vm: Record<string, unknown>,
  wanted: z.infer<typeof diskSchema>[],
  store: UploadStore,
): DiskView[] | string {
  const current = vm.disks as DiskView[];
  const volumes = current.filter((d) => d.type === 'disk');
  for (const v of volumes) {
    if (!wanted.some((w) => w.type === 'disk' && w.path === v.path))
      return `disks: volume ${String(v.path)} must stay on the VM (remove a volume with its own call)`;
  }
  const next: DiskView[] = [];
  for (const [i, w] of wanted.entries()) {
    if (w.type === 'disk') {
      const v = volumes.find((d) => d.path === w.path);
      if (!v) return `disks.${i}.path: a new volume cannot be added by an update`;
      next.push({ ...v, boot: i + 1 });
      continue;
    }
    const path = w.path ?? '';
    if (path && ![...store.uploads.values()].some((u) => u.record.complete && u.record.image_path === path))
      return `disks.${i}.path: no complete image at ${path}`;
    const old = current.find((d) => d.type === 'cdrom' && d.key === 100 + i);
    next.push({
      boot: i + 1,
      bus: w.bus,
      disabled: w.disabled ?? false,
      key: old?.key ?? 100 + i,
      path,
      quota_policy: null,
      storage_policy_uuid: null,
      type: 'cdrom',
    });
  }
  return next;
}

function nicView(world: SmtxWorld, n: z.infer<typeof nicSchema>, macAddress: string) {
  const vlan = world.state.vlans.find((v) => v.uuid === n.vlan_uuid);
  const { network_type: _t, ...vlanView } = vlan ?? {};
  return {
    gateway: '',
    interface_id: world.uuid(),
    link: n.link ?? 'up',
    mac_address: macAddress,
    mirror: n.mirror ?? false,
    model: n.model ?? 'virtio',
    ovs: n.ovs ?? '',
    ovs_health_status: 'healthy',
    pci_address: '0000:00:04.0',
    queues: 8,
    type: 'VLAN',
    vlan_uuid: n.vlan_uuid,
    vlans: vlan ? [{ enable_dhcp: null, mode_type: 'vlan_access', mtu: null, ...vlanView }] : [],
  };
}

function setGuestIp(vm: Record<string, unknown>, n: z.infer<typeof nicSchema>) {
  const gi = vm.guest_info as { nics: Record<string, unknown>[] } | null;
  if (!gi) return;
  const nic = gi.nics.find((x) => x.name === 'ens4');
  if (nic) {
    nic.ip_addresses = [
      { ip_address: n.ip_address, ip_address_type: 'ipv4', netmask: n.subnet_mask ?? '', prefix: '' },
    ];
    nic.gateway_ip = n.gateway ?? '';
    nic.ip_type = 'static';
  }
}

function withUptime(world: SmtxWorld) {
  return (vm: Record<string, unknown>) => ({
    ...vm,
    uptime:
      vm.status === 'running' && typeof vm.last_start_time === 'number'
        ? Math.floor(world.clock.now() / 1000) - vm.last_start_time
        : 0,
  });
}

function guestInfo(world: SmtxWorld, vm: Record<string, unknown>) {
  const mac = (vm.nics as { mac_address: string }[])[0]?.mac_address ?? '00:00:00:00:00:00';
  return {
    dns_servers: [],
    expired: false,
    ga_state: 'Running',
    ga_version: 4000000,
    gateway_ips: ['::'],
    hostname: 'localhost.localdomain',
    kernel_info: '4.19.90-2307.3.0.oe1.smartx.37.x86_64',
    mounted: false,
    nics: [
      {
        gateway_ip: '',
        gateway_ip_v6: '::',
        hardware_address: '00:00:00:00:00:00',
        ip_addresses: [
          { ip_address: '127.0.0.1', ip_address_type: 'ipv4', netmask: '255.0.0.0', prefix: '8' },
          { ip_address: '::1', ip_address_type: 'ipv6', netmask: '', prefix: '128' },
        ],
        ip_type: 'unknown',
        ip_type_v6: 'unknown',
        name: 'lo',
      },
      {
        gateway_ip: '',
        gateway_ip_v6: '',
        hardware_address: mac,
        ip_addresses: [],
        ip_type: 'dhcp',
        ip_type_v6: 'dhcp',
        name: 'ens4',
      },
    ],
    os_version: 'openEuler 20.03 (LTS-SP3)',
    storage: { disks: [], mount_points: [], size: 429496729600, storage_pools: [], used: null },
    update_time: Math.floor(world.clock.now() / 1000),
    vip: null,
  };
}

/** Fields of GET /api/v2/vms/{uuid} that do not depend on the request. */
function vmSkeleton(): Record<string, unknown> {
  return {
    auto_schedule: true,
    bios_uuid: null,
    boot_with_host: false,
    clock_offset: 'utc',
    cloud_init_supported: false,
    cluster_cpu_model: 'host_passthrough',
    cpu_exclusive: { actual_enabled: false, expected_enabled: false },
    cpu_qos: { limit_hz: -1, reservation_hz: 0, shares: 1000 },
    guest_cpu_model: 'host_passthrough',
    ha_priority: 500,
    hostdevs: [],
    internal: false,
    last_shutdown_time: null,
    last_start_time: null,
    nested_virtualization: false,
    placement_groups: [],
    quota_policy: null,
    resource_state: 'in-use',
    svt_iso: '',
    sync_vm_time_on_resume: false,
    type: 'KVM_VM',
    uptime: 0,
    video_type: 'cirrus',
    vm_version: 'elf-1.2',
    vm_version_mode: 'vm-version-auto',
    win_opt: null,
  };
}
