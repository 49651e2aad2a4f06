// What the CloudTower activities share: clients built from a request, Fisheye job waiting, the fixed
// credentials of a fresh CloudTower (seed 003 §04, FACTS.md) and SSH as `cloudtower` with sudo.
import { ApplicationFailure } from '@temporalio/common';
import { FisheyeClient, SmartxHttpError, type Job } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { FailureType, remoteStep } from './failures.js';
import { pollUntil } from './poll.js';
import { resolverFor, secret } from './remote.js';

/** The cluster's Fisheye admin as the plan names it. */
export interface Fisheye {
  user: string;
  password: PlanSecret;
}

export function fisheyeClient(run: RunContext, vip: string, fisheye: Fisheye): FisheyeClient {
  return new FisheyeClient(resolverFor(run), vip, {
    username: fisheye.user,
    password: secret(fisheye.password),
  });
}

/** True when a Fisheye call says the thing asked for does not exist (404 or ENOT_FOUND). */
export function isNotFound(err: unknown): boolean {
  return err instanceof SmartxHttpError && (err.kind === 'not-found' || /NOT_?FOUND/i.test(err.ec ?? ''));
}

/**
 * Waits for a Fisheye job to be `done` (jobs go pending → running → done | failed, FACTS.md);
 * `failed` becomes a retryable RemoteJobFailed naming the job. `details` are heartbeated each poll
 * (they must stay resumable, e.g. carry the job id).
 */
export async function waitForFisheyeJob(
  client: FisheyeClient,
  run: RunContext,
  jobId: string,
  what: string,
  details: (job?: Job) => Record<string, unknown> = () => ({}),
): Promise<Job> {
  let last: Job | undefined;
  return pollUntil(
    {
      intervalSeconds: run.timing.jobPollSeconds,
      timeoutSeconds: run.timing.jobTimeoutSeconds,
      what: `${what} (job ${jobId})`,
    },
    async () => {
      last = await remoteStep(`${what}: read job ${jobId}`, () => client.getJob(jobId));
      if (last.state === 'done') return last;
      if (last.state === 'failed') throw jobFailed(what, client.http.address, last);
      return undefined;
    },
    () => ({ ...details(last), jobId, jobState: last?.state ?? 'unknown' }),
  );
}

export function jobFailed(what: string, address: string, job: Job): ApplicationFailure {
  const reason = [job.error_code, job.error_msg]
    .filter((x) => x !== undefined && x !== null && x !== '')
    .map(String)
    .join(': ');
  return ApplicationFailure.create({
    type: FailureType.remoteFailed,
    message: `${what}: job ${job.job_id} on ${address} failed${reason ? ` (${reason})` : ''}. Fix: check the task in the SMTX OS console; the step is retried automatically.`,
  });
}
