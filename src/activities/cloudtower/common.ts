// What the CloudTower activities share: clients built from a request, Fisheye job waiting, the fixed
// credentials of a fresh CloudTower (seed 003 §04, FACTS.md) and SSH as `cloudtower` with sudo.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import {
  CloudTowerGraphqlClient,
  CloudTowerRestClient,
  FisheyeClient,
  SmartxHttpError,
  SshSession,
  type ExecResult,
  type Job,
} from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { FailureType, remoteStep } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { resolverFor, secret } from '../support/remote.js';

/** The cluster's Fisheye admin as the plan names it. */
export interface Fisheye {
  user: string;
  password: PlanSecret;
}

/**
 * The fixed password of a fresh CloudTower: SSH user `cloudtower`, and the factory password of the
 * `root` web user that seed 003 creates with an encoded constant (FACTS.md: the constant is
 * `HC!r0cks`). The setup step changes root's to the workbook's; later stages log in with that.
 */
export const CLOUDTOWER_DEFAULT_PASSWORD = 'HC!r0cks';
export const CLOUDTOWER_SSH_USER = 'cloudtower';

export function fisheyeClient(run: RunContext, vip: string, fisheye: Fisheye): FisheyeClient {
  return new FisheyeClient(resolverFor(run), vip, {
    username: fisheye.user,
    password: secret(fisheye.password),
  });
}

/**
 * CloudTower REST (`/v2/api/*`) as root with `password`: the workbook's (集群管理信息!G3) after the
 * setup step, CLOUDTOWER_DEFAULT_PASSWORD only to get in the first time (root-password.ts).
 */
export function towerRest(run: RunContext, cloudtowerIp: string, password: PlanSecret): CloudTowerRestClient {
  return new CloudTowerRestClient(resolverFor(run), cloudtowerIp, {
    username: 'root',
    password: secret(password),
  });
}

/**
 * CloudTower GraphQL (`/api`) as root with `password` (the client sends the factory default as seed
 * 003's encoded constant, any other password plain; see CloudTowerLogin).
 */
export function towerGraphql(
  run: RunContext,
  cloudtowerIp: string,
  password: PlanSecret,
): CloudTowerGraphqlClient {
  return new CloudTowerGraphqlClient(resolverFor(run), cloudtowerIp, {
    username: 'root',
    password: secret(password),
  });
}

/** Throws a CancelledFailure when the activity was cancelled (checked between long steps). */
export function throwIfCancelled(): void {
  const signal = Context.current().cancellationSignal;
  if (signal.aborted) throw new CancelledFailure('activity cancelled');
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

/** SSH as `cloudtower` with the fixed password of a fresh CloudTower VM. */
export async function connectCloudTowerSsh(run: RunContext, cloudtowerIp: string): Promise<SshSession> {
  return SshSession.connect(
    { address: cloudtowerIp, user: CLOUDTOWER_SSH_USER, password: CLOUDTOWER_DEFAULT_PASSWORD },
    resolverFor(run),
  );
}

/**
 * Runs `command` as root through SshSession.sudo: `sudo -S -p ''` with the session's password as the
 * first stdin line (never on the command line), or `sudo -n` where sudo asks no password.
 */
export function execAsRoot(session: SshSession, command: string, timeoutMs: number): Promise<ExecResult> {
  return session.sudo(command, { timeoutMs });
}

/** One line of remote output, shortened for logs and heartbeats. */
export function shortLine(line: string, max = 200): string {
  const clean = line.replace(/\s+$/, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
