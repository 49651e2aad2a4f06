// 集群管理信息!G3 (CloudTower root password): empty keeps the factory default, now with a warning that
// names the cell in both languages; a filled G3 is used as is, without that warning.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Workbook } from 'exceljs';
import { localizeIssue, readPlanFromWorkbook } from '../../src/plan/index.js';
import { sampleWorkbook, withCells } from './helpers.js';

let wb: Workbook;
before(async () => {
  wb = await sampleWorkbook();
});

test('empty G3: the factory default, a default note and a warning naming the cell', () => {
  const r = withCells(wb, { '集群管理信息!G3': null }, () => readPlanFromWorkbook(wb));
  assert.deepEqual(r.errors, []);
  assert.equal(r.plan?.cloudtower.rootPassword.reveal(), 'HC!r0cks');
  const warning = r.warnings.find((w) => w.rule === 'cloudtower-password-default');
  assert.ok(warning, 'a warning for G3');
  assert.equal(`${warning.sheet}!${warning.cell}`, '集群管理信息!G3');
  assert.equal(warning.severity, 'warning');
  const en = localizeIssue(warning, 'en');
  const zh = localizeIssue(warning, 'zh');
  assert.match(en.message, /集群管理信息!G3.*factory default/);
  assert.match(zh.message, /集群管理信息!G3.*出厂默认密码/);
  assert.ok(!JSON.stringify([r.warnings, r.defaults]).includes('HC!r0cks'), 'no password in the issues');
  assert.ok(r.defaults.some((d) => `${d.sheet}!${d.cell}` === '集群管理信息!G3'));
});

test('filled G3: used as is, no warning', () => {
  const r = withCells(wb, { '集群管理信息!G3': 'Tower#Pw-1' }, () => readPlanFromWorkbook(wb));
  assert.deepEqual(r.errors, []);
  assert.equal(r.plan?.cloudtower.rootPassword.reveal(), 'Tower#Pw-1');
  assert.ok(!r.warnings.some((w) => w.rule === 'cloudtower-password-default'));
});
