import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import {
  fixtureDataConverter,
  fixtureNames,
  loadFixtureHistory,
  type History,
} from '../helpers/history-fixtures.js';

describe('recorded histories replay on the current workflow code', () => {
  // A failure here means a workflow change is not deterministic for runs already in flight:
  // guard it with patched(), or re-record on purpose with `npm run record-history`
  // (docs/workflow-changes.md). replay-negative.test.ts proves this replay can fail.
  const names = fixtureNames();
  it('has fixtures to replay', () => assert.ok(names.length > 0));
  for (const name of names) {
    it(`replays ${name}`, async () => {
      const history = loadFixtureHistory(name);
      assert.ok(history.events.length > 100, 'a whole bring-up, not a stub');
      await Worker.runReplayHistory(
        {
          workflowBundle: { codePath: process.env.HCI_TEST_WORKFLOW_BUNDLE! },
          dataConverter: fixtureDataConverter(),
        },
        history,
        name,
      );
    });
  }
});

const activityNames = (history: History) =>
  history.events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);

describe('the retry fixture records what it claims', () => {
  // Replaying it only guards the retry path if it really holds a failed stage, the operator's
  // `retry` and the rerun: checked here so a re-recording cannot silently lose them.
  const history = loadFixtureHistory('fixture-bringup-retry');

  it('a failed step, then the retry signal, then the stage rerun from its first step and success', () => {
    const failed = history.events.filter((e) => e.activityTaskFailedEventAttributes);
    assert.equal(failed.length, 1);
    assert.match(
      failed[0].activityTaskFailedEventAttributes?.failure?.message ?? '',
      /BMC refused the account/,
    );
    const signals = history.events.flatMap(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? [],
    );
    assert.deepEqual(signals, ['retry']);
    const names = activityNames(history);
    const count = (n: string) => names.filter((x) => x === n).length;
    assert.equal(count('initializeFisheye'), 2);
    assert.equal(count('configureIpmiAccounts'), 2);
    assert.equal(count('deployClusterFromPlan'), 1);
    const rerun = names.lastIndexOf('initializeFisheye');
    assert.equal(names[rerun - 1], 'configureIpmiAccounts', 'the rerun starts right after the failed step');
    const children = history.events.filter((e) => e.childWorkflowExecutionCompletedEventAttributes);
    assert.equal(children.length, 2, 'OBS and Backup ran as children');
    assert.ok(history.events.at(-1)?.workflowExecutionCompletedEventAttributes, 'the run succeeded');
  });
});

describe('the overlapped fixture records what it claims', () => {
  // It guards the branch schedule only if it holds the patch marker, branches in flight together,
  // two failed branches, one `retry` and the rerun of exactly those two.
  const history = loadFixtureHistory('fixture-bringup-overlapped');

  it('the overlapped-schedule marker, overlapping activities, two failures, one retry, success', () => {
    const markers = history.events.flatMap((e) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch'
        ? [JSON.stringify(e.markerRecordedEventAttributes.details ?? {})]
        : [],
    );
    assert.ok(markers.length > 0, 'a patch marker');
    // Several activities scheduled before any of them completed: branches in flight together.
    let inFlight = 0;
    let most = 0;
    for (const e of history.events) {
      if (e.activityTaskScheduledEventAttributes) inFlight++;
      if (
        e.activityTaskCompletedEventAttributes ||
        e.activityTaskFailedEventAttributes ||
        e.activityTaskTimedOutEventAttributes
      )
        inFlight--;
      most = Math.max(most, inFlight);
    }
    assert.ok(most >= 3, `at most ${most} activities in flight at once`);
    const failed = history.events.flatMap((e) => e.activityTaskFailedEventAttributes?.failure?.message ?? []);
    assert.equal(failed.length, 2);
    const signals = history.events.flatMap(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? [],
    );
    assert.deepEqual(signals, ['retry']);
    const names = activityNames(history);
    const count = (n: string) => names.filter((x) => x === n).length;
    assert.equal(count('configureBusinessNetworks'), 2);
    assert.equal(count('configureMonitoringDashboard'), 2);
    assert.equal(count('initializeFisheye'), 1, 'a retry reruns only the failed branches');
    const children = history.events.filter((e) => e.childWorkflowExecutionCompletedEventAttributes);
    assert.equal(children.length, 2, 'OBS and Backup ran as children');
    assert.ok(history.events.at(-1)?.workflowExecutionCompletedEventAttributes, 'the run succeeded');
  });
});

describe('the stage 10 fixture records what it claims', () => {
  // It guards the `stage10-alerts` patch only if it was recorded before it: stage 10 ran (fio, the
  // inspection again, both reports read) and no get-alerts snapshot was taken.
  const history = loadFixtureHistory('fixture-bringup-stage10');

  it('fio, the second inspection and its comparison, and no alert snapshot', () => {
    const names = activityNames(history);
    const count = (n: string) => names.filter((x) => x === n).length;
    assert.equal(count('runFioProfiles'), 1);
    assert.equal(count('runInspection'), 2, 'stage 7 and once more after fio');
    assert.equal(count('readInspectionItems'), 2);
    assert.equal(count('listOpenAlerts'), 0, 'recorded before stage10-alerts');
    assert.ok(history.events.at(-1)?.workflowExecutionCompletedEventAttributes, 'the run succeeded');
  });
});

describe('the component retry fixture records what it claims', () => {
  // It guards 'component-child-holds-failure' only if it holds the marker, the child's report, the
  // parent's `rerun` to that same child and no second start of it (issue 23 point 5).
  const history = loadFixtureHistory('fixture-bringup-component-retry');

  it('the patch marker, the failed child reporting, one retry rerunning it in place, success', () => {
    const patches = history.events.flatMap((e) => {
      const payload = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      if (!payload) return [];
      const data = typeof payload === 'string' ? Buffer.from(payload, 'base64') : Buffer.from(payload);
      return [(JSON.parse(data.toString('utf8')) as { id: string }).id];
    });
    assert.ok(patches.includes('component-child-holds-failure'), patches.join(', '));
    const signals = history.events.flatMap(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? [],
    );
    assert.deepEqual(signals, ['component-failed']);
    const updates = history.events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    assert.equal(updates.length, 1, 'the retry Update');
    const toChild = history.events.flatMap((e) => {
      const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
      return a ? [`${a.workflowExecution?.workflowId}: ${a.signalName}`] : [];
    });
    assert.deepEqual(toChild, ['fixture-bringup-component-retry/obs: component-decision']);
    const started = history.events.flatMap(
      (e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? [],
    );
    assert.deepEqual(started.sort(), [
      'fixture-bringup-component-retry/backup',
      'fixture-bringup-component-retry/obs',
    ]);
    const completed = history.events.filter((e) => e.childWorkflowExecutionCompletedEventAttributes);
    assert.equal(completed.length, 2, 'OBS (after its rerun) and Backup completed');
    assert.ok(history.events.at(-1)?.workflowExecutionCompletedEventAttributes, 'the run succeeded');
  });
});
