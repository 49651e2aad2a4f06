// The overlapped schedule (issue 13 item 2, docs/schedule.md) on the real workflow code and dev
// server with stub activities: branches overlap (seen in the stubs' timings), a failed branch lets
// the others finish and a retry reruns only it, the history of a 16-host run stays small, and the
// sequential option keeps the seed's order.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { BringUpInput } from '../../src/run/input.js';
import type { BringUpProgress } from '../../src/run/stages.js';
import { progressQuery, retryUpdate } from '../../src/workflows/messages.js';
import { bringUpStageKey } from '../../src/workflows/search-attributes.js';
import {
  stubActivities,
  stubRunInput,
  type StubActivities,
  type StubbedActivity,
} from '../helpers/stub-activities.js';
import { progressWhen, runStubbed } from '../helpers/stub-run.js';

let baseInput: BringUpInput;
before(async () => {
  baseInput = await stubRunInput({
    onFailure: 'wait-for-retry',
    components: { obs: 'auto', backup: 'auto' },
  });
});

/** Both calls' spans intersect (each ran while the other ran). */
function overlap(stubs: StubActivities, a: StubbedActivity, b: StubbedActivity): boolean {
  const x = stubs.spans.find((s) => s.name === a);
  const y = stubs.spans.find((s) => s.name === b);
  assert.ok(x?.end && y?.end, `${a} and ${b} both ran`);
  return x.start < y.end && y.start < x.end;
}

const CHILD_STEPS: StubbedActivity[] = [
  'locateObsPackage',
  'uploadObsPackage',
  'deployObsInstance',
  'configureObsNtp',
  'connectObsToCluster',
  'connectObsSystemService',
  'readObsSerial',
  'locateBackupPackage',
  'uploadBackupPackage',
  'ensureBackupStorageNetwork',
  'deployBackupService',
  'bindBackupToCluster',
  'readBackupSerial',
];

describe('overlapped schedule', () => {
  it('runs independent branches side by side; progress shows several running stages', async () => {
    const stubs = stubActivities(
      {},
      {
        uploadCloudTowerIso: 1500,
        configureBusinessNetworks: 1200,
        setHostPasswords: 800,
        uploadVmTools: 800,
        runInspection: 1200,
        deployObsInstance: 1200,
        deployBackupService: 1200,
        configureCloudTowerDns: 600,
        attachClusterToCloudTower: 600,
        waitForCloudTowerGuestAgent: 800,
      },
    );
    const seen: BringUpProgress[] = [];
    const summary = await runStubbed(stubs, baseInput, async (h) => {
      const several = await progressWhen(
        h,
        (p) => {
          seen.push(p);
          return p.stages.filter((s) => s.status === 'running').length >= 2;
        },
        'two stages running at once',
      );
      assert.ok(several.currentStep?.includes(', '), `every running step: ${several.currentStep}`);
      return h.result();
    });
    assert.equal(summary.outcome, 'succeeded');
    // Configure-cluster's steps after the VIP, and the CloudTower ISO upload, at the same time.
    assert.ok(overlap(stubs, 'uploadCloudTowerIso', 'configureBusinessNetworks'));
    // The VMTools ISO after the CloudTower ISO (issue 24: the critical upload has the link), while
    // the CloudTower VM's OS installs.
    assert.ok(overlap(stubs, 'uploadVmTools', 'waitForCloudTowerGuestAgent'));
    // Host passwords need only the deployed cluster: they run while Fisheye is set up.
    assert.ok(overlap(stubs, 'setHostPasswords', 'configureClusterSettings'));
    // CloudTower's DNS and serial beside attach (issue 24): attach needs CloudTower set up only.
    assert.ok(overlap(stubs, 'configureCloudTowerDns', 'attachClusterToCloudTower'));
    // Inspection, OBS and Backup after attach, side by side.
    assert.ok(overlap(stubs, 'runInspection', 'deployObsInstance'));
    assert.ok(overlap(stubs, 'deployObsInstance', 'deployBackupService'));
    // ... and never before what they need.
    const first = (n: StubbedActivity, after?: StubbedActivity) => {
      const from = after ? stubs.spans.findIndex((s) => s.name === after) : 0;
      return stubs.spans.slice(from).find((s) => s.name === n)!;
    };
    assert.ok(first('uploadCloudTowerIso').start >= first('configureClusterSettings').end!);
    assert.ok(first('uploadVmTools').start >= first('uploadCloudTowerIso').end!);
    assert.ok(first('attachClusterToCloudTower').start >= first('setupCloudTower').end!);
    assert.ok(first('runInspection').start >= first('writeSerialsToWorkbook', 'readCloudTowerSerial').end!);
    assert.ok(first('runInspection').start >= first('configureBusinessNetworks').end!);
    assert.ok(first('deployObsInstance').start >= first('attachClusterToCloudTower').end!);
    for (const s of summary.stages) assert.ok(['done', 'skipped'].includes(s.status), `${s.id}: ${s.status}`);
  });

  it('a failed branch lets the others finish; retry reruns only the failed branches', async () => {
    const stubs = stubActivities({
      configureBusinessNetworks: { failTimes: 1, message: 'VDS bond refused' },
      configureMonitoringDashboard: { failTimes: 1, message: 'view refused' },
    });
    let inspectionsBeforeRetry: number | undefined;
    const { failed, answer, desc, summary } = await runStubbed(stubs, baseInput, async (h) => {
      const f = await progressWhen(h, (p) => p.phase === 'failed:configure-cluster', 'the failures');
      inspectionsBeforeRetry = stubs.calls.runInspection;
      const d = await h.describe();
      const a = await h.executeUpdate(retryUpdate);
      return { failed: f, answer: a, desc: d, summary: await h.result() };
    });
    // Both failures reported with their step; what did not need them ran to its end meanwhile.
    assert.match(failed.lastError ?? '', /^configure-cluster\/business-networks: .*VDS bond refused/);
    const status = (id: string) => failed.stages.find((s) => s.id === id)?.status;
    assert.equal(status('configure-cluster'), 'failed');
    assert.equal(status('dashboard'), 'failed');
    assert.match(failed.stages.find((s) => s.id === 'dashboard')?.error ?? '', /^dashboard\/dashboard: /);
    for (const id of ['deploy-cloudtower', 'attach-cluster', 'configure-cloudtower', 'rack-topology'])
      assert.equal(status(id), 'done', id);
    assert.equal(status('observability'), 'done');
    assert.equal(status('backup'), 'done');
    assert.equal(status('inspection'), 'pending', 'inspection needs the whole configuration');
    assert.equal(inspectionsBeforeRetry, undefined);
    assert.equal(desc.status.name, 'RUNNING');
    assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:configure-cluster');
    assert.deepEqual(answer, {
      kind: 'stage',
      stage: 'configure-cluster',
      failedStep: 'business-networks',
      branches: [
        { stage: 'configure-cluster', failedStep: 'business-networks' },
        { stage: 'dashboard', failedStep: 'dashboard' },
      ],
    });
    assert.equal(summary.outcome, 'succeeded');
    assert.deepEqual(summary.failures, []);
    // Only the failed branches ran again.
    assert.equal(stubs.calls.configureBusinessNetworks, 2);
    assert.equal(stubs.calls.configureMonitoringDashboard, 2);
    for (const n of [
      'initializeFisheye',
      'configureClusterSettings',
      'configureIpmiAccounts',
      'uploadCloudTowerIso',
      'createCloudTowerVm',
      'attachClusterToCloudTower',
      'configureRackTopology',
      'deployObsInstance',
      'deployBackupService',
      'runInspection',
    ] as const)
      assert.equal(stubs.calls[n], 1, n);
  });

  it('a 16-host bring-up with OBS and Backup stays well under 2,000 history events', async () => {
    const input = await stubRunInput(
      { onFailure: 'wait-for-retry', components: { obs: 'auto', backup: 'auto' } },
      { hosts: 16 },
    );
    const stubs = stubActivities();
    const { summary, events } = await runStubbed(stubs, input, async (h) => {
      const s = await h.result();
      const history = await h.fetchHistory();
      return { summary: s, events: history.events?.length ?? 0 };
    });
    assert.equal(summary.outcome, 'succeeded');
    assert.ok(events > 100, `a whole bring-up (${events} events)`);
    console.log(`history of a 16-host overlapped bring-up: ${events} events`);
    assert.ok(events < 2000, `${events} events for 16 hosts`);
  });

  it('sequential keeps the seed order: one step at a time, configure-cluster in its old order', async () => {
    const stubs = stubActivities({}, { uploadCloudTowerIso: 300, configureBusinessNetworks: 300 });
    const summary = await runStubbed(stubs, { ...baseInput, schedule: 'sequential' }, async (h) => {
      const progress: BringUpProgress[] = [];
      const done = h.result();
      // No two stages ever run at once.
      for (let i = 0; i < 10; i++) {
        progress.push(await h.query(progressQuery));
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const p of progress) assert.ok(p.stages.filter((s) => s.status === 'running').length <= 1);
      return done;
    });
    assert.equal(summary.outcome, 'succeeded');
    assert.deepEqual(
      stubs.order.filter((n) => !CHILD_STEPS.includes(n)),
      [
        ...['findExistingDeployment', 'precheckAddresses', 'scanHosts', 'deployClusterFromPlan'],
        ...['initializeFisheye', 'configureClusterSettings', 'configureIpmiAccounts'],
        ...['configureBusinessNetworks', 'setHostPasswords', 'uploadVmTools', 'configureCpuCompatibility'],
        ...[
          'readClusterSerial',
          'writeSerialsToWorkbook',
          'findCloudTowerVmPlacement',
          'locateCloudTowerIso',
        ],
        ...['uploadCloudTowerIso', 'createCloudTowerVm', 'waitForCloudTowerGuestAgent'],
        ...['configureCloudTowerVmNetwork', 'installCloudTower', 'waitForCloudTowerHttps', 'setupCloudTower'],
        ...['configureCloudTowerDns', 'readCloudTowerSerial', 'writeSerialsToWorkbook'],
        ...['attachClusterToCloudTower', 'configureDefaultStoragePolicy', 'configureCapacityAlert'],
        ...['configureMonitoringDashboard', 'configureRackTopology', 'runInspection'],
        // The serial write-backs of the OBS child, then the Backup child.
        ...['writeSerialsToWorkbook', 'writeSerialsToWorkbook'],
        // Stage 11 at the run's end (merged after this test was written): no test load, no test VMs.
        ...['ejectCloudTowerIso', 'deleteRunUploadVolumes'],
      ],
    );
    // Each call began after the one before it ended (children included: OBS, then Backup).
    for (let i = 1; i < stubs.spans.length; i++)
      assert.ok(stubs.spans[i].start >= stubs.spans[i - 1].end!, `${stubs.spans[i].name} waited`);
    assert.ok(stubs.order.indexOf('readObsSerial') < stubs.order.indexOf('locateBackupPackage'));
  });
});
