// Seed 003 §05 "关联cloudtower并配置集群": organization by name, datacenter by name (created when
// missing), then connect-cluster unless get-clusters already has a cluster at the VIP, and wait for
// connect_state CONNECTED.
import { Context } from '@temporalio/activity';
import type { CloudTowerRestClient, TowerCluster } from '../../smartx/index.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep, precheckFailed, remoteJobFailed } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { secret } from '../support/remote.js';
import { towerRest } from '../support/tower-clients.js';
import { type Fisheye } from '../support/fisheye.js';

/** CloudTower as root with the workbook's password, which the setup step of stage 4 made root's. */
export interface AttachClusterToCloudTowerRequest extends TowerAccess {
  organization: string;
  datacenter: string;
  vip: string;
  fisheye: Fisheye;
}

export interface AttachClusterToCloudTowerResult {
  organizationId: string;
  datacenterId: string;
  datacenterCreated: boolean;
  clusterId: string;
  alreadyConnected: boolean;
  connectState: string;
}

async function datacenterIn(rest: CloudTowerRestClient, orgName: string, dcName: string) {
  const orgs = await rest.getOrganizations();
  const org = orgs.find((o) => o.name === orgName);
  return { orgs, org, dc: org?.datacenters?.find((d) => d.name === dcName) };
}

async function clusterAt(rest: CloudTowerRestClient, vip: string): Promise<TowerCluster | undefined> {
  return (await rest.getClusters()).find((c) => c.ip === vip);
}

export async function attachClusterToCloudTower(
  req: AttachClusterToCloudTowerRequest,
): Promise<AttachClusterToCloudTowerResult> {
  const ctx = Context.current();
  const ip = req.cloudtowerIp;
  const rest = towerRest(req.run, ip, req.rootPassword);

  const found = await remoteStep(`list organizations on CloudTower ${ip}`, () =>
    datacenterIn(rest, req.organization, req.datacenter),
  );
  if (!found.org) {
    throw precheckFailed(
      `attach the cluster to CloudTower ${ip}: no organization "${req.organization}" (CloudTower has ${found.orgs.map((o) => `"${o.name}"`).join(', ') || 'none'}). Fix: the CloudTower setup creates it from 文档描述!C15; run that stage again or correct the name.`,
    );
  }
  const org = found.org;
  let dc = found.dc;
  let datacenterCreated = false;
  if (!dc) {
    dc = await remoteStep(`create the datacenter "${req.datacenter}" on CloudTower ${ip}`, async () => {
      try {
        const created = await rest.createDatacenter(org.id, req.datacenter);
        datacenterCreated = true;
        return created.data;
      } catch (err) {
        // Created by an attempt that died before it saw the answer.
        const again = (await datacenterIn(rest, req.organization, req.datacenter)).dc;
        if (again) return again;
        throw err;
      }
    });
  }
  ctx.log.info('CloudTower datacenter', { datacenter: dc.name, created: datacenterCreated });
  const datacenterId = dc.id;

  let cluster = await remoteStep(`list clusters on CloudTower ${ip}`, () => clusterAt(rest, req.vip));
  const alreadyConnected = cluster !== undefined;
  let taskId: string | null | undefined;
  if (cluster) {
    ctx.log.info('the cluster is already known to CloudTower; not connecting it again', {
      vip: req.vip,
      clusterId: cluster.id,
      connectState: cluster.connect_state,
    });
  } else {
    const connected = await remoteStep(`connect the cluster ${req.vip} to CloudTower ${ip}`, () =>
      rest.connectCluster({
        datacenterId,
        ip: req.vip,
        username: 'root',
        password: secret(req.fisheye.password),
      }),
    );
    cluster = connected.data;
    taskId = connected.task_id;
    ctx.heartbeat({
      clusterId: cluster.id,
      taskId: taskId ?? null,
      connectState: cluster.connect_state ?? null,
    });
    ctx.log.info('cluster connect accepted', { vip: req.vip, clusterId: cluster.id, taskId });
  }

  const step = `wait for the cluster ${req.vip} to be CONNECTED in CloudTower ${ip}`;
  let state = cluster.connect_state ?? 'unknown';
  const final = await remoteStep(step, () =>
    pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.serviceTimeoutSeconds,
        what: step,
      },
      async () => {
        const now = await clusterAt(rest, req.vip);
        if (now) {
          state = now.connect_state ?? 'unknown';
          return state === 'CONNECTED' ? now : undefined;
        }
        // A failed connect leaves no cluster behind: tell why when the task says so.
        const task = taskId ? (await rest.getTasks({ id: taskId }))[0] : undefined;
        throw remoteJobFailed(
          `${step}: the cluster disappeared from get-clusters${task ? ` (task ${task.status}${task.error_message ? `: ${task.error_message}` : ''})` : ''}. Fix: check the Fisheye root password in the workbook (主机规划!M19) and that ${req.vip} answers; the step is retried automatically.`,
        );
      },
      () => ({ clusterId: cluster?.id ?? null, taskId: taskId ?? null, connectState: state }),
    ),
  );
  ctx.log.info('cluster connected to CloudTower', { vip: req.vip, clusterId: final.id });
  return {
    organizationId: org.id,
    datacenterId,
    datacenterCreated,
    clusterId: final.id,
    alreadyConnected,
    connectState: final.connect_state ?? state,
  };
}
