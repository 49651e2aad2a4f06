// Stage 2 activity: deploy the SMTX OS cluster exactly once and follow it to the end (seed 003 §02).
//
// Exactly once, also after a worker kill -9 at any line:
//   1. deploy_verify says deployed            → nothing to do ('already-deployed')
//   2. deploy_status says running             → a deploy (ours, from an earlier attempt) is on its way: follow it
//   3. otherwise POST the payload once        → the accepted message of FACTS.md, anything else fails clearly
// then poll deploy_status every `deployPollSeconds` while `running` (heartbeating the stage), and trust
// only deploy_verify at the end. The heartbeat remembers that this activity posted, so a retry after
// the POST never posts a second time, and keeps the start time so `seconds` and the timeout span attempts.
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
import { FailureType, describeFailure, invalidInput, remoteStep } from '../support/failures.js';
import { resolverFor } from '../support/remote.js';
import { resumeDetails } from '../support/poll.js';
import type { StorageArchitecture } from '../../plan/types.js';
import { buildDeployPayload, DeployPayloadError, type DeployNetworkInput } from './deploy-payload.js';
import type { HostScanSummary } from './host-scan-summary.js';

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
}

/** Heartbeat details: progress for the Web UI / `watch`, and the resume point of a retry. */
interface DeployHeartbeat {
  phase: 'checking' | 'posted' | 'following';
  startedAt: number;
  elapsedSeconds: number;
  stage_info?: string | null;
  current_stage?: number | null;
  total_stages?: number | null;
  /** Last transient error while polling (the host's network is reconfigured during a deploy). */
  lastError?: string;
}

const ALREADY_RUNNING_EC = /IN_PROGRESS|RUNNING|DEPLOYING/i;
const ALREADY_DEPLOYED_EC = /ALREADY_DEPLOYED/i;

function statusHasError(s: DeployStatus): boolean {
  const e = s.error;
  if (e === undefined || e === null || e === '') return false;
  return !(typeof e === 'object' && Object.keys(e).length === 0);
}

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

/** Activity: deploys the cluster once and follows it until deploy_verify answers. */
export async function deployCluster(req: DeployClusterRequest): Promise<DeployClusterResult> {
  checkRequest(req);
  const ctx = Context.current();
  const resumed = resumeDetails<DeployHeartbeat>();
  const startedAt = resumed?.startedAt ?? Date.now();
  const elapsed = () => Math.round((Date.now() - startedAt) / 1000);
  const client = new DeploymentClient(resolverFor(req.run), req.apiHostIp);
  const api = `host ${req.apiHostIp}`;
  // deploy_status takes the host_ip the payload gave this host (seed 003); the simulator also takes the plan IP.
  const statusHostIp =
    req.payload.hosts.find((h) => h.ifaces.some((f) => f.function === 'mgt' && f.ip === req.apiHostIp))
      ?.host_ip ?? req.apiHostIp;
  let beat: DeployHeartbeat = { phase: resumed?.phase ?? 'checking', startedAt, elapsedSeconds: elapsed() };
  const heartbeat = (patch: Partial<DeployHeartbeat> = {}) => {
    beat = { ...beat, ...patch, elapsedSeconds: elapsed() };
    ctx.heartbeat(beat);
  };
  heartbeat();

  const verify = () =>
    remoteStep(
      `deploy-cluster/deploy_verify on ${api}`,
      async () => (await client.deployVerify()).is_deployed,
    );

  if (await verify()) {
    // Deployed by an earlier attempt of this activity (it posted), or before this run began.
    return { status: beat.phase === 'checking' ? 'already-deployed' : 'deployed', seconds: elapsed() };
  }

  if (beat.phase === 'checking') {
    const running = await remoteStep(`deploy-cluster/deploy_status on ${api}`, async () => {
      try {
        return (await client.deployStatus(statusHostIp)).state === 'running';
      } catch (err) {
        // Before any deploy the status endpoint may answer with an error: only the network matters here.
        if (err instanceof SmartxHttpError && !err.retryable) return false;
        throw err;
      }
    });
    if (!running) {
      const posted = await post(client, req.payload, api);
      if (posted === 'already-deployed') {
        return { status: 'already-deployed', seconds: elapsed() };
      }
    }
    heartbeat({ phase: 'posted' });
  }

  // Follow deploy_status while it says running (or cannot be read for network reasons).
  const deadline = startedAt + req.run.timing.deployTimeoutSeconds * 1000;
  let last: DeployStatus | undefined;
  for (;;) {
    let ended = false;
    try {
      const s = await client.deployStatus(statusHostIp);
      last = s;
      ended = s.state !== 'running' || statusHasError(s);
      heartbeat({
        phase: 'following',
        stage_info: s.stage_info,
        current_stage: s.current_stage,
        total_stages: s.total_stages,
        lastError: undefined,
      });
    } catch (err) {
      if (err instanceof SmartxHttpError && err.retryable) {
        // The deploy reconfigures the management network: a few failed polls are expected.
        heartbeat({ phase: 'following', lastError: err.message });
      } else if (err instanceof SmartxHttpError) {
        ended = true; // "an error field appears": the process is over; deploy_verify decides (seed 003)
      } else {
        throw describeFailure(`deploy-cluster/deploy_status on ${api}`, err);
      }
    }
    if (ended) break;
    if (Date.now() > deadline) {
      throw ApplicationFailure.create({
        type: FailureType.timeout,
        message:
          `deploy-cluster: the deploy on ${api} is still running after ${elapsed()} s ` +
          `(stage ${beat.current_stage ?? '?'}/${beat.total_stages ?? '?'} ${beat.stage_info ?? 'unknown'}). ` +
          'Fix: check the SMTX OS installer on the host; a retry keeps following the same deploy.',
      });
    }
    await ctx.sleep(req.run.timing.deployPollSeconds * 1000);
  }

  const lastStage = last?.stage_info ?? beat.stage_info ?? undefined;
  if (!(await verify())) {
    const msg = last?.msg ? `, message: ${last.msg}` : '';
    throw ApplicationFailure.create({
      type: FailureType.remoteFailed,
      nonRetryable: true,
      message:
        `deploy-cluster: the deploy on ${api} ended but deploy_verify says is_deployed=false ` +
        `(last stage ${lastStage ?? 'unknown'}${last?.state ? `, state ${last.state}` : ''}${msg}). ` +
        'Fix: read the installer log on the host (/var/log/zbs/deploy*), reinstall or reset the hosts, then resume.',
    });
  }
  return { status: 'deployed', seconds: elapsed(), ...(lastStage ? { lastStage } : {}) };
}

/** One POST; the accepted message or a clear failure. `already-deployed` when the host says so. */
async function post(
  client: DeploymentClient,
  payload: DeployClusterPayload,
  api: string,
): Promise<'posted' | 'already-deployed'> {
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
    if (err instanceof SmartxHttpError && err.ec && ALREADY_RUNNING_EC.test(err.ec)) return 'posted';
    if (err instanceof SmartxHttpError && err.ec && ALREADY_DEPLOYED_EC.test(err.ec))
      return 'already-deployed';
    throw describeFailure(step, err);
  }
  if (!answer.accepted) {
    throw ApplicationFailure.create({
      type: FailureType.remoteRejected,
      nonRetryable: true,
      message:
        `${step}: the host answered ${JSON.stringify(answer.msg ?? null)} instead of "SUCCEEDED: A new cluster ` +
        'deploying task is on its way now.". Fix: check the hosts (installer state, scan) and the workbook values, then resume.',
    });
  }
  return 'posted';
}

export interface DeployClusterFromPlanRequest {
  run: RunContext;
  clusterName: string;
  dnsServers: string[];
  storageArchitecture: StorageArchitecture;
  features: { boost: boolean; rdma: boolean };
  networks: { management: DeployNetworkInput; storage: DeployNetworkInput };
  /** Plan order; the first host's API runs the deploy. */
  hosts: { hostname: string; managementIp: string; storageIp: string }[];
  /** Result of scanHosts. */
  scans: { hostname: string; managementIp: string; scan: HostScanSummary }[];
}

/**
 * Activity: builds the payload from plan values and scans (buildDeployPayload) and deploys it with
 * deployCluster, so the payload itself never lands in workflow history.
 */
export async function deployClusterFromPlan(req: DeployClusterFromPlanRequest): Promise<DeployClusterResult> {
  const scans = new Map(req.scans.map((s) => [s.managementIp, s.scan]));
  const unscanned = req.hosts.filter((h) => !scans.has(h.managementIp)).map((h) => h.hostname);
  if (unscanned.length > 0) throw invalidInput(`deploy-cluster: no scan for host(s) ${unscanned.join(', ')}`);
  let payload: DeployClusterPayload;
  try {
    payload = buildDeployPayload({
      clusterName: req.clusterName,
      dnsServers: req.dnsServers,
      networks: req.networks,
      storageArchitecture: req.storageArchitecture,
      features: req.features,
      hosts: req.hosts.map((h) => ({ ...h, scan: scans.get(h.managementIp)! })),
    });
  } catch (err) {
    if (err instanceof DeployPayloadError) throw invalidInput(`deploy-cluster: ${err.message}`);
    throw err;
  }
  return deployCluster({
    run: req.run,
    apiHostIp: req.hosts[0].managementIp,
    payload,
    hostIps: req.hosts.map((h) => h.managementIp),
  });
}
