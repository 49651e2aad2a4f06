// Issue 14 item 9: an empty password cell that falls back to a default is a warning naming the sheet
// and cell and saying that the appliance's factory default will be used (never the value itself).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Workbook } from 'exceljs';
import { localizeIssue, readPlanFromWorkbook } from '../../src/plan/index.js';
import { sampleWorkbook, withCells } from './helpers.js';

let wb: Workbook;
before(async () => {
  wb = await sampleWorkbook();
});

test('empty Fisheye password 主机规划!M19: a warning naming the cell and the factory default', () => {
  const r = withCells(wb, { '主机规划!M19': null }, () => readPlanFromWorkbook(wb));
  assert.deepEqual(r.errors, []);
  const warning = r.warnings.find((w) => w.rule === 'password-default');
  assert.ok(warning, JSON.stringify(r.warnings));
  assert.equal(`${warning.sheet}!${warning.cell}`, '主机规划!M19');
  assert.equal(warning.severity, 'warning');
  const en = localizeIssue(warning, 'en');
  const zh = localizeIssue(warning, 'zh');
  assert.equal(
    en.message,
    "主机规划!M19 (cluster admin (Fisheye) password) is empty: the appliance's factory default will be used",
  );
  assert.match(zh.message, /^主机规划!M19（集群管理员密码）为空：将使用设备的出厂默认密码$/);
  assert.ok(!JSON.stringify(r.warnings).includes('HC!r0cks'), 'no password in the warning');
});

test("empty SSH password of a host row: the warning names that row's cell", () => {
  const r = withCells(wb, { '主机规划!K4': null }, () => readPlanFromWorkbook(wb));
  assert.deepEqual(r.errors, []);
  const warning = r.warnings.find((w) => w.rule === 'password-default' && w.cell === 'K4');
  assert.ok(warning, JSON.stringify(r.warnings));
  assert.match(
    localizeIssue(warning, 'en').message,
    /^主机规划!K4 \(SSH password\) is empty: .*factory default/,
  );
});

test('filled password cells: no such warning', () => {
  const r = readPlanFromWorkbook(wb);
  assert.ok(!r.warnings.some((w) => w.rule === 'password-default'));
});
