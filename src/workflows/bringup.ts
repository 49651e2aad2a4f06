import {
  ApplicationFailure,
  condition,
  executeChild,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BringUpInput } from '../run/input.js';
import { backupWorkflow } from './components/backup.js';
import { Decisions } from './components/approval.js';
import { obsWorkflow } from './components/obs.js';
import type { ComponentResult } from './components/result.js';
import { afterRetriesEnded, describeError } from './describe-error.js';
import { approveSignal, progressQuery, retrySignal, retryUpdate, skipSignal } from './messages.js';
import { netmaskOf, sameHostIn } from './netmask.js';
import { plannedVmNetwork } from '../plan/vm-network.js';
import { RunTracker, type BringUpSummary } from './run-tracker.js';
import { attachClusterStage } from './stages/attach-cluster.js';
import { configureCloudTowerStage } from './stages/configure-cloudtower.js';
import { configureClusterStage } from './stages/configure-cluster.js';
import { stageContext, type RunFacts, type StageContext } from './stages/context.js';
import { deployClusterStage } from './stages/deploy-cluster.js';
import { deployCloudTowerStage } from './stages/deploy-cloudtower.js';
import { inspectionStage } from './stages/inspection.js';
import { cleanupStage } from './stages/cleanup.js';
import { prepareStage } from './stages/prepare.js';
import { bringUpStageKey, clusterNameKey } from './search-attributes.js';
import {
  COMPONENT_STAGE,
  DONE_WITH_FAILURES,
  OPTIONAL_COMPONENTS,
  STAGES,
  type OptionalComponent,
  type RetryAnswer,
  type StageId,
} from '../run/stages.js';

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
 * The whole bring-up of one cluster. Stages run in order; every remote step is an idempotent
 * activity. A failed stage keeps the run open: the operator fixes the cause and sends `retry`,
 * and the stage runs again from its first step (each step finds what already exists).
 */
export async function bringUpWorkflow(input: BringUpInput): Promise<BringUpSummary> {
  const tracker = new RunTracker(input.plan.clusterName);
  const decisions = new Decisions();
  const facts: RunFacts = { hostUuids: {} };
  let retryRequested = false;
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
  });
  // The Update asks the same as the signal, but says what restarts, or is refused when nothing failed.
  setHandler(
    retryUpdate,
    (): RetryAnswer => {
      const answer = tracker.progress.retryable!;
      retryRequested = true;
      return answer;
    },
    {
      validator: () => {
        if (!tracker.progress.retryable || retryRequested) {
          throw ApplicationFailure.create({
            type: 'NothingToRetry',
            nonRetryable: true,
            message:
              `没有失败的阶段或组件，无需 retry（当前: ${tracker.progress.phase}）/ ` +
              `nothing has failed, so there is nothing to retry (now: ${tracker.progress.phase})`,
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
        const message = `${id}/${failedStep ?? 'start'}: ${afterRetriesEnded(describeError(err))}`;
        tracker.failStage(id, message);
        if (input.onFailure === 'fail') {
          throw ApplicationFailure.create({
            type: 'StageFailed',
            nonRetryable: true,
            message,
            details: [tracker.summary('failed', message)],
          });
        }
        // Keep everything done so far; wait for the operator's `retry` after the fix.
        tracker.progress.retryable = { kind: 'stage', stage: id, failedStep };
        retryRequested = false;
        await condition(() => retryRequested);
        retryRequested = false;
      }
    }
  };

  for (const [id, body] of requiredStages) {
    await runStage(id, body);
    if (input.stopAfter === id) return stopHere(tracker, id);
  }
  const components = new ComponentRuns(input, tracker, decisions);
  await components.run('obs');
  if (input.stopAfter !== 'observability') await components.run('backup');

  const anyFailed = () =>
    OPTIONAL_COMPONENTS.some((c) => tracker.stage(COMPONENT_STAGE[c]).status === 'failed');
  // Runs started before this change ended 'done' with a failed component (a warning only).
  if (anyFailed() && patched('component-failure-waits-for-retry')) {
    await waitForComponentRetries(input, tracker, components, leftFailed, {
      requested: () => retryRequested,
      reset: () => {
        retryRequested = false;
      },
    });
    if (anyFailed()) {
      if (input.stopAfter === 'observability') markNotRun(tracker, 'observability');
      else await stage11(input, tracker, facts);
      tracker.setPhase(DONE_WITH_FAILURES);
      tracker.progress.currentStep = undefined;
      tracker.progress.retryable = undefined;
      return tracker.summary('completed-with-failures');
    }
  }
  if (input.stopAfter === 'observability') return stopHere(tracker, 'observability');
  await stage11(input, tracker, facts);
  tracker.setPhase('done');
  tracker.progress.currentStep = undefined;
  return tracker.summary(anyFailed() ? 'completed-with-failures' : 'succeeded');
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
  retry: { requested: () => boolean; reset: () => void },
): Promise<void> {
  const windowSeconds = input.components.retryWindowSeconds ?? input.run.timing.approvalTimeoutSeconds;
  for (;;) {
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
    for (const c of failed) if (!leftFailed.has(c)) await components.runChild(c, 'rerun by operator retry');
  }
}

/** Stages 8 and 9: asked for or decided by policy, then run as a child workflow whose failure stays its own. */
class ComponentRuns {
  constructor(
    private readonly input: BringUpInput,
    private readonly tracker: RunTracker,
    private readonly decisions: Decisions,
  ) {}

  async run(component: OptionalComponent): Promise<void> {
    const { input, tracker } = this;
    const stage = COMPONENT_STAGE[component];
    const address = component === 'obs' ? input.plan.obs.ip : input.plan.backup.ip;
    if (!address) {
      tracker.finishStage(stage, 'skipped', 'no address for it in the workbook');
      return;
    }
    const { decision, how } = await this.decisions.decide(component, stage, input, tracker);
    if (decision === 'skip') {
      tracker.finishStage(stage, 'skipped', `skipped (${how})`);
      return;
    }
    await this.runChild(component, how);
  }

  /** One run of the component's child workflow (a retry starts a new run under the same id). */
  async runChild(component: OptionalComponent, how: string): Promise<void> {
    const { input, tracker } = this;
    const plan = input.plan;
    const stage = COMPONENT_STAGE[component];
    const address = (component === 'obs' ? plan.obs.ip : plan.backup.ip)!;
    tracker.startStage(stage);
    tracker.step(stage, `child workflow ${component}`);
    const mgmt = plan.networks.extraManagement ?? plan.networks.management;
    const vmNetwork = plannedVmNetwork(plan);
    const common = {
      run: input.run,
      packageDir: input.files.packageDir,
      planFile: input.planFile,
      cloudtowerIp: plan.cloudtower.ip,
      rootPassword: plan.cloudtower.rootPassword,
      clusterVip: plan.vip,
      network: {
        subnetMask: netmaskOf(mgmt.subnet),
        gateway: mgmt.gateway,
        // The VM network the CloudTower VM was placed on (docs/decisions.md): same VLAN for OBS/Backup.
        vmNetwork: { name: vmNetwork.name, vlanId: vmNetwork.vlanId },
      },
    };
    const workflowId = `${workflowInfo().workflowId}/${component}`;
    // The child is found by cluster like its parent (list, Web UI); it moves its own BringUpStage on.
    const typedSearchAttributes = [
      { key: clusterNameKey, value: plan.clusterName },
      { key: bringUpStageKey, value: stage },
    ];
    try {
      let result: ComponentResult;
      if (component === 'obs') {
        result = await executeChild(obsWorkflow, {
          workflowId,
          typedSearchAttributes,
          args: [{ ...common, obsIp: address, ntpServers: plan.ntpServers }],
        });
      } else {
        const storage = plan.networks.storage;
        result = await executeChild(backupWorkflow, {
          workflowId,
          typedSearchAttributes,
          args: [
            {
              ...common,
              backupIp: address,
              storageIp: sameHostIn(address, mgmt.subnet, storage.subnet),
              storageSubnetMask: netmaskOf(storage.subnet),
              storageVdsName: storage.vdsName,
              storageNetwork: { name: `${storage.networkName}-backup`, vlanId: storage.vlanId },
            },
          ],
        });
      }
      Object.assign(tracker.created, result.created);
      result.warnings.forEach((w) => tracker.warn(w));
      if (result.serial) tracker.serials[component === 'obs' ? 'Observability' : 'Backup'] = result.serial;
      tracker.addresses[component === 'obs' ? 'Observability' : 'Backup'] = result.address;
      tracker.finishStage(stage, 'done', how);
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The cluster and CloudTower stay as they are; the component is reported as failed, not hidden.
      tracker.failComponent(stage, `${stage}: ${afterRetriesEnded(describeError(err))}`);
    }
  }
}
