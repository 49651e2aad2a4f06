// The bring-up's orchestration alone: the real workflow code on the real dev server, with stub
// activities under the real names (test/helpers/stub-activities.ts), so each case runs in seconds.
// Deadlines are short values in the run's input, not skipped time: the time-skipping test server
// is a separate download this machine does not have offline (docs/workflow-changes.md).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { localizeText } from '../../src/i18n/index.js';
import type { BringUpInput } from '../../src/run/input.js';
import type { BringUpResult } from '../../src/workflows/bringup.js';
import {
  approveSignal,
  progressQuery,
  retrySignal,
  retryUpdate,
  skipSignal,
} from '../../src/workflows/messages.js';
import { bringUpStageKey, clusterNameKey } from '../../src/workflows/search-attributes.js';
import { stubActivities, stubRunInput, type StubActivities } from '../helpers/stub-activities.js';
import { progressWhen, runStubbed, type Handle } from '../helpers/stub-run.js';
import { testClient } from '../helpers/temporal.js';

let baseInput: BringUpInput;
before(async () => {
  baseInput = await stubRunInput();
});

/** Starts a bring-up of the base input with `overrides` (test/helpers/stub-run.ts). */
const withStubRun = <T>(
  stubs: StubActivities,
  overrides: Partial<BringUpInput>,
  body: (handle: Handle) => Promise<T>,
  start: { approveFirst?: 'obs' | 'backup' } = {},
): Promise<T> => runStubbed(stubs, { ...baseInput, ...overrides }, body, start);

const stageOf = (summary: BringUpResult, id: string) => summary.stages.find((s) => s.id === id)!;

describe('bring-up orchestration with stub activities', () => {
  it('an approval deadline that passes skips the component and says so', async () => {
    const stubs = stubActivities();
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'ask', backup: 'skip', approvalTimeoutSeconds: 1 } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    const obs = stageOf(summary, 'observability');
    assert.equal(obs.status, 'skipped');
    assert.equal(obs.note, 'skipped (deadline passed (1 s))');
    assert.ok(summary.warnings.includes('no decision for obs within 1 s: skipped as the input says'));
    assert.equal(stageOf(summary, 'backup').status, 'skipped');
    assert.equal(stubs.calls.locateObsPackage, undefined, 'no OBS step ran');
  });

  it('test load approved: stage 09 brings the test VMs up (a missing image is a note), stage 10 puts fio in the summary', async () => {
    const stubs = stubActivities();
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'ask', approvalTimeoutSeconds: 30 } },
      async (h) => {
        await progressWhen(h, (p) => p.awaitingApproval === 'testload', 'the test load question');
        await h.signal(approveSignal, 'testload');
        return h.result();
      },
    );
    assert.equal(summary.outcome, 'succeeded');
    const load = stageOf(summary, 'test-load');
    assert.equal(load.status, 'done');
    assert.match(load.note ?? '', /operator signal; no PAT test VM image/);
    assert.match(summary.created['FIO test VM'] ?? '', /-fio-test at 127\.1\.2\.2 \(created/);
    assert.equal(stubs.calls.createTestVm, 1, 'one VM: the PAT image is missing');
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done');
    assert.match(perf.note ?? '', /disruptive tests .* not run/);
    assert.deepEqual(
      summary.testResults?.map((r) => r.profile),
      ['rand-read-4k', 'rand-write-4k', 'seq-read-1m', 'seq-write-1m'],
    );
  });

  it('stage 10 reliability: the inspection after the load is compared with stage 7; new failing items are listed', async () => {
    const failing = (name: string, target = 'stub-cluster') => ({ name, target, level: 'CRITICAL' as const });
    const stubs = stubActivities(
      {},
      {},
      {
        runInspection: (n) => ({
          path: n === 1 ? '/stub/inspection-before.zip' : '/stub/inspection-after.zip',
          sha256: '0'.repeat(64),
          bytes: 1,
          jobId: `stub-job-${n}`,
        }),
        // Before: one item already failing; after: it still fails and two more do.
        readInspectionItems: (n) =>
          n === 1
            ? { checked: 74, failing: [failing('fan_check')] }
            : {
                checked: 74,
                failing: [failing('fan_check'), failing('host_service_health'), failing('zk_status_check')],
              },
      },
    );
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'auto' } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(stubs.calls.runInspection, 2, 'stage 7 and once more after fio');
    assert.equal(stubs.calls.readInspectionItems, 2);
    const fio = stubs.order.indexOf('runFioProfiles');
    assert.ok(stubs.order.lastIndexOf('runInspection') > fio, 'the second inspection runs after fio');
    // Since stage10-alerts the block also counts the open alerts (none from the stub).
    assert.deepEqual(summary.reliability, {
      before: { checked: 74, failing: 1 },
      after: { checked: 74, failing: 3 },
      newFailures: [failing('host_service_health'), failing('zk_status_check')],
      alerts: { before: 0, after: 0 },
      newAlerts: [],
    });
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done');
    assert.match(
      perf.note ?? '',
      /2 new failing items: host_service_health @ stub-cluster: CRITICAL, zk_status_check/,
    );
    assert.ok(!/fan_check/.test(perf.note ?? ''), 'an item failing before the load is not new');
    assert.ok(
      summary.warnings.some(
        (w) =>
          localizeText(w, 'en') ===
            'new failing inspection item after the load: host_service_health @ stub-cluster: CRITICAL' &&
          localizeText(w, 'zh') === '负载后巡检新增失败项：host_service_health @ stub-cluster: CRITICAL',
      ),
    );
    assert.equal(summary.created['inspection report after load'], '/stub/inspection-after.zip');
  });

  it('stage 10 reliability: alerts open after the load that were not open before are listed as new', async () => {
    const alert = (id: string, object: string) => ({
      id,
      severity: 'CRITICAL',
      message: `alert ${id} on ${object}`,
      object,
    });
    const stubs = stubActivities(
      {},
      {},
      {
        // Before fio one alert is open; after the load it still is, and another one opened.
        listOpenAlerts: (n) =>
          n === 1
            ? { count: 1, alerts: [alert('a-old', 'host-1')] }
            : { count: 2, alerts: [alert('a-new', 'host-2'), alert('a-old', 'host-1')] },
      },
    );
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'auto' } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(stubs.calls.listOpenAlerts, 2);
    const fio = stubs.order.indexOf('runFioProfiles');
    assert.ok(stubs.order.indexOf('listOpenAlerts') < fio, 'the first snapshot is taken before fio');
    assert.ok(
      stubs.order.lastIndexOf('listOpenAlerts') > stubs.order.lastIndexOf('runInspection'),
      'the second after the second inspection',
    );
    assert.deepEqual(summary.reliability?.alerts, { before: 1, after: 2 });
    assert.deepEqual(summary.reliability?.newAlerts, [alert('a-new', 'host-2')]);
    assert.deepEqual(summary.reliability?.before, { checked: 74, failing: 0 });
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done');
    assert.match(perf.note ?? '', /no new failing items \(74 checked\)/);
    assert.match(perf.note ?? '', /1 new alerts: CRITICAL host-2: alert a-new on host-2/);
    assert.ok(!/a-old/.test(perf.note ?? ''), 'an alert open before the load is not new');
    assert.ok(
      summary.warnings.some(
        (w) =>
          localizeText(w, 'en') === 'new alert after the load: CRITICAL host-2: alert a-new on host-2' &&
          localizeText(w, 'zh') === '负载后新增告警：CRITICAL host-2: alert a-new on host-2',
      ),
    );
    // Each part of the stage note is said in the operator's language.
    assert.match(localizeText(perf.note ?? '', 'zh'), /巡检对比：无新增失败项（74 项）/);
    assert.match(
      localizeText(perf.note ?? '', 'zh'),
      /告警对比：新增告警 1 条：CRITICAL host-2: alert a-new on host-2/,
    );
  });

  it('stage 10 reliability: an unreadable inspection report is a note when the alerts were compared', async () => {
    const stubs = stubActivities({
      readInspectionItems: {
        failTimes: 99,
        message: 'inspection report: r.docx: unreadable item row "x | y"',
      },
    });
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'auto' } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done');
    assert.match(
      localizeText(perf.note ?? '', 'zh'),
      /巡检报告无法读取，改用告警对比（.*unreadable item row.*）/,
    );
    assert.match(localizeText(perf.note ?? '', 'zh'), /告警对比：无新增告警（负载前 0 条未结束）/);
    assert.match(
      perf.note ?? '',
      /the inspection report could not be read \(.*unreadable item row.*\); the CloudTower alerts were compared instead/,
    );
    assert.match(perf.note ?? '', /alerts after the load: no new alerts \(0 open before\)/);
    assert.equal(summary.reliability?.before, undefined);
    assert.match(summary.reliability?.reportUnreadable ?? '', /unreadable item row/);
    assert.deepEqual(summary.reliability?.newAlerts, []);
  });

  it('stage 10 reliability: alerts that cannot be read leave the inspection comparison and a note', async () => {
    const stubs = stubActivities({ listOpenAlerts: { failTimes: 99, message: 'get-alerts: HTTP 500' } });
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'auto' } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done');
    assert.match(perf.note ?? '', /no new failing items \(74 checked\)/);
    assert.match(perf.note ?? '', /alerts not compared: get-alerts: HTTP 500/);
    assert.match(
      localizeText(perf.note ?? '', 'zh'),
      /巡检对比：无新增失败项（74 项）；未对比告警：get-alerts: HTTP 500/,
    );
    assert.deepEqual(summary.reliability, {
      before: { checked: 74, failing: 0 },
      after: { checked: 74, failing: 0 },
      newFailures: [],
    });
  });

  it('stage 10 reliability: an unreadable report still fails the stage when the alerts could not be read either', async () => {
    const stubs = stubActivities({
      readInspectionItems: { failTimes: 99, message: 'inspection report: unreadable' },
      listOpenAlerts: { failTimes: 99, message: 'get-alerts: HTTP 500' },
    });
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'skip', backup: 'skip', testload: 'auto' } },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'completed-with-failures');
    assert.equal(stubs.calls.runFioProfiles, 1, 'a failed snapshot does not stop the load');
    assert.equal(stubs.calls.listOpenAlerts, 1, 'no second snapshot without the first');
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'failed');
    assert.match(
      summary.failures?.find((f) => f.stage === 'performance-test')?.error ?? '',
      /inspection report: unreadable/,
    );
  });

  it('test load skipped (the default): stages 09 and 10 say so and nothing of them runs', async () => {
    const stubs = stubActivities();
    const summary = await withStubRun(stubs, { components: { obs: 'skip', backup: 'skip' } }, (h) =>
      h.result(),
    );
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(stageOf(summary, 'test-load').status, 'skipped');
    assert.equal(stageOf(summary, 'test-load').note, 'skipped (policy skip)');
    assert.equal(stageOf(summary, 'performance-test').status, 'skipped');
    assert.equal(stubs.calls.locateTestVmPackages, undefined);
    assert.equal(summary.testResults, undefined);
  });

  it('waits for a decision in the progress query and search attribute, then runs what was approved', async () => {
    const stubs = stubActivities();
    const summary = await withStubRun(
      stubs,
      { components: { obs: 'ask', backup: 'skip', approvalTimeoutSeconds: 600 } },
      async (h) => {
        // Overlapped: the question is asked while inspection still runs; the phase shows it once nothing runs.
        const waiting = await progressWhen(h, (p) => p.phase === 'awaiting-approval:obs', 'the OBS question');
        assert.equal(waiting.awaitingApproval, 'obs');
        assert.equal(waiting.stages.find((s) => s.id === 'observability')?.status, 'awaiting-approval');
        assert.equal(
          (await h.describe()).typedSearchAttributes.get(bringUpStageKey),
          'awaiting-approval:obs',
        );
        await h.signal(approveSignal, 'obs');
        return h.result();
      },
    );
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(stageOf(summary, 'observability').status, 'done');
    assert.equal(stageOf(summary, 'observability').note, 'operator signal');
    assert.equal(summary.serials['Observability'], 'STUB-OBS');
  });

  it('an approval sent before the run asks is kept and used', async () => {
    const stubs = stubActivities();
    const summary = await withStubRun(
      stubs,
      // A deadline of 10 minutes: if the early signal were lost, the test would time out.
      { components: { obs: 'ask', backup: 'skip', approvalTimeoutSeconds: 600 } },
      (h) => h.result(),
      { approveFirst: 'obs' },
    );
    assert.equal(summary.outcome, 'succeeded');
    const obs = stageOf(summary, 'observability');
    assert.equal(obs.status, 'done');
    assert.equal(obs.note, 'operator signal');
    assert.equal(stubs.calls.deployObsInstance, 1);
    assert.equal(summary.addresses['Observability'], baseInput.plan.obs.ip);
  });

  it('sequential: a failed step waits for retry, nothing after it runs, the retry reruns only its branch', async () => {
    const stubs = stubActivities({
      configureIpmiAccounts: { failTimes: 1, message: 'BMC refused the account' },
    });
    const summary = await withStubRun(
      stubs,
      { onFailure: 'wait-for-retry', schedule: 'sequential' },
      async (h) => {
        const failed = await progressWhen(h, (p) => p.phase === 'failed:configure-cluster', 'the failure');
        assert.match(failed.lastError ?? '', /^configure-cluster\/ipmi-accounts: .*BMC refused the account/);
        const stage = failed.stages.find((s) => s.id === 'configure-cluster')!;
        assert.equal(stage.status, 'failed');
        assert.equal(stage.step, 'ipmi-accounts');
        assert.deepEqual(
          failed.stages.slice(0, 2).map((s) => s.status),
          ['done', 'done'],
        );
        const desc = await h.describe();
        assert.equal(desc.status.name, 'RUNNING', 'the run stays open for a fix');
        assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:configure-cluster');
        // Nothing after the failed step ran while the run waited.
        assert.equal(stubs.calls.configureBusinessNetworks, undefined);
        await h.signal(retrySignal);
        return h.result();
      },
    );
    assert.equal(summary.outcome, 'succeeded');
    assert.ok(summary.stages.slice(0, 9).every((s) => s.status === 'done'));
    // The failed step ran again (its branch is that one step); what was done before it did not.
    assert.equal(stubs.calls.configureIpmiAccounts, 2);
    assert.equal(stubs.calls.initializeFisheye, 1);
    assert.equal(stubs.calls.configureClusterSettings, 1);
    assert.equal(stubs.calls.configureBusinessNetworks, 1);
    assert.equal(stubs.calls.findExistingDeployment, 1);
    assert.equal(stubs.calls.deployClusterFromPlan, 1);
    const second = stubs.order.lastIndexOf('configureIpmiAccounts');
    assert.deepEqual(stubs.order.slice(second - 1, second + 2), [
      'configureIpmiAccounts',
      'configureIpmiAccounts',
      'configureBusinessNetworks',
    ]);
  });

  it('fail-fast ends the run at the failed stage with its summary', async () => {
    const stubs = stubActivities({ deployClusterFromPlan: { failTimes: 1, message: 'deploy refused' } });
    const { err, desc } = await withStubRun(stubs, { onFailure: 'fail' }, async (h) => {
      const e = await h.result().then(
        () => undefined,
        (x: unknown) => x,
      );
      return { err: e, desc: await h.describe() };
    });
    assert.ok(err instanceof WorkflowFailedError, `expected a failed run, got ${String(err)}`);
    assert.ok(err.cause instanceof ApplicationFailure);
    assert.equal(err.cause.type, 'StageFailed');
    assert.match(err.cause.message, /^deploy-cluster\/deploy-and-verify: .*deploy refused/);
    const summary = err.cause.details?.[0] as BringUpResult;
    assert.equal(summary.outcome, 'failed');
    assert.equal(stageOf(summary, 'prepare').status, 'done');
    assert.equal(stageOf(summary, 'deploy-cluster').status, 'failed');
    assert.equal(stageOf(summary, 'configure-cluster').status, 'pending');
    assert.equal(desc.status.name, 'FAILED');
    assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:deploy-cluster');
    assert.equal(stubs.calls.deployClusterFromPlan, 1, 'no retry without the operator');
    assert.equal(stubs.calls.initializeFisheye, undefined);
  });

  it('stage 6: dashboard always, rack topology only with 主机规划 P/Q, else a note', async () => {
    const stubs = stubActivities();
    const plan = {
      ...baseInput.plan,
      hosts: baseInput.plan.hosts.map((h) => ({ ...h, rack: undefined, unit: undefined })),
    };
    const summary = await withStubRun(stubs, { plan, stopAfter: 'rack-topology' }, (h) => h.result());
    assert.equal(summary.outcome, 'stopped');
    assert.equal(stubs.calls.configureMonitoringDashboard, 1);
    assert.equal(stubs.calls.configureRackTopology, undefined);
    assert.equal(summary.created['monitoring dashboard'], 'stub 交付监控 (12 graphs)');
    // Issue 12 item 6: stages of their own since the 'overlapped-schedule' patch.
    assert.equal(stageOf(summary, 'dashboard').status, 'done');
    assert.equal(stageOf(summary, 'rack-topology').status, 'skipped');
    assert.match(stageOf(summary, 'rack-topology').note ?? '', /rack topology skipped/);
    assert.equal(
      localizeText(stageOf(summary, 'rack-topology').note ?? '', 'zh'),
      '机架拓扑已跳过：主机规划 P/Q 列为空',
    );
    assert.equal(stageOf(summary, 'configure-cloudtower').note, undefined);

    const placed = stubActivities();
    const withRacks = await withStubRun(placed, { stopAfter: 'rack-topology' }, (h) => h.result());
    assert.equal(stageOf(withRacks, 'rack-topology').status, 'done');
    assert.equal(placed.calls.configureRackTopology, 1);
    assert.equal(withRacks.created['rack topology'], 'stub-rack: 3 of 3 hosts placed');
  });

  it('stop-after ends the run successfully after the named stage', async () => {
    const stubs = stubActivities();
    const planWarning =
      "主机规划!M19 (cluster admin (Fisheye) password) is empty: the appliance's factory default will be used";
    const { summary, progress } = await withStubRun(
      stubs,
      { stopAfter: 'deploy-cloudtower', planWarnings: [planWarning] },
      async (h) => {
        const s = await h.result();
        return { summary: s, progress: await h.query(progressQuery) };
      },
    );
    assert.equal(summary.outcome, 'stopped');
    assert.deepEqual(summary.warnings, [planWarning], "the workbook warnings are the run's warnings");
    assert.deepEqual(
      summary.stages.map((s) => s.status),
      // dashboard, rack-topology, …, test-load, performance-test and cleanup (run only at a run's end)
      // are pending after the stop.
      [...['done', 'done', 'done', 'done'], ...Array<string>(10).fill('pending')],
    );
    assert.equal(
      stageOf(summary, 'attach-cluster').note,
      'not run: stopped after deploy-cloudtower as the input asked',
    );
    assert.equal(summary.serials['CloudTower'], 'STUB-TOWER');
    assert.equal(stubs.calls.attachClusterToCloudTower, undefined);
    assert.equal(progress.phase, 'done');
    assert.equal(progress.currentStep, undefined);
  });

  it('stage 11 runs last: the ISO ejected, upload volumes swept; its failure is a warning, never a failed run', async () => {
    const ok = stubActivities();
    const done = await withStubRun(ok, {}, (h) => h.result());
    assert.equal(done.outcome, 'succeeded');
    assert.equal(stageOf(done, 'cleanup').status, 'done');
    assert.match(
      stageOf(done, 'cleanup').note ?? '',
      /CloudTower ISO ejected; 0 leftover upload volume\(s\) deleted; no test VMs/,
    );
    assert.deepEqual(ok.order.slice(-2), ['ejectCloudTowerIso', 'deleteRunUploadVolumes']);

    const failing = stubActivities({ ejectCloudTowerIso: { failTimes: 1, message: 'vm busy (stub)' } });
    const warned = await withStubRun(failing, {}, (h) => h.result());
    assert.equal(warned.outcome, 'succeeded');
    assert.equal(stageOf(warned, 'cleanup').status, 'done');
    assert.ok(
      warned.warnings.some((w) => w.startsWith('cleanup/eject-iso: vm busy (stub)') && w.includes('Fix:')),
      JSON.stringify(warned.warnings),
    );
    assert.equal(failing.calls.deleteRunUploadVolumes, 1, 'the next step still ran');
  });

  it('stage 11 after a test load that failed midway: the VM it created is found in the ledger and deleted', async () => {
    const pkg = (role: 'pat' | 'fio') => ({
      role,
      name: `${role}-stub.ova`,
      path: `/stub/${role}-stub.ova`,
      descriptorName: `${role}-stub.ovf`,
      disk: { name: `${role}-stub-disk1.vmdk`, path: `/stub/${role}-stub.ova`, offset: 512, size: 1 },
    });
    const patVm = {
      kind: 'test-vm' as const,
      id: 'stub-pat-vm',
      name: 'test VM stub-pat-test',
      where: 'cloudtower 127.0.0.1',
      createdByRun: true,
      step: 'testload/createTestVm',
      removal: 'api' as const,
    };
    const stubs = stubActivities(
      {},
      {},
      {
        locateTestVmPackages: () => ({ packages: [pkg('pat'), pkg('fio')], notes: [] }),
        createTestVm: (n) => ({ vmId: `stub-test-vm-${n}`, created: true, status: 'STOPPED' }),
        // The PAT VM is up; the FIO VM's start is refused: the child fails with one VM created.
        startTestVm: (n) => {
          if (n === 2)
            throw ApplicationFailure.create({
              type: 'StubFault',
              nonRetryable: true,
              message: 'start refused (stub)',
            });
          return { status: 'RUNNING', started: true };
        },
        readRunLedger: () => ({
          workflowId: 'stub',
          status: 'RUNNING',
          ledger: [{ ...patVm, kind: 'vm', id: 'stub-vm', name: 'CloudTower VM cloudtower' }, patVm],
          marker: 'stub',
        }),
      },
    );
    const summary = await withStubRun(
      stubs,
      {
        onFailure: 'wait-for-retry',
        components: { obs: 'skip', backup: 'skip', testload: 'auto', retryWindowSeconds: 1 },
      },
      (h) => h.result(),
    );
    assert.equal(summary.outcome, 'completed-with-failures');
    assert.equal(stageOf(summary, 'test-load').status, 'failed');
    assert.match(summary.failures?.[0]?.error ?? '', /^test-load: .*start refused \(stub\)/);
    assert.equal(stageOf(summary, 'performance-test').status, 'skipped');
    assert.equal(stubs.calls.createTestVm, 2);
    assert.equal(stubs.calls.readRunLedger, 1, 'stage 11 looked for test VMs');
    assert.equal(stubs.calls.removeLedgerEntry, 1, 'only the test VM, not the CloudTower VM');
    assert.equal(stageOf(summary, 'cleanup').status, 'done');
    assert.match(
      stageOf(summary, 'cleanup').note ?? '',
      /1 of 1 test VM\(s\) deleted \(left by the failed test load\)/,
    );
  });

  it('a failed test load fixed by the retry Update gets its stage 10 after all', async () => {
    const stubs = stubActivities({ createTestVm: { failTimes: 1, message: 'no storage (stub)' } });
    const { summary, failedPerf } = await withStubRun(
      stubs,
      {
        onFailure: 'wait-for-retry',
        components: { obs: 'skip', backup: 'skip', testload: 'auto', retryWindowSeconds: 600 },
      },
      async (h) => {
        const failed = await progressWhen(h, (p) => p.phase === 'failed:test-load', 'the test load failure');
        const perf = failed.stages.find((s) => s.id === 'performance-test');
        await h.executeUpdate(retryUpdate);
        return { summary: await h.result(), failedPerf: perf };
      },
    );
    assert.equal(failedPerf?.status, 'skipped', 'stage 10 had nothing to run in before the retry');
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.failures));
    assert.equal(stageOf(summary, 'test-load').status, 'done');
    assert.equal(stubs.calls.createTestVm, 2);
    const perf = stageOf(summary, 'performance-test');
    assert.equal(perf.status, 'done', perf.note);
    assert.equal(stubs.calls.runFioProfiles, 1);
    assert.equal(summary.testResults?.length, 4);
    assert.ok(summary.reliability, 'the reliability comparison ran after fio');
  });

  it('fail-fast: a failing child ends the run completed-with-failures; the other component goes on', async () => {
    const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
    const { summary, child, parent } = await withStubRun(
      stubs,
      { components: { obs: 'auto', backup: 'auto' } },
      async (h) => {
        const s = await h.result();
        return { summary: s, child: await childOf(h, 'obs'), parent: await h.describe() };
      },
    );
    // Issue 14: this run used to end `succeeded` with a warning; the cluster is up, OBS is not.
    assert.equal(summary.outcome, 'completed-with-failures');
    const obs = stageOf(summary, 'observability');
    assert.equal(obs.status, 'failed');
    assert.equal(summary.failures?.length, 1);
    assert.equal(summary.failures?.[0]?.component, 'obs');
    assert.match(summary.failures?.[0]?.error ?? '', /^observability: .*no IP left for OBS/);
    assert.equal(parent.typedSearchAttributes.get(bringUpStageKey), 'done-with-failures');
    assert.equal(child.status.name, 'FAILED');
    assert.equal(child.typedSearchAttributes.get(clusterNameKey), baseInput.plan.clusterName);
    assert.equal(child.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
    assert.equal(stubs.calls.connectObsToCluster, undefined, 'the child stopped at its failed step');
    assert.equal(stageOf(summary, 'backup').status, 'done');
    assert.equal(summary.serials['Backup'], 'STUB-BACKUP');
    assert.equal(summary.serials['Observability'], undefined);
  });

  it('a failed OBS keeps the run open; the retry Update reruns OBS and the run succeeds', async () => {
    const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
    const { summary, progress, child, answer } = await withStubRun(
      stubs,
      { onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'auto', retryWindowSeconds: 600 } },
      async (h) => {
        const failed = await progressWhen(h, (p) => p.phase === 'failed:observability', 'the OBS failure');
        assert.match(failed.lastError ?? '', /^observability: .*no IP left for OBS/);
        assert.deepEqual(failed.retryable, {
          kind: 'components',
          components: ['obs'],
          stages: ['observability'],
        });
        assert.equal(failed.stages.find((s) => s.id === 'backup')?.status, 'done', 'Backup ran meanwhile');
        const desc = await h.describe();
        assert.equal(desc.status.name, 'RUNNING', 'the run stays open for a fix');
        assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
        const failedChild = await childOf(h, 'obs');
        assert.equal(failedChild.typedSearchAttributes.get(clusterNameKey), baseInput.plan.clusterName);
        assert.equal(failedChild.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
        // Issue 23 point 5: the failed child stays open for the retry (a closed one could not change).
        assert.equal(failedChild.status.name, 'RUNNING');
        const a = await h.executeUpdate(retryUpdate);
        const s = await h.result();
        const after = await childOf(h, 'obs');
        assert.equal(after.runId, failedChild.runId, 'the retry reran the same child execution');
        return {
          summary: s,
          progress: await h.query(progressQuery),
          child: after,
          answer: a,
        };
      },
    );
    assert.deepEqual(answer, { kind: 'components', components: ['obs'], stages: ['observability'] });
    assert.equal(summary.outcome, 'succeeded');
    assert.deepEqual(summary.failures, []);
    assert.equal(stageOf(summary, 'observability').status, 'done');
    assert.equal(stageOf(summary, 'observability').note, 'rerun by operator retry');
    assert.equal(summary.serials['Observability'], 'STUB-OBS');
    assert.equal(stubs.calls.deployObsInstance, 2);
    assert.equal(stubs.calls.deployBackupService, 1, 'Backup is not rerun');
    // The current truth: no stale error after the successful retry.
    assert.equal(progress.lastError, undefined);
    assert.equal(progress.phase, 'done');
    assert.equal(child.status.name, 'COMPLETED');
    assert.equal(child.typedSearchAttributes.get(clusterNameKey), baseInput.plan.clusterName);
    assert.equal(child.typedSearchAttributes.get(bringUpStageKey), 'done');
  });

  it('a failed OBS not retried within the window ends completed-with-failures', async () => {
    const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
    const { summary, desc, child } = await withStubRun(
      stubs,
      { onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'skip', retryWindowSeconds: 1 } },
      async (h) => ({ summary: await h.result(), desc: await h.describe(), child: await childOf(h, 'obs') }),
    );
    assert.equal(summary.outcome, 'completed-with-failures');
    assert.match(summary.failures?.[0]?.error ?? '', /^observability: .*no IP left for OBS/);
    // The child waited for the retry, then closed failed with the run: it keeps its failure.
    assert.equal(child.status.name, 'FAILED');
    assert.equal(child.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
    assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'done-with-failures');
    assert.ok(summary.warnings.includes('no retry of obs within 1 s: the run ended with it failed'));
    assert.ok(
      summary.failures?.every((f) => !/retried automatically/i.test(f.error)),
      'no "retried automatically" after the run ended',
    );
    assert.equal(stubs.calls.deployObsInstance, 1);
  });

  it('skip after a failed OBS leaves it failed and ends the run at once', async () => {
    const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
    const summary = await withStubRun(
      stubs,
      { onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'skip', retryWindowSeconds: 600 } },
      async (h) => {
        await progressWhen(h, (p) => p.phase === 'failed:observability', 'the OBS failure');
        await h.signal(skipSignal, 'obs');
        return { ...(await h.result()), child: await childOf(h, 'obs') };
      },
    );
    assert.equal(summary.outcome, 'completed-with-failures');
    assert.equal(stageOf(summary, 'observability').status, 'failed');
    assert.equal(stubs.calls.deployObsInstance, 1);
    assert.equal(summary.child.status.name, 'FAILED', 'the skipped child closed failed');
    assert.equal(summary.child.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
  });

  it('cancelling the run while a failed OBS waits for a retry cancels the waiting child too', async () => {
    const stubs = stubActivities({ deployObsInstance: { failTimes: 1, message: 'no IP left for OBS' } });
    const { ended, child } = await withStubRun(
      stubs,
      { onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'skip', retryWindowSeconds: 600 } },
      async (h) => {
        await progressWhen(h, (p) => p.phase === 'failed:observability', 'the OBS failure');
        assert.equal((await childOf(h, 'obs')).status.name, 'RUNNING');
        await h.cancel();
        const e = await h.result().then(
          () => undefined,
          (err: unknown) => err,
        );
        return { ended: e, child: await childOf(h, 'obs') };
      },
    );
    assert.ok(
      ended instanceof WorkflowFailedError,
      `expected the run to end cancelled, got ${String(ended)}`,
    );
    assert.equal(child.status.name, 'CANCELLED');
    assert.equal(stubs.calls.deployObsInstance, 1);
  });

  it('the retry Update is refused when nothing has failed, and answers the stage it restarts', async () => {
    const stubs = stubActivities({
      configureIpmiAccounts: { failTimes: 1, message: 'BMC refused the account' },
    });
    const { answer, refusedEarly, refusedLate, summary } = await withStubRun(
      stubs,
      {
        onFailure: 'wait-for-retry',
        components: { obs: 'ask', backup: 'skip', approvalTimeoutSeconds: 600 },
      },
      async (h) => {
        await progressWhen(h, (p) => p.phase === 'failed:configure-cluster', 'the failure');
        const a = await h.executeUpdate(retryUpdate);
        await progressWhen(h, (p) => p.phase === 'awaiting-approval:obs', 'the OBS question');
        // Now nothing has failed: the validator refuses, and the run is unchanged.
        const late = await h.executeUpdate(retryUpdate).then(
          () => undefined,
          (e: unknown) => e,
        );
        const p = await h.query(progressQuery);
        await h.signal(approveSignal, 'obs');
        const s = await h.result();
        return { answer: a, refusedEarly: p, refusedLate: late, summary: s };
      },
    );
    assert.deepEqual(answer, { kind: 'stage', stage: 'configure-cluster', failedStep: 'ipmi-accounts' });
    assert.ok(
      refusedLate instanceof WorkflowUpdateFailedError,
      `expected a refusal, got ${String(refusedLate)}`,
    );
    assert.match(localizeText(String(refusedLate.cause?.message), 'zh'), /^没有失败的阶段或组件，无需 retry/);
    assert.match(String(refusedLate.cause?.message), /nothing has failed/);
    assert.match(
      localizeText(String(refusedLate.cause?.message), 'en'),
      /^nothing has failed, so there is nothing to retry \(now: /,
    );
    assert.equal(refusedEarly.phase, 'awaiting-approval:obs');
    assert.equal(refusedEarly.lastError, undefined, 'the rerun cleared the error it answered');
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(stubs.calls.configureIpmiAccounts, 2);
  });
});

async function childOf(h: Handle, component: 'obs' | 'backup') {
  const { client, connection } = await testClient();
  try {
    return await client.workflow.getHandle(`${h.workflowId}/${component}`).describe();
  } finally {
    await connection.close();
  }
}
