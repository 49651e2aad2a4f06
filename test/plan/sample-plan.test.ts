import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  loadPlan,
  loadWorkbookFile,
  readPlanFromWorkbook,
  sampleAddresses,
  writeSamplePlan,
} from '../../src/plan/index.js';
import type { SamplePlanOptions } from '../../src/plan/index.js';
import { withCells } from './helpers.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'plan-sample-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const variants: SamplePlanOptions[] = [
  { hosts: 3, networkArchitecture: 'three-separate', storageArchitecture: 'hybrid-tiered' },
  {
    hosts: 4,
    networkArchitecture: 'storage-separate',
    storageArchitecture: 'all-flash-untiered',
    boost: true,
  },
  {
    hosts: 16,
    networkArchitecture: 'three-separate',
    storageArchitecture: 'all-flash-untiered',
    businessNetworks: 11,
  },
];

for (const opts of variants) {
  test(`sample plan ${opts.hosts} hosts ${opts.networkArchitecture} ${opts.storageArchitecture} is valid and all loopback`, async () => {
    const file = path.join(dir, `sample-${opts.hosts}-${opts.networkArchitecture}.xlsx`);
    await writeSamplePlan(file, opts);
    const { plan, errors, warnings, defaults } = await loadPlan(file);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.deepEqual(defaults, []);
    assert.ok(plan);
    assert.equal(plan.simulation, true);
    assert.equal(plan.hosts.length, opts.hosts);
    assert.equal(plan.networkArchitecture, opts.networkArchitecture);
    assert.equal(plan.storageArchitecture, opts.storageArchitecture);
    assert.equal(plan.features.boost, opts.boost ?? false);
    assert.equal(plan.networks.business.length, opts.businessNetworks ?? 2);

    const machines = [
      plan.vip,
      plan.cloudtower.ip,
      plan.obs.ip!,
      plan.backup.ip!,
      ...plan.hosts.flatMap((h) => [h.managementIp, h.storageIp, h.bmc.ip]),
    ];
    const everything = [
      ...machines,
      plan.networks.management.gateway,
      ...plan.ntpServers,
      ...plan.dnsServers,
    ];
    assert.ok(
      everything.every((ip) => ip.startsWith('127.')),
      'every address is loopback',
    );
    assert.equal(new Set(machines).size, machines.length, 'each machine has its own address');
    assert.deepEqual(plan.hosts[0].managementIp, sampleAddresses(opts.hosts).hosts[0].managementIp);
  });
}

test('a loopback address is accepted only when the whole plan is loopback', async () => {
  const file = path.join(dir, 'sample-mixed.xlsx');
  await writeSamplePlan(file, variants[0]);
  const wb = await loadWorkbookFile(file);
  const mixed = withCells(wb, { '集群管理信息!E22': '10.0.0.2' }, () => readPlanFromWorkbook(wb));
  assert.ok(
    mixed.errors.some((e) => e.rule === 'reserved-address' && e.sheet === '集群管理信息' && e.cell === 'E3'),
  );
  assert.equal(mixed.plan, undefined);
});

test('writeSamplePlan rejects impossible options', async () => {
  const file = path.join(dir, 'never.xlsx');
  await assert.rejects(writeSamplePlan(file, { ...variants[0], hosts: 2 }), RangeError);
  await assert.rejects(writeSamplePlan(file, { ...variants[0], hosts: 17 }), RangeError);
  await assert.rejects(writeSamplePlan(file, { ...variants[0], businessNetworks: 0 }), RangeError);
});
