import { ApplicationFailure, isCancellation, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CleanupActivities } from '../../activities/cleanup/index.js';
import { CLI } from '../../i18n/invocation.js';
import { cleanupPlan } from '../../run/ledger.js';
import { historyRead, remoteJob } from '../activity-options.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import { cleanupProgressQuery } from './messages.js';
import type { CleanupInput, CleanupProgress, CleanupSummary } from './types.js';
import { coded } from '../../i18n/coded.js';

/**
 * `hci-bringup cleanup <run id>`: removes what a failed or abandoned bring-up created, and only
 * that. The ledger comes from the run's history (readRunLedger); the plan lists it newest first;
 * `--dry-run` ends there. Each removal is one idempotent activity (gone already = done), so a worker
 * killed midway resumes where the history says, and nothing is removed twice. A run still running
 * is refused: cancel it first. Things found by the run, or that no API can undo, are never attempted.
 */
export async function cleanupWorkflow(input: CleanupInput): Promise<CleanupSummary> {
  const progress: CleanupProgress = {
    runId: input.runId,
    dryRun: input.dryRun ?? false,
    phase: 'reading-ledger',
    remove: [],
    withCloudTower: [],
    manual: [],
    kept: [],
  };
  setHandler(cleanupProgressQuery, () => progress);

  // The run's own timing is in its input, which this read returns: a fixed policy until then.
  const { readRunLedger } = proxyActivities<CleanupActivities>(historyRead());
  const run = await readRunLedger({ workflowId: input.runId });
  if (run.status === 'RUNNING') {
    throw ApplicationFailure.create({
      type: 'RunStillRunning',
      nonRetryable: true,
      message: coded('failure.cleanupRunStillRunning', {
        id: input.runId,
        command: `${CLI} cancel ${input.runId}`,
      }),
    });
  }
  const plan = cleanupPlan(run.ledger);
  progress.remove = plan.remove.map((entry) => ({ entry, state: 'planned' }));
  progress.withCloudTower = plan.withCloudTower;
  progress.manual = plan.manual;
  progress.kept = plan.kept;
  progress.phase = 'planned';
  if (progress.dryRun || progress.remove.length === 0) {
    progress.phase = 'done';
    return progress;
  }
  if (!run.access) {
    throw ApplicationFailure.create({
      type: 'InvalidInput',
      nonRetryable: true,
      message: coded('failure.cleanupInputUnreadable', { id: input.runId }),
    });
  }
  const access = run.access;
  // Inside: the power-off and delete jobs are awaited, their ids heartbeated (exactly once).
  const { removeLedgerEntry } = proxyActivities<CleanupActivities>(
    remoteJob(access.run, { waitSeconds: access.run.timing.jobTimeoutSeconds }),
  );
  progress.phase = 'removing';
  let failed = 0;
  for (const item of progress.remove) {
    item.state = 'removing';
    try {
      const r = await removeLedgerEntry({ ...access, entry: item.entry, workflowId: input.runId });
      item.state = r.outcome;
      item.detail = r.detail;
    } catch (err) {
      if (isCancellation(err)) throw err;
      item.state = 'failed';
      item.detail = afterRetriesEnded(describeError(err));
      failed++;
    }
  }
  progress.phase = failed > 0 ? 'done-with-failures' : 'done';
  return progress;
}
