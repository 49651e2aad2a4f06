// What every activity that talks to a cluster's Fisheye (SMTX OS cluster API) shares: the client for
// an address of the plan, logged in as the workbook's Fisheye admin; the one wait for a Fisheye job;
// and what a 404 means.
import { ApplicationFailure } from '@temporalio/common';
import { FisheyeClient, SmartxHttpError, type Job } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { remoteJobFailed } from './failures.js';
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

/**
 * Waits for a Fisheye job (`pending → running → done | failed`, FACTS.md), polling inside the
 * activity with heartbeats (`details` plus the job id and state; they must stay resumable). A
 * transient answer while polling (5xx, reset, timeout) is ridden out by pollUntil within the job
 * timeout: the job keeps running on the cluster either way. Any other error of the poll is thrown as
 * it is (a caller may look for a 404 of a job that is gone). `failed` becomes a retryable
 * RemoteJobFailed naming the job, its description and error.
 */
export async function waitForFisheyeJob(
  client: FisheyeClient,
  run: RunContext,
  jobId: string,
  what: string,
  details: Record<string, unknown> = {},
): Promise<Job> {
  let state = 'unknown';
  const job = await pollUntil(
    {
      intervalSeconds: run.timing.jobPollSeconds,
      timeoutSeconds: run.timing.jobTimeoutSeconds,
      what: `${what} (job ${jobId} @ ${client.http.address})`,
      job: { id: jobId, address: client.http.address },
    },
    async () => {
      const current = await client.getJob(jobId);
      state = current.state;
      return current.state === 'done' || current.state === 'failed' ? current : undefined;
    },
    () => ({ ...details, waitingFor: what, jobId, jobState: state }),
  );
  if (job.state === 'failed') throw jobFailed(what, client.http.address, jobId, job);
  return job;
}

function jobFailed(what: string, address: string, jobId: string, job: Job): ApplicationFailure {
  const reason = [job.error_code, job.error_msg]
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(': ');
  return remoteJobFailed(
    `${what}: job ${jobId} (${job.description ?? 'no description'}) failed on ${address}` +
      `${reason ? ` — ${reason}` : ''}. Fix: see the task in the SMTX OS console; the step is retried automatically.`,
  );
}

/** True when a Fisheye call says the thing asked for does not exist (404 or ENOT_FOUND). */
export function isNotFound(err: unknown): boolean {
  return err instanceof SmartxHttpError && (err.kind === 'not-found' || /NOT_?FOUND/i.test(err.ec ?? ''));
}

/** True when an error means "this endpoint does not exist here" (an optional GET on older versions). */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof SmartxHttpError && (err.kind === 'not-found' || err.status === 405);
}
