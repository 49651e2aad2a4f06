// What the OBS and Backup child workflows share: their common input (the CloudTower they talk to
// among it), the package step they both begin with and the serial write-back they both end with. Each child
// passes in its own activity proxies, so every activity keeps the options its child chose.
import {
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { WorkbookActivities } from '../../activities/workbook/index.js';
import { pickTowerAccess, type TowerAccess } from '../../run/tower-access.js';
import { remoteJob } from '../activity-options.js';
import { describeError } from '../describe-error.js';
import { bringUpStageKey } from '../search-attributes.js';
import type { StageId } from '../../run/stages.js';
import { componentDecisionSignal, componentFailedSignal, type ComponentDecision } from './child-protocol.js';

/**
 * The input fields both component child workflows take: the run's CloudTower access flat among
 * them (their recorded inputs have it so).
 */
export interface ComponentInput extends TowerAccess {
  packageDir: string;
  planFile?: string;
  clusterVip: string;
  /** vmNetwork: the planned VM network (absent in runs started before it was passed). */
  network: { subnetMask: string; gateway: string; vmNetwork?: { name: string; vlanId: number } };
  /**
   * On failure, report to the parent and wait for its decision instead of closing (child-protocol.ts).
   * Set by parents since 'component-child-holds-failure'; absent in children started before.
   */
  holdOnFailure?: boolean;
}

/** Finds the component's package in the package directory and uploads it; says what happened. */
export async function uploadPackage<P extends { name: string }>(
  input: ComponentInput,
  locate: (req: { packageDir: string }) => Promise<P>,
  upload: (req: TowerAccess & { pkg: P }) => Promise<{ status: string }>,
): Promise<string> {
  const pkg = await locate({ packageDir: input.packageDir });
  const uploaded = await upload({ ...pickTowerAccess(input), pkg });
  return `${pkg.name} (${uploaded.status})`;
}

/** Writes a serial the component reported into the workbook (nothing to write: nothing done). */
export async function writeBackSerial(
  input: ComponentInput,
  key: 'obs' | 'backup',
  serial: string | undefined,
): Promise<void> {
  if (!serial) return;
  // The options the children always gave it (a local file write; no loop inside).
  const { writeSerialsToWorkbook } = proxyActivities<WorkbookActivities>(
    remoteJob(input.run, { waitSeconds: input.run.timing.jobTimeoutSeconds }),
  );
  await writeSerialsToWorkbook({ planFile: input.planFile, serials: { [key]: serial } });
}

/**
 * Runs a component child's body and moves its BringUpStage on at the end (`done` or
 * `failed:<stage>`), so `BringUpStage STARTS_WITH "failed:"` finds the failed child too. The parent
 * starts the child with the stage's id. Children started before this change did not upsert.
 *
 * With `holdOnFailure` a failed child stays open (child-protocol.ts): it tells the parent, waits,
 * and on `rerun` sets its stage back and runs the body again in this same execution, so the search
 * attribute always shows the latest outcome; on `give-up` it closes failed with the last error.
 * Cancellation (the parent's) ends it while it waits too.
 */
export async function withStageAttribute<T>(
  stage: StageId,
  input: Pick<ComponentInput, 'holdOnFailure'>,
  body: () => Promise<T>,
): Promise<T> {
  let decision: ComponentDecision | undefined;
  if (input.holdOnFailure) setHandler(componentDecisionSignal, (d) => void (decision = d));
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await body();
      if (patched('component-child-stage-attribute'))
        upsertSearchAttributes([{ key: bringUpStageKey, value: 'done' }]);
      return result;
    } catch (err) {
      if (isCancellation(err)) throw err;
      if (patched('component-child-stage-attribute'))
        upsertSearchAttributes([{ key: bringUpStageKey, value: `failed:${stage}` }]);
      if (!input.holdOnFailure || !patched('component-child-holds-failure')) throw err;
      decision = undefined;
      const parent = workflowInfo().parent;
      if (!parent) throw err;
      try {
        await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(componentFailedSignal, {
          stage,
          attempt,
          message: describeError(err),
        });
      } catch (signalErr) {
        if (isCancellation(signalErr)) throw signalErr;
        throw err; // the parent is gone: nobody can retry this
      }
      await condition(() => decision !== undefined);
      if (decision === 'give-up') throw err;
      upsertSearchAttributes([{ key: bringUpStageKey, value: stage }]);
    }
  }
}
