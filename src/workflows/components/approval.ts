import { condition, log } from '@temporalio/workflow';
import type { BringUpInput } from '../../run/input.js';
import type { RunTracker } from '../run-tracker.js';
import {
  COMPONENT_STAGE,
  OPTIONAL_COMPONENTS,
  type OptionalComponent,
  type StageId,
} from '../../run/stages.js';

export type Decision = 'approve' | 'skip';

/** Operator decisions received by signal; kept even when they arrive before the question. */
export class Decisions {
  private readonly received: Partial<Record<OptionalComponent, Decision>> = {};

  record(component: OptionalComponent, decision: Decision): void {
    this.received[component] = decision;
  }

  /**
   * `auto` and `skip` decide at once; `ask` waits for a signal up to the deadline, showing
   * `awaiting-approval:<component>` in the progress query and the BringUpStage search attribute.
   */
  async decide(
    component: OptionalComponent,
    stage: StageId,
    input: BringUpInput,
    tracker: RunTracker,
  ): Promise<{ decision: Decision; how: string }> {
    // `testload` came later: runs started without it skip it.
    const policy = input.components[component] ?? 'skip';
    if (policy === 'auto') return { decision: 'approve', how: 'policy auto' };
    if (policy === 'skip') return { decision: 'skip', how: 'policy skip' };
    const deadlineSeconds =
      input.components.approvalTimeoutSeconds ?? input.run.timing.approvalTimeoutSeconds;
    tracker.stage(stage).status = 'awaiting-approval';
    // With several questions open (overlapped runs), the first component in OPTIONAL_COMPONENTS order.
    tracker.progress.awaitingApproval = OPTIONAL_COMPONENTS.find(
      (c) => tracker.stage(COMPONENT_STAGE[c]).status === 'awaiting-approval',
    );
    tracker.setPhase(`awaiting-approval:${component}`);
    // Query state only (no command): the deadline as the timer below will keep it.
    const deadlines = (tracker.progress.approvalDeadlines ??= {});
    deadlines[component] = new Date(Date.now() + deadlineSeconds * 1000).toISOString();
    const decided = await condition(() => this.received[component] !== undefined, deadlineSeconds * 1000);
    delete deadlines[component];
    // Overlapped runs may ask for both components at once: the other question may still be open.
    tracker.progress.awaitingApproval = OPTIONAL_COMPONENTS.find(
      (c) => c !== component && tracker.stage(COMPONENT_STAGE[c]).status === 'awaiting-approval',
    );
    if (decided) return { decision: this.received[component]!, how: 'operator signal' };
    const fallback = input.components.onApprovalTimeout ?? 'skip';
    log.info('approval deadline passed', { component, fallback });
    tracker.warn(
      `no decision for ${component} within ${deadlineSeconds} s: ${fallback === 'skip' ? 'skipped' : 'approved'} as the input says`,
    );
    return { decision: fallback, how: `deadline passed (${deadlineSeconds} s)` };
  }
}
