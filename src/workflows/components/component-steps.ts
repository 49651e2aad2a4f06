// What the OBS and Backup child workflows share: their common input (the CloudTower they talk to
// among it), the package step they both begin with and the serial write-back they both end with. Each child
// passes in its own activity proxies, so every activity keeps the options its child chose.
import { isCancellation, patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { WorkbookActivities } from '../../activities/workbook/index.js';
import { pickTowerAccess, type TowerAccess } from '../../run/tower-access.js';
import { remoteJob } from '../activity-options.js';
import { bringUpStageKey } from '../search-attributes.js';
import type { StageId } from '../../run/stages.js';

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
 */
export async function withStageAttribute<T>(stage: StageId, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    if (patched('component-child-stage-attribute'))
      upsertSearchAttributes([{ key: bringUpStageKey, value: 'done' }]);
    return result;
  } catch (err) {
    if (!isCancellation(err) && patched('component-child-stage-attribute'))
      upsertSearchAttributes([{ key: bringUpStageKey, value: `failed:${stage}` }]);
    throw err;
  }
}
