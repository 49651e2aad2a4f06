import {
  ApplicationFailure,
  condition,
  executeChild,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BringUpInput } from '../run/input.js';
import { backupWorkflow } from './components/backup.js';
import { Decisions } from './components/approval.js';
import { obsWorkflow } from './components/obs.js';
import type { ComponentResult } from './components/result.js';
import { describeError } from './describe-error.js';
import { approveSignal, progressQuery, retrySignal, skipSignal } from './messages.js';
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
import { prepareStage } from './stages/prepare.js';
import { STAGES, type OptionalComponent, type StageId } from '../run/stages.js';

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

  setHandler(progressQuery, () => tracker.progress);
  setHandler(approveSignal, (component) => decisions.record(component, 'approve'));
  setHandler(skipSignal, (component) => decisions.record(component, 'skip'));
  setHandler(retrySignal, () => {
    retryRequested = true;
  });

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
        const message = `${id}/${tracker.stage(id).step ?? 'start'}: ${describeError(err)}`;
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
  await runOptional('obs', 'observability', input, tracker, decisions);
  if (input.stopAfter === 'observability') return stopHere(tracker, 'observability');
  await runOptional('backup', 'backup', input, tracker, decisions);

  tracker.setPhase('done');
  tracker.progress.currentStep = undefined;
  return tracker.summary('succeeded');
}

function stopHere(tracker: RunTracker, id: StageId): BringUpSummary {
  const rest = STAGES.slice(STAGES.indexOf(id) + 1);
  for (const later of rest) tracker.notes[later] = `not run: stopped after ${id} as the input asked`;
  tracker.setPhase('done');
  tracker.progress.currentStep = undefined;
  return tracker.summary('stopped');
}

/** Stages 8 and 9: asked for or decided by policy, then run as a child workflow whose failure stays its own. */
async function runOptional(
  component: OptionalComponent,
  stage: StageId,
  input: BringUpInput,
  tracker: RunTracker,
  decisions: Decisions,
): Promise<void> {
  const plan = input.plan;
  const address = component === 'obs' ? plan.obs.ip : plan.backup.ip;
  if (!address) {
    tracker.finishStage(stage, 'skipped', 'no address for it in the workbook');
    return;
  }
  const { decision, how } = await decisions.decide(component, stage, input, tracker);
  if (decision === 'skip') {
    tracker.finishStage(stage, 'skipped', `skipped (${how})`);
    return;
  }
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
  try {
    let result: ComponentResult;
    if (component === 'obs') {
      result = await executeChild(obsWorkflow, {
        workflowId,
        args: [{ ...common, obsIp: address, ntpServers: plan.ntpServers }],
      });
    } else {
      const storage = plan.networks.storage;
      result = await executeChild(backupWorkflow, {
        workflowId,
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
    // The cluster and CloudTower stay as they are; the component is reported, not hidden.
    const message = `${stage}: ${describeError(err)}`;
    const s = tracker.stage(stage);
    s.status = 'failed';
    s.error = message;
    s.finishedAt = new Date(Date.now()).toISOString();
    tracker.warn(`${component} was not deployed: ${message}`);
  }
}
