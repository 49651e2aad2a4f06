// Runs the bring-up as branches (docs/schedule.md): each branch is a short chain of steps of one
// stage that starts once the branches it needs are done. Deterministic: branches are plain promises
// of this workflow, woken by `condition`, which issues no command.
import { ApplicationFailure, condition, isCancellation } from '@temporalio/workflow';
import type { BringUpInput } from '../run/input.js';
import { STAGES, type RetryAnswer, type StageId } from '../run/stages.js';
import { afterRetriesEnded, describeError } from './describe-error.js';
import type { RunTracker } from './run-tracker.js';
import type { RunFacts, StageContext } from './stages/context.js';

export interface Branch {
  /** Unique in the graph; `<stage>` or `<stage>/<first step>`. */
  id: string;
  stage: StageId;
  /** Branches that must be done (or skipped) first. */
  needs: string[];
  /**
   * An optional component: it decides, runs and records its own outcome (a failure is the
   * component's, never thrown here) and manages its stage's status itself.
   */
  component?: boolean;
  run: (ctx: StageContext) => Promise<void | 'done' | 'skipped'>;
}

/** The operator's `retry` as the branches see it: a counter that goes up with each retry. */
export interface RetryGate {
  generation(): number;
  /** A retry was acted on: the Update may be sent again. */
  consumed(): void;
}

type BranchState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

interface Failure {
  branch: string;
  stage: StageId;
  step?: string;
  message: string;
}

const nowIso = () => new Date(Date.now()).toISOString();

/** A failed stage as the run reports it: `<stage>/<step>: <the error, once its retries ended>`. */
export function stageFailureMessage(stage: StageId, step: string | undefined, err: unknown): string {
  return `${stage}/${step ?? 'start'}: ${afterRetriesEnded(describeError(err))}`;
}

/** A fail-fast run ends at its first failed stage, with its summary (no command: replay-safe). */
export function endIfFailFast(input: BringUpInput, tracker: RunTracker, message: string): void {
  if (input.onFailure === 'fail') {
    throw ApplicationFailure.create({
      type: 'StageFailed',
      nonRetryable: true,
      message,
      details: [tracker.summary('failed', message)],
    });
  }
}

/**
 * Runs every branch as soon as what it needs is done. A failed branch records its stage and step
 * and waits for the operator's `retry` (others go on to their end); a retry reruns every branch
 * failed at that moment from its first step (steps are idempotent). Fail-fast runs end at the
 * first failure. Returns when every branch is done or skipped.
 */
export async function runBranches(
  branches: Branch[],
  shared: { input: BringUpInput; tracker: RunTracker; facts: RunFacts; retry: RetryGate },
): Promise<void> {
  const { input, tracker, retry } = shared;
  const state = new Map<string, BranchState>(branches.map((b) => [b.id, 'pending']));
  const lastStep = new Map<string, string>();
  const failures: Failure[] = [];
  const finished = (id: string) => state.get(id) === 'done' || state.get(id) === 'skipped';

  // A required stage's status follows its branches; a component's stage is its own business.
  const settleStage = (stage: StageId) => {
    const mine = branches.filter((b) => b.stage === stage).map((b) => state.get(b.id)!);
    const s = tracker.stage(stage);
    // The stage works while any of its branches runs (stage-time.ts); waits for retry do not count.
    if (mine.includes('running')) tracker.beginRun(s);
    else tracker.endRun(s);
    if (mine.includes('running')) s.status = 'running';
    else if (mine.includes('failed')) s.status = 'failed';
    else if (mine.every((x) => x === 'done' || x === 'skipped')) {
      s.status = mine.every((x) => x === 'skipped') ? 'skipped' : 'done';
      s.finishedAt = nowIso();
    }
    s.error = failures.find((f) => f.stage === stage)?.message;
  };

  const showFailures = () => {
    const list = [...failures].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
    tracker.progress.lastError = list[0]?.message;
    if (list.length === 0) {
      tracker.progress.retryable = undefined;
      return;
    }
    const answer: RetryAnswer = { kind: 'stage', stage: list[0].stage, failedStep: list[0].step };
    if (list.length > 1) answer.branches = list.map((f) => ({ stage: f.stage, failedStep: f.step }));
    tracker.progress.retryable = answer;
  };

  const runOne = async (branch: Branch): Promise<void> => {
    await condition(() => branch.needs.every(finished));
    const ctx: StageContext = {
      input,
      tracker,
      facts: shared.facts,
      step: (name, body) => {
        lastStep.set(branch.id, name);
        tracker.branchStep(branch.id, branch.stage, name);
        return body();
      },
    };
    if (branch.component) {
      state.set(branch.id, 'running');
      await branch.run(ctx);
      state.set(branch.id, 'done');
      tracker.branchEnded(branch.stage);
      return;
    }
    for (;;) {
      state.set(branch.id, 'running');
      lastStep.delete(branch.id);
      const stage = tracker.stage(branch.stage);
      stage.startedAt ??= nowIso();
      stage.finishedAt = undefined;
      settleStage(branch.stage);
      tracker.refreshPhase();
      try {
        const outcome = await branch.run(ctx);
        state.set(branch.id, outcome === 'skipped' ? 'skipped' : 'done');
        settleStage(branch.stage);
        tracker.branchEnded(branch.id);
        return;
      } catch (err) {
        if (isCancellation(err)) throw err;
        const step = lastStep.get(branch.id);
        const message = stageFailureMessage(branch.stage, step, err);
        state.set(branch.id, 'failed');
        failures.push({ branch: branch.id, stage: branch.stage, step, message });
        settleStage(branch.stage);
        showFailures();
        tracker.branchEnded(branch.id);
        endIfFailFast(input, tracker, message);
        // Keep everything done so far; the other branches go on. Wait for the operator's `retry`.
        retry.consumed(); // a `retry` signalled before this failure does not count for it
        const seen = retry.generation();
        await condition(() => retry.generation() > seen);
        retry.consumed();
        failures.splice(
          failures.findIndex((f) => f.branch === branch.id),
          1,
        );
        showFailures();
      }
    }
  };

  await Promise.all(branches.map(runOne));
}
