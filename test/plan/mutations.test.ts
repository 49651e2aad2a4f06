import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CellValue, Workbook } from 'exceljs';
import { readPlanFromWorkbook, type PlanLoadResult, type RuleId } from '../../src/plan/index.js';
import { needsCustomerWorkbook } from '../helpers/customer-workbook.js';
import { splitRef, templateWorkbook, withCells } from './helpers.js';

// Malformed variants of the real template, one rule each: the template is loaded once and each
// case changes a few cells in memory, validates, and restores them.

interface Mutation {
  name: string;
  set: Record<string, CellValue>;
  /** The error expected, as `sheet!cell`, and its rule. */
  at: string;
  rule: RuleId;
  /** Other errors may accompany the expected one (default: it must be the only error). */
  others?: boolean;
}

const clearHostRow = (row: number): Record<string, CellValue> =>
  Object.fromEntries(['E', 'F', 'G', 'H', 'I', 'K', 'N', 'P', 'Q'].map((c) => [`主机规划!${c}${row}`, null]));

const mutations: Mutation[] = [
  { name: 'cluster name missing', set: { '虚拟网络!B3': null }, at: '虚拟网络!B3', rule: 'required' },
  {
    name: 'host IP out of range',
    set: { '主机规划!I3': '10.0.20.300' },
    at: '主机规划!I3',
    rule: 'ipv4-format',
  },
  {
    name: 'host IP with five parts',
    set: { '主机规划!I3': '10.0.20.11.5' },
    at: '主机规划!I3',
    rule: 'ipv4-format',
  },
  {
    name: 'host IP with leading zero',
    set: { '主机规划!I3': '010.0.20.11' },
    at: '主机规划!I3',
    rule: 'ipv4-format',
  },
  {
    name: 'host IP typo with letter',
    set: { '主机规划!N4': '10.0.21.l2' },
    at: '主机规划!N4',
    rule: 'ipv4-format',
  },
  {
    name: 'duplicate management IP',
    set: { '主机规划!I4': '10.0.20.11' },
    at: '主机规划!I4',
    rule: 'ip-unique',
  },
  { name: 'duplicate BMC IP', set: { '主机规划!E4': '10.0.19.11' }, at: '主机规划!E4', rule: 'ip-unique' },
  {
    name: 'host IP equals the gateway',
    set: { '主机规划!I3': '10.0.20.1' },
    at: '主机规划!I3',
    rule: 'ip-unique',
  },
  {
    name: 'storage IP equals a management IP',
    set: { '主机规划!N3': '10.0.20.12' },
    at: '主机规划!I4',
    rule: 'ip-unique',
    others: true,
  },
  {
    name: 'storage IP outside storage subnet',
    set: { '主机规划!N3': '10.0.22.11' },
    at: '主机规划!N3',
    rule: 'ip-in-subnet',
  },
  {
    name: 'management IP outside management subnet',
    set: { '主机规划!I3': '10.0.23.50' },
    at: '主机规划!I3',
    rule: 'ip-in-subnet',
  },
  {
    name: 'management IP is the broadcast address',
    set: { '主机规划!I3': '10.0.20.255' },
    at: '主机规划!I3',
    rule: 'ip-host-address',
  },
  {
    name: 'VIP is a host address',
    set: { '主机规划!I19': '10.0.20.12' },
    at: '主机规划!I19',
    rule: 'vip-not-host',
  },
  {
    name: 'VIP outside management subnet',
    set: { '主机规划!I19': '10.0.30.10' },
    at: '主机规划!I19',
    rule: 'ip-in-subnet',
  },
  { name: 'VIP missing', set: { '主机规划!I19': null }, at: '主机规划!I19', rule: 'required' },
  {
    name: 'hostname with underscore',
    set: { '主机规划!H3': 'BJ_SMTX_Node_01' },
    at: '主机规划!H3',
    rule: 'hostname-format',
  },
  {
    name: 'hostname starting with hyphen',
    set: { '主机规划!H3': '-node-01' },
    at: '主机规划!H3',
    rule: 'hostname-format',
  },
  {
    name: 'hostname longer than 63',
    set: { '主机规划!H3': 'n'.repeat(64) },
    at: '主机规划!H3',
    rule: 'hostname-format',
  },
  {
    name: 'hostname duplicate (case-insensitive)',
    set: { '主机规划!H4': 'bj-smtx-prod-node-01' },
    at: '主机规划!H4',
    rule: 'hostname-unique',
  },
  { name: 'hostname missing', set: { '主机规划!H5': null }, at: '主机规划!H5', rule: 'required' },
  { name: 'VLAN above 4094', set: { '虚拟网络!F4': 5000 }, at: '虚拟网络!F4', rule: 'vlan-range' },
  { name: 'VLAN not a number', set: { '虚拟网络!F10': 'VLAN-1122' }, at: '虚拟网络!F10', rule: 'vlan-range' },
  {
    name: 'VLAN twice on the business VDS',
    set: { '虚拟网络!F9': 1120 },
    at: '虚拟网络!F9',
    rule: 'vlan-unique',
  },
  {
    name: 'storage-separate: business VLAN clashes with management VLAN 0',
    set: { '主机规划!Q20': '存储独立', '虚拟网络!F8': 0 },
    at: '虚拟网络!F8',
    rule: 'vlan-unique',
  },
  { name: 'bond mode not allowed', set: { '虚拟网络!K4': 'lacp' }, at: '虚拟网络!K4', rule: 'bond-mode' },
  { name: 'bond mode missing', set: { '虚拟网络!K6': null }, at: '虚拟网络!K6', rule: 'required' },
  { name: 'storage NICs missing', set: { '虚拟网络!J6': null }, at: '虚拟网络!J6', rule: 'nics-required' },
  {
    name: 'business NICs missing (三网独立)',
    set: { '虚拟网络!J8': null },
    at: '虚拟网络!J8',
    rule: 'nics-required',
  },
  {
    name: 'NIC name invalid',
    set: { '虚拟网络!J4': 'ens224,ens#192' },
    at: '虚拟网络!J4',
    rule: 'nic-format',
  },
  {
    name: 'NIC used by two VDSes',
    set: { '虚拟网络!J6': 'ens256,ens224' },
    at: '虚拟网络!J6',
    rule: 'nic-shared',
  },
  {
    name: 'VDS name reused',
    set: { '虚拟网络!C6': 'vDS-MgMt-Network' },
    at: '虚拟网络!C6',
    rule: 'vds-name-unique',
  },
  {
    name: '三网独立 without business VDS',
    set: { '虚拟网络!C8': null },
    at: '虚拟网络!C8',
    rule: 'architecture-rows',
  },
  {
    name: '三网独立 without business networks',
    set: Object.fromEntries(
      Array.from({ length: 11 }, (_, k) => 8 + k).flatMap((r) =>
        ['D', 'F', 'H', 'I'].map((c) => [`虚拟网络!${c}${r}`, null]),
      ),
    ),
    at: '虚拟网络!D8',
    rule: 'architecture-rows',
  },
  {
    name: '三网融合 unsupported',
    set: { '主机规划!Q20': '三网融合' },
    at: '主机规划!Q20',
    rule: 'network-architecture-unsupported',
  },
  {
    name: 'network architecture missing',
    set: { '主机规划!Q20': null },
    at: '主机规划!Q20',
    rule: 'required',
  },
  { name: 'RDMA unsupported', set: { '主机规划!O19': 'RDMA' }, at: '主机规划!O19', rule: 'rdma-unsupported' },
  {
    name: 'RDMA+Boost unsupported',
    set: { '主机规划!O19': 'RDMA+Boost' },
    at: '主机规划!O19',
    rule: 'rdma-unsupported',
  },
  {
    name: 'features not in dropdown',
    set: { '主机规划!O19': 'vhost' },
    at: '主机规划!O19',
    rule: 'enum-value',
  },
  {
    name: 'storage architecture not in dropdown',
    set: { '主机规划!Q19': '全闪' },
    at: '主机规划!Q19',
    rule: 'enum-value',
  },
  { name: 'VLAN type unknown', set: { '虚拟网络!G4': 'Tagged' }, at: '虚拟网络!G4', rule: 'enum-value' },
  {
    name: 'DNS server is a name',
    set: { '集群管理信息!E25': 'dns.c89.fun' },
    at: '集群管理信息!E25',
    rule: 'dns-ip',
  },
  {
    name: 'DNS servers missing',
    set: { '集群管理信息!E25': null, '集群管理信息!E26': null },
    at: '集群管理信息!E25',
    rule: 'required',
  },
  {
    name: 'NTP server malformed name',
    set: { '集群管理信息!E23': 'ntp_c89!fun' },
    at: '集群管理信息!E23',
    rule: 'ntp-format',
  },
  {
    name: 'NTP server bad IP',
    set: { '集群管理信息!E22': '10.0.0.256' },
    at: '集群管理信息!E22',
    rule: 'ntp-format',
  },
  {
    name: 'NTP servers missing',
    set: { '集群管理信息!E22': null, '集群管理信息!E23': null },
    at: '集群管理信息!E22',
    rule: 'required',
  },
  {
    name: 'test range reversed',
    set: { '集群管理信息!E18': '10.0.20.240' },
    at: '集群管理信息!E18',
    rule: 'test-range-order',
  },
  {
    name: 'test range outside management subnet',
    set: { '集群管理信息!E19': '10.0.21.239' },
    at: '集群管理信息!E19',
    rule: 'test-range-subnet',
  },
  {
    name: 'test range half filled',
    set: { '集群管理信息!E19': null },
    at: '集群管理信息!E19',
    rule: 'required',
  },
  {
    name: 'BMC password missing',
    set: { '主机规划!G4': null },
    at: '主机规划!G4',
    rule: 'password-required',
  },
  { name: 'BMC user missing', set: { '主机规划!F3': null }, at: '主机规划!F3', rule: 'required' },
  { name: 'BMC IP missing', set: { '主机规划!E6': null }, at: '主机规划!E6', rule: 'required' },
  { name: 'storage IP missing', set: { '主机规划!N3': null }, at: '主机规划!N3', rule: 'required' },
  {
    name: 'management gateway outside subnet',
    set: { '虚拟网络!I4': '10.0.21.254' },
    at: '虚拟网络!I4',
    rule: 'gateway-in-subnet',
  },
  {
    name: 'business gateway outside subnet',
    set: { '虚拟网络!I12': '10.1.42.1' },
    at: '虚拟网络!I12',
    rule: 'gateway-in-subnet',
  },
  { name: 'management gateway missing', set: { '虚拟网络!I4': null }, at: '虚拟网络!I4', rule: 'required' },
  {
    name: 'management subnet prefix 33',
    set: { '虚拟网络!H4': '10.0.20.0/33' },
    at: '虚拟网络!H4',
    rule: 'cidr-format',
    others: true,
  },
  {
    name: 'storage subnet without prefix',
    set: { '虚拟网络!H6': '10.0.21.0' },
    at: '虚拟网络!H6',
    rule: 'cidr-format',
    others: true,
  },
  {
    name: 'subnet with host bits',
    set: { '虚拟网络!H6': '10.0.21.1/24' },
    at: '虚拟网络!H6',
    rule: 'cidr-network',
    others: true,
  },
  {
    name: 'storage subnet missing',
    set: { '虚拟网络!H6': null, '虚拟网络!I6': null },
    at: '虚拟网络!H6',
    rule: 'required',
    others: true,
  },
  {
    name: 'business gateway without subnet',
    set: { '虚拟网络!H9': null },
    at: '虚拟网络!H9',
    rule: 'required',
  },
  {
    name: 'extra management row half filled',
    set: { '虚拟网络!F5': 30 },
    at: '虚拟网络!H5',
    rule: 'required',
    others: true,
  },
  { name: 'backup row half filled', set: { '虚拟网络!F7': 100 }, at: '虚拟网络!H7', rule: 'required' },
  {
    name: 'only two hosts',
    set: { ...clearHostRow(5), ...clearHostRow(6) },
    at: '主机规划!H5',
    rule: 'host-count',
  },
  {
    name: 'no hosts at all',
    set: { ...clearHostRow(3), ...clearHostRow(4), ...clearHostRow(5), ...clearHostRow(6) },
    at: '主机规划!H3',
    rule: 'host-count',
  },
  {
    name: 'half-filled host row is not dropped',
    set: { '主机规划!I7': '10.0.20.15' },
    at: '主机规划!H7',
    rule: 'required',
    others: true,
  },
  {
    name: 'half-filled host row with bad IP',
    set: { '主机规划!I7': '10.0.20.x' },
    at: '主机规划!I7',
    rule: 'ipv4-format',
    others: true,
  },
  {
    name: 'CloudTower IP missing',
    set: { '集群管理信息!E3': null },
    at: '集群管理信息!E3',
    rule: 'required',
  },
  {
    name: 'CloudTower IP equals a host',
    set: { '集群管理信息!E3': '10.0.20.13' },
    at: '集群管理信息!E3',
    rule: 'ip-unique',
  },
  {
    name: 'CloudTower IP outside management networks',
    set: { '集群管理信息!E3': '10.0.50.2' },
    at: '集群管理信息!E3',
    rule: 'ip-in-subnet',
  },
  {
    name: 'CloudTower IP loopback in a real plan',
    set: { '集群管理信息!E3': '127.0.0.2' },
    at: '集群管理信息!E3',
    rule: 'reserved-address',
    others: true,
  },
  {
    name: 'OBS IP link-local in a real plan',
    set: { '集群管理信息!E4': '169.254.1.1' },
    at: '集群管理信息!E4',
    rule: 'reserved-address',
    others: true,
  },
  {
    name: 'OBS IP equals backup IP',
    set: { '集群管理信息!E4': '10.0.20.4' },
    at: '集群管理信息!E5',
    rule: 'ip-unique',
  },
  {
    name: 'formula without result',
    set: { '主机规划!I19': { formula: 'CONCAT("10.0.20.","10")' } },
    at: '主机规划!I19',
    rule: 'required',
  },
];

describe('malformed variants of the template', needsCustomerWorkbook(), () => {
  let wb: Workbook;
  before(async () => {
    wb = await templateWorkbook();
  });

  test(`at least 40 variants`, () => assert.ok(mutations.length >= 40, String(mutations.length)));

  for (const m of mutations) {
    test(`${m.name} -> ${m.at} ${m.rule}`, () => {
      const result = withCells(wb, m.set, () => readPlanFromWorkbook(wb));
      const { sheet, cell } = splitRef(m.at);
      const found = result.errors.find((e) => e.sheet === sheet && e.cell === cell && e.rule === m.rule);
      const listed = result.errors.map((e) => `${e.sheet}!${e.cell} ${e.rule}`).join('; ');
      assert.ok(found, `expected ${m.at} ${m.rule}, got: ${listed}`);
      assert.equal(result.plan, undefined);
      if (!m.others) assert.equal(result.errors.length, 1, `only one error expected, got: ${listed}`);
      // Every error says how to fix it, in both languages, and never shows a password.
      for (const e of result.errors) {
        assert.ok(e.message.zh && e.message.en && e.fix?.zh && e.fix.en, `${e.rule} lacks text`);
        assert.ok(!JSON.stringify(e).includes('HC!r0cks') && !JSON.stringify(e).includes('P@ssw0rd'));
      }
    });
  }
});

describe('accepted variants and warnings', needsCustomerWorkbook(), () => {
  let wb: Workbook;
  before(async () => {
    wb = await templateWorkbook();
  });
  const check = (set: Record<string, CellValue>): PlanLoadResult =>
    withCells(wb, set, () => readPlanFromWorkbook(wb));

  test('full-width digits, NBSP and stray spaces are normalized', () => {
    const r = check({
      '主机规划!I3': '１０．０．２０．１１',
      '主机规划!H3': '\u00a0BJ-SMTX-Prod-Node-01 ',
      '虚拟网络!J4': 'ens224，ens192',
      '主机规划!Q20': ' 三网独立\u3000',
      '虚拟网络!F8': '１１２０',
    });
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan?.hosts[0].managementIp, '10.0.20.11');
    assert.equal(r.plan?.hosts[0].hostname, 'BJ-SMTX-Prod-Node-01');
    assert.deepEqual(r.plan?.networks.management.nics, ['ens224', 'ens192']);
    assert.equal(r.plan?.networks.business[0].vlanId, 1120);
  });

  test('formula cells use their cached result', () => {
    const r = check({ '主机规划!I19': { formula: 'CONCAT("10.0.20.","10")', result: '10.0.20.10' } });
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan?.vip, '10.0.20.10');
  });

  test('a formula without result is reported as a warning', () => {
    const r = check({ '主机规划!I19': { formula: 'CONCAT("10.0.20.","10")' } });
    assert.ok(r.warnings.some((w) => w.cell === 'I19' && w.rule === 'formula-no-result'));
  });

  test('主机规划!C3 with a stale cached value warns', () => {
    const r = check({ '主机规划!C3': { formula: '虚拟网络!B3', result: 'OLD-NAME' } });
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan?.clusterName, 'CN-BJ-SMTX-Prod-Cls01');
    assert.ok(r.warnings.some((w) => w.cell === 'C3' && w.rule === 'cluster-name-mismatch'));
  });

  test('empty cells get FACTS.md defaults, reported as such', () => {
    const r = check({
      '主机规划!J3': null,
      '主机规划!K3': null,
      '主机规划!L19': null,
      '主机规划!M19': null,
      '集群管理信息!G3': null,
      '文档描述!C15': null,
      '文档描述!C17': null,
      '虚拟网络!F4': null,
      '虚拟网络!F6': null,
      '主机规划!O19': null,
    });
    assert.deepEqual(r.errors, []);
    const plan = r.plan!;
    assert.equal(plan.hosts[0].ssh.user, 'smartx');
    assert.equal(plan.hosts[0].ssh.password.reveal(), 'HC!r0cks');
    assert.equal(plan.fisheye.user, 'root');
    assert.equal(plan.fisheye.password.reveal(), 'HC!r0cks');
    assert.equal(plan.cloudtower.rootPassword.reveal(), 'HC!r0cks');
    assert.equal(plan.organization, 'SMTX-HCI');
    assert.equal(plan.datacenter, 'SMTX-HCI-DC');
    assert.equal(plan.networks.management.vlanId, 0);
    assert.deepEqual(plan.features, { boost: false, rdma: false });
    assert.deepEqual(
      r.defaults.map((d) => `${d.sheet}!${d.cell}`).sort(),
      [
        '主机规划!J3',
        '主机规划!K3',
        '主机规划!L19',
        '主机规划!M19',
        '集群管理信息!G3',
        '文档描述!C15',
        '文档描述!C17',
        '虚拟网络!F4',
        '虚拟网络!F6',
        '主机规划!O19',
      ].sort(),
    );
    assert.ok(!JSON.stringify(r.defaults).includes('HC!r0cks'), 'default passwords are not shown');
  });

  test('extra management network hosts the components', () => {
    const r = check({
      '虚拟网络!F5': 30,
      '虚拟网络!H5': '10.0.30.0/24',
      '虚拟网络!I5': '10.0.30.1',
      '集群管理信息!E3': '10.0.30.2',
      '集群管理信息!E4': '10.0.30.3',
    });
    assert.deepEqual(r.errors, []);
    const extra = r.plan!.networks.extraManagement!;
    assert.deepEqual(
      [extra.vdsName, extra.vlanId, extra.subnet, extra.nics],
      ['vDS-MgMt-Network', 30, '10.0.30.0/24', ['ens224', 'ens192']],
    );
  });

  test('a complete backup network row is read', () => {
    const r = check({ '虚拟网络!F7': 100, '虚拟网络!H7': '10.0.40.0/24' });
    assert.deepEqual(r.errors, []);
    const b = r.plan!.networks.backup!;
    assert.deepEqual(
      [b.vdsName, b.vlanId, b.subnet, b.nics, b.bondMode],
      ['vDS-Backup-Network', 100, '10.0.40.0/24', ['ens162'], 'active-backup'],
    );
  });

  test('存储独立 puts the business VLANs on the management VDS and warns about row 8', () => {
    const r = check({ '主机规划!Q20': '存储独立' });
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan!.networkArchitecture, 'storage-separate');
    assert.equal(r.plan!.networks.businessVds, undefined);
    assert.ok(
      r.plan!.networks.business.every(
        (b) => b.vdsName === 'vDS-MgMt-Network' && b.bondMode === 'active-backup',
      ),
    );
    assert.ok(r.warnings.some((w) => w.cell === 'C8' && w.rule === 'business-vds-ignored'));
  });

  test('overlapping subnets are a warning, not an error', () => {
    const r = check({ '虚拟网络!H9': '10.1.20.0/23', '虚拟网络!I9': '10.1.21.1' });
    assert.deepEqual(r.errors, []);
    assert.ok(r.warnings.some((w) => w.cell === 'H9' && w.rule === 'subnet-overlap'));
  });

  test('ER outside the management networks is a warning', () => {
    const r = check({ '集群管理信息!E6': '10.0.99.9' });
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan!.er.vip, '10.0.99.9');
    assert.ok(r.warnings.some((w) => w.cell === 'E6' && w.rule === 'ip-in-subnet'));
  });

  test('fewer than 3 hosts can be allowed for a lab', () => {
    const r = withCells(wb, { ...clearHostRow(5), ...clearHostRow(6) }, () =>
      readPlanFromWorkbook(wb, { allowSmallCluster: true }),
    );
    assert.deepEqual(r.errors, []);
    assert.ok(r.warnings.some((w) => w.rule === 'host-count'));
  });

  test('non-ASCII password warns', () => {
    const r = check({ '主机规划!M19': 'HC！r0cks' });
    assert.deepEqual(r.errors, []);
    assert.ok(r.warnings.some((w) => w.cell === 'M19' && w.rule === 'password-charset'));
    assert.equal(r.plan!.fisheye.password.reveal(), 'HC！r0cks', 'passwords are not NFKC-folded');
  });

  test('the template is unchanged after all mutations', () => {
    const r = readPlanFromWorkbook(wb);
    assert.deepEqual(r.errors, []);
    assert.equal(r.plan?.hosts.length, 4);
  });
});
