import { ApplicationFailure, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import type { BringUpInput } from '../run/input.js';
import { manualSteps } from '../run/manual-steps.js';
import { Decisions } from './components/approval.js';
import { ComponentRuns } from './components/component-runs.js';
import { performanceTestStage } from './stages/performance-test.js';
import { approveSignal, progressQuery, retrySignal, retryUpdate, skipSignal } from './messages.js';
import { RunTracker, type BringUpSummary } from './run-tracker.js';
import { endIfFailFast, runBranches, stageFailureMessage } from './branches.js';
import { bringUpBranches } from './schedule.js';
import { attachClusterStage } from './stages/attach-cluster.js';
import { configureCloudTowerStage } from './stages/configure-cloudtower.js';
import { configureClusterStage } from './stages/configure-cluster.js';
import { stageContext, type RunFacts, type StageContext } from './stages/context.js';
import { deployClusterStage } from './stages/deploy-cluster.js';
import { deployCloudTowerStage } from './stages/deploy-cloudtower.js';
import { inspectionStage } from './stages/inspection.js';
import { cleanupStage } from './stages/cleanup.js';
import { prepareStage } from './stages/prepare.js';
import {
  COMPONENT_STAGE,
  DONE_WITH_FAILURES,
  OPTIONAL_COMPONENTS,
  STAGES,
  type OptionalComponent,
  type RetryAnswer,
  type StageId,
} from '../run/stages.js';
import { coded } from '../i18n/coded.js';

export type { BringUpInput } from '../run/input.js';
export type BringUpResult = BringUpSummary;

const requiredStages: [StageId, (ctx: StageContext) => Promise<void>][] = [
  ['prepare', prepareStage],
  ['deploy-cluster', deployClusterStage],
  ['configure-cluster', configureClusterStage],
  ['deploy-cloudtower', deployCloudTowerStage],
  ['attach-cluster', attachClusterStage],
  ['configure-cloudtower', configureCloudTowerStage],
  ['inspection', inspectionStage],
];

/**
 * The whole bring-up of one cluster; every remote step is an idempotent activity. Since the
 * 'overlapped-schedule' patch the run is a graph of branches (src/workflows/schedule.ts,
 * docs/schedule.md), run side by side (default) or one after another (`schedule: 'sequential'`).
 * A failed branch keeps the run open: the operator fixes the cause and sends `retry`, and the
 * failed branches run again from their first step (each step finds what already exists).
 * Runs started before the patch replay the stage-by-stage code below (`requiredStages`).
 */
export async function bringUpWorkflow(input: BringUpInput): Promise<BringUpSummary> {
  const tracker = new RunTracker(input.plan.clusterName);
  // Query and summary state only (no command): what the workbook plans that no API deploys.
  tracker.manualSteps = manualSteps(input.plan);
  const decisions = new Decisions();
  const facts: RunFacts = { hostUuids: {} };
  let retryRequested = false;
  /** Counts the operator's retries: failed branches wait for it to go up (branches.ts). */
  let retries = 0;
  /** Failed components the operator chose to leave failed (`skip` after the failure). */
  const leftFailed = new Set<OptionalComponent>();
  // Text only (no command): runs started without the field replay unchanged.
  for (const w of input.planWarnings ?? []) tracker.warn(w);

  setHandler(progressQuery, () => tracker.progress);
  setHandler(approveSignal, (component) => decisions.record(component, 'approve'));
  setHandler(skipSignal, (component) => {
    decisions.record(component, 'skip');
    if (tracker.stage(COMPONENT_STAGE[component]).status === 'failed') leftFailed.add(component);
  });
  setHandler(retrySignal, () => {
    retryRequested = true;
    retries++;
  });
  // The Update asks the same as the signal, but says what restarts, or is refused when nothing failed.
  setHandler(
    retryUpdate,
    (): RetryAnswer => {
      const answer = tracker.progress.retryable!;
      retryRequested = true;
      retries++;
      return answer;
    },
    {
      validator: () => {
        if (!tracker.progress.retryable || retryRequested) {
          throw ApplicationFailure.create({
            type: 'NothingToRetry',
            nonRetryable: true,
            // English and its catalogue code: `retry` says it in the operator's language.
            message: coded('failure.nothingToRetry', { phase: tracker.progress.phase }),
          });
        }
      },
    },
  );

  const runStage = async (id: StageId, body: (c: StageContext) => Promise<void>) => {
    const ctx = stageContext(id, { input, tracker, facts });
    for (;;) {
      tracker.startStage(id);
      try {
        await body(ctx);
        tracker.finishStage(id);
        return;
      } catch (err) {
        if (isCancellation(err)) throw err;
        const failedStep = tracker.stage(id).step;
        const message = stageFailureMessage(id, failedStep, err);
        tracker.failStage(id, message);
        endIfFailFast(input, tracker, message);
        // Keep everything done so far; wait for the operator's `retry` after the fix.
        tracker.progress.retryable = { kind: 'stage', stage: id, failedStep };
        retryRequested = false;
        await condition(() => retryRequested);
        retryRequested = false;
      }
    }
  };

  const components = new ComponentRuns(input, tracker, decisions);
  // Cancelled while a failed child waits for a retry: the cancellation reaches the child too (its
  // start's scope); the run ends after the child did, as it did when the child was still running.
  const toTheEnd = async (): Promise<BringUpSummary> => {
    // Issue 13: the dependency graph, overlapped unless the input asks for the seed's order.
    const scheduled = patched('overlapped-schedule');
    const overlapped = scheduled && input.schedule !== 'sequential';
    if (scheduled) {
      tracker.useBranchSchedule();
      const branches = bringUpBranches(
        overlapped ? 'overlapped' : 'sequential',
        {
          component: (c) => components.run(c),
          performanceTest: () => performanceTestStage(input, tracker, components.testVms),
        },
        input.stopAfter,
      );
      await runBranches(branches, {
        input,
        tracker,
        facts,
        retry: {
          generation: () => retries,
          consumed: () => {
            retryRequested = false;
          },
        },
      });
      const stop = input.stopAfter;
      if (stop && STAGES.indexOf(stop) < STAGES.indexOf(COMPONENT_STAGE.obs)) return stopHere(tracker, stop);
    } else {
      for (const [id, body] of requiredStages) {
        await runStage(id, body);
        if (id === 'configure-cloudtower') {
          // These runs did the dashboard and the rack topology as steps of configure-cloudtower.
          for (const part of ['dashboard', 'rack-topology'] as const)
            tracker.finishStage(part, 'skipped', 'part of configure-cloudtower in this run');
        }
        if (input.stopAfter === id) return stopHere(tracker, id);
      }
      await components.run('obs');
      if (input.stopAfter !== 'observability') await components.run('backup');
    }

    // Stage 10 fails on its own like a component (the cluster is untouched), but `retry` does not rerun it.
    const anyFailed = () =>
      OPTIONAL_COMPONENTS.some((c) => tracker.stage(COMPONENT_STAGE[c]).status === 'failed') ||
      tracker.stage('performance-test').status === 'failed';
    // Runs started before this change ended 'done' with a failed component (a warning only).
    const componentsWaited = anyFailed() && patched('component-failure-waits-for-retry');
    if (componentsWaited) {
      await waitForComponentRetries(input, tracker, components, leftFailed, overlapped, {
        requested: () => retryRequested,
        reset: () => {
          retryRequested = false;
        },
      });
    }
    // Children still open after their failure (no retry within the window, fail-fast…) close failed now.
    await components.giveUp();

    // The run's end: every stage and component (and its retries) is behind us. Stage 11 tidies up
    // before the outcome below is decided; a run stopped early leaves it pending.
    if (!input.stopAfter || input.stopAfter === 'cleanup') await stage11(input, tracker, facts);

    if (componentsWaited && anyFailed()) {
      if (input.stopAfter === 'observability') markNotRun(tracker, 'observability');
      tracker.setPhase(DONE_WITH_FAILURES);
      tracker.progress.currentStep = undefined;
      tracker.progress.retryable = undefined;
      return tracker.summary('completed-with-failures');
    }
    if (input.stopAfter === 'observability') return stopHere(tracker, 'observability');
    tracker.setPhase('done');
    tracker.progress.currentStep = undefined;
    return tracker.summary(anyFailed() ? 'completed-with-failures' : 'succeeded');
  };
  try {
    return await toTheEnd();
  } catch (err) {
    if (isCancellation(err)) await components.cancelled();
    throw err;
  }
}

/**
 * CLEANUP hook (issue 12 item 5): stage 11 at the run's end (stages/cleanup.ts). Never fails the
 * run: its failures are warnings. Runs recorded before it replay without it (the stage stays
 * pending with a note; no command is issued on that branch).
 */
async function stage11(input: BringUpInput, tracker: RunTracker, facts: RunFacts): Promise<void> {
  if (!patched('stage11-cleanup')) {
    tracker.notes['cleanup'] = 'not run: the run started before stage 11 existed';
    return;
  }
  tracker.startStage('cleanup');
  await cleanupStage(stageContext('cleanup', { input, tracker, facts }));
  tracker.finishStage('cleanup');
}

function markNotRun(tracker: RunTracker, id: StageId): void {
  const rest = STAGES.slice(STAGES.indexOf(id) + 1);
  for (const later of rest) tracker.notes[later] = `not run: stopped after ${id} as the input asked`;
}

function stopHere(tracker: RunTracker, id: StageId): BringUpSummary {
  markNotRun(tracker, id);
  tracker.setPhase('done');
  tracker.progress.currentStep = undefined;
  return tracker.summary('stopped');
}

/**
 * After the components ran, a failed one keeps the run open (BringUpStage `failed:<stage>`) until
 * the operator's `retry` reruns it, `skip <component>` leaves it failed, or the retry window ends.
 * Fail-fast runs do not wait. See docs/decisions.md "Honest outcomes".
 */
async function waitForComponentRetries(
  input: BringUpInput,
  tracker: RunTracker,
  components: ComponentRuns,
  leftFailed: Set<OptionalComponent>,
  parallel: boolean,
  retry: { requested: () => boolean; reset: () => void },
): Promise<void> {
  const windowSeconds = input.components.retryWindowSeconds ?? input.run.timing.approvalTimeoutSeconds;
  for (;;) {
    // A component the operator skipped after its failure will not be rerun: its child closes failed.
    await components.giveUp(leftFailed);
    const failed = OPTIONAL_COMPONENTS.filter(
      (c) => tracker.stage(COMPONENT_STAGE[c]).status === 'failed' && !leftFailed.has(c),
    );
    if (failed.length === 0 || input.onFailure === 'fail') return;
    const stages = failed.map((c) => COMPONENT_STAGE[c]);
    tracker.progress.lastError = tracker.stage(stages[0]).error;
    tracker.progress.currentStep = undefined;
    tracker.progress.retryable = { kind: 'components', components: failed, stages };
    tracker.setPhase(`failed:${stages[0]}`);
    retry.reset();
    const woke = await condition(
      () => retry.requested() || failed.some((c) => leftFailed.has(c)),
      windowSeconds * 1000,
    );
    tracker.progress.retryable = undefined;
    if (!woke) {
      tracker.warn(
        `no retry of ${failed.join(', ')} within ${windowSeconds} s: the run ended with ${failed.length > 1 ? 'them' : 'it'} failed`,
      );
      return;
    }
    if (!retry.requested()) continue;
    retry.reset();
    const rerun = failed.filter((c) => !leftFailed.has(c));
    // Overlapped runs rerun the failed components side by side, as they ran the first time.
    if (parallel) await Promise.all(rerun.map((c) => components.runChild(c, 'rerun by operator retry')));
    else for (const c of rerun) await components.runChild(c, 'rerun by operator retry');
    // Stage 10 was skipped while the test load had failed: a test load the retry fixed gets it now
    // (it would otherwise end `succeeded` without fio). Runs recorded before this replay without it.
    const stage10Wanted =
      !input.stopAfter || STAGES.indexOf(input.stopAfter) >= STAGES.indexOf('performance-test');
    if (
      rerun.includes('testload') &&
      stage10Wanted &&
      tracker.stage(COMPONENT_STAGE.testload).status === 'done' &&
      tracker.stage('performance-test').status === 'skipped' &&
      patched('stage10-after-test-load-retry')
    ) {
      await performanceTestStage(input, tracker, components.testVms);
      tracker.branchEnded('performance-test');
    }
  }
}
