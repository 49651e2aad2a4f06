// The compact view of one host scan (GET /api/v2/deployment/host) that travels through workflow
// history: identity, the IPv6 link-local address the deploy payload needs, NICs and disks. The full
// scan (NUMA, CPU flags, virtual ports...) is ~10 KB per host and is deliberately not kept.
//
// Pure and free of Node imports (usable in tests and, if ever needed, in workflow code).
import type { HostScan } from '../../smartx/index.js';

/** Disk class used by the disk-role rules; `NVMe` is an SSD whose device is `nvme*`. */
type DiskKind = 'NVMe' | 'SSD' | 'HDD' | 'unknown';

export interface DiskSummary {
  drive: string;
  type: DiskKind;
  /** The scan's own `type` (`SSD` for NVMe devices too); sent back unchanged in the deploy payload. */
  scanType: string;
  size: number;
  serial: string;
  model: string;
  /** The scan marks the system disk with `function: "boot"`; it never goes into the payload. */
  isBoot: boolean;
}

interface NicSummary {
  name: string;
  /** Physical link up (`physical_link_up`, else `running`). */
  up?: boolean;
  /** Bits per second, when the link is up. */
  speed?: number;
}

export interface HostScanSummary {
  hostUuid: string;
  /** Host name the installer reports (the payload uses the plan's name). */
  hostname: string;
  /** `fe80::…%<nic>`: the deploy payload's `host_ip`; missing when no physical NIC has one. */
  linkLocal?: string;
  /** Physical NICs only (OVS bridges and `port-*` service ports are left out). */
  nics: NicSummary[];
  disks: DiskSummary[];
  cpu?: { model: string; cores?: number };
  memoryBytes?: number;
}

interface SummarizeOptions {
  /**
   * NICs to take the link-local address from, in order of preference (the plan's management NICs).
   * Without them (or when none has an address) the first physical NIC with link and an address wins.
   */
  preferNics?: readonly string[];
}

const VIRTUAL_NIC = /^(ovsbr-|port-|vnet|lo$|docker|virbr)/;

function isPhysical(iface: HostScan['ifaces'][number]): boolean {
  if (VIRTUAL_NIC.test(iface.name)) return false;
  const slot = (iface as { pci_slot_name?: unknown }).pci_slot_name;
  // Real scans carry the PCI slot of physical NICs; an older scan without the field is trusted by name.
  return slot === undefined || (typeof slot === 'string' && slot.length > 0);
}

function isLinkLocal(ipv6: string | null | undefined): ipv6 is string {
  return typeof ipv6 === 'string' && /^fe80:/i.test(ipv6);
}

function diskKind(drive: string, type: string): DiskKind {
  const t = type.toUpperCase();
  if (t === 'HDD') return 'HDD';
  if (t === 'NVME') return 'NVMe';
  if (t === 'SSD') return drive.startsWith('nvme') ? 'NVMe' : 'SSD';
  return 'unknown';
}

/**
 * The link-local address with zone for the payload's `host_ip`. The zone names a NIC of the
 * management network: all hosts' management NICs share that layer-2 segment, so the deploying host
 * reaches the others through its NIC of the same name.
 */
function pickLinkLocal(scan: HostScan, prefer: readonly string[]): string | undefined {
  const physical = scan.ifaces.filter((f) => isPhysical(f) && isLinkLocal(f.ipv6));
  const linked = (f: (typeof physical)[number]) => f.physical_link_up ?? f.running ?? true;
  for (const name of prefer) {
    const f = physical.find((p) => p.name === name && linked(p));
    if (f) return `${f.ipv6}%${f.name}`;
  }
  const any = physical.find(linked) ?? physical[0];
  return any ? `${any.ipv6}%${any.name}` : undefined;
}

export function summarizeHostScan(scan: HostScan, options: SummarizeOptions = {}): HostScanSummary {
  const nics: NicSummary[] = scan.ifaces.filter(isPhysical).map((f) => {
    const up = f.physical_link_up ?? f.running ?? undefined;
    return {
      name: f.name,
      ...(up === undefined ? {} : { up }),
      ...(typeof f.speed === 'number' && f.speed > 0 ? { speed: f.speed } : {}),
    };
  });
  const disks: DiskSummary[] = scan.disks.map((d) => ({
    drive: d.drive,
    type: diskKind(d.drive, d.type),
    scanType: d.type,
    size: d.size,
    serial: d.serial,
    model: d.model,
    isBoot: d.function === 'boot',
  }));
  const cpu = scan.cpu as { brand?: unknown; logical_cores?: unknown } | undefined;
  const env = (scan as { cgroup_profile_env?: { memory_total?: unknown } }).cgroup_profile_env;
  const linkLocal = pickLinkLocal(scan, options.preferNics ?? []);
  return {
    hostUuid: scan.host_uuid,
    hostname: scan.hostname,
    ...(linkLocal ? { linkLocal } : {}),
    nics,
    disks,
    ...(typeof cpu?.brand === 'string'
      ? {
          cpu: {
            model: cpu.brand,
            ...(typeof cpu.logical_cores === 'number' ? { cores: cpu.logical_cores } : {}),
          },
        }
      : {}),
    ...(typeof env?.memory_total === 'number' ? { memoryBytes: env.memory_total } : {}),
  };
}
