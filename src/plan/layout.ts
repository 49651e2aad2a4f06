// Where every value lives in the planning workbook (规划设计表). The reader, the sample-workbook
// writer and the write-back all use these constants, so the layout is described exactly once.
// Source: ../shared/FACTS.md (workbook section), checked against the real template.

export const SHEETS = {
  networks: '虚拟网络',
  hosts: '主机规划',
  management: '集群管理信息',
  document: '文档描述',
} as const;

type PlanSheet = (typeof SHEETS)[keyof typeof SHEETS];

/** The sheets the plan is read from; the other sheets of the template are documentation. */
export const PLAN_SHEETS: readonly PlanSheet[] = [
  SHEETS.document,
  SHEETS.networks,
  SHEETS.hosts,
  SHEETS.management,
];

/** No plan cell lies below this row (集群管理信息!E26 is the last); rows further down are notes. */
export const PLAN_MAX_ROW = 40;

/** 虚拟网络: one row per network; the VDS columns are only filled on rows 4, 6, 7 and 8. */
export const NETWORK_SHEET = {
  clusterName: 'B3',
  ipmiRow: 3,
  managementRow: 4,
  extraManagementRow: 5,
  storageRow: 6,
  backupRow: 7,
  firstBusinessRow: 8,
  lastBusinessRow: 18,
  col: {
    vdsName: 'C',
    networkName: 'D',
    description: 'E',
    vlanId: 'F',
    vlanType: 'G',
    subnet: 'H',
    gateway: 'I',
    nics: 'J',
    bondMode: 'K',
  },
} as const;

/** 主机规划: rows 3–18 hold one host each; the cluster-wide cells sit in rows 19–20. */
export const HOST_SHEET = {
  firstHostRow: 3,
  lastHostRow: 18,
  clusterNameFormula: 'C3',
  clusterSerial: 'E19',
  vip: 'I19',
  fisheyeUser: 'L19',
  fisheyePassword: 'M19',
  features: 'O19',
  storageArchitecture: 'Q19',
  networkArchitecture: 'Q20',
  col: {
    bmcIp: 'E',
    bmcUser: 'F',
    bmcPassword: 'G',
    hostname: 'H',
    managementIp: 'I',
    sshUser: 'J',
    sshPassword: 'K',
    storageIp: 'N',
    rack: 'P',
    unit: 'Q',
  },
} as const;

/**
 * Columns whose cells the template pre-fills on every host row (SSH user `smartx`, admin `root`, a
 * "SmartX管理集群NodeN" description, the row number): they do not make a row "used". A row counts
 * as a host as soon as any of these columns holds something, so a half-filled row is reported, never
 * silently dropped.
 */
export const HOST_ROW_MARKER_COLUMNS = ['E', 'F', 'G', 'H', 'I', 'K', 'N', 'P', 'Q'] as const;

/** 集群管理信息: management components, test IP range, NTP and DNS. */
export const MANAGEMENT_SHEET = {
  cloudtowerIp: 'E3',
  cloudtowerPassword: 'G3',
  cloudtowerSerial: 'M3',
  obsIp: 'E4',
  obsSerial: 'M4',
  backupIp: 'E5',
  backupSerial: 'M5',
  erVip: 'E6',
  erSerial: 'M6',
  erControllers: ['E7', 'E8', 'E9', 'E10', 'E11'],
  /** Rows of further components (SFS, SKS …; see read-other-components.ts). */
  otherComponentRows: [12, 13, 14, 15, 16, 17],
  testRangeStart: 'E18',
  testRangeEnd: 'E19',
  ntpServers: ['E22', 'E23', 'E24'],
  dnsServers: ['E25', 'E26'],
} as const;

/** 文档描述: customer (CloudTower organization) and datacenter names. */
export const DOCUMENT_SHEET = {
  organization: 'C15',
  project: 'C16',
  datacenter: 'C17',
} as const;

/** Cells written back after the bring-up (see write-back.ts). */
export const SERIAL_CELLS = {
  cluster: { sheet: SHEETS.hosts, cell: HOST_SHEET.clusterSerial },
  cloudtower: { sheet: SHEETS.management, cell: MANAGEMENT_SHEET.cloudtowerSerial },
  obs: { sheet: SHEETS.management, cell: MANAGEMENT_SHEET.obsSerial },
  backup: { sheet: SHEETS.management, cell: MANAGEMENT_SHEET.backupSerial },
} as const;

/** Dropdown values of the template (data validations on the sheets). */
export const DROPDOWNS = {
  bondMode: ['active-backup', 'balance-slb', 'balance-tcp'],
  features: ['None', 'RDMA', 'Boost', 'RDMA+Boost'],
  storageArchitecture: ['混闪-分层', '全闪-不分层'],
  networkArchitecture: ['三网融合', '存储独立', '三网独立'],
  vlanType: ['Access', 'Trunk'],
} as const;

/** Defaults used in the field when a cell is empty (FACTS.md). */
export const FIELD_DEFAULTS = {
  sshUser: 'smartx',
  sshPassword: 'HC!r0cks',
  fisheyeUser: 'root',
  fisheyePassword: 'HC!r0cks',
  cloudtowerPassword: 'HC!r0cks',
  organization: 'SMTX-HCI',
  datacenter: 'SMTX-HCI-DC',
  managementVlan: 0,
  storageVlan: 0,
} as const;

export const MAX_HOSTS = HOST_SHEET.lastHostRow - HOST_SHEET.firstHostRow + 1;
export const MIN_PRODUCTION_HOSTS = 3;
