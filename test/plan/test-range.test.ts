// The test IP range (集群管理信息!E18–E19) as stage 09 reads it: inside one planned subnet
// (management or a business network), with a free address for each test VM, skipping every address
// the plan uses elsewhere; errors name the cells.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Workbook } from 'exceljs';
import { readPlanFromWorkbook } from '../../src/plan/index.js';
import { sampleWorkbook, withCells } from './helpers.js';

describe('test IP range', () => {
  let wb: Workbook;
  before(async () => {
    wb = await sampleWorkbook();
  });
  const read = (cells: Record<string, string | null>) => withCells(wb, cells, () => readPlanFromWorkbook(wb));
  const errorsOf = (r: ReturnType<typeof readPlanFromWorkbook>) =>
    r.errors.map((e) => `${e.sheet}!${e.cell} ${e.rule}`);

  it('the sample plan: the first two addresses of the range, on the management network', () => {
    const r = read({});
    assert.deepEqual(r.errors, []);
    const range = r.plan!.testIpRange!;
    assert.deepEqual(range.addresses, ['127.1.2.1', '127.1.2.2']);
    assert.equal(range.network?.role, 'management');
    assert.equal(range.network?.subnet, '127.1.0.0/16');
  });

  it('skips the addresses the plan gives to the VIP and the hosts (a warning), keeps the free ones', () => {
    const r = read({ '集群管理信息!E18': '127.1.0.10', '集群管理信息!E19': '127.1.0.15' });
    assert.deepEqual(errorsOf(r), []);
    assert.deepEqual(r.plan!.testIpRange!.addresses, ['127.1.0.14', '127.1.0.15']);
    assert.ok(r.warnings.some((w) => w.rule === 'test-range-conflict'));
  });

  it('a range with fewer free addresses than test VMs is an error at E19', () => {
    const r = read({ '集群管理信息!E18': '127.1.0.10', '集群管理信息!E19': '127.1.0.14' });
    assert.deepEqual(errorsOf(r), ['集群管理信息!E19 test-range-size']);
    assert.match(JSON.stringify(r.errors[0].message), /2 test VMs/);
    assert.match(JSON.stringify(r.errors[0]), /E18–E19/, 'the fix names the cells');
  });

  it('a range inside a business network puts the test VMs on that network', () => {
    const ws = wb.getWorksheet('虚拟网络')!;
    const subnet = ws.getCell('H8').text; // e.g. 127.11.0.0/24
    const base = subnet.split('/')[0].split('.').slice(0, 3).join('.');
    const r = read({ '集群管理信息!E18': `${base}.50`, '集群管理信息!E19': `${base}.60` });
    assert.deepEqual(errorsOf(r), []);
    const range = r.plan!.testIpRange!;
    assert.equal(range.network?.role, 'business');
    assert.equal(range.network?.networkName, ws.getCell('D8').text);
    assert.deepEqual(range.addresses, [`${base}.50`, `${base}.51`]);
  });

  it('a range whose ends lie in different subnets is an error naming the cell outside', () => {
    const r = read({ '集群管理信息!E18': '127.1.2.1', '集群管理信息!E19': '127.250.0.9' });
    assert.deepEqual(errorsOf(r), ['集群管理信息!E19 test-range-subnet']);
  });
});
