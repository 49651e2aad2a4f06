// Stage 10, after fio and the reliability check: the disruptive test the operator approved for this
// run on `start` (`--disruptive-tests maintenance`; issue 12 item 4). One host goes into maintenance
// mode through CloudTower (its precheck first), the test VMs must still answer SSH meanwhile, and
// the host comes back out — ALWAYS: on a failure of the test and on cancellation too (the exit
// runs non-cancellable). A host that could not be brought back is a loud warning naming it and the
// fix. Without the approval nothing runs and the note says so (DISRUPTIVE_NOT_RUN).
import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { PerformanceTestActivities } from '../../activities/performance-test/index.js';
import type { TestLoadActivities } from '../../activities/test-load/index.js';
import type { BringUpInput } from '../../run/input.js';
import { towerAccess } from '../../run/tower-access.js';
import { lookup, remoteJob } from '../activity-options.js';
import type { TestVm } from '../components/test-load.js';
import { describeError } from '../describe-error.js';
import type { RunTracker } from '../run-tracker.js';
import { coded } from '../../i18n/coded.js';

const STAGE = 'performance-test';

/** The maintenance calls of stage 10, and the test VMs' SSH check of the test load. */
type DisruptiveTestActivities = PerformanceTestActivities & Pick<TestLoadActivities, 'waitForTestVmSsh'>;

/** Why disruptive tests did not run (the stage's note says so every time they were not approved). */
export const DISRUPTIVE_NOT_RUN = coded('note.disruptiveNotRun');

/**
 * Runs the approved disruptive test and returns the stage note's part; throws (after the exit was
 * attempted) when the test failed, so stage 10 ends failed and the run "completed with failures".
 */
export async function disruptiveTest(
  input: BringUpInput,
  tracker: RunTracker,
  testVms: TestVm[],
): Promise<string> {
  if (input.disruptiveTests !== 'maintenance') return DISRUPTIVE_NOT_RUN;
  const { run, plan } = input;
  const tower = towerAccess(input);
  const { pickMaintenanceHost } = proxyActivities<DisruptiveTestActivities>(lookup(run));
  // Each waits for a CloudTower task (live-migrating a host's VMs away) or for the guests' SSH.
  const { enterHostMaintenance, exitHostMaintenance, waitForTestVmSsh } =
    proxyActivities<DisruptiveTestActivities>(remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }));

  tracker.step(STAGE, 'choose the host for maintenance mode');
  const host = await pickMaintenanceHost({
    ...tower,
    hostName: input.disruptiveHost,
    planHosts: plan.hosts.map((h) => h.hostname),
    managementIps: [plan.cloudtower.ip, plan.obs.ip, plan.backup.ip].filter((ip): ip is string => !!ip),
  });
  const req = { ...tower, hostId: host.hostId, hostName: host.hostName };

  let testError: Error | undefined;
  try {
    tracker.step(STAGE, `host ${host.hostName} into maintenance mode`);
    await enterHostMaintenance(req);
    tracker.step(STAGE, `test VMs while ${host.hostName} is in maintenance mode`);
    for (const vm of testVms) await waitForTestVmSsh({ run, vmName: vm.vmName, ip: vm.ip });
  } catch (err) {
    testError = err as Error;
  }
  // Always out again, also when the run is being cancelled.
  tracker.step(STAGE, `host ${host.hostName} out of maintenance mode`);
  try {
    await CancellationScope.nonCancellable(() => exitHostMaintenance(req));
  } catch (err) {
    tracker.warn(coded('warn.maintenanceNotExited', { host: host.hostName, detail: describeError(err) }));
    testError ??= err as Error;
  }
  // A cancellation too: it propagates once the exit was attempted.
  if (testError) throw testError;
  const how = host.chosenBy === 'operator' ? '--disruptive-host' : 'default';
  return coded('note.disruptiveDone', { host: host.hostName, chosen: how, count: testVms.length });
}
