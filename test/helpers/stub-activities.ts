// Stand-ins for every activity the bring-up and its child workflows call, registered under the
// real names: orchestration tests (and the retry fixture recorder) exercise the workflow code
// alone, in seconds, without the simulator. Each stub returns a canned, well-typed result; a test
// makes a step fail by name, and reads back how often each step ran.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type * as activities from '../../src/activities/index.js';
import { loadPlan, writeSamplePlan } from '../../src/plan/index.js';
import type { BringUpInput } from '../../src/run/input.js';
import { toRunPlan } from '../../src/run/run-plan.js';
import { simulatorTiming } from '../../src/run/timing.js';

type Activities = typeof activities;

/** The activities the workflows schedule (the stubs cover exactly these). */
export const STUBBED_ACTIVITIES = [
  'findExistingDeployment',
  'precheckAddresses',
  'scanHosts',
  'deployClusterFromPlan',
  'initializeFisheye',
  'configureClusterSettings',
  'configureIpmiAccounts',
  'configureBusinessNetworks',
  'setHostPasswords',
  'uploadVmTools',
  'configureCpuCompatibility',
  'readClusterSerial',
  'writeSerialsToWorkbook',
  'findCloudTowerVmPlacement',
  'locateCloudTowerIso',
  'uploadCloudTowerIso',
  'createCloudTowerVm',
  'waitForCloudTowerGuestAgent',
  'configureCloudTowerVmNetwork',
  'installCloudTower',
  'waitForCloudTowerHttps',
  'setupCloudTower',
  'configureCloudTowerDns',
  'readCloudTowerSerial',
  'attachClusterToCloudTower',
  'configureDefaultStoragePolicy',
  'configureCapacityAlert',
  'configureMonitoringDashboard',
  'configureRackTopology',
  'runInspection',
  'readInspectionItems',
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
  'locateTestVmPackages',
  'uploadTestVmImage',
  'createTestVm',
  'startTestVm',
  'waitForTestVmSsh',
  'runFioProfiles',
  'listOpenAlerts',
  'pickMaintenanceHost',
  'enterHostMaintenance',
  'exitHostMaintenance',

  'ejectCloudTowerIso',
  'deleteRunUploadVolumes',
  'readRunLedger',
  'removeLedgerEntry',
] as const satisfies readonly (keyof Activities)[];

export type StubbedActivity = (typeof STUBBED_ACTIVITIES)[number];
type Results = { [K in StubbedActivity]: Awaited<ReturnType<Activities[K]>> };

/** Canned results: the smallest well-formed answer of each step (no secrets, nothing remote). */
const results: Results = {
  findExistingDeployment: { deployed: false, askedHost: '127.0.0.1' },
  precheckAddresses: { problems: [], warnings: [] },
  scanHosts: { hosts: [] },
  deployClusterFromPlan: { status: 'deployed', seconds: 1 },
  initializeFisheye: { rootUser: 'created' },
  configureClusterSettings: { vip: 'stub', dns: [], ntp: [] },
  configureIpmiAccounts: { succeeded: [], failed: [] },
  configureBusinessNetworks: {
    vdsUuid: 'stub-vds',
    vdsName: 'stub-vds',
    vdsCreated: true,
    vlansCreated: [],
    vlansExisting: [],
    vlansCount: 0,
  },
  setHostPasswords: { changed: [], alreadySet: [] },
  uploadVmTools: { status: 'uploaded', file: 'stub-vmtools.iso', bytes: 1 },
  configureCpuCompatibility: { cpuModel: 'stub-cpu' },
  readClusterSerial: { serial: 'STUB-CLUSTER' },
  writeSerialsToWorkbook: { written: [], skipped: 'stub' },
  findCloudTowerVmPlacement: { storagePolicyUuid: 'stub-policy', ovs: 'stub-ovs', vlanUuid: 'stub-vlan' },
  locateCloudTowerIso: { path: '/stub/cloudtower.iso', name: 'cloudtower-stub.iso', size: 1 },
  uploadCloudTowerIso: {
    imageUuid: 'stub-image',
    imagePath: 'stub/image',
    reused: false,
    bytesSent: 1,
    seconds: 1,
    volumeRecreated: false,
  },
  createCloudTowerVm: { vmUuid: 'stub-vm', created: true },
  waitForCloudTowerGuestAgent: { guestOsType: 'LINUX' },
  configureCloudTowerVmNetwork: { changed: true },
  installCloudTower: { status: 'installed', logBytes: 1, seconds: 1 },
  waitForCloudTowerHttps: { tries: 1 },
  setupCloudTower: {
    rootUser: 'created',
    rootPassword: 'kept',
    organizationId: 'stub-org',
    organizationCreated: true,
    ntp: 'stub',
    warnings: [],
  },
  configureCloudTowerDns: { changed: true },
  readCloudTowerSerial: { serial: 'STUB-TOWER' },
  attachClusterToCloudTower: {
    organizationId: 'stub-org',
    datacenterId: 'stub-dc',
    datacenterCreated: true,
    clusterId: 'stub-cluster',
    alreadyConnected: false,
    connectState: 'CONNECTED',
  },
  configureDefaultStoragePolicy: { policy: 'REPLICA_2_THIN_PROVISION', changed: true },
  configureCapacityAlert: { notice: 80, critical: 90, changed: true },
  configureMonitoringDashboard: {
    view: 'stub 交付监控',
    viewId: 'stub-view',
    graphs: 12,
    createdView: true,
    createdGraphs: [],
  },
  configureRackTopology: { racks: ['stub-rack'], placed: 3, created: { racks: [], bricks: [], moved: [] } },
  runInspection: { path: '/stub/inspection.zip', sha256: '0'.repeat(64), bytes: 1, jobId: 'stub-job' },
  readInspectionItems: { checked: 74, failing: [] },
  locateObsPackage: { path: '/stub/obs.tar.gz', name: 'obs-stub.tar.gz', version: '1', size: 1 },
  uploadObsPackage: { status: 'uploaded', bytesSent: 1, partsSent: 1, partsSkipped: 0 },
  deployObsInstance: { instanceId: 'stub-obs', created: true, status: 'RUNNING' },
  configureObsNtp: { changed: true },
  connectObsToCluster: { alreadyConnected: false },
  connectObsSystemService: { connected: true },
  readObsSerial: { serial: 'STUB-OBS' },
  locateBackupPackage: { path: '/stub/backup.tar.gz', name: 'backup-stub.tar.gz', version: '1', size: 1 },
  uploadBackupPackage: { status: 'uploaded', bytesSent: 1, chunksSent: 1, chunksSkipped: 0 },
  ensureBackupStorageNetwork: { vdsId: 'stub-vds', vlanId: 'stub-vlan', created: true },
  deployBackupService: { serviceId: 'stub-backup', created: true, status: 'RUNNING' },
  bindBackupToCluster: { alreadyBound: false },
  readBackupSerial: { serial: 'STUB-BACKUP' },
  locateTestVmPackages: {
    packages: [
      {
        role: 'fio',
        name: 'fio-stub.ova',
        path: '/stub/fio-stub.ova',
        descriptorName: 'fio-stub.ovf',
        disk: { name: 'fio-stub-disk1.vmdk', path: '/stub/fio-stub.ova', offset: 512, size: 1 },
      },
    ],
    notes: ['no PAT test VM image in /stub (stub)'],
  },
  uploadTestVmImage: {
    uploadTaskId: 'stub-upload-task',
    volumeName: 'stub-volume',
    status: 'uploaded',
    chunksSent: 1,
  },
  createTestVm: { vmId: 'stub-test-vm', created: true, status: 'STOPPED' },
  startTestVm: { status: 'RUNNING', started: true },
  waitForTestVmSsh: { hostname: 'stub-fio' },
  runFioProfiles: {
    rows: [
      {
        profile: 'rand-read-4k',
        vm: 'stub',
        iops: 1000,
        mbps: 4.1,
        p50us: 100,
        p99us: 300,
        runtimeSeconds: 60,
      },
      {
        profile: 'rand-write-4k',
        vm: 'stub',
        iops: 500,
        mbps: 2,
        p50us: 200,
        p99us: 600,
        runtimeSeconds: 60,
      },
      {
        profile: 'seq-read-1m',
        vm: 'stub',
        iops: 100,
        mbps: 104.9,
        p50us: 900,
        p99us: 2000,
        runtimeSeconds: 60,
      },
      {
        profile: 'seq-write-1m',
        vm: 'stub',
        iops: 50,
        mbps: 52.4,
        p50us: 1900,
        p99us: 4000,
        runtimeSeconds: 60,
      },
    ],
  },
  listOpenAlerts: { count: 0, alerts: [] },
  pickMaintenanceHost: { hostId: 'stub-host-3', hostName: 'stub-node-3', chosenBy: 'default' },
  enterHostMaintenance: { outcome: 'entered', taskId: 'stub-enter-task' },
  exitHostMaintenance: { outcome: 'exited', taskId: 'stub-exit-task' },

  ejectCloudTowerIso: { status: 'ejected', ejected: ['stub/image'] },
  deleteRunUploadVolumes: { deleted: [], found: [] },
  readRunLedger: { workflowId: 'stub', status: 'COMPLETED', ledger: [], marker: 'stub' },
  removeLedgerEntry: { outcome: 'removed' },
};

/**
 * How a stubbed step misbehaves: `failTimes` calls fail with a non-retryable ApplicationFailure
 * (the activity's retry policy gives up at once, as it would on a refusal of the appliance), the
 * rest answer normally.
 */
export interface StubFault {
  failTimes: number;
  message?: string;
}

export interface StubActivities {
  /** Register these with the worker (`activities:`). */
  activities: Record<StubbedActivity, (...args: unknown[]) => Promise<unknown>>;
  /** How many times each step ran (failed calls included). */
  calls: Partial<Record<StubbedActivity, number>>;
  /** The step names in the order they ran. */
  order: StubbedActivity[];
  /** When each call began and ended (ms since the epoch), in the order they began. */
  spans: { name: StubbedActivity; start: number; end?: number }[];
}

export function stubActivities(
  faults: Partial<Record<StubbedActivity, StubFault>> = {},
  /** How long some steps take (ms): overlap of the schedule's branches becomes observable. */
  delaysMs: Partial<Record<StubbedActivity, number>> = {},
  /** Answers that differ by call: the n-th call (1-based) of a step answers `answers[step](n)`. */
  answers: { [K in StubbedActivity]?: (n: number) => Results[K] } = {},
): StubActivities {
  const calls: StubActivities['calls'] = {};
  const order: StubbedActivity[] = [];
  const spans: StubActivities['spans'] = [];
  const entries = STUBBED_ACTIVITIES.map((name) => {
    const stub = async (): Promise<unknown> => {
      const n = (calls[name] = (calls[name] ?? 0) + 1);
      order.push(name);
      const span: StubActivities['spans'][number] = { name, start: Date.now() };
      spans.push(span);
      const delay = delaysMs[name];
      if (delay) await new Promise((r) => setTimeout(r, delay));
      span.end = Date.now();
      const fault = faults[name];
      if (fault && n <= fault.failTimes) {
        throw ApplicationFailure.create({
          type: 'StubFault',
          nonRetryable: true,
          message: fault.message ?? `${name}: stub fault ${n} of ${fault.failTimes}`,
        });
      }
      const answer = answers[name] as ((n: number) => unknown) | undefined;
      if (answer) return answer(n);
      // A copy: the worker serializes it, but a test must never see another call's object.
      return structuredClone(results[name]);
    };
    return [name, stub] as const;
  });
  return { activities: Object.fromEntries(entries) as StubActivities['activities'], calls, order, spans };
}

/**
 * A bring-up input for stubbed runs: the sample workbook's plan (written to the test scratch
 * directory and validated as on site), timing sized for the simulator, and an endpoint map that
 * does not exist (no stub reads it; a real activity registered by mistake would fail closed).
 */
export async function stubRunInput(
  overrides: Partial<BringUpInput> = {},
  { hosts = 3 }: { hosts?: number } = {},
): Promise<BringUpInput> {
  const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'stub-run-'));
  const planFile = path.join(dir, 'sample-plan.xlsx');
  await writeSamplePlan(planFile, {
    hosts,
    networkArchitecture: 'three-separate',
    storageArchitecture: 'hybrid-tiered',
  });
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) throw new Error(`the sample workbook did not validate: ${planFile}`);
  return {
    plan: toRunPlan(loaded.plan, planFile),
    run: {
      connect: { mode: 'map', endpointMapFile: path.join(dir, 'no-endpoints.json') },
      timing: simulatorTiming(1000),
    },
    files: { packageDir: path.join(dir, 'packages'), artifactsDir: path.join(dir, 'artifacts') },
    components: { obs: 'skip', backup: 'skip' },
    onFailure: 'fail',
    ...overrides,
  };
}
