import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { describe, it } from 'node:test';
import { renderActivity, renderRunView, renderSummary } from '../../src/cli/render.js';
import type { RunView } from '../../src/report/run-view.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';
import { initialProgress } from '../../src/run/stages.js';
import { describeFailure } from '../../src/activities/support/failures.js';
import { SmartxHttpError } from '../../src/smartx/index.js';
import { afterRetriesEnded } from '../../src/workflows/describe-error.js';

describe('the operator view (watch/status)', () => {
  it('draws an upload progress bar with bytes and rate from heartbeat details', () => {
    const line = renderActivity(
      {
        activity: 'uploadCloudTowerIso',
        attempt: 2,
        workflow: 'w',
        details: {
          percent: 50,
          bytesSent: 4 * 2 ** 30,
          bytesTotal: 8 * 2 ** 30,
          bytesPerSecond: 110 * 2 ** 20,
        },
      },
      'en',
    );
    assert.match(line, /uploadCloudTowerIso \(attempt 2\)/);
    assert.match(line, /\[#{12}\.{12}\]  50\.0%/);
    assert.match(line, /4\.0 GiB \/ 8\.0 GiB/);
    assert.match(line, /110\.0 MiB\/s/);
  });

  it('shows the installer log offset and last line', () => {
    const line = renderActivity(
      {
        activity: 'installCloudTower',
        attempt: 1,
        workflow: 'w',
        details: { logOffset: 2048, lastLine: 'deploying harbor' },
      },
      'zh',
    );
    assert.match(line, /日志 2\.0 KiB/, 'the word in the operator\'s language (issue 23: not "log 58 B")');
    assert.match(line, /deploying harbor/);
  });

  it('says what the run waits for and how to answer, in both languages', () => {
    const progress = initialProgress('CN-01');
    progress.phase = 'awaiting-approval:obs';
    progress.awaitingApproval = 'obs';
    progress.stages[7].status = 'awaiting-approval';
    const view: RunView = { workflowId: 'bringup-CN-01', status: 'RUNNING', progress, activities: [] };
    assert.match(renderRunView(view, 'en'), /npx --offline hci-bringup approve bringup-CN-01 obs/);
    assert.match(renderRunView(view, 'zh'), /等待批准 obs/);
    progress.phase = 'failed:deploy-cluster';
    progress.awaitingApproval = undefined;
    assert.match(renderRunView(view, 'en'), /npx --offline hci-bringup retry bringup-CN-01/);
  });

  it('ends with a summary of what was created, serials, report, warnings and times per stage', () => {
    const summary: BringUpSummary = {
      clusterName: 'CN-01',
      outcome: 'succeeded',
      created: { 'CloudTower VM': 'cloudtower abc (created)' },
      serials: { cluster: 'SER-1' },
      addresses: { 'cluster VIP': '10.0.20.10' },
      warnings: ['IPMI account of node-01 not accepted'],
      stages: [{ id: 'prepare', status: 'done', seconds: 1.5 }],
      totalSeconds: 12.3,
      inspectionReport: { path: '/tmp/r.zip', sha256: 'ab'.repeat(32), bytes: 2048 },
    };
    const en = renderSummary(summary, 'en');
    assert.match(en, /Bring-up summary: CN-01 — succeeded \(12\.3 s\)/);
    assert.match(en, /CloudTower VM: cloudtower abc \(created\)/);
    assert.match(en, /cluster: SER-1/);
    assert.match(en, /inspection report: \/tmp\/r\.zip/);
    assert.match(en, /! IPMI account of node-01/);
    assert.match(en, /1\.5 s/);
    const zh = renderSummary(summary, 'zh');
    assert.match(zh, /部署总结/);
    assert.match(zh, /CloudTower 虚拟机: cloudtower abc/);
    assert.match(zh, /集群 VIP: 10\.0\.20\.10/);
  });

  it("says a failed step, its error, notes and warnings in the operator's language (issue 14)", () => {
    const rejected = describeFailure(
      'createCloudTowerVm',
      new SmartxHttpError({
        kind: 'bad-request',
        endpoint: 'GET https://127.1.0.100/api/v2/vms',
        status: 400,
        ec: 'EINVALID_ARGUMENT',
        remoteMessage: 'unsupported filter',
      }),
    );
    const progress = initialProgress('CN-01');
    progress.phase = 'failed:deploy-cloudtower';
    progress.stages[2] = { ...progress.stages[2], status: 'skipped' };
    const stage = progress.stages[3];
    stage.status = 'failed';
    stage.step = 'create-vm';
    stage.error = `deploy-cloudtower/create-vm: ${afterRetriesEnded(rejected.message)}`;
    progress.warnings = ['VMTools (SVT) ISO not found in the package directory: not uploaded'];
    const view: RunView = {
      workflowId: 'bringup-CN-01',
      status: 'RUNNING',
      progress,
      activities: [
        {
          activity: 'deployClusterFromPlan',
          attempt: 1,
          workflow: 'w',
          details: { stage_info: 'deploy_elf' },
        },
      ],
    };
    const zh = renderRunView(view, 'zh');
    assert.match(zh, /部署 CloudTower +失败 .*创建 CloudTower 虚拟机/);
    assert.match(
      zh,
      /创建 CloudTower 虚拟机 \(deploy-cloudtower\/create-vm\)：设备拒绝了请求（创建 CloudTower 虚拟机：.*unsupported filter）。处理：检查生成该请求的规划表取值。/,
    );
    assert.match(zh, /配置集群 +跳过/);
    assert.match(zh, /! 安装包目录中没有 VMTools \(SVT\) ISO：未上传/);
    assert.match(zh, /· 部署集群 — deployClusterFromPlan +部署 ELF 计算 \(deploy_elf\)/);
    assert.doesNotMatch(zh, /\[\[msg:|Fix:|rejected the request|not uploaded/);
    const en = renderRunView(view, 'en');
    assert.match(en, /deploy CloudTower +failed .*create the CloudTower VM/);
    assert.match(en, /Fix: the appliance rejected the request/);
    assert.doesNotMatch(en, /\[\[msg:/);
    // Columns by display width: the status column starts at the same terminal column on every row.
    // (The mark is outside the table: terminals draw ✖ one column wide, so measure after it.)
    const rows = zh.split('\n').filter((l) => /^ [ ✔✖>?-] \S/.test(l) && !/状态/.test(l));
    const col = (l: string) =>
      stringWidth(l.slice(3, l.search(/ (等待|失败|跳过|完成|进行中|等待批准)( |$)/)));
    assert.ok(rows.length >= 9, zh);
    assert.equal(new Set(rows.map(col)).size, 1, `status column aligned:\n${rows.join('\n')}`);
  });

  it("says the summary's notes, keys and statuses in Chinese", () => {
    const summary: BringUpSummary = {
      clusterName: 'CN-01',
      outcome: 'succeeded',
      created: { 'VMTools ISO': 'x.iso (uploaded)' },
      serials: {},
      addresses: {},
      warnings: [],
      stages: [
        { id: 'deploy-cloudtower', status: 'done', seconds: 80, note: 'installer installed' },
        { id: 'observability', status: 'skipped', note: 'skipped (operator signal)' },
        { id: 'backup', status: 'skipped', note: 'no address for it in the workbook' },
      ],
      totalSeconds: 100,
    };
    const zh = renderSummary(summary, 'zh');
    assert.match(zh, /4 部署 CloudTower +完成 +1m20s +安装程序：已安装/);
    assert.match(zh, /可观测性 \(OBS\) +跳过 +已跳过（操作员决定）/);
    assert.match(zh, /备份 +跳过 +规划表中没有该组件的地址/);
    assert.match(zh, /VMTools 镜像: x\.iso/);
    assert.doesNotMatch(zh, /operator signal|installer installed|skipped|done/);
  });
});
