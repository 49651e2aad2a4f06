// SMTX OS deployment API of one (not yet clustered) host — seed 003 §01 and §02.
// Scan, deploy and deploy_status are plain HTTP on port 80 in the seed (`http://{host_ip}/...`);
// deploy_verify is `https://` in the same seed. Each call uses the scheme the seed shows.
// Before the cluster exists the API takes the fixed `x-smartx-token` shown in the seed.
import { z } from 'zod';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttp } from './http.js';

/** The fixed deployment token of seed 003 (not a secret: the pre-deployment API ships with it). */
export const DEPLOYMENT_TOKEN = 'e79b85fc18b7402fbcc0391fe8d7d24c';

const scannedDiskSchema = z.looseObject({
  drive: z.string(),
  function: z.string(),
  model: z.string(),
  serial: z.string(),
  size: z.number(),
  type: z.string(),
});

const scannedIfaceSchema = z.looseObject({
  name: z.string(),
  hwaddr: z.string().nullish(),
  ipv4: z.unknown().optional(),
  ipv6: z.string().nullish(),
  mtu: z.number().nullish(),
  physical_link_up: z.boolean().nullish(),
  running: z.boolean().nullish(),
  up: z.boolean().nullish(),
  speed: z.number().nullish(),
  rdma: z.boolean().nullish(),
});

/** `data` of GET /api/v2/deployment/host (reference/host-scan-response.json). */
export const hostScanSchema = z.looseObject({
  host_uuid: z.string(),
  hostname: z.string(),
  host_ip: z.string().nullish(),
  arch: z.string().optional(),
  version: z.string().optional(),
  product: z.string().optional(),
  sn: z.string().nullish(),
  status: z.string().optional(),
  is_all_flash: z.boolean().optional(),
  ipmi_ip: z.string().nullish(),
  cpu: z.looseObject({}).optional(),
  disks: z.array(scannedDiskSchema),
  ifaces: z.array(scannedIfaceSchema),
});
export type HostScan = z.infer<typeof hostScanSchema>;

const clusterScanSchema = z.looseObject({ hosts: z.array(hostScanSchema) });
type ClusterScan = z.infer<typeof clusterScanSchema>;

const deployAcceptedSchema = z.looseObject({ msg: z.string().nullish() });

/** deploy_status is polled only until it stops saying `running`; its other shapes are not trusted (seed). */
const deployStatusSchema = z.looseObject({
  state: z.string().nullish(),
  current_stage: z.number().nullish(),
  total_stages: z.number().nullish(),
  stage_info: z.string().nullish(),
  msg: z.string().nullish(),
  error: z.unknown().optional(),
});
export type DeployStatus = z.infer<typeof deployStatusSchema>;

const deployVerifySchema = z.looseObject({ is_deployed: z.boolean(), platform: z.string().nullish() });
type DeployVerify = z.infer<typeof deployVerifySchema>;

/** Body of POST /api/v2/deployment/cluster (seed 003 §02, reference/deploy-cluster-payload-*.json). */
export interface DeployClusterPayload {
  platform: 'kvm';
  cluster_name: string;
  dns_server: string[];
  vdses: {
    name: string;
    /** Left out for a VDS with one NIC per host, as the installer UI does. */
    bond_mode?: string;
    hosts_associated: { host_uuid: string; nics_associated: string[] }[];
  }[];
  networks: {
    name: string;
    attached_vds: string;
    network_type: 'mgt' | 'storage' | (string & {});
    network_config: {
      service: {
        host_uuid: string;
        service_interface_name: string;
        service_interface_ip: string;
        netmask: string;
      }[];
      route?: { gateway: string }[];
    };
    mode: { type: 'vlan_access' | (string & {}); network_identities: number[] };
  }[];
  hosts: {
    host_ip: string;
    host_uuid: string;
    hostname: string;
    disk_data_with_cache: boolean;
    host_passwords: { user: string; password: string }[];
    tags: string[];
    ifaces: { ip: string; function: string }[];
    disks: { drive: string; function: string; model: string; serial: string; size: number; type: string }[];
    is_master: boolean;
    with_faster_ssd_as_cache: boolean;
  }[];
  ntp: { mode: string; ntp_server: string | null; current_time: string };
  vhost_enabled: boolean;
  rdma_enabled: boolean;
}

interface DeploymentClientOptions {
  timeoutMs?: number;
}

export class DeploymentClient {
  private readonly http: SmartxHttp;

  /** `hostAddress` is the host's management IP as the plan names it. */
  constructor(resolver: EndpointResolver, hostAddress: string, options: DeploymentClientOptions = {}) {
    this.http = new SmartxHttp({ resolver, address: hostAddress, timeoutMs: options.timeoutMs });
  }

  private get headers(): Record<string, string> {
    return { 'x-smartx-token': DEPLOYMENT_TOKEN };
  }

  /** GET http://{host}/api/v2/deployment/host — this host's hardware, disks and NICs. */
  async scanHost(): Promise<HostScan> {
    return this.http.call({
      method: 'GET',
      scheme: 'http',
      path: '/api/v2/deployment/host',
      headers: this.headers,
      parse: 'envelope',
      schema: hostScanSchema,
    });
  }

  /** GET http://{host}/api/v2/deployment/cluster — layer-2 scan; misses hosts behind LACP/VLAN (seed 003). */
  async scanCluster(): Promise<ClusterScan> {
    return this.http.call({
      method: 'GET',
      scheme: 'http',
      path: '/api/v2/deployment/cluster',
      headers: this.headers,
      parse: 'envelope',
      schema: clusterScanSchema,
    });
  }

  /** POST http://{host}/api/v2/deployment/cluster; resolves to `data.msg` (FACTS: "SUCCEEDED: A new cluster deploying task is on its way now." when accepted). */
  async deployCluster(
    payload: DeployClusterPayload,
  ): Promise<{ msg: string | null | undefined; accepted: boolean }> {
    const data = await this.http.call({
      method: 'POST',
      scheme: 'http',
      path: '/api/v2/deployment/cluster',
      headers: this.headers,
      json: payload,
      parse: 'envelope',
      schema: deployAcceptedSchema,
      timeoutMs: 120_000,
    });
    return { msg: data.msg, accepted: typeof data.msg === 'string' && data.msg.startsWith('SUCCEEDED') };
  }

  /** GET http://{host}/api/v2/deployment/host/deploy_status?host_ip=… — poll while `state` is `running`. */
  async deployStatus(hostIp: string): Promise<DeployStatus> {
    return this.http.call({
      method: 'GET',
      scheme: 'http',
      path: '/api/v2/deployment/host/deploy_status',
      searchParams: { host_ip: hostIp },
      headers: this.headers,
      parse: 'envelope',
      schema: deployStatusSchema,
    });
  }

  /** GET https://{host}/api/v2/deployment/deploy_verify — the only trusted final result (`is_deployed`). */
  async deployVerify(): Promise<DeployVerify> {
    return this.http.call({
      method: 'GET',
      scheme: 'https',
      path: '/api/v2/deployment/deploy_verify',
      headers: this.headers,
      parse: 'envelope',
      schema: deployVerifySchema,
    });
  }
}
