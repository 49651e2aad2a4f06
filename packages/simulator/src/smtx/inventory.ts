// Hardware of each simulated host, shaped like reference/host-scan-response.json: its own uuid,
// NICs with MACs and IPv6 link-local addresses, disks for the storage architecture and a boot disk.
import type { Random } from '../core/rng.js';
import { randomHex } from '../core/rng.js';
import type { SimHostSpec, StorageArchitecture } from '../core/topology.js';

interface ScanDisk {
  drive: string;
  function: 'boot' | 'cache' | 'data';
  model: string;
  serial: string;
  size: number;
  type: 'SSD' | 'HDD';
}

interface ScanIface {
  hwaddr: string;
  ibdev: null;
  ipv4: string | null;
  ipv6: string | null;
  mtu: number;
  name: string;
  pci_slot_name: string | null;
  physical_link_up: boolean;
  rdma: boolean;
  running: boolean;
  speed: number | null;
  up: boolean;
}

export interface HostInventory {
  planAddress: string;
  hostname: string;
  storageIp?: string;
  uuid: string;
  disks: ScanDisk[];
  ifaces: ScanIface[];
  sn: string;
}

const defaultNics = ['ens161', 'ens162', 'ens192', 'ens194', 'ens224', 'ens225', 'ens256', 'ens257'];

/** EUI-64 link-local address from a MAC, as the kernel derives it. */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  b[0] ^= 0x02;
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

/**
 * `nicNames` (SmtxOptions.hostNicNames) replaces the default ens* set of this host: hosts of one
 * cluster can name their NICs differently (other NIC models or slots), all of them wired.
 */
export function buildInventory(
  spec: SimHostSpec,
  index: number,
  arch: StorageArchitecture,
  random: Random,
  nicNames?: readonly string[],
): HostInventory {
  // Time-based uuids like the real ones (1f97a2d8-9ac8-11f0-...).
  const uuid = `${randomHex(random, 8)}-${randomHex(random, 4)}-11f0-${randomHex(random, 4)}-${randomHex(random, 12)}`;
  const names = nicNames?.length
    ? [...nicNames]
    : spec.nics?.length
      ? [...new Set([...spec.nics, ...defaultNics])].sort()
      : defaultNics;
  const wired = new Set(
    nicNames?.length ? nicNames : spec.nics?.length ? spec.nics : ['ens161', 'ens192', 'ens224', 'ens256'],
  );
  const ifaces: ScanIface[] = names.map((name, i) => {
    const mac = `00:50:56:${randomHex(random, 2)}:${randomHex(random, 2)}:${randomHex(random, 2)}`;
    const up = wired.has(name);
    return {
      hwaddr: mac,
      ibdev: null,
      ipv4: null,
      ipv6: up ? linkLocal(mac) : null,
      mtu: 1500,
      name,
      pci_slot_name: `0000:${(4 + i * 2).toString(16).padStart(2, '0')}:00`,
      physical_link_up: up,
      rdma: false,
      running: up,
      speed: up ? (name === 'ens161' || name === 'ens256' ? 25_000_000_000 : 10_000_000_000) : null,
      up: true,
    };
  });
  const serial = (n: number) =>
    `${String(index + 1).padStart(2, '0')}${String(n).padStart(2, '0')}0000000000000001`;
  const disks: ScanDisk[] = [
    {
      drive: 'sda',
      function: 'boot',
      model: 'Virtual_disk',
      serial: `6000c29${randomHex(random, 25)}`,
      size: 515396075520,
      type: 'SSD',
    },
  ];
  if (arch === 'hybrid') {
    for (let i = 0; i < 2; i++) {
      disks.push({
        drive: `nvme0n${i + 1}`,
        function: 'cache',
        model: 'VMware Virtual NVMe Disk',
        serial: `VMware NVME_000${i}`,
        size: 1759218604032,
        type: 'SSD',
      });
    }
    for (let i = 0; i < 4; i++) {
      disks.push({
        drive: `sd${'bcde'[i]}`,
        function: 'data',
        model: 'VMware_Virtual_SATA_Hard_Drive',
        serial: serial(i + 1),
        size: 2199023255552,
        type: 'HDD',
      });
    }
  } else {
    for (let i = 0; i < 4; i++) {
      disks.push({
        drive: `sd${'bcde'[i]}`,
        function: 'data',
        model: 'Virtual_disk',
        serial: serial(i + 1),
        size: 1919850381312,
        type: 'SSD',
      });
    }
  }
  return {
    planAddress: spec.managementIp,
    hostname: spec.hostname,
    storageIp: spec.storageIp,
    uuid,
    disks,
    ifaces,
    sn: `VMware-42 35 ${randomHex(random, 2)} ${randomHex(random, 2)} 8f e8 73 bc-e8 23 31 16 f3 8a dc ${randomHex(random, 2)}`,
  };
}

/** The `data` of GET /api/v2/deployment/host for one host. */
export function scanData(
  inv: HostInventory,
  arch: StorageArchitecture,
  deployed: boolean,
  hostIp: string,
): Record<string, unknown> {
  const cpus = Array.from({ length: 24 }, (_, i) => [i]);
  return {
    arch: 'x86_64',
    cgroup_profile_env: {
      cpu_arch: 'x86_64',
      cpu_vendor: 'AuthenticAMD',
      deployment_env: null,
      enable_lsm_io_threads_state: null,
      is_hygon_hct: false,
      is_metro: false,
      is_nvme_over_rdma: false,
      is_nvme_over_tcp: false,
      is_rdma: false,
      is_vhost: true,
      is_vmware_by_dmidecode: true,
      memory_total: 134654275584,
      node_role: 'master',
      numa_info: { numa_nodes: [{ cpus, free_mem_mb: 127369, id: 0, mem_size_mb: 128416 }] },
      partition_total: 0,
      platform: 'kvm',
      specified_mem_limits: {},
      vm_min_free_bytes: 46963712,
      zbs_spec: 'normal',
    },
    cpu: {
      arch: 'x86_64',
      brand: 'AMD EPYC 7K62 48-Core Processor',
      cores_per_socket: 24,
      flags:
        'fpu, vme, de, pse, tsc, msr, pae, mce, cx8, apic, sep, mtrr, pge, mca, cmov, pat, sse, sse2, ht, syscall, nx, lm, avx, avx2, svm, aes',
      hz_advertised: '2.4790 GHz',
      hz_advertised_raw: [2479000000, 0],
      logical_cores: 24,
      num_cores: 24,
      physical_cores: 24,
      sockets: 1,
      threads_per_core: 1,
      vendor: 'AuthenticAMD',
    },
    disks: inv.disks,
    distribution: 'openeuler',
    host_ip: hostIp,
    host_uuid: inv.uuid,
    hostname: inv.hostname,
    ifaces: [
      ...inv.ifaces,
      {
        hwaddr: inv.ifaces[0].hwaddr,
        ibdev: null,
        ipv4: inv.planAddress,
        ipv6: linkLocal(inv.ifaces[0].hwaddr.replace(/^00/, '96')),
        mtu: 1500,
        name: 'port-mgt',
        pci_slot_name: null,
        physical_link_up: true,
        rdma: false,
        running: true,
        speed: null,
        up: true,
      },
    ],
    ipmi_ip: null,
    is_all_flash: arch === 'all-flash',
    is_os_in_raid1: false,
    is_os_in_single_disk: true,
    patch_version: 'P4',
    product: 'SMTXOS',
    sn: inv.sn,
    status: deployed ? 'in-use' : 'disabled',
    version: '6.2.0',
    zbs_spec: 'normal',
    zbs_spec_valid: true,
  };
}
