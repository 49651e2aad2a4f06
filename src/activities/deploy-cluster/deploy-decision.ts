// What a deploy attempt does before it may POST, decided only from what the hosts answer now
// (issue 22 point 3): no waiting window. Seed 003 shows deploy_status `running` while a deploy runs
// and deploy_verify `is_deployed` once it is over; no seed shows an answer that tells "a POST was
// accepted but its task has not started" from "no POST arrived" (both read idle / not deployed). In
// that case the POST is sent at once and the installer's own answer decides: accepted, or refused
// because its deploy task already exists (followed) or the cluster is deployed (done). That refusal
// is the residual guess (docs/decisions.md "Issue 22: the deploy retry decides from the hosts").
import { classifyStatus, type StatusRead } from './deploy-status.js';

/** One deploy_status read as the decision sees it. */
export type StatusKind = 'running' | 'idle' | 'ended' | 'refused' | 'unreachable';

/** deploy_verify's `is_deployed`, `unanswered` (error or no answer), or `not-asked`. */
export type VerifyAnswer = boolean | 'unanswered' | 'not-asked';

export type BeforePost =
  /** A deploy is running (an earlier attempt's or another's): follow it, never POST. */
  | 'follow'
  /** deploy_verify says deployed: nothing to POST. */
  | 'deployed'
  /** No deploy shown: POST now (on a retry too; a second POST over an existing task is refused). */
  | 'post'
  /** Retry: a deploy ran and ended unconfirmed (the earlier attempt's): follow it to its verdict. */
  | 'follow-ended'
  /** Retry: the hosts did not answer: ask again next poll, never POST on silence. */
  | 'ask-again'
  /** First attempt: the hosts do not answer at all (fail; the retry asks again). */
  | 'unreachable';

/**
 * Seed 003: an answer that carries an error field means the deploy process ended, like a state other
 * than running. A 2xx answer with an error envelope is that; a 4xx refusal of the address is not.
 */
export function statusKind(read: StatusRead): StatusKind {
  if (read.kind === 'status') return classifyStatus(read.status);
  if (read.kind === 'refused' && read.cause.kind === 'remote') return 'ended';
  return read.kind;
}

/**
 * deploy_verify belongs after a deploy: before a POST it is asked when deploy_status is not plain
 * idle (a deploying or deployed host answers otherwise) or on a retry (an earlier attempt may have
 * posted). Never while deploy_status says running: the deploy is followed instead.
 */
export function asksVerifyBeforePost(kind: StatusKind, retry: boolean): boolean {
  return kind !== 'running' && (retry || kind !== 'idle');
}

/** The decision before a POST; `retry` = attempt > 1 or heartbeat details of an earlier attempt. */
export function decideBeforePost(kind: StatusKind, verified: VerifyAnswer, retry: boolean): BeforePost {
  if (kind === 'running') return 'follow';
  if (verified === true) return 'deployed';
  if (!retry) return kind === 'unreachable' ? 'unreachable' : 'post';
  if (kind === 'unreachable' || verified === 'unanswered' || verified === 'not-asked') return 'ask-again';
  // An ended state (any other state, or an error field) that deploy_verify does not confirm: a
  // deploy ran on these hosts; after a killed attempt it is that attempt's, so never a second one.
  if (kind === 'ended') return 'follow-ended';
  // idle, an empty answer, or deploy_status refusing the address; deploy_verify says not deployed.
  return 'post';
}
