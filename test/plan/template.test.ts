import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { loadPlan, planSummary, Secret } from '../../src/plan/index.js';
import { customerWorkbookPath, needsCustomerWorkbook } from '../helpers/customer-workbook.js';

test('the real template parses to the values it holds', needsCustomerWorkbook(), async () => {
  const result = await loadPlan(customerWorkbookPath());
  assert.deepEqual(result.errors, []);
  const plan = result.plan;
  assert.ok(plan);
  assert.equal(plan.clusterName, 'CN-BJ-SMTX-Prod-Cls01');
  assert.equal(plan.vip, '10.0.20.10');
  assert.equal(plan.networkArchitecture, 'three-separate');
  assert.equal(plan.labels.networkArchitecture, '三网独立');
  assert.equal(plan.storageArchitecture, 'hybrid-tiered');
  assert.deepEqual(plan.features, { boost: true, rdma: false });
  assert.equal(plan.simulation, false);

  assert.equal(plan.hosts.length, 4);
  assert.deepEqual(
    plan.hosts.map((h) => [
      h.row,
      h.hostname,
      h.managementIp,
      h.storageIp,
      h.bmc.ip,
      h.bmc.user,
      h.ssh.user,
      h.rack,
      h.unit,
    ]),
    [
      [3, 'BJ-SMTX-Prod-Node-01', '10.0.20.11', '10.0.21.11', '10.0.19.11', 'root', 'smartx', 'A01', '1'],
      [4, 'BJ-SMTX-Prod-Node-02', '10.0.20.12', '10.0.21.12', '10.0.19.12', 'root', 'smartx', 'A01', '3'],
      [5, 'BJ-SMTX-Prod-Node-03', '10.0.20.13', '10.0.21.13', '10.0.19.13', 'root', 'smartx', 'A02', '1'],
      [6, 'BJ-SMTX-Prod-Node-04', '10.0.20.14', '10.0.21.14', '10.0.19.14', 'root', 'smartx', 'A02', '3'],
    ],
  );
  // The BMC password cells are hyperlinks (mailto:) in the template: their text is the password.
  assert.equal(plan.hosts[0].bmc.password.reveal(), 'P@ssw0rd!123');
  assert.equal(plan.hosts[0].ssh.password.reveal(), 'HC!r0cks');

  const { management, storage, business, businessVds, extraManagement, backup } = plan.networks;
  assert.deepEqual(
    [
      management.vdsName,
      management.networkName,
      management.vlanId,
      management.subnet,
      management.gateway,
      management.nics,
      management.bondMode,
    ],
    ['vDS-MgMt-Network', 'default', 0, '10.0.20.0/24', '10.0.20.1', ['ens224', 'ens192'], 'active-backup'],
  );
  assert.deepEqual(
    [storage.vdsName, storage.vlanId, storage.subnet, storage.gateway, storage.nics],
    ['vDS-Storage-Network', 0, '10.0.21.0/24', '10.0.21.1', ['ens256', 'ens161']],
  );
  assert.equal(extraManagement, undefined);
  assert.equal(backup, undefined);
  assert.deepEqual(businessVds, {
    name: 'vDS-Prod-Network',
    nics: ['ens225', 'ens257'],
    bondMode: 'balance-slb',
  });
  assert.equal(business.length, 11);
  assert.deepEqual(
    business.map((b) => b.vlanId),
    Array.from({ length: 11 }, (_, i) => 1120 + i),
  );
  assert.deepEqual(
    [business[0].networkName, business[0].subnet, business[0].gateway],
    ['VLAN-1120', '10.1.20.0/24', '10.1.20.1'],
  );
  assert.ok(business.every((b) => b.vdsName === 'vDS-Prod-Network'));

  assert.deepEqual(plan.fisheye.user, 'root');
  assert.equal(plan.fisheye.password.reveal(), 'HC!r0cks');
  assert.equal(plan.cloudtower.ip, '10.0.20.2');
  assert.equal(plan.cloudtower.rootPassword.reveal(), 'HC!r0cks');
  assert.equal(plan.cloudtower.serial, '15271df9-90d3-4092-9b02-3f4261521e56');
  assert.equal(plan.obs.ip, '10.0.20.3');
  assert.equal(plan.backup.ip, '10.0.20.4');
  assert.deepEqual(plan.er, { controllers: [] });
  assert.deepEqual(plan.ntpServers, ['10.0.0.2', 'ntp.c89.fun']);
  assert.deepEqual(plan.dnsServers, ['10.0.0.114', '10.0.0.1']);
  // Stage 09 takes the range's network and its first free addresses (PAT, FIO) from the plan.
  assert.deepEqual(plan.testIpRange, {
    start: '10.0.20.231',
    end: '10.0.20.239',
    network: {
      role: 'management',
      row: 4,
      networkName: 'default',
      vlanId: 0,
      subnet: '10.0.20.0/24',
      gateway: '10.0.20.1',
    },
    addresses: ['10.0.20.231', '10.0.20.232'],
  });
  assert.equal(plan.organization, '八九实验室');
  assert.equal(plan.datacenter, 'C89-LAB');
  assert.equal(plan.clusterSerial, undefined);

  // Every cell is filled in the template: no default applied.
  assert.deepEqual(result.defaults, []);
  // What the template itself gets warned about (documented in docs/plan.md).
  assert.deepEqual(
    result.warnings.map((w) => `${w.sheet}!${w.cell} ${w.rule}`).sort(),
    [
      '主机规划!E3 bmc-subnet',
      '主机规划!E4 bmc-subnet',
      '主机规划!E5 bmc-subnet',
      '主机规划!E6 bmc-subnet',
      '虚拟网络!F7 backup-network-incomplete',
      '集群管理信息!E23 ntp-count',
    ].sort(),
  );
});

test('secrets never appear in logs, JSON or the summary', needsCustomerWorkbook(), async () => {
  const { plan } = await loadPlan(customerWorkbookPath());
  assert.ok(plan);
  const s = new Secret('P@ssw0rd!123');
  assert.equal(String(s), '******');
  // The lint rule forbids this in production code (good); here it is the point of the test.
  // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
  assert.equal(`${s}`, '******');
  assert.equal(JSON.stringify({ s }), '{"s":"******"}');
  assert.equal(inspect(s), '******');
  assert.equal(inspect({ s }), '{ s: ****** }');
  assert.deepEqual(Object.keys(s), []);
  for (const text of [
    JSON.stringify(plan),
    inspect(plan, { depth: 10 }),
    JSON.stringify(planSummary(plan)),
  ]) {
    assert.ok(!text.includes('P@ssw0rd!123'), 'BMC password leaked');
    assert.ok(!text.includes('HC!r0cks'), 'password leaked');
  }
  const summary = JSON.stringify(planSummary(plan));
  assert.ok(!summary.includes('******'), 'the summary omits secrets instead of masking them');
  assert.ok(summary.includes('CN-BJ-SMTX-Prod-Cls01'));
});
