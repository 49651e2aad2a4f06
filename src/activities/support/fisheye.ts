// What every activity of the "configure cluster" stage shares: a Fisheye client for an address of the
// plan, logged in as the workbook's Fisheye admin, and the wait for a Fisheye job.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FisheyeClient, SmartxHttpError, type Job } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { FailureType } from './failures.js';
import { pollUntil } from './poll.js';
import { resolverFor, secret } from './remote.js';

/** The Fisheye (SMTX OS cluster API) admin of the workbook (主机规划 L19/M19). */
export interface Fisheye {
  user: string;
  password: PlanSecret;
}

/** A client for `address` (a host management IP or the VIP as the plan names it). */
export function fisheyeClient(
  run: RunContext,
  address: string,
  fisheye: Fisheye,
  options: { timeoutMs?: number } = {},
): FisheyeClient {
  return new FisheyeClient(
    resolverFor(run),
    address,
    { username: fisheye.user, password: secret(fisheye.password) },
    options,
  );
}

/** Transient answers tolerated in a row while polling a job before the activity gives up. */
const MAX_POLL_ERRORS_IN_A_ROW = 5;

/**
 * Waits for a Fisheye job (`pending → running → done`), polling inside the activity with heartbeats.
 * `failed` becomes a RemoteJobFailed naming the job's description and error. Short network hiccups
 * while polling are tolerated; the job keeps running on the cluster either way.
 */
export async function waitForJob(
  client: FisheyeClient,
  run: RunContext,
  jobId: string,
  what: string,
  details: Record<string, unknown> = {},
): Promise<Job> {
  let state = 'unknown';
  let errorsInARow = 0;
  const job = await pollUntil(
    {
      intervalSeconds: run.timing.jobPollSeconds,
      timeoutSeconds: run.timing.jobTimeoutSeconds,
      what: `${what} (job ${jobId} @ ${client.http.address})`,
    },
    async () => {
      let current: Job;
      try {
        current = await client.getJob(jobId);
        errorsInARow = 0;
      } catch (err) {
        if (err instanceof SmartxHttpError && err.retryable && ++errorsInARow < MAX_POLL_ERRORS_IN_A_ROW) {
          Context.current().log.warn('job poll failed, polling on', { jobId, error: err.message });
          return undefined;
        }
        throw err;
      }
      state = current.state;
      return current.state === 'done' || current.state === 'failed' ? current : undefined;
    },
    () => ({ ...details, waitingFor: what, jobId, jobState: state }),
  );
  if (job.state === 'failed') {
    const reason = [job.error_code, job.error_msg]
      .filter((v) => v !== undefined && v !== null && v !== '')
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join(': ');
    throw ApplicationFailure.create({
      type: FailureType.remoteFailed,
      message:
        `${what}: job ${jobId} (${job.description ?? 'no description'}) failed on ${client.http.address}` +
        `${reason ? ` — ${reason}` : ''}. Fix: see the task in the SMTX OS console; the step is retried.`,
    });
  }
  return job;
}

/** True when an error means "this endpoint does not exist here" (an optional GET on older versions). */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof SmartxHttpError && (err.kind === 'not-found' || err.status === 405);
}
