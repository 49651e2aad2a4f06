// The body of POST /api/v2/deployment/cluster (seed 003 §02), built from the plan and the host scans.
// Field by field as reference/deploy-cluster-payload-annotated.jsonc says where each value comes from;
// disk roles, masters, passwords and features as FACTS.md (SMTX OS section) states them.
//
// Pure (no I/O, no Node imports): the same input gives the same payload, so tests pin it exactly.
import { netmaskOfCidr } from '../../plan/ipv4.js';
import type { StorageArchitecture } from '../../plan/types.js';
import type { DeployClusterPayload } from '../../smartx/index.js';
// The module itself, not the smartx barrel: this one stays pure.
import { SMTX_DEFAULT_PASSWORD_CIPHER } from '../../smartx/default-passwords.js';
import { diskLayout } from '../support/disk-layout.js';
import type { HostScanSummary } from '../support/host-scan-summary.js';

/**
 * `dns_server` of the deploy: the installer UI always sends the loopback placeholder (every reference
 * capture); the plan's DNS servers are set after the deploy (configure-cluster, seed 003 §03).
 */
const DEPLOY_DNS_PLACEHOLDER: readonly string[] = ['127.0.0.1'];
/** Fixed names of the two system networks (annotated reference: "固定值"). */
const MGT_NETWORK_NAME = 'mgt-network';
const STORAGE_NETWORK_NAME = 'storage-network';

/** The part of a workbook network row the payload uses (a `NetworkPlan` fits). */
export interface DeployNetworkInput {
  vdsName: string;
  networkName?: string;
  vlanId: number;
  /** CIDR, e.g. `10.0.20.0/24`: the netmask comes from its prefix. */
  subnet: string;
  gateway?: string;
  nics: readonly string[];
  bondMode: string;
}

export interface DeployHostInput {
  hostname: string;
  managementIp: string;
  storageIp: string;
  scan: HostScanSummary;
  /**
   * This host's own NIC names when they differ from the network rows' (other NIC models or slots);
   * each list replaces the network's `nics` for this host only.
   */
  nics?: { management?: readonly string[]; storage?: readonly string[] };
}

export interface DeployPayloadInput {
  clusterName: string;
  /** The plan's DNS servers: not sent at deploy time (DEPLOY_DNS_PLACEHOLDER), set afterwards. */
  dnsServers?: readonly string[];
  networks: { management: DeployNetworkInput; storage: DeployNetworkInput };
  storageArchitecture: StorageArchitecture;
  features: { boost: boolean; rdma: boolean };
  /** In plan order: the first 3 (or 5) become masters. */
  hosts: readonly DeployHostInput[];
  /** `ntp.current_time`; deployCluster sets it again to the moment of the POST. */
  currentTime?: string;
}

/** The payload cannot be built from this input; `problems` name host, field and what to fix. */
export class DeployPayloadError extends Error {
  override readonly name = 'DeployPayloadError';
  constructor(readonly problems: string[]) {
    super(`cannot build the deploy payload: ${problems.join('; ')}`);
  }
}

/** ZooKeeper quorum: 3 masters below 5 hosts, 5 from 5 hosts on (FACTS.md); all hosts when fewer than 3. */
export function masterCount(hosts: number): number {
  return hosts < 5 ? Math.min(3, hosts) : 5;
}

export function buildDeployPayload(input: DeployPayloadInput): DeployClusterPayload {
  const problems: string[] = [];
  const { management, storage } = input.networks;
  if (input.hosts.length === 0) problems.push('the plan has no hosts');
  if (management.vdsName === storage.vdsName) {
    problems.push(
      `management and storage networks share VDS ${management.vdsName}: only 存储独立/三网独立 are supported (use two VDSes)`,
    );
  }
  const mgtMask = netmaskOfCidr(management.subnet);
  const storageMask = netmaskOfCidr(storage.subnet);
  if (!mgtMask) problems.push(`management subnet ${management.subnet} is not a CIDR (虚拟网络!H4)`);
  if (!storageMask) problems.push(`storage subnet ${storage.subnet} is not a CIDR (虚拟网络!H6)`);
  if (!management.gateway) problems.push('management network has no gateway (虚拟网络!I4)');
  for (const [label, net] of [
    ['management', management],
    ['storage', storage],
  ] as const) {
    if (net.nics.length === 0) problems.push(`${label} network has no host NICs`);
    if (!Number.isInteger(net.vlanId) || net.vlanId < 0 || net.vlanId > 4094) {
      problems.push(`${label} network VLAN ${net.vlanId} is not 0–4094`);
    }
  }

  const uuids = new Map<string, string>();
  const masters = masterCount(input.hosts.length);
  const hosts: DeployClusterPayload['hosts'] = [];
  input.hosts.forEach((h, index) => {
    const name = `host ${h.hostname} (${h.managementIp})`;
    const other = uuids.get(h.scan.hostUuid);
    if (other) problems.push(`${name} has the same host uuid ${h.scan.hostUuid} as ${other}`);
    uuids.set(h.scan.hostUuid, name);
    if (!h.scan.linkLocal) {
      problems.push(`${name}: the scan shows no IPv6 link-local address on a physical NIC (host_ip)`);
    }
    for (const which of ['management', 'storage'] as const) {
      const own = h.nics?.[which];
      if (own && own.length === 0) problems.push(`${name}: its own ${which} NIC list is empty`);
      const missing = (own ?? []).filter((n) => !h.scan.nics.some((x) => x.name === n));
      if (missing.length > 0) {
        problems.push(`${name}: ${which} NIC ${missing.join(', ')} is not among the scanned NICs`);
      }
    }
    const layout = diskLayout(name, h.scan, input.storageArchitecture);
    if ('problem' in layout) {
      problems.push(layout.problem);
      return;
    }
    const byDrive = new Map(h.scan.disks.map((d) => [d.drive, d]));
    hosts.push({
      host_ip: h.scan.linkLocal ?? '',
      host_uuid: h.scan.hostUuid,
      hostname: h.hostname,
      disk_data_with_cache: layout.diskDataWithCache,
      host_passwords: [
        { user: 'root', password: SMTX_DEFAULT_PASSWORD_CIPHER },
        { user: 'smartx', password: SMTX_DEFAULT_PASSWORD_CIPHER },
      ],
      tags: [],
      ifaces: [
        { ip: h.managementIp, function: 'mgt' },
        { ip: h.storageIp, function: 'storage' },
      ],
      disks: layout.disks.map(({ drive, function: role }) => {
        const d = byDrive.get(drive)!;
        return { drive, function: role, model: d.model, serial: d.serial, size: d.size, type: d.scanType };
      }),
      is_master: index < masters,
      with_faster_ssd_as_cache: layout.withFasterSsdAsCache,
    });
  });
  if (problems.length > 0) throw new DeployPayloadError(problems);

  const vds = (net: DeployNetworkInput, which: 'management' | 'storage') => {
    const hostsAssociated = input.hosts.map((h) => ({
      host_uuid: h.scan.hostUuid,
      nics_associated: [...(h.nics?.[which] ?? net.nics)],
    }));
    // One NIC per host means no bond: the installer UI then sends no bond_mode (reference variants).
    const bonded = hostsAssociated.some((a) => a.nics_associated.length > 1);
    return {
      name: net.vdsName,
      ...(bonded ? { bond_mode: net.bondMode } : {}),
      hosts_associated: hostsAssociated,
    };
  };
  const service = (net: 'mgt' | 'storage', netmask: string) =>
    input.hosts.map((h) => ({
      host_uuid: h.scan.hostUuid,
      service_interface_name: net === 'mgt' ? 'port-mgt' : 'port-storage',
      service_interface_ip: net === 'mgt' ? h.managementIp : h.storageIp,
      netmask,
    }));
  return {
    platform: 'kvm',
    cluster_name: input.clusterName,
    dns_server: [...DEPLOY_DNS_PLACEHOLDER],
    vdses: [vds(management, 'management'), vds(storage, 'storage')],
    networks: [
      {
        name: MGT_NETWORK_NAME,
        attached_vds: management.vdsName,
        network_type: 'mgt',
        network_config: {
          service: service('mgt', mgtMask!),
          route: [{ gateway: management.gateway! }],
        },
        // Host service ports are untagged on VLAN 0 and tagged otherwise: both are `vlan_access`.
        mode: { type: 'vlan_access', network_identities: [management.vlanId] },
      },
      {
        name: STORAGE_NETWORK_NAME,
        attached_vds: storage.vdsName,
        network_type: 'storage',
        // Storage traffic is not routed: the reference has no `route` here even when the row has a gateway.
        network_config: { service: service('storage', storageMask!) },
        mode: { type: 'vlan_access', network_identities: [storage.vlanId] },
      },
    ],
    hosts,
    // `internal` at deploy time (annotated reference); the plan's NTP servers are set afterwards.
    ntp: { mode: 'internal', ntp_server: null, current_time: input.currentTime ?? new Date().toISOString() },
    vhost_enabled: input.features.boost,
    rdma_enabled: input.features.rdma,
  };
}
