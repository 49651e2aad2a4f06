import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderActivity, renderRunView, renderSummary } from '../../src/cli/render.js';
import type { RunView } from '../../src/cli/run-view.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';
import { initialProgress } from '../../src/run/stages.js';

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
    assert.match(line, /log 2\.0 KiB/);
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
});
