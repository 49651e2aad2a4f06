import type { Secret } from './secret.js';

// The typed, validated plan the workflow works from. Addresses are dotted-quad IPv4 strings,
// subnets CIDR strings (`10.0.20.0/24`); every value has passed the rules in rules/*.ts.

/** 三网独立 / 存储独立 / 三网融合 (the last one is recognised but rejected as unsupported). */
export type NetworkArchitecture = 'three-separate' | 'storage-separate' | 'converged';
/** 混闪-分层 / 全闪-不分层. */
export type StorageArchitecture = 'hybrid-tiered' | 'all-flash-untiered';
export type BondMode = 'active-backup' | 'balance-slb' | 'balance-tcp';
export type VlanType = 'access' | 'trunk';
export type NetworkRole = 'management' | 'extra-management' | 'storage' | 'backup' | 'business';

export interface ClusterFeatures {
  boost: boolean;
  rdma: boolean;
}

export interface NetworkPlan {
  role: NetworkRole;
  /** Row on 虚拟网络. */
  row: number;
  vdsName: string;
  networkName: string;
  vlanId: number;
  vlanType: VlanType;
  /** CIDR; optional only for business and backup networks. */
  subnet?: string;
  gateway?: string;
  nics: string[];
  bondMode: BondMode;
}

/** Management and extra-management networks always carry a subnet and a gateway. */
export interface RoutedNetworkPlan extends NetworkPlan {
  subnet: string;
  gateway: string;
}

/** The storage network needs a subnet; a gateway is optional (storage traffic is not routed). */
export interface StorageNetworkPlan extends NetworkPlan {
  subnet: string;
}

export interface BusinessVdsPlan {
  name: string;
  nics: string[];
  bondMode: BondMode;
}

export interface HostPlan {
  /** Row on 主机规划. */
  row: number;
  hostname: string;
  managementIp: string;
  storageIp: string;
  bmc: { ip: string; user: string; password: Secret };
  ssh: { user: string; password: Secret };
  rack?: string;
  unit?: string;
}

/** 集群管理信息!E18–E19 and what stage 09 takes from it (plans built before had start and end only). */
export interface TestIpRangePlan {
  start: string;
  end: string;
  /** The planned network whose subnet holds the range: the test VMs are attached to it. */
  network?: {
    role: NetworkRole;
    row: number;
    networkName: string;
    vlanId: number;
    subnet: string;
    gateway?: string;
  };
  /** The first free addresses of the range, one per test VM (PAT, FIO), in that order. */
  addresses?: string[];
}

export interface Plan {
  clusterName: string;
  vip: string;
  clusterSerial?: string;
  networkArchitecture: NetworkArchitecture;
  storageArchitecture: StorageArchitecture;
  features: ClusterFeatures;
  /** The cells' original (Chinese) text, for reports. */
  labels: { networkArchitecture: string; storageArchitecture: string; features: string };
  hosts: HostPlan[];
  networks: {
    /** Row 3 (IPMI/BMC), informational only. */
    ipmi?: { subnet?: string; gateway?: string };
    management: RoutedNetworkPlan;
    extraManagement?: RoutedNetworkPlan;
    storage: StorageNetworkPlan;
    backup?: NetworkPlan;
    /**
     * Business VLANs. With three-separate they live on `businessVds` (row 8); with storage-separate
     * they are added to the management VDS, and vdsName/nics/bondMode here already say so.
     */
    business: NetworkPlan[];
    businessVds?: BusinessVdsPlan;
  };
  fisheye: { user: string; password: Secret };
  cloudtower: { ip: string; rootPassword: Secret; serial?: string };
  obs: { ip?: string; serial?: string };
  backup: { ip?: string; serial?: string };
  er: { vip?: string; controllers: string[]; serial?: string };
  /**
   * Further management components of 集群管理信息 rows 12–17 (SFS, SKS …): no documented API deploys
   * them, so the run lists them as manual steps. Absent in plans read before it existed.
   */
  otherComponents?: OtherComponentPlan[];
  ntpServers: string[];
  dnsServers: string[];
  testIpRange?: TestIpRangePlan;
  organization: string;
  datacenter: string;
  /**
   * True when every address of the plan is a loopback address (127/8): a plan for the simulator,
   * such as the one writeSamplePlan() produces. See rules/address-rules.ts.
   */
  simulation: boolean;
}

/** A component row the workbook plans beyond CloudTower, OBS, Backup and ER (read-other-components.ts). */
export interface OtherComponentPlan {
  kind: 'everoute' | 'sfs' | 'sks' | 'other';
  /** Column B as written. */
  name: string;
  /** Its row on 集群管理信息. */
  row: number;
  version?: string;
  ip?: string;
  /** Column L: vCPU, memory, disk. */
  size?: string;
  serial?: string;
}
