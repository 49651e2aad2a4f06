// The installer UI's deploy bodies (test/fixtures/reference) turned back into the inputs our builder
// takes: plan values (names, VLANs, subnets, gateways, NICs, bond modes, features) and one host scan
// per host (uuid, the link-local address the UI used with its NIC, the disks plus a boot disk the UI
// leaves out). Also a node-by-node JSON diff that names every differing path.
import type {
  DeployPayloadInput,
  DeployNetworkInput,
} from '../../../src/activities/deploy-cluster/deploy-payload.js';
import { summarizeHostScan } from '../../../src/activities/support/host-scan-summary.js';
import type { StorageArchitecture } from '../../../src/plan/types.js';
import type { DeployClusterPayload } from '../../../src/smartx/index.js';
import { realScan } from './helpers.js';

/** JSON with `//` comments and trailing commas (the annotated capture) to plain JSON. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function prefixOf(netmask: string): number {
  return netmask
    .split('.')
    .map((o) => Number(o).toString(2).split('1').length - 1)
    .reduce((a, b) => a + b, 0);
}

function cidrOf(ip: string, netmask: string): string {
  const a = ip.split('.').map(Number);
  const m = netmask.split('.').map(Number);
  return `${a.map((o, i) => o & m[i]).join('.')}/${prefixOf(netmask)}`;
}

function networkInput(p: DeployClusterPayload, type: 'mgt' | 'storage'): DeployNetworkInput {
  const net = p.networks.find((n) => n.network_type === type)!;
  const vds = p.vdses.find((v) => v.name === net.attached_vds)!;
  const first = net.network_config.service[0];
  return {
    vdsName: vds.name,
    vlanId: net.mode.network_identities[0],
    subnet: cidrOf(first.service_interface_ip, first.netmask),
    ...(net.network_config.route?.[0] ? { gateway: net.network_config.route[0].gateway } : {}),
    nics: vds.hosts_associated[0].nics_associated,
    // A workbook row always has a bond mode (dropdown); the UI drops it for one NIC per host.
    bondMode: vds.bond_mode ?? 'active-backup',
  };
}

/**
 * The builder's input as the capture implies it. Each host's scan carries the capture's link-local
 * address on the NIC the capture names and, as the real scan (`host-scan-response.json`) shows,
 * link-local addresses on its other physical NICs too, so the builder must pick the right one; its
 * VDS NICs linked, and its disks plus a boot disk.
 */
export function inputsFromCapture(p: DeployClusterPayload, arch: StorageArchitecture): DeployPayloadInput {
  const management = networkInput(p, 'mgt');
  const storage = networkInput(p, 'storage');
  const hosts = p.hosts.map((h, hostIndex) => {
    const own = (vdsName: string) =>
      p.vdses.find((v) => v.name === vdsName)!.hosts_associated.find((a) => a.host_uuid === h.host_uuid)!
        .nics_associated;
    const mgtNics = own(management.vdsName);
    const storageNics = own(storage.vdsName);
    const [ipv6, zone] = h.host_ip.split('%');
    const scan = realScan();
    scan.host_uuid = h.host_uuid;
    scan.hostname = h.hostname;
    const template = scan.ifaces.find((f) => f.pci_slot_name)!;
    const names = [...new Set([...mgtNics, ...storageNics, zone])];
    scan.ifaces = names.map((name, i) => ({
      ...template,
      name,
      pci_slot_name: `0000:${(4 + i).toString(16).padStart(2, '0')}:00`,
      // Every physical NIC has its own link-local address, as in the real scan (EUI-64 style).
      ipv6:
        name === zone
          ? ipv6
          : `fe80::250:56ff:fe${(0x10 + hostIndex).toString(16)}:${(0x100 + i).toString(16)}`,
      physical_link_up: true,
      running: true,
    }));
    const used = new Set(h.disks.map((d) => d.drive));
    const boot = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `sd${c}`).find((d) => !used.has(d))!;
    scan.disks = [
      {
        drive: boot,
        function: 'boot',
        model: 'Virtual_disk',
        serial: 'boot',
        size: 515396075520,
        type: 'SSD',
      },
      ...h.disks.map((d) => ({ ...d, function: 'data' })),
    ];
    const mgtIp = h.ifaces.find((f) => f.function === 'mgt')!.ip;
    const storageIp = h.ifaces.find((f) => f.function === 'storage')!.ip;
    const sameNics = (a: readonly string[], b: readonly string[]) => a.join() === b.join();
    const nics = {
      ...(sameNics(mgtNics, management.nics) ? {} : { management: mgtNics }),
      ...(sameNics(storageNics, storage.nics) ? {} : { storage: storageNics }),
    };
    return {
      hostname: h.hostname,
      managementIp: mgtIp,
      storageIp,
      scan: summarizeHostScan(scan, { preferNics: mgtNics }),
      ...(Object.keys(nics).length ? { nics } : {}),
    };
  });
  return {
    clusterName: p.cluster_name,
    dnsServers: ['10.0.0.53'],
    networks: { management, storage },
    storageArchitecture: arch,
    features: { boost: p.vhost_enabled, rdma: p.rdma_enabled },
    hosts,
    currentTime: p.ntp.current_time,
  };
}

/** Every path where `actual` and `expected` differ, with both values (node by node). */
export function treeDiff(actual: unknown, expected: unknown, at = '$'): { path: string; detail: string }[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));
  if (kind(actual) !== kind(expected)) {
    return [{ path: at, detail: `ours ${show(actual)}, capture ${show(expected)}` }];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const out: { path: string; detail: string }[] = [];
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      out.push(...treeDiff(actual[i], expected[i], `${at}[${i}]`));
    }
    return out;
  }
  if (kind(actual) === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
    return keys.flatMap((k) => treeDiff(a[k], e[k], `${at}.${k}`));
  }
  return actual === expected ? [] : [{ path: at, detail: `ours ${show(actual)}, capture ${show(expected)}` }];
}
