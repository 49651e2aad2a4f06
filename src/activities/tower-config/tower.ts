// What every CloudTower-side activity (stages 6–9) shares: the request base, the clients built from
// it, and the lookups of the connected cluster (by VIP) and of CloudTower tasks.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import {
  CloudTowerGraphqlClient,
  CloudTowerRestClient,
  type EndpointResolver,
  type TowerCluster,
  type TowerTask,
} from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { FailureType, invalidInput } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { resolverFor, secret } from '../support/remote.js';

/** The request base of every activity that talks to CloudTower. */
export interface Tower {
  run: RunContext;
  cloudtowerIp: string;
  /** CloudTower `root` password: the workbook's (集群管理信息!G3), made root's by stage 4. */
  rootPassword: PlanSecret;
}

/** Throws a CancelledFailure when the activity was cancelled (checked between parts and steps). */
export function throwIfCancelled(): void {
  const signal = Context.current().cancellationSignal;
  if (signal.aborted) throw new CancelledFailure('activity cancelled');
}

export interface TowerClients {
  resolver: EndpointResolver;
  rest: CloudTowerRestClient;
  gql: CloudTowerGraphqlClient;
}

export function towerClients(req: Tower): TowerClients {
  if (!req.cloudtowerIp) throw invalidInput('cloudtowerIp is empty: fill 集群管理信息!E3 (CloudTower IP)');
  if (!req.rootPassword?.secretValue) {
    throw invalidInput('the CloudTower root password is empty: fill 集群管理信息!G3 (CloudTower 管理员密码)');
  }
  const resolver = resolverFor(req.run);
  // The workbook's password, which stage 4 made root's: REST logs in with it as is, GraphQL (and so
  // the `connect.sid` cookie the OBS upload needs) through the `login` mutation (see CloudTowerLogin).
  const credentials = { username: 'root', password: secret(req.rootPassword) };
  return {
    resolver,
    rest: new CloudTowerRestClient(resolver, req.cloudtowerIp, credentials),
    gql: new CloudTowerGraphqlClient(resolver, req.cloudtowerIp, credentials),
  };
}

function precheck(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.precheck, nonRetryable: true, message });
}

function managementVip(c: TowerCluster): unknown {
  return (c as Record<string, unknown>).management_vip;
}

/**
 * The cluster CloudTower manages at `clusterVip` (get-clusters: `ip` is the address it was connected
 * with, `management_vip` the cluster's VIP). Not there → non-retryable (stage 5 connects it);
 * there but not CONNECTED yet → retryable.
 */
export async function clusterByVip(rest: CloudTowerRestClient, clusterVip: string): Promise<TowerCluster> {
  if (!clusterVip) throw invalidInput('clusterVip is empty: fill 主机规划!I19 (cluster VIP)');
  const clusters = await rest.getClusters();
  const found = clusters.find((c) => c.ip === clusterVip || managementVip(c) === clusterVip);
  if (!found) {
    throw precheck(
      `no cluster with VIP ${clusterVip} in CloudTower ${rest.http.address} (get-clusters lists ${clusters.length}: ${
        clusters.map((c) => `${c.name}@${c.ip ?? '?'}`).join(', ') || 'none'
      }). Fix: connect the cluster to CloudTower first (stage 5), or correct 主机规划!I19.`,
    );
  }
  if (found.connect_state && found.connect_state !== 'CONNECTED') {
    throw ApplicationFailure.create({
      type: FailureType.transient,
      message: `cluster ${found.name} (${clusterVip}) is ${found.connect_state} in CloudTower, not CONNECTED yet`,
    });
  }
  return found;
}

/** The only connected cluster, or the one at `clusterVip` when given. */
export async function targetCluster(rest: CloudTowerRestClient, clusterVip?: string): Promise<TowerCluster> {
  if (clusterVip) return clusterByVip(rest, clusterVip);
  const clusters = (await rest.getClusters()).filter(
    (c) => !c.connect_state || c.connect_state === 'CONNECTED',
  );
  if (clusters.length === 1) return clusters[0];
  throw invalidInput(
    `CloudTower ${rest.http.address} manages ${clusters.length} connected clusters; pass clusterVip to choose one`,
  );
}

/** Tasks of get-tasks whose description is `description` (case-insensitive), newest first. */
export function tasksDescribed(tasks: TowerTask[], description: string): TowerTask[] {
  const want = description.toLowerCase();
  const when = (t: TowerTask) => {
    const r = t as Record<string, unknown>;
    const s = r.local_created_at ?? r.started_at;
    return typeof s === 'string' ? Date.parse(s) || 0 : 0;
  };
  return tasks.filter((t) => (t.description ?? '').toLowerCase() === want).sort((a, b) => when(b) - when(a));
}

/** Waits until the CloudTower task `taskId` is SUCCESSED (FAILED → non-retryable failure). */
export async function waitTowerTask(
  rest: CloudTowerRestClient,
  run: RunContext,
  taskId: string,
  what: string,
): Promise<TowerTask> {
  return pollUntil(
    { intervalSeconds: run.timing.jobPollSeconds, timeoutSeconds: run.timing.jobTimeoutSeconds, what },
    async () => {
      const tasks = await rest.getTasks({ id: taskId });
      const task = tasks.find((t) => t.id === taskId);
      if (!task) return undefined;
      if (task.status === 'FAILED') {
        throw ApplicationFailure.create({
          type: FailureType.remoteFailed,
          nonRetryable: true,
          message: `${what}: CloudTower task ${taskId} FAILED (${task.error_code ?? ''} ${task.error_message ?? ''}).`,
        });
      }
      return task.status === 'SUCCESSED' ? task : undefined;
    },
    () => ({ waitingFor: what, taskId }),
  );
}

/** Version order for names like `v1.4.2-release.20250926-24` or `2.2.1`: numbers compared as numbers. */
export function compareVersions(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+/g)?.map(Number) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
