// Clusters managed by CloudTower: connect-cluster, the INITIALIZING -> CONNECTED machine, the
// get-clusters view (built from the SMTX side of the shared state), cluster settings and the
// alert-rule catalogue that appears per connected cluster.
import type { SimContext } from '../core/contract.js';
import { cuid, uuid } from './ids.js';
import type { CloudTowerSimOptions } from './options.js';
import { pickString } from './pick.js';
import { towerState, type ConnectedClusterRecord, type GlobalAlertRuleRecord } from './store.js';
import { createTask, findTask } from './tasks.js';
import { vdsViews } from './network.js';

export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface HostView {
  id: string;
  management_ip: string;
  name: string;
}

function stableId(ctx: SimContext, key: string): string {
  const ids = towerState(ctx).networkIds;
  ids[key] ??= cuid(ctx);
  return ids[key];
}

export function hostViews(ctx: SimContext): HostView[] {
  return ctx.state.hosts.map((h, i) => {
    const ip =
      pickString(h, ['managementIp', 'management_ip', 'mgmtIp', 'ip', 'planAddress', 'address']) ?? '';
    const name = pickString(h, ['hostname', 'name', 'host_name']) ?? `node-${i + 1}`;
    return { id: stableId(ctx, `host:${ip || name}`), management_ip: ip, name };
  });
}

/** The addresses that identify the SMTX cluster: its VIP and its hosts' management IPs. */
function clusterAddresses(ctx: SimContext): string[] {
  const out = hostViews(ctx).map((h) => h.management_ip);
  if (ctx.state.cluster.vip) out.unshift(ctx.state.cluster.vip);
  return out.filter(Boolean);
}

export function connectCluster(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  input: { datacenter_id: string; ip: string; username: string; password: string },
): ConnectedClusterRecord {
  const tower = towerState(ctx);
  const dc = tower.datacenters.find((d) => d.id === input.datacenter_id);
  if (!dc) throw new ConnectError('DatacenterNotFound', `datacenter ${input.datacenter_id} not found`);
  if (!ctx.state.cluster.deployed || !clusterAddresses(ctx).includes(input.ip)) {
    throw new ConnectError(
      'ClusterConnectFailed',
      `failed to connect to cluster ${input.ip}: no SMTX OS cluster answers there`,
    );
  }
  // Assumption: the real server refuses to manage the same cluster twice; the orchestrator looks
  // the cluster up (get-clusters by ip or name) before connecting.
  const localId = ctx.state.cluster.uuid ?? tower.connectedClusters[0]?.local_id ?? uuid(ctx);
  const existing = tower.connectedClusters.find((c) => c.ip === input.ip || c.local_id === localId);
  if (existing) throw new ConnectError('ClusterAlreadyConnected', `cluster ${input.ip} is already connected`);
  const name = ctx.state.cluster.name ?? `cluster-${input.ip}`;
  const id = cuid(ctx);
  const task = createTask(ctx, {
    description: `Connect cluster ${name}`,
    seconds: options.timings.connectClusterSeconds,
    faultPoint: 'job:cloudtower.connect-cluster',
    resource_type: 'Cluster',
    resource_id: id,
    steps: ['CONNECT_CLUSTER', 'SYNC_RESOURCES'],
  });
  const record: ConnectedClusterRecord = {
    id,
    local_id: localId,
    name,
    ip: input.ip,
    datacenter_id: dc.id,
    settings_id: cuid(ctx),
    connect_state: 'INITIALIZING',
    task_id: task.id,
    sim: task.sim,
  };
  tower.connectedClusters.push(record);
  tower.clusterSettings[record.settings_id] = {
    id: record.settings_id,
    cluster_id: id,
    default_ha: null,
    default_ha_priority: 'LEVEL_2_MEDIUM',
    enabled_iscsi: null,
    default_storage_policy: null,
    default_storage_policy_replica_num: null,
    default_storage_policy_ec_k: null,
    default_storage_policy_ec_m: null,
    default_storage_policy_thin_provision: null,
    default_storage_encryption: null,
    updates: 0,
  };
  return record;
}

/** Moves connected clusters along with their task; a failed connect leaves no cluster behind. */
export function advanceClusters(ctx: SimContext): void {
  const tower = towerState(ctx);
  for (const c of [...tower.connectedClusters]) {
    if (c.connect_state !== 'INITIALIZING') continue;
    const task = findTask(ctx, c.task_id);
    if (task?.status === 'SUCCESSED') {
      c.connect_state = 'CONNECTED';
      ensureAlertRules(ctx, c);
      ctx.log('cloudtower.cluster-connected', { cluster: c.name, ip: c.ip });
    } else if (task?.status === 'FAILED') {
      tower.connectedClusters.splice(tower.connectedClusters.indexOf(c), 1);
      delete tower.clusterSettings[c.settings_id];
    }
  }
}

export function connectedClusters(ctx: SimContext): ConnectedClusterRecord[] {
  return towerState(ctx).connectedClusters.filter((c) => c.connect_state === 'CONNECTED');
}

export function findCluster(ctx: SimContext, id: string): ConnectedClusterRecord | undefined {
  return towerState(ctx).connectedClusters.find((c) => c.id === id);
}

/** The short cluster object connect-cluster answers with (seed 003). */
export function clusterBrief(c: ConnectedClusterRecord): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    hypervisor: 'ELF',
    version: '6.2.0',
    architecture: 'X86_64',
    connect_state: c.connect_state,
    dns: [],
    ip: c.ip,
    ntp_servers: [],
    recommended_cpu_models: [],
    total_cpu_models: [],
    type: 'SMTX_OS',
    labels: [],
  };
}

/** The full get-clusters object (field set of seed 003; capacities are plausible constants). */
export function clusterView(ctx: SimContext, c: ConnectedClusterRecord): Record<string, unknown> {
  const tower = towerState(ctx);
  const connected = c.connect_state === 'CONNECTED';
  const hosts = connected ? hostViews(ctx) : [];
  const dc = tower.datacenters.find((d) => d.id === c.datacenter_id);
  const cluster = ctx.state.cluster;
  const cpuModel = cluster.cpuCompatibility ?? 'host_passthrough';
  const vms = connected ? vmRefs(ctx) : [];
  return {
    application_highest_version: '6.2.0',
    applications: [],
    architecture: 'X86_64',
    auto_converge: true,
    connect_state: c.connect_state,
    consistency_groups: [],
    current_cpu_model: cpuModel,
    datacenters: dc ? [{ id: dc.id, name: dc.name }] : [],
    disconnected_date: null,
    disconnected_reason: null,
    dns: connected ? [...cluster.dns] : [],
    entityAsyncStatus: null,
    everoute_cluster: null,
    failure_data_space: 0,
    has_metrox: true,
    host_num: hosts.length,
    hosts,
    hypervisor: 'ELF',
    id: c.id,
    ip: c.ip,
    is_all_flash: false,
    iscsi_vip: null,
    labels: [],
    license_expire_date: '2026-01-18T08:42:44.000Z',
    license_serial: c.local_id,
    license_sign_date: '2025-12-19T08:42:44.000Z',
    license_type: 'TRIAL',
    local_id: c.local_id,
    maintenance_end_date: '1970-01-01T00:00:00.000Z',
    maintenance_start_date: '1970-01-01T00:00:00.000Z',
    management_vip: cluster.vip ?? c.ip,
    max_chunk_num: 255,
    max_physical_data_capacity: 0,
    max_physical_data_capacity_per_node: 140737488355328,
    metro_availability_checklist: null,
    mgt_gateway: pickString(cluster, ['mgtGateway', 'gateway']) ?? null,
    mgt_netmask: pickString(cluster, ['mgtNetmask', 'netmask']) ?? null,
    migration_data_size: null,
    migration_speed: null,
    name: c.name,
    ntp_mode: 'EXTERNAL',
    ntp_servers: connected ? [...cluster.ntp] : [],
    nvme_over_rdma_enabled: false,
    nvme_over_tcp_enabled: false,
    nvmf_enabled: false,
    pmem_enabled: false,
    provisioned_cpu_cores: 8,
    provisioned_cpu_cores_for_active_vm: 8,
    provisioned_for_active_vm_ratio: 0.222222222222222,
    provisioned_memory_bytes: 20401094656,
    provisioned_ratio: 0.222222222222222,
    rdma_enabled: false,
    recommended_cpu_models: cluster.cpuCompatibility ? [cluster.cpuCompatibility] : ['EPYC'],
    recover_data_size: 0,
    recover_speed: 0,
    reserved_cpu_cores_for_system_service: 12 * Math.max(1, hosts.length),
    running_vm_num: vms.length,
    settings: { id: c.settings_id },
    software_edition: 'ENTERPRISE',
    stopped_vm_num: 0,
    stretch: false,
    suspended_vm_num: 0,
    total_cache_capacity: 3475483131904 * hosts.length,
    total_cpu_cores: 24 * hosts.length,
    total_cpu_hz: 59496000000 * hosts.length,
    total_cpu_models: [
      'host_passthrough',
      'Dhyana',
      'EPYC',
      'EPYC-IBPB',
      'Opteron_G3',
      'Opteron_G2',
      'Opteron_G1',
    ],
    total_cpu_sockets: hosts.length,
    total_data_capacity: 4830565848405 * hosts.length,
    total_memory_bytes: 134654275584 * hosts.length,
    type: 'SMTX_OS',
    upgrade_tool_version: '6.2.0-rc61',
    used_cpu_hz: 27011184000,
    used_data_space: 0,
    used_memory_bytes: 37145039556.9504,
    valid_data_space: 4830565848405 * hosts.length,
    vcenterAccount: null,
    vdses: connected ? vdsViews(ctx, c).map((v) => ({ id: v.id, name: v.name })) : [],
    version: '6.2.0',
    vhost_enabled: true,
    vm_folders: [],
    vm_num: vms.length,
    vm_templates: [],
    vms,
    witness: null,
    zones: [],
  };
}

function vmRefs(ctx: SimContext): { id: string; name: string }[] {
  const names = ctx.state.vms
    .map((vm) => pickString(vm, ['vm_name', 'name']))
    .filter((n): n is string => n !== undefined);
  return names.map((name) => ({ id: stableId(ctx, `vm:${name}`), name }));
}

/** The global alert rules CloudTower ships (a representative subset, incl. ones the UI filters out). */
const CATALOGUE: { name: string; object: string; message: string; notice: number; critical: number }[] = [
  {
    name: 'zbs_cluster_data_space_use_rate',
    object: 'CLUSTER',
    message: '集群存储空间使用率超过 { .threshold }。 ',
    notice: 80,
    critical: 90,
  },
  {
    name: 'cluster_cpu_overall_usage_percent',
    object: 'CLUSTER',
    message: '集群 CPU 使用率超过 { .threshold }。',
    notice: 80,
    critical: 90,
  },
  {
    name: 'host_cpu_overall_usage_percent',
    object: 'HOST',
    message: '主机 CPU 使用率超过 { .threshold }。',
    notice: 80,
    critical: 90,
  },
  {
    name: 'host_memory_usage_percent',
    object: 'HOST',
    message: '主机内存使用率超过 { .threshold }。',
    notice: 80,
    critical: 90,
  },
  {
    name: 'elf_vm_cpu_overall_usage_percent',
    object: 'VM',
    message: '虚拟机 CPU 使用率超过 { .threshold }。',
    notice: 80,
    critical: 90,
  },
  {
    name: 'scvm_memory_usage_percent',
    object: 'VM',
    message: 'SCVM 内存使用率超过 { .threshold }。',
    notice: 80,
    critical: 90,
  },
  {
    name: 'witness_network_latency_ms',
    object: 'WITNESS',
    message: '仲裁节点网络延迟超过 { .threshold }。',
    notice: 5,
    critical: 10,
  },
  {
    name: 'metro_link_latency_ms',
    object: 'CLUSTER',
    message: '双活链路延迟超过 { .threshold }。',
    notice: 5,
    critical: 10,
  },
  {
    name: 'system.service_unhealthy',
    object: 'SYSTEM_SERVICE',
    message: '系统服务状态异常。',
    notice: 0,
    critical: 0,
  },
  {
    name: 'sks_cluster_node_not_ready',
    object: 'SKS_CLUSTER_NODE',
    message: 'SKS 节点未就绪。',
    notice: 0,
    critical: 0,
  },
];

export function ensureCatalogue(ctx: SimContext): GlobalAlertRuleRecord[] {
  const tower = towerState(ctx);
  if (tower.alertRules.length === 0) {
    for (const entry of CATALOGUE) {
      tower.alertRules.push({
        id: cuid(ctx),
        name: entry.name,
        object: entry.object,
        message: entry.message,
        disabled: false,
        thresholds: [
          { severity: 'CRITICAL', value: entry.critical },
          { severity: 'NOTICE', value: entry.notice },
        ],
        alert_rules: [],
        updates: 0,
      });
    }
  }
  return tower.alertRules;
}

/** A connected cluster gets its own instance of every global rule, with the global thresholds. */
function ensureAlertRules(ctx: SimContext, c: ConnectedClusterRecord): void {
  for (const rule of ensureCatalogue(ctx)) {
    if (rule.alert_rules.some((r) => r.cluster_id === c.id)) continue;
    rule.alert_rules.push({
      id: cuid(ctx),
      cluster_id: c.id,
      customized: false,
      disabled: false,
      thresholds: rule.thresholds.map((t) => ({ ...t })),
    });
  }
}
