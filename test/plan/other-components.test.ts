// Issue 23 point 10: the workbook's Everoute (ER), SFS and SKS rows, which no documented API deploys,
// reach the summary and the report as manual follow-up steps with what the workbook planned for each.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Workbook } from 'exceljs';
import { readPlanFromWorkbook } from '../../src/plan/index.js';
import { manualSteps } from '../../src/run/manual-steps.js';
import { renderSummary } from '../../src/cli/render.js';
import { renderReport } from '../../src/report/render.js';
import { buildReport } from '../../src/report/build.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';
import { sampleWorkbook, withCells } from './helpers.js';

let wb: Workbook;
before(async () => {
  wb = await sampleWorkbook();
});

const PLANNED = {
  '集群管理信息!E6': '127.1.1.20',
  '集群管理信息!E7': '127.1.1.21',
  '集群管理信息!E8': '127.1.1.22',
  '集群管理信息!B12': 'SFS',
  '集群管理信息!D12': '1.1.0',
  '集群管理信息!E12': '127.1.1.30',
  '集群管理信息!L12': '4vCPU\\16GB-Mem\\100GB Disk',
  '集群管理信息!B13': 'SKS',
  '集群管理信息!E13': '127.1.1.31',
};

test('the rows are read as planned, without validating them, and become manual steps', () => {
  const r = withCells(wb, PLANNED, () => readPlanFromWorkbook(wb));
  assert.deepEqual(r.errors, []);
  const plan = r.plan!;
  assert.deepEqual(plan.otherComponents, [
    {
      kind: 'sfs',
      name: 'SFS',
      row: 12,
      version: '1.1.0',
      ip: '127.1.1.30',
      size: '4vCPU\\16GB-Mem\\100GB Disk',
    },
    { kind: 'sks', name: 'SKS', row: 13, ip: '127.1.1.31' },
  ]);
  const steps = manualSteps(plan);
  assert.deepEqual(
    steps.map((s) => [s.kind, s.row, s.planned.map((p) => `${p.what}=${p.value}`)]),
    [
      ['everoute', 6, ['vip=127.1.1.20', 'controllers=127.1.1.21, 127.1.1.22']],
      ['sfs', 12, ['ip=127.1.1.30', 'version=1.1.0', 'size=4vCPU\\16GB-Mem\\100GB Disk']],
      ['sks', 13, ['ip=127.1.1.31']],
    ],
  );
  // A workbook planning none of them: no manual step, no field.
  const none = readPlanFromWorkbook(wb).plan!;
  assert.equal(none.otherComponents, undefined);
  assert.deepEqual(manualSteps(none), []);
});

test('the summary and the report list them as manual follow-up steps, in zh and en', () => {
  const plan = withCells(wb, PLANNED, () => readPlanFromWorkbook(wb)).plan!;
  const summary: BringUpSummary = {
    clusterName: plan.clusterName,
    outcome: 'succeeded',
    created: {},
    serials: {},
    addresses: {},
    warnings: [],
    stages: [],
    totalSeconds: 1,
    manualSteps: manualSteps(plan),
  };
  const zh = renderSummary(summary, 'zh');
  assert.match(zh, /需人工完成（没有文档化的 API 可部署它们；以下为规划表中的计划）:/);
  assert.match(
    zh,
    /☐ Everoute \(ER\)（集群管理信息 第 6 行）: VIP 地址 127\.1\.1\.20；控制器 127\.1\.1\.21, 127\.1\.1\.22 — 按 SmartX 产品文档手动部署/,
  );
  assert.match(zh, /☐ SFS（集群管理信息 第 12 行）: IP 地址 127\.1\.1\.30；版本 1\.1\.0；规格 4vCPU/);
  assert.match(zh, /☐ SKS（集群管理信息 第 13 行）: IP 地址 127\.1\.1\.31/);
  const en = renderSummary(summary, 'en');
  assert.match(
    en,
    /to do by hand .*:\n {2}☐ Everoute \(ER\) \(集群管理信息 row 6\): VIP 127\.1\.1\.20; controllers/,
  );

  // The report of a run in flight reads them from the run's input (no summary yet).
  const input = { plan: JSON.parse(JSON.stringify(plan)) as unknown };
  const facts = {
    input,
    steps: [],
    phaseChanges: [],
    signals: [],
    writeBacks: [],
    checks: [],
    passwords: [],
    scans: [],
  };
  const { report } = buildReport({
    workflowId: 'bringup-x',
    status: 'RUNNING',
    main: facts as never,
    children: [],
    nowMs: Date.now(),
  });
  const html = renderReport(report, { lang: 'zh' });
  assert.match(html, /<h2>人工后续步骤<\/h2>/);
  assert.match(
    html,
    /<td>SFS（集群管理信息 第 12 行）<\/td><td>IP 地址 127\.1\.1\.30；版本 1\.1\.0；规格 4vCPU\\16GB-Mem\\100GB Disk<\/td>/,
  );
  assert.match(html, /<td>SKS（集群管理信息 第 13 行）<\/td>/);
  assert.match(html, /Everoute \(ER\)/);
});
