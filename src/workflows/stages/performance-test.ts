// Stage 10 — performance and reliability tests, after the test load (stage 09) succeeded: fio's
// standard profiles in the FIO test VM (the PAT VM when there is no FIO VM), the results as a table
// in the run summary. Run by the bring-up after the `testload` component (docs/test-load.md); a
// failure here is the stage's own (the cluster stays as it is) and the run ends "completed with
// failures". Disruptive tests (a host into maintenance, a power-off) are never run: they would need
// an explicit per-run approval, which the input cannot give yet.
import { isCancellation, proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { FIO_PROFILES, FIO_RUNTIME_SECONDS } from '../../run/fio-profiles.js';
import type { BringUpInput } from '../../run/input.js';
import { remoteJob } from '../activity-options.js';
import type { TestVm } from '../components/test-load.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import type { RunTracker } from '../run-tracker.js';

const STAGE = 'performance-test';

/** Why disruptive tests did not run (the stage's note says so every time). */
export const DISRUPTIVE_NOT_RUN =
  '未运行破坏性测试（主机维护模式、断电）：需每次运行明确批准 / disruptive tests (host maintenance, power-off) not run: they need an explicit per-run approval';

export async function performanceTestStage(
  input: BringUpInput,
  tracker: RunTracker,
  testVms: TestVm[],
): Promise<void> {
  if (tracker.stage('test-load').status !== 'done') {
    tracker.finishStage(STAGE, 'skipped', 'test load did not run / 未创建测试负载');
    return;
  }
  const vm = testVms.find((v) => v.role === 'fio') ?? testVms[0];
  if (!vm) {
    tracker.finishStage(STAGE, 'skipped', 'no test VM is up (see the test-load note) / 无可用测试虚拟机');
    return;
  }
  const runtimeSeconds = FIO_RUNTIME_SECONDS;
  // One attempt runs every profile for its bounded time; a retry runs only the missing ones.
  const { runFioProfiles } = proxyActivities<typeof activities>(
    remoteJob(input.run, { waitSeconds: FIO_PROFILES.length * (runtimeSeconds + 120) }),
  );
  tracker.startStage(STAGE);
  tracker.step(STAGE, `fio in ${vm.vmName}`);
  try {
    const { rows } = await runFioProfiles({ run: input.run, vmName: vm.vmName, ip: vm.ip, runtimeSeconds });
    tracker.testResults = rows;
    tracker.finishStage(
      STAGE,
      'done',
      `fio ${rows.length} profiles × ${runtimeSeconds} s in ${vm.vmName}; ${DISRUPTIVE_NOT_RUN}`,
    );
  } catch (err) {
    if (isCancellation(err)) throw err;
    tracker.failComponent(STAGE, `${STAGE}: ${afterRetriesEnded(describeError(err))}`);
  }
}
