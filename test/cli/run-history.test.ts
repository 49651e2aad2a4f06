// What watch reads from a history: phase spans become stage times without operator waits, the
// approval timer gives the deadline, per-host steps give host rows; no password leaves the reader.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time.js';
import type { temporal } from '@temporalio/proto';
import { readRunHistory } from '../../src/report/run-history.js';
import { renderRunView } from '../../src/cli/render.js';
import type { RunView } from '../../src/report/run-view.js';
import { initialProgress } from '../../src/run/stages.js';

const T0 = Date.parse('2026-11-30T01:00:00Z');
const at = (s: number) => msToTs(T0 + s * 1000);
const json = (v: unknown): Payload => defaultPayloadConverter.toPayload(v);
const phase = (s: number, value: string) => ({
  eventTime: at(s),
  upsertWorkflowSearchAttributesEventAttributes: {
    searchAttributes: { indexedFields: { BringUpStage: json(value) } },
  },
});
const hosts = [
  {
    hostname: 'node-01',
    managementIp: '127.1.0.11',
    sshUser: 'smartx',
    password: { secretRef: 'plan:hosts.node-01.ssh.password', workbook: '/site/plan.xlsx' },
  },
  {
    hostname: 'node-02',
    managementIp: '127.1.0.12',
    sshUser: 'smartx',
    password: { secretRef: 'plan:hosts.node-02.ssh.password', workbook: '/site/plan.xlsx' },
  },
];

// A run: prepare 10 s, configure-cluster fails after 20 s, waits 300 s for retry, 15 s more,
// then waits 50 s for the obs approval (deadline 3600 s) which the operator skips.
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
// Plain numbers for event ids: the reader only compares them as text, as it does with Long ids.
const events = [
  {
    eventId: 1,
    eventTime: at(0),
    workflowExecutionStartedEventAttributes: {
      input: {
        payloads: [
          json({ components: { onApprovalTimeout: 'approve' }, plan: { obs: { ip: '127.1.1.3' } } }),
        ],
      },
      searchAttributes: { indexedFields: { BringUpStage: json('pending') } },
    },
  },
  phase(1, 'prepare'),
  {
    eventId: 5,
    eventTime: at(2),
    activityTaskScheduledEventAttributes: {
      activityType: { name: 'scanHosts' },
      input: { payloads: [json({ hosts })] },
    },
  },
  {
    eventId: 6,
    eventTime: at(5),
    activityTaskCompletedEventAttributes: {
      scheduledEventId: 5,
      result: { payloads: [json({ hosts: [{ hostname: 'node-01' }, { hostname: 'node-02' }] })] },
    },
  },
  phase(11, 'configure-cluster'),
  {
    eventId: 9,
    eventTime: at(12),
    activityTaskScheduledEventAttributes: {
      activityType: { name: 'setHostPasswords' },
      input: { payloads: [json({ hosts })] },
    },
  },
  {
    eventId: 10,
    eventTime: at(30),
    activityTaskFailedEventAttributes: {
      scheduledEventId: 9,
      failure: { message: 'set the passwords of node-02 failed' },
    },
  },
  phase(31, 'failed:configure-cluster'),
  { eventTime: at(331), workflowExecutionSignaledEventAttributes: { signalName: 'retry' } },
  phase(331, 'configure-cluster'),
  {
    eventId: 20,
    eventTime: at(332),
    activityTaskScheduledEventAttributes: {
      activityType: { name: 'setHostPasswords' },
      input: { payloads: [json({ hosts })] },
    },
  },
  {
    eventId: 21,
    eventTime: at(340),
    activityTaskCompletedEventAttributes: {
      scheduledEventId: 20,
      result: { payloads: [json({ changed: ['node-02'], alreadySet: ['node-01'] })] },
    },
  },
  phase(346, 'awaiting-approval:obs'),
  {
    eventTime: at(346),
    timerStartedEventAttributes: { timerId: '1', startToFireTimeout: msToTs(3600_000) },
  },
] as unknown as HistoryEvent[];

describe('reading a run history for watch', () => {
  it('stage times exclude the retry wait; the approval wait, deadline and fallback are known', async () => {
    const h = await readRunHistory(events, async (p) => p, T0 + 396_000);
    assert.equal(h.stageTimes.prepare?.workingSeconds, 10);
    assert.equal(h.stageTimes['configure-cluster']?.workingSeconds, 35);
    assert.equal(h.stageTimes['configure-cluster']?.retryWaitSeconds, 300);
    assert.equal(h.approvals.length, 1);
    assert.equal(h.approvals[0].component, 'obs');
    assert.equal(h.approvals[0].deadlineMs, T0 + 3946_000);
    assert.equal(h.approvals[0].toMs, undefined, 'still waiting');
    assert.equal(h.onApprovalTimeout, 'approve');
    assert.equal(h.componentIps.obs, '127.1.1.3');
    assert.deepEqual(
      h.hosts.map((r) => [r.hostname, r.managementIp, r.steps['scan-hosts'], r.steps['host-passwords']]),
      [
        ['node-01', '127.1.0.11', 'scanned', 'already-set'],
        ['node-02', '127.1.0.12', 'scanned', 'changed'],
      ],
    );
    assert.doesNotMatch(
      JSON.stringify(h),
      /secretRef/,
      'the inputs carry password references; the reader keeps none',
    );

    // The signal and the next phase close the wait with the operator's decision.
    const decided = await readRunHistory(
      [
        ...events,
        {
          eventTime: at(396),
          workflowExecutionSignaledEventAttributes: {
            signalName: 'skip',
            input: { payloads: [json('obs')] },
          },
        },
        phase(396, 'done'),
        { eventTime: at(397), workflowExecutionCompletedEventAttributes: {} },
      ],
      async (p) => p,
    );
    assert.equal(decided.approvals[0].outcome, 'skip');
    assert.equal(decided.approvals[0].toMs, T0 + 396_000);
    assert.equal(decided.closedAtMs, T0 + 397_000);
  });

  it('a wait stays open while other stages progress (overlapped); only its decision ends it (issue 23)', async () => {
    const overlapped = [...events, phase(350, 'backup'), phase(360, 'dashboard')] as HistoryEvent[];
    const now = T0 + 400_000;
    const h = await readRunHistory(overlapped, async (p) => p, now);
    assert.equal(h.approvals.length, 1);
    assert.equal(
      h.approvals[0].toMs,
      undefined,
      'still waiting for obs: another stage showing is no decision',
    );
    const progress = initialProgress('CN-01');
    progress.phase = 'dashboard';
    progress.awaitingApproval = 'obs';
    const view: RunView = {
      workflowId: 'bringup-CN-01',
      status: 'RUNNING',
      progress,
      activities: [],
      history: h,
    };
    const zh = renderRunView(view, 'zh', { live: false, nowMs: now });
    assert.doesNotMatch(zh, /批准等待 obs/, 'no finished wait line while the run still waits');
    assert.doesNotMatch(zh, /已决定/);
    assert.match(zh, /等待批准 obs: /);
    // Its timer fires: the wait ends then, decided by the deadline (not "decided" at 0.0 s).
    const timedOut = await readRunHistory(
      [...overlapped, { eventTime: at(3946), timerFiredEventAttributes: { timerId: '1' } }] as HistoryEvent[],
      async (p) => p,
      T0 + 3950_000,
    );
    assert.equal(timedOut.approvals[0].outcome, 'deadline');
    assert.equal(timedOut.approvals[0].toMs, T0 + 3946_000);
  });

  it('the hint after a failed component names it in the skip command (no placeholder to type)', () => {
    const progress = initialProgress('CN-01');
    progress.phase = 'failed:observability';
    progress.retryable = { kind: 'components', components: ['obs'], stages: ['observability'] };
    const view: RunView = { workflowId: 'bringup-CN-01', status: 'RUNNING', progress, activities: [] };
    const zh = renderRunView(view, 'zh', { live: false });
    assert.match(zh, /或 npx --offline hci-bringup skip bringup-CN-01 obs 接受失败并结束/);
    assert.doesNotMatch(zh, /组件>|<component>/);
    assert.match(
      renderRunView(view, 'en', { live: false }),
      /or npx --offline hci-bringup skip bringup-CN-01 obs to leave/,
    );
  });

  it('the console counts the deadline down on a terminal, shows it fixed in a log, in zh and en, aligned', async () => {
    const now = T0 + 396_000;
    const history = await readRunHistory(events, async (p) => p, now);
    const progress = initialProgress('CN-01');
    progress.phase = 'awaiting-approval:obs';
    progress.awaitingApproval = 'obs';
    progress.stages[0].status = 'done';
    progress.stages[2].status = 'done';
    progress.stages[7].status = 'awaiting-approval';
    const view: RunView = {
      workflowId: 'bringup-CN-01',
      status: 'RUNNING',
      progress,
      activities: [],
      history,
    };
    const live = renderRunView(view, 'en', { live: true, nowMs: now });
    assert.match(live, /deadline 2026-11-30 02:05:46Z \(59m10s left, then the run will approve\)/);
    assert.match(live, /skip would leave out stage 7, Observability \(127\.1\.1\.3\)/);
    assert.match(live, /configure cluster +done +35\.0 s +waited for retry 5m00s/);
    const log = renderRunView(view, 'en', { live: false, nowMs: now });
    assert.match(log, /deadline 2026-11-30 02:05:46Z \(then the run will approve\)/);
    assert.doesNotMatch(log, /left/);
    const zh = renderRunView(view, 'zh', { live: true, nowMs: now });
    assert.match(zh, /截止 2026-11-30 02:05:46Z \(剩余 59m10s，超时后将批准\)/);
    assert.match(zh, /skip 将跳过阶段 7 可观测性/);
    // Chinese cells are two columns wide: the status column starts at the same display column.
    const stringWidth = (await import('string-width')).default;
    const starts = zh
      .split('\n')
      .filter((l) => /^ [✔ ?] /.test(l) && /(完成|等待)/.test(l))
      .map((l) => stringWidth(l.slice(3, l.search(/完成|等待/))));
    assert.ok(starts.length >= 3);
    assert.equal(new Set(starts).size, 1, `aligned status column: ${starts.join(',')}`);
    assert.match(zh, /node-01 +127\.1\.0\.11 +已扫描 +已是规划密码/);
  });
});

describe('watch frames', () => {
  it('redraws in place on a terminal; in a log writes only the lines that changed', async () => {
    const { nextFrame } = await import('../../src/cli/follow-run.js');
    const tty = nextFrame('a\nb', ['a', 'old'], true);
    assert.ok(tty.startsWith('\x1b[H'), 'cursor home, no full clear');
    assert.match(tty, /a\x1b\[K\nb\x1b\[K\n\x1b\[J$/);
    assert.equal(nextFrame('a\nb\nc', [], false), 'a\nb\nc\n', 'the first frame in full');
    assert.equal(nextFrame('a\nB\nc', ['a', 'b', 'c'], false), 'B\n', 'then only what changed');
    assert.equal(nextFrame('a\nb', ['a', 'b'], false), '', 'nothing when nothing changed');
  });
});
