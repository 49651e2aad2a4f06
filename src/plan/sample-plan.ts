import ExcelJS from 'exceljs';
import {
  BOND_MODES,
  FEATURE_SETS,
  labelOf,
  NETWORK_ARCHITECTURES,
  STORAGE_ARCHITECTURES,
} from './choices.js';
import {
  DOCUMENT_SHEET,
  DROPDOWNS,
  FIELD_DEFAULTS,
  HOST_SHEET,
  MANAGEMENT_SHEET,
  MAX_HOSTS,
  MIN_PRODUCTION_HOSTS,
  NETWORK_SHEET,
  SHEETS,
} from './layout.js';
import type { NetworkArchitecture, StorageArchitecture } from './types.js';

// Our own sample workbook, in the template's layout (same sheet names and cells), written by
// exceljs from nothing: no byte of the customer template is copied. Every address is a loopback
// address, one per simulated machine, so a whole bring-up can run against the simulator on one
// machine without any packet leaving it.
//
// Address scheme (each network its own 127.N.0.0/16):
//   management 127.1.0.0/16  gateway 127.1.0.1, VIP 127.1.0.10, host i at 127.1.0.(11+i),
//              CloudTower 127.1.1.2, OBS 127.1.1.3, Backup 127.1.1.4, test range 127.1.2.1-127.1.2.20
//   extra management (row 5, optional) 127.1.1.0/24 gateway 127.1.1.1: the components' segment
//   storage    127.2.0.0/16  gateway 127.2.0.1, host i at 127.2.0.(11+i)
//   IPMI/BMC   127.3.0.0/16  gateway 127.3.0.1, BMC of host i at 127.3.0.(11+i)
//   NTP 127.4.0.123, DNS 127.4.0.53
//   business   VLAN 1120+k on 127.(10+k).0.0/24, gateway 127.(10+k).0.1

type SampleNetworkArchitecture = Exclude<NetworkArchitecture, 'converged'>;

export interface SamplePlanOptions {
  /** 3–16. */
  hosts: number;
  networkArchitecture: SampleNetworkArchitecture;
  storageArchitecture: StorageArchitecture;
  /** Enable Boost (O19). Default false. */
  boost?: boolean;
  /** Number of business VLAN rows, 0–11 (three-separate needs at least 1). Default 2. */
  businessNetworks?: number;
  clusterName?: string;
  /** CloudTower root password for 集群管理信息!G3. Default: the factory default `HC!r0cks`. */
  cloudtowerPassword?: string;

  /** F4: the management network's VLAN (a tagged management network). Default 0. */
  managementVlan?: number;
  /**
   * Row 5, the extra management network CloudTower/OBS/Backup go on: name and VLAN; its subnet is
   * 127.1.1.0/24 (the components' addresses), gateway 127.1.1.1. Default: no row 5.
   */
  extraManagement?: { networkName: string; vlanId: number };
  /** Loopback block 0–9: every address's second octet moved by the block's base (sites side by side). */
  addressBlock?: AddressBlock;
}

export type AddressBlock = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * What each block adds to the second octet. A plan uses octets 1–21 (management 1, storage 2, IPMI
 * 3, NTP/DNS 4, business 10–21), so blocks 25 apart never overlap; 0, 100 and 200 came first and
 * keep their addresses (127.1 -> 127.101 -> 127.201). 247–255 stay free (the fleet's Temporal cluster).
 */
const BLOCK_BASE = [0, 100, 200, 25, 50, 75, 125, 150, 175, 225] as const;

export function sampleAddresses(hostCount: number, block: AddressBlock = 0) {
  const o = (n: number) => `127.${n + BLOCK_BASE[block]}`;
  return {
    management: { subnet: `${o(1)}.0.0/16`, gateway: `${o(1)}.0.1` },
    storage: { subnet: `${o(2)}.0.0/16`, gateway: `${o(2)}.0.1` },
    ipmi: { subnet: `${o(3)}.0.0/16`, gateway: `${o(3)}.0.1` },
    vip: `${o(1)}.0.10`,
    hosts: Array.from({ length: hostCount }, (_, i) => ({
      managementIp: `${o(1)}.0.${11 + i}`,
      storageIp: `${o(2)}.0.${11 + i}`,
      bmcIp: `${o(3)}.0.${11 + i}`,
    })),
    /** Row 5 when planned: the segment of CloudTower, OBS and Backup. */
    extraManagement: { subnet: `${o(1)}.1.0/24`, gateway: `${o(1)}.1.1` },
    cloudtower: `${o(1)}.1.2`,
    obs: `${o(1)}.1.3`,
    backup: `${o(1)}.1.4`,
    testRange: { start: `${o(1)}.2.1`, end: `${o(1)}.2.20` },
    ntp: `${o(4)}.0.123`,
    dns: `${o(4)}.0.53`,
    business: (k: number) => ({
      vlanId: 1120 + k,
      subnet: `${o(10 + k)}.0.0/24`,
      gateway: `${o(10 + k)}.0.1`,
    }),
  };
}

/** Writes a valid simulation workbook to `file`. */
export async function writeSamplePlan(file: string, opts: SamplePlanOptions): Promise<void> {
  if (!Number.isInteger(opts.hosts) || opts.hosts < MIN_PRODUCTION_HOSTS || opts.hosts > MAX_HOSTS) {
    throw new RangeError(`hosts must be ${MIN_PRODUCTION_HOSTS}-${MAX_HOSTS}, got ${opts.hosts}`);
  }
  const businessCount = opts.businessNetworks ?? 2;
  const maxBusiness = NETWORK_SHEET.lastBusinessRow - NETWORK_SHEET.firstBusinessRow + 1;
  if (businessCount < 0 || businessCount > maxBusiness)
    throw new RangeError(`businessNetworks must be 0-${maxBusiness}`);
  if (opts.networkArchitecture === 'three-separate' && businessCount === 0) {
    throw new RangeError('three-separate needs at least one business network');
  }
  const clusterName = opts.clusterName ?? 'SIM-SMTX-Cls01';
  const a = sampleAddresses(opts.hosts, opts.addressBlock);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hci-bringup sample-plan';

  const doc = wb.addWorksheet(SHEETS.document);
  doc.getCell('B15').value = '客户名称：';
  doc.getCell(DOCUMENT_SHEET.organization).value = 'SIM-ORG';
  doc.getCell('B16').value = '项目名称：';
  doc.getCell(DOCUMENT_SHEET.project).value = '模拟环境';
  doc.getCell('B17').value = '数据中心名称：';
  doc.getCell(DOCUMENT_SHEET.datacenter).value = 'SIM-DC';

  writeNetworks(wb.addWorksheet(SHEETS.networks), opts, clusterName, businessCount, a);
  writeHosts(wb.addWorksheet(SHEETS.hosts), opts, clusterName, a);
  writeManagement(wb.addWorksheet(SHEETS.management), a, opts);

  await wb.xlsx.writeFile(file);
}

type Addresses = ReturnType<typeof sampleAddresses>;

const listValidation = (values: readonly string[]): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${values.join(',')}"`],
});

function writeNetworks(
  ws: ExcelJS.Worksheet,
  opts: SamplePlanOptions,
  clusterName: string,
  businessCount: number,
  a: Addresses,
) {
  const C = NETWORK_SHEET.col;
  const headers: [string, string][] = [
    ['B', '集群名称'],
    [C.vdsName, '虚拟交换机'],
    [C.networkName, '虚拟网络'],
    [C.description, '网络功能说明'],
    [C.vlanId, 'VLAN ID'],
    [C.vlanType, 'VLAN类型'],
    [C.subnet, 'SubNetwork'],
    [C.gateway, 'Gateway'],
    [C.nics, '主机端口'],
    [C.bondMode, '网口绑定模式'],
  ];
  for (const [col, label] of headers) ws.getCell(`${col}2`).value = label;
  ws.getCell(NETWORK_SHEET.clusterName).value = clusterName;

  const row = (r: number, values: Partial<Record<keyof typeof C, string | number>>) => {
    for (const [key, value] of Object.entries(values))
      ws.getCell(`${C[key as keyof typeof C]}${r}`).value = value;
  };
  row(NETWORK_SHEET.ipmiRow, {
    vdsName: '（IPMI）',
    networkName: '（IPMI）',
    description: '带外管理流量',
    vlanId: 0,
    vlanType: 'Access',
    subnet: a.ipmi.subnet,
    gateway: a.ipmi.gateway,
  });
  row(NETWORK_SHEET.managementRow, {
    vdsName: 'vDS-MGT-Network',
    networkName: 'default',
    description: 'SMTX OS系统管理网络',
    vlanId: opts.managementVlan ?? FIELD_DEFAULTS.managementVlan,
    vlanType: 'Access',
    subnet: a.management.subnet,
    gateway: a.management.gateway,
    nics: 'ens224,ens192',
    bondMode: BOND_MODES[0].label,
  });
  if (opts.extraManagement) {
    // C5/J5/K5 stay empty: row 5 rides on the management VDS of row 4.
    row(NETWORK_SHEET.extraManagementRow, {
      networkName: opts.extraManagement.networkName,
      description: 'CloudTower/OBS/Backup 管理网络',
      vlanId: opts.extraManagement.vlanId,
      vlanType: 'Access',
      subnet: a.extraManagement.subnet,
      gateway: a.extraManagement.gateway,
    });
  }
  row(NETWORK_SHEET.storageRow, {
    vdsName: 'vDS-Storage-Network',
    networkName: 'storage-network',
    description: 'SMTX OS内部存储网络',
    vlanId: FIELD_DEFAULTS.storageVlan,
    vlanType: 'Access',
    subnet: a.storage.subnet,
    gateway: a.storage.gateway,
    nics: 'ens256,ens161',
    bondMode: BOND_MODES[0].label,
  });
  for (let k = 0; k < businessCount; k++) {
    const b = a.business(k);
    row(NETWORK_SHEET.firstBusinessRow + k, {
      networkName: `VLAN-${b.vlanId}`,
      vlanId: b.vlanId,
      vlanType: 'Access',
      subnet: b.subnet,
      gateway: b.gateway,
    });
  }
  if (opts.networkArchitecture === 'three-separate') {
    row(NETWORK_SHEET.firstBusinessRow, {
      vdsName: 'vDS-Prod-Network',
      nics: 'ens225,ens257',
      bondMode: 'balance-slb',
    });
  }
  for (const r of [
    NETWORK_SHEET.managementRow,
    NETWORK_SHEET.storageRow,
    NETWORK_SHEET.backupRow,
    NETWORK_SHEET.firstBusinessRow,
  ]) {
    ws.getCell(`${C.bondMode}${r}`).dataValidation = listValidation(DROPDOWNS.bondMode);
  }
}

function writeHosts(ws: ExcelJS.Worksheet, opts: SamplePlanOptions, clusterName: string, a: Addresses) {
  const C = HOST_SHEET.col;
  const headers: [string, string][] = [
    ['B', '序号'],
    ['C', '集群名称'],
    [C.bmcIp, '带外地址'],
    [C.bmcUser, '带外账号'],
    [C.bmcPassword, '带外密码'],
    [C.hostname, '主机名'],
    [C.managementIp, '管理地址'],
    [C.sshUser, 'SSH 用户名'],
    [C.sshPassword, '密码'],
    [C.storageIp, '存储IP'],
    [C.rack, '机架名称'],
    [C.unit, '机架位置 U'],
  ];
  for (const [col, label] of headers) ws.getCell(`${col}2`).value = label;
  // The template's C3 is this formula; we also store its result so other tools show the name.
  ws.getCell(HOST_SHEET.clusterNameFormula).value = {
    formula: `${SHEETS.networks}!${NETWORK_SHEET.clusterName}`,
    result: clusterName,
  };
  a.hosts.forEach((h, i) => {
    const r = HOST_SHEET.firstHostRow + i;
    const set = (col: string, value: string | number) => (ws.getCell(`${col}${r}`).value = value);
    set('B', i + 1);
    set(C.bmcIp, h.bmcIp);
    set(C.bmcUser, 'ADMIN');
    set(C.bmcPassword, 'Sim-BMC-Pass1');
    set(C.hostname, `SIM-SMTX-Node-${String(i + 1).padStart(2, '0')}`);
    set(C.managementIp, h.managementIp);
    set(C.sshUser, FIELD_DEFAULTS.sshUser);
    set(C.sshPassword, FIELD_DEFAULTS.sshPassword);
    set(C.storageIp, h.storageIp);
    set(C.rack, 'SIM-R01');
    set(C.unit, 2 * i + 1);
  });
  ws.getCell('D19').value = 'Cluster SN';
  ws.getCell('H19').value = '集群VIP';
  ws.getCell(HOST_SHEET.vip).value = a.vip;
  ws.getCell('J19').value = '集群管理员';
  ws.getCell(HOST_SHEET.fisheyeUser).value = FIELD_DEFAULTS.fisheyeUser;
  ws.getCell(HOST_SHEET.fisheyePassword).value = FIELD_DEFAULTS.fisheyePassword;
  ws.getCell('N19').value = '集群功能启用';
  ws.getCell(HOST_SHEET.features).value = labelOf(FEATURE_SETS, opts.boost ? 'boost' : 'none');
  ws.getCell(HOST_SHEET.features).dataValidation = listValidation(DROPDOWNS.features);
  ws.getCell('P19').value = '存储架构';
  ws.getCell(HOST_SHEET.storageArchitecture).value = labelOf(STORAGE_ARCHITECTURES, opts.storageArchitecture);
  ws.getCell(HOST_SHEET.storageArchitecture).dataValidation = listValidation(DROPDOWNS.storageArchitecture);
  ws.getCell('P20').value = '网络架构';
  ws.getCell(HOST_SHEET.networkArchitecture).value = labelOf(NETWORK_ARCHITECTURES, opts.networkArchitecture);
  ws.getCell(HOST_SHEET.networkArchitecture).dataValidation = listValidation(DROPDOWNS.networkArchitecture);
}

function writeManagement(ws: ExcelJS.Worksheet, a: Addresses, opts: SamplePlanOptions) {
  const M = MANAGEMENT_SHEET;
  const headers: [string, string][] = [
    ['B2', '虚拟机名称'],
    ['E2', 'IP地址'],
    ['G2', '密码'],
    ['M2', 'SN'],
    ['B3', 'Cloudtower'],
    ['B4', 'Observability'],
    ['B5', 'backup'],
    ['B6', 'ER'],
    ['B18', '临时IP'],
    ['B22', 'NTP Server1'],
    ['B25', 'DNS Server1'],
  ];
  for (const [cell, label] of headers) ws.getCell(cell).value = label;
  ws.getCell(M.cloudtowerIp).value = a.cloudtower;
  ws.getCell(M.cloudtowerPassword).value = opts.cloudtowerPassword ?? FIELD_DEFAULTS.cloudtowerPassword;
  ws.getCell(M.obsIp).value = a.obs;
  ws.getCell(M.backupIp).value = a.backup;
  ws.getCell(M.testRangeStart).value = a.testRange.start;
  ws.getCell(M.testRangeEnd).value = a.testRange.end;
  ws.getCell(M.ntpServers[0]).value = a.ntp;
  ws.getCell(M.dnsServers[0]).value = a.dns;
}
