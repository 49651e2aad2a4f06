// Stage 2 activity: deploy the SMTX OS cluster exactly once and follow it to the end (seed 003 §02).
//
// Exactly once, also after a worker kill -9 at any line (the heartbeat of the moment may be lost).
// Before any POST the hosts are asked, and only their answers decide (deploy-decision.ts):
//   1. deploy_status (http, as before any deploy) says running → a deploy is on its way: follow it;
//   2. deploy_verify says deployed (asked when deploy_status is not plain idle, or on a retry)
//                                                             → nothing to post ('already-deployed');
//   3. a retry (attempt > 1 or heartbeat details) whose hosts do not answer asks again next poll
//      (never a POST on silence); one that finds a deploy ended but unconfirmed follows it;
//   4. otherwise POST the payload at once (heartbeat `posting` first). Right after an accepted POST
//      a real installer may still say idle, exactly as before any POST, so a retry cannot tell from
//      deploy_status whether the killed attempt's POST arrived; the installer's answer to the POST
//      does: a deploy task that exists refuses a second one (…IN_PROGRESS: follow it) and a
//      deployed cluster does too (…ALREADY_DEPLOYED: done). No fixed waiting window.
// The wait then ends only when deploy_status no longer says running AND deploy_verify says
// is_deployed, or at the deploy timeout. Idle, empty and error answers (hosts restart services while
// the deploy reconfigures them) never end it; a deploy that stopped running after it was seen running
// and that deploy_verify does not confirm, several polls in a row, fails with its last stage.
// deploy_status is asked with the payload's link-local host_ip ("the host IP passed at deploy time")
// and with the IPv4 address when that one does not answer; heartbeats say which one answered.
//
// The payload carries no plan password: only the installer's fixed ciphertext (FACTS.md).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  DeploymentClient,
  SmartxHttpError,
  type DeployClusterPayload,
  type DeployStatus,
} from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import {
  describeFailure,
  invalidInput,
  remoteJobFailed,
  remoteRejected,
  remoteTimeout,
} from '../support/failures.js';
import { resolverFor } from '../support/remote.js';
import { resumeDetails } from '../support/poll.js';
import {
  asksVerifyBeforePost,
  decideBeforePost,
  statusKind,
  type BeforePost,
  type VerifyAnswer,
} from './deploy-decision.js';
import {
  classifyStatus,
  readDeployStatus,
  statusAddresses,
  type StatusAddressKind,
  type StatusRead,
} from './deploy-status.js';

export interface DeployClusterRequest {
  run: RunContext;
  /** The management IP of the host whose API runs the deploy (the first host of the plan). */
  apiHostIp: string;
  payload: DeployClusterPayload;
  /** Management IPs of all hosts of the payload, in plan order (checked against the payload). */
  hostIps: string[];
}

export interface DeployClusterResult {
  status: 'deployed' | 'already-deployed';
  /** Wall-clock seconds from the first attempt's start to verification. */
  seconds: number;
  lastStage?: string;
  /** Which address deploy_status answered to (link-local host_ip of the payload, or IPv4). */
  statusBy?: StatusAddressKind;
}

/** Heartbeat details: progress for the Web UI / `watch`, and the resume point of a retry. */
interface DeployHeartbeat {
  /** `settling` only in heartbeats of the earlier release (a fixed window): resumed as `checking`. */
  phase: 'checking' | 'settling' | 'posting' | 'posted' | 'following';
  startedAt: number;
  elapsedSeconds: number;
  /** When the POST was accepted (or a running or ended deploy found): from then on it is followed. */
  postedAt?: number;
  /** deploy_status said `running` at least once (this or an earlier attempt). */
  sawRunning?: boolean;
  /** A retry found a deploy ended but unconfirmed before posting: the earlier attempt's. */
  foundEnded?: boolean;
  /** The address deploy_status last answered to. */
  statusBy?: StatusAddressKind;
  /** Last state deploy_status reported (`idle`, `running`, empty...). */
  state?: string;
  stage_info?: string | null;
  current_stage?: number | null;
  total_stages?: number | null;
  /** Last transient error while polling (the hosts restart services during a deploy). */
  lastError?: string;
  /** Plain words for the operator: what the activity is waiting for. */
  note?: string;
}

/** Polls in a row that must show a stopped, unconfirmed deploy before it counts as failed. */
const FAILED_CONFIRMATIONS = 3;

const ALREADY_RUNNING_EC = /IN_PROGRESS|RUNNING|DEPLOYING/i;
const ALREADY_DEPLOYED_EC = /ALREADY_DEPLOYED/i;

function checkRequest(req: DeployClusterRequest): void {
  const problems: string[] = [];
  if (!req.hostIps.includes(req.apiHostIp)) problems.push(`apiHostIp ${req.apiHostIp} is not among hostIps`);
  const payloadIps = req.payload.hosts.map((h) => h.ifaces.find((f) => f.function === 'mgt')?.ip);
  const missing = req.hostIps.filter((ip) => !payloadIps.includes(ip));
  if (missing.length > 0) problems.push(`hosts ${missing.join(', ')} are not in the deploy payload`);
  if (req.payload.hosts.length !== req.hostIps.length) {
    problems.push(`the payload has ${req.payload.hosts.length} hosts, hostIps ${req.hostIps.length}`);
  }
  if (problems.length > 0) throw invalidInput(`deploy-cluster: ${problems.join('; ')}`);
}

/** Activity: deploys the cluster once and follows it until deploy_verify confirms it. */
export async function deployCluster(req: DeployClusterRequest): Promise<DeployClusterResult> {
  checkRequest(req);
  const ctx = Context.current();
  const resumed = resumeDetails<DeployHeartbeat>();
  const retry = resumed !== undefined || ctx.info.attempt > 1;
  const startedAt = resumed?.startedAt ?? Date.now();
  const elapsed = () => Math.round((Date.now() - startedAt) / 1000);
  const client = new DeploymentClient(resolverFor(req.run), req.apiHostIp);
  const api = `host ${req.apiHostIp}`;
  const addresses = statusAddresses(req.payload, req.apiHostIp);
  const pollMs = req.run.timing.deployPollSeconds * 1000;
  let beat: DeployHeartbeat = {
    phase: resumed?.phase ?? 'checking',
    startedAt,
    elapsedSeconds: elapsed(),
    ...(resumed?.postedAt ? { postedAt: resumed.postedAt } : {}),
    ...(resumed?.sawRunning ? { sawRunning: true } : {}),
    ...(resumed?.foundEnded ? { foundEnded: true } : {}),
    ...(resumed?.statusBy ? { statusBy: resumed.statusBy } : {}),
  };
  const heartbeat = (patch: Partial<DeployHeartbeat> = {}) => {
    beat = { ...beat, ...patch, elapsedSeconds: elapsed() };
    ctx.heartbeat(beat);
  };
  heartbeat();

  /** One deploy_status read (both addresses when needed), recorded in the heartbeat. */
  const status = async (): Promise<StatusRead> => {
    const read = await readDeployStatus(client, addresses, beat.statusBy);
    if (read.kind === 'status') {
      const s = read.status;
      const running = classifyStatus(s) === 'running';
      heartbeat({
        statusBy: read.by,
        state: s.state ?? (Object.keys(s).length === 0 ? 'empty' : 'unknown'),
        stage_info: s.stage_info,
        current_stage: s.current_stage,
        total_stages: s.total_stages,
        lastError: undefined,
        ...(running ? { sawRunning: true } : {}),
      });
    } else {
      heartbeat({ lastError: read.error });
    }
    return read;
  };
  /** deploy_verify (https); undefined while the host does not answer it (services restarting). */
  const verify = async (): Promise<boolean | undefined> => {
    try {
      return (await client.deployVerify()).is_deployed;
    } catch (err) {
      if (err instanceof SmartxHttpError) {
        heartbeat({ lastError: err.message });
        return undefined;
      }
      throw describeFailure(`deploy-cluster/deploy_verify on ${api}`, err);
    }
  };
  const done = (status: DeployClusterResult['status']): DeployClusterResult => {
    const lastStage = beat.stage_info ?? undefined;
    return {
      status,
      seconds: elapsed(),
      ...(lastStage ? { lastStage } : {}),
      ...(beat.statusBy ? { statusBy: beat.statusBy } : {}),
    };
  };

  const deadline = startedAt + req.run.timing.deployTimeoutSeconds * 1000;
  // 'settling' is what a worker of the earlier release heartbeated while it watched a fixed window.
  if (beat.phase === 'checking' || beat.phase === 'settling' || beat.phase === 'posting') {
    // Ask the hosts before any POST: never a second deploy to hosts that are deploying or deployed.
    let decision: BeforePost;
    for (;;) {
      const read = await status();
      const kind = statusKind(read);
      const verified: VerifyAnswer = asksVerifyBeforePost(kind, retry)
        ? ((await verify()) ?? 'unanswered')
        : 'not-asked';
      decision = decideBeforePost(kind, verified, retry);
      if (decision === 'unreachable' && read.kind === 'unreachable') {
        throw describeFailure(`deploy-cluster/deploy_status on ${api}`, read.cause);
      }
      if (decision !== 'ask-again') break;
      // The hosts said nothing (services restarting): a retry never posts on silence.
      heartbeat({ phase: 'checking', note: 'retry: waiting for deploy_status and deploy_verify to answer' });
      if (Date.now() > deadline) throw notConfirmed(api, beat, elapsed());
      await ctx.sleep(pollMs);
    }
    if (decision === 'deployed') {
      return done(beat.phase === 'checking' && !retry ? 'already-deployed' : 'deployed');
    }
    let note: string | undefined;
    if (decision === 'post') {
      heartbeat({ phase: 'posting', note: undefined });
      const posted = await post(client, req.payload, api);
      if (posted === 'already-deployed') return done('already-deployed');
      if (posted === 'in-progress') note = 'the installer refused a second deploy: following the one it runs';
    } else if (decision === 'follow') {
      note = 'a deploy was already running: following it';
    } else {
      note = 'an earlier deploy ended unconfirmed: following it to deploy_verify';
    }
    heartbeat({
      phase: 'posted',
      postedAt: Date.now(),
      note,
      ...(decision === 'follow-ended' ? { foundEnded: true } : {}),
    });
  }

  // Follow: only "not running" AND deploy_verify ends the wait (or the deploy timeout).
  let stoppedPolls = 0;
  let last: DeployStatus | undefined;
  for (;;) {
    const read = await status();
    heartbeat({ phase: 'following' });
    const kind = statusKind(read);
    if (read.kind === 'status') last = read.status;
    if (kind === 'running') {
      stoppedPolls = 0;
    } else {
      // Seed 003: once deploy_status does not say running, deploy_verify gives the result.
      const deployed = await verify();
      if (deployed === true) return done('deployed');
      // Idle/empty or unreachable right after the POST is not an end; an ended or refused answer
      // after the deploy was seen running (or found ended by a retry), not confirmed by
      // deploy_verify, is (seed 003).
      const stopped =
        (beat.sawRunning === true || beat.foundEnded === true) &&
        deployed === false &&
        (kind === 'ended' || kind === 'refused');
      stoppedPolls = stopped ? stoppedPolls + 1 : 0;
      if (stoppedPolls >= FAILED_CONFIRMATIONS) {
        throw failed(
          api,
          beat,
          read.kind === 'status' ? read.status : last,
          read.kind === 'refused' ? read.error : undefined,
        );
      }
    }
    if (Date.now() > deadline) throw notConfirmed(api, beat, elapsed());
    await ctx.sleep(pollMs);
  }
}

function notConfirmed(api: string, beat: DeployHeartbeat, seconds: number): ApplicationFailure {
  const stage = `${beat.current_stage ?? '?'}/${beat.total_stages ?? '?'}`;
  return remoteTimeout(
    `deploy-cluster: the deploy on ${api} is not confirmed after ${seconds} s ` +
      `(deploy_status ${beat.state ?? 'unanswered'}, stage ${stage} ` +
      `${beat.stage_info ?? 'unknown'}; deploy_status answered to ${beat.statusBy ?? 'no address'}). ` +
      'Fix: check the SMTX OS installer on the host; a retry keeps following the same deploy and never posts again.',
    {
      key: 'failure.deployNotConfirmed',
      params: {
        api,
        seconds: String(seconds),
        state: beat.state ?? '-',
        stage,
        info: beat.stage_info ?? '-',
      },
    },
  );
}

function failed(
  api: string,
  beat: DeployHeartbeat,
  last: DeployStatus | undefined,
  refusal: string | undefined,
): ApplicationFailure {
  const lastStage = last?.stage_info ?? beat.stage_info ?? 'unknown';
  const msg = refusal ? `, deploy_status now answers: ${refusal}` : last?.msg ? `, message: ${last.msg}` : '';
  return remoteJobFailed(
    `deploy-cluster: the deploy on ${api} ended but deploy_verify says is_deployed=false ` +
      `(last stage ${lastStage}${last?.state && !refusal ? `, state ${last.state}` : ''}${msg}). ` +
      'Fix: read the installer log on the host (/var/log/zbs/deploy*), reinstall or reset the hosts, then run `hci-bringup retry <id>`.',
    { final: true },
  );
}

/** One POST; the accepted message or a clear failure. `already-deployed` when the host says so. */
async function post(
  client: DeploymentClient,
  payload: DeployClusterPayload,
  api: string,
): Promise<'posted' | 'in-progress' | 'already-deployed'> {
  const step = `deploy-cluster/POST /api/v2/deployment/cluster on ${api}`;
  // The installer sets the cluster clock from ntp.current_time: use the moment of the POST, not of planning.
  const body: DeployClusterPayload = {
    ...payload,
    ntp: { ...payload.ntp, current_time: new Date().toISOString() },
  };
  let answer: { msg: string | null | undefined; accepted: boolean };
  try {
    answer = await client.deployCluster(body);
  } catch (err) {
    if (err instanceof SmartxHttpError && err.ec && ALREADY_RUNNING_EC.test(err.ec)) return 'in-progress';
    if (err instanceof SmartxHttpError && err.ec && ALREADY_DEPLOYED_EC.test(err.ec))
      return 'already-deployed';
    throw describeFailure(step, err);
  }
  if (!answer.accepted) {
    throw remoteRejected(
      `${step}: the host answered ${JSON.stringify(answer.msg ?? null)} instead of "SUCCEEDED: A new cluster ` +
        'deploying task is on its way now.". Fix: check the hosts (installer state, scan) and the workbook values, then run `hci-bringup retry <id>`.',
    );
  }
  return 'posted';
}
