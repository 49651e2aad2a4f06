// The activity option presets of every workflow, by the kind of call; no workflow writes its own
// (eslint refuses inline options). A stage picks one preset per proxy and destructures only the
// activities it calls, so no activity silently inherits another's timeout. Values live in the run's
// timing profile (src/run/timing.ts); the policies are time budgets, not attempt counts
// (docs/decisions.md "Retry policies are time budgets").
import type { ActivityOptions } from '@temporalio/workflow';
import type { RunContext } from '../run/input.js';
import { NON_RETRYABLE_FAILURES } from '../run/failure-types.js';
import { clockSpeed, retryBudget } from '../run/timing.js';

/**
 * Short remote calls: settings, lookups, small creates. Bounded by time, not by attempts: a worker
 * crash costs a heartbeat timeout, never the budget; permanent errors are non-retryable types.
 */
export function lookup({ timing }: RunContext): ActivityOptions {
  const budget = retryBudget(timing);
  return {
    startToCloseTimeout: '3 minutes',
    scheduleToCloseTimeout: `${Math.ceil(budget.quickSeconds)} seconds`,
    retry: {
      initialInterval: '2s',
      backoffCoefficient: 2,
      // Never below the initial interval (Temporal refuses such a policy at schedule time).
      maximumInterval: `${Math.ceil(Math.max(2, Math.min(60, budget.maxIntervalSeconds)))} seconds`,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
  };
}

/**
 * Activities that poll a remote job, task or install for up to `waitSeconds`: one attempt may take
 * the whole wait (start-to-close), all attempts together `retryBudgetFactor` times that
 * (schedule-to-close). No attempt cap: a killed worker is noticed by the heartbeat timeout and the
 * attempt runs again, resuming from its heartbeat; transient errors inside a poll do not end an
 * attempt (pollUntil).
 */
export function remoteJob({ timing }: RunContext, { waitSeconds }: { waitSeconds: number }): ActivityOptions {
  const budget = retryBudget(timing);
  // The 5 min margin over the wait is site time too: a rehearsal divides it by its speed (≥ 10 s;
  // the waits have floors of their own).
  const marginSeconds = Math.max(10, 300 / clockSpeed(timing));
  const attemptSeconds = Math.ceil(waitSeconds + Math.min(300, marginSeconds));
  return {
    startToCloseTimeout: `${attemptSeconds} seconds`,
    scheduleToCloseTimeout: `${Math.ceil(attemptSeconds * budget.factor)} seconds`,
    heartbeatTimeout: `${timing.heartbeatTimeoutSeconds} seconds`,
    retry: {
      initialInterval: '5s',
      backoffCoefficient: 2,
      maximumInterval: `${Math.ceil(Math.max(5, budget.maxIntervalSeconds))} seconds`,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
  };
}

/**
 * Uploads of ISOs and packages (GBs over a site link can take hours). Progress is heartbeated per
 * chunk and a retry resumes from what the server already has, so attempts are cheap and only time
 * bounds them: the same policy as a remote job whose wait is `hours`.
 */
export function bulkUpload(run: RunContext, { hours }: { hours: number }): ActivityOptions {
  return remoteJob(run, { waitSeconds: hours * 3600 });
}

/**
 * The `cleanup` workflow's read of a run's history, made before the run's timing is known (that
 * read returns it): a short fixed policy against the Temporal server, no appliance involved.
 */
export function historyRead(): ActivityOptions {
  return {
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '1 minute',
    retry: {
      initialInterval: '2s',
      maximumInterval: '30s',
      maximumAttempts: 10,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
  };
}

/**
 * The deploy service's live checks and log reads (src/service): one attempt, since a health answer
 * is about now, not eventually. The activity bounds its own work by `timeoutMs`; these margins are
 * the backstop for a stuck worker.
 */
export function healthCheck({ timeoutMs }: { timeoutMs: number }): ActivityOptions {
  return {
    startToCloseTimeout: timeoutMs + 5_000,
    scheduleToCloseTimeout: timeoutMs + 10_000,
    retry: { maximumAttempts: 1 },
  };
}

/** The heartbeat timeout of a deploy target's SSH step: a killed worker's step resumes this soon. */
export const MACHINE_STEP_HEARTBEAT_SECONDS = 5;

/**
 * One SSH step on a deploy target (deploy-package): `base` is the step's preset; the heartbeat timeout
 * is sized to the step (it heartbeats every second or two), not to the run's profile, so a step of a
 * killed worker moves to a new worker within seconds. `activityId` names the machine, so the run's
 * history and log say where each step ran.
 */
export function machineStep(base: ActivityOptions, activityId: string): ActivityOptions {
  return {
    ...base,
    heartbeatTimeout: `${MACHINE_STEP_HEARTBEAT_SECONDS} seconds`,
    // The first retry after a worker died comes at once; later ones back off as the preset says.
    retry: { ...base.retry, initialInterval: '1s' },
    activityId,
  };
}
