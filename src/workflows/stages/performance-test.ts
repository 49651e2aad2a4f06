// Stage 10 — performance and reliability tests, after the test load (stage 09) succeeded: fio's
// standard profiles in the FIO test VM (the PAT VM when there is no FIO VM), the results as a table
// in the run summary. Run by the bring-up after the `testload` component (docs/test-load.md); a
// failure here is the stage's own (the cluster stays as it is) and the run ends "completed with
// failures". The disruptive test (a host into maintenance mode and back) runs only when approved on
// `start` of this run (stages/disruptive-test.ts); otherwise the note says it did not.
import { isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { InspectionActivities } from '../../activities/inspection/index.js';
import type { PerformanceTestActivities } from '../../activities/performance-test/index.js';
import { FIO_PROFILES, FIO_RUNTIME_SECONDS } from '../../run/fio-profiles.js';
import type { BringUpInput } from '../../run/input.js';
import { towerAccess } from '../../run/tower-access.js';
import { lookup, remoteJob } from '../activity-options.js';
import { compareInspections, describeItem } from '../../run/inspection-items.js';
import type { TestVm } from '../components/test-load.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import type { RunTracker } from '../run-tracker.js';
import { alertsBeforeLoad, compareAlertsAfterLoad, type AlertSnapshot } from './reliability-alerts.js';

import { DISRUPTIVE_NOT_RUN, disruptiveTest } from './disruptive-test.js';
import { coded } from '../../i18n/coded.js';

const STAGE = 'performance-test';

export { DISRUPTIVE_NOT_RUN } from './disruptive-test.js';

export async function performanceTestStage(
  input: BringUpInput,
  tracker: RunTracker,
  testVms: TestVm[],
): Promise<void> {
  if (tracker.stage('test-load').status !== 'done') {
    tracker.finishStage(STAGE, 'skipped', coded('note.testLoadNotRun'));
    return;
  }
  const vm = testVms.find((v) => v.role === 'fio') ?? testVms[0];
  if (!vm) {
    tracker.finishStage(STAGE, 'skipped', coded('note.noTestVmUp'));
    return;
  }
  const runtimeSeconds = FIO_RUNTIME_SECONDS;
  // One attempt runs every profile for its bounded time; a retry runs only the missing ones.
  const { runFioProfiles } = proxyActivities<PerformanceTestActivities>(
    remoteJob(input.run, { waitSeconds: FIO_PROFILES.length * (runtimeSeconds + 120) }),
  );
  tracker.startStage(STAGE);
  const alertsBefore = await alertsBeforeLoad(input, tracker); // stage10-alerts: before the load
  tracker.step(STAGE, `fio in ${vm.vmName}`);
  try {
    const { rows } = await runFioProfiles({ run: input.run, vmName: vm.vmName, ip: vm.ip, runtimeSeconds });
    tracker.testResults = rows;
    // Every part of the note carries its own marker: the renderer says each of them.
    const fioNote = coded('note.fio', { count: rows.length, seconds: runtimeSeconds, vm: vm.vmName });
    // Reliability (issue 12 item 4): inspect again after the load and list the new failing items.
    const reliabilityNote = patched('stage10-reliability')
      ? await reliabilityCheck(input, tracker, alertsBefore)
      : undefined;
    // Issue 12 item 4: one host into maintenance and back, only when approved for this run.
    const disruptiveNote = patched('stage10-disruptive')
      ? await disruptiveTest(input, tracker, testVms)
      : DISRUPTIVE_NOT_RUN;
    tracker.finishStage(STAGE, 'done', [fioNote, reliabilityNote, disruptiveNote].filter(Boolean).join('; '));
  } catch (err) {
    if (isCancellation(err)) throw err;
    tracker.failComponent(STAGE, `${STAGE}: ${afterRetriesEnded(describeError(err))}`);
  }
}

/**
 * The inspection again after fio, compared with stage 7's: its report (tracker.inspectionReport) is
 * read again, so nothing else needs recording. Returns the stage note's part; new failures also go
 * to the summary (`reliability`) and the warnings. Failures propagate: the stage fails with them.
 * With `alertsBefore` (stage10-alerts) the open alerts are compared too, right after the second
 * inspection, and a report that cannot be read is only a note when that comparison worked.
 */
async function reliabilityCheck(
  input: BringUpInput,
  tracker: RunTracker,
  alertsBefore?: AlertSnapshot,
): Promise<string> {
  const first = tracker.inspectionReport;
  if (!first) {
    // A run resumed past stage 7 by an older version may hold no report: nothing to compare with.
    const missing = coded('note.inspectionNotCompared');
    if (!alertsBefore) return missing;
    return `${missing}; ${(await compareAlertsAfterLoad(input, tracker, alertsBefore)).note}`;
  }
  const { run, plan } = input;
  const { runInspection } = proxyActivities<InspectionActivities>(
    remoteJob(run, { waitSeconds: run.timing.serviceTimeoutSeconds }),
  );
  const { readInspectionItems } = proxyActivities<InspectionActivities>(lookup(run));
  tracker.step(STAGE, 'inspection after the load');
  const second = await runInspection({
    ...towerAccess(input),
    clusterVip: plan.vip,
    artifactsDir: input.files.artifactsDir,
  });
  tracker.created['inspection report after load'] = second.path;
  const alerts = alertsBefore && (await compareAlertsAfterLoad(input, tracker, alertsBefore));
  const withAlerts = (note: string) => (alerts ? `${note}; ${alerts.note}` : note);
  tracker.step(STAGE, 'compare inspections');
  let before: Awaited<ReturnType<typeof readInspectionItems>>;
  let after: typeof before;
  try {
    before = await readInspectionItems({ path: first.path });
    after = await readInspectionItems({ path: second.path });
  } catch (err) {
    // The report's layout is our guess (docs/decisions.md): when the alerts, a documented source,
    // were compared, a report that cannot be read is a note, not a failed stage.
    if (isCancellation(err) || !alerts?.ok) throw err;
    const why = afterRetriesEnded(describeError(err));
    tracker.reliability = { newFailures: [], ...tracker.reliability, reportUnreadable: why };
    return withAlerts(coded('note.inspectionUnreadable', { why }));
  }
  const comparison = compareInspections(before, after);
  tracker.reliability = alerts ? { ...tracker.reliability, ...comparison } : comparison;
  if (!comparison.newFailures.length) {
    return withAlerts(coded('note.inspectionNoNewFailures', { checked: after.checked }));
  }
  const listed = comparison.newFailures.map(describeItem);
  for (const item of listed) tracker.warn(coded('warn.newInspectionItem', { item }));
  return withAlerts(coded('note.inspectionNewFailures', { count: listed.length, items: listed.join(', ') }));
}
