import type { CloudTowerIso } from '../../activities/deploy-cloudtower/locate-cloud-tower-iso.js';
import type { ScannedHost } from '../../activities/prepare/index.js';
import type { BringUpInput } from '../../run/input.js';
import type { RunTracker } from '../run-tracker.js';
import type { StageId } from '../../run/stages.js';

/** What a stage needs: the input, the tracker, and what earlier stages produced. */
export interface StageContext {
  input: BringUpInput;
  tracker: RunTracker;
  facts: RunFacts;
  /** Marks `name` as the stage's current step (progress query, failure message), then runs it. */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
}

/** Results carried from stage to stage (kept in workflow memory, rebuilt on replay). */
export interface RunFacts {
  hostUuids: Record<string, string>;
  scans?: ScannedHost[];
  /** The CloudTower ISO found in the package directory (stage 4's locate-iso). */
  iso?: CloudTowerIso;
  imagePath?: string;
  vmUuid?: string;
  placement?: { storagePolicyUuid: string; ovs: string; vlanUuid: string };
}

/** The context of one stage: its `step` already knows the stage id. */
export function stageContext(
  stage: StageId,
  shared: { input: BringUpInput; tracker: RunTracker; facts: RunFacts },
): StageContext {
  return {
    ...shared,
    step: (name, body) => {
      shared.tracker.step(stage, name);
      return body();
    },
  };
}
