// Issue 14: a run whose optional component failed is said as such (summary, phase, exit code), and
// the answer of the `retry` Update is printed in the operator's language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAnswerText } from '../../src/cli/commands/retry.js';
import { phaseLabel, renderRunView, renderSummary } from '../../src/cli/render.js';
import type { RunView } from '../../src/report/run-view.js';
import { exitCodeOf } from '../../src/cli/follow-run.js';
import { initialProgress } from '../../src/run/stages.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';

const withFailures: BringUpSummary = {
  clusterName: 'CN-01',
  outcome: 'completed-with-failures',
  created: {},
  serials: {},
  addresses: {},
  warnings: [],
  stages: [{ id: 'observability', status: 'failed', seconds: 3 }],
  totalSeconds: 40,
  failures: [{ stage: 'observability', component: 'obs', error: 'observability: no IP left for OBS' }],
};

describe('completed with failures', () => {
  it('has its own exit code, apart from success, failure and waiting for retry', () => {
    const closed = (summary: BringUpSummary): RunView => ({
      workflowId: 'w',
      status: 'COMPLETED',
      activities: [],
      summary,
    });
    assert.equal(exitCodeOf(closed(withFailures)), 4);
    assert.equal(exitCodeOf(closed({ ...withFailures, outcome: 'succeeded', failures: [] })), 0);
    assert.equal(exitCodeOf(closed({ ...withFailures, outcome: 'failed' })), 1);
    const progress = initialProgress('CN-01');
    progress.phase = 'failed:observability';
    assert.equal(exitCodeOf({ workflowId: 'w', status: 'RUNNING', activities: [], progress }), 3);
  });

  it('the summary says what failed and what to do, in both languages, without "retried automatically"', () => {
    const en = renderSummary(withFailures, 'en');
    assert.match(en, /Bring-up summary: CN-01 — completed with failures/);
    assert.match(en, /needs attention/);
    // The stage is named once, in words (the stored `observability: ` prefix is not repeated).
    assert.match(en, /✖ 7 Observability \(OBS\): no IP left for OBS/);
    assert.match(en, /start --plan <workbook> --obs auto/);
    assert.doesNotMatch(en, /retried automatically/);
    const zh = renderSummary(withFailures, 'zh');
    assert.match(zh, /完成但需关注/);
    assert.match(zh, /--obs auto/);
    assert.equal(phaseLabel('done-with-failures', 'zh'), '结束，需关注 (有组件失败)');
    assert.equal(phaseLabel('done-with-failures', 'en'), 'completed with failures');
  });

  it('while a failed component waits, the view says retry reruns it and skip leaves it failed', () => {
    const progress = initialProgress('CN-01');
    progress.phase = 'failed:observability';
    progress.retryable = { kind: 'components', components: ['obs'], stages: ['observability'] };
    const view: RunView = { workflowId: 'bringup-CN-01', status: 'RUNNING', progress, activities: [] };
    assert.match(renderRunView(view, 'en'), /retry bringup-CN-01 reruns obs; or .* skip bringup-CN-01/);
    assert.match(renderRunView(view, 'zh'), /retry bringup-CN-01 重跑 obs/);
  });

  it('prints what the retry Update restarted', () => {
    assert.equal(
      retryAnswerText('w', { kind: 'stage', stage: 'configure-cluster', failedStep: 'ipmi-accounts' }, 'en'),
      // The step in words too (issue 14 item 3), its code name kept to find it in the Web UI.
      'w: restarted stage "configure cluster" from its first step (it failed at step "set the IPMI accounts", ipmi-accounts)',
    );
    assert.match(
      retryAnswerText('w', { kind: 'components', components: ['obs'], stages: ['observability'] }, 'zh'),
      /已重新运行组件 obs（可观测性 \(OBS\)）/,
    );
  });
});
