// A real simulator (real HTTP on 127.0.0.0/8, high ports) brought to "CloudTower installed, cluster
// connected" for the stage 6–9 activity tests:
//   - the cluster is deployed through the deployment API and its VIP set through Fisheye (smartx clients);
//   - the CloudTower installer's end state is reached through the simulator's programmatic API — the two
//     effects its SSH installer has on success (`cloudtower.installed`, ports 80/443 opened) — because
//     the VM/ISO/installer path belongs to stages 4–5 and their own tests;
//   - CloudTower is then set up through its API with the smartx clients: root user, organization,
//     datacenter, connect-cluster (seed 003 §04–05), waiting until CONNECTED.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import got from 'got';
import type { RunContext } from '../../src/run/input.js';
import type { RunningSimulator } from '@hci-bringup/simulator';
import {
  CloudTowerGraphqlClient,
  CloudTowerRestClient,
  DeploymentClient,
  EndpointResolver,
  FisheyeClient,
} from '../../src/smartx/index.js';
import { deployPayload } from '@hci-bringup/simulator/testing';
import { startLab } from './lab.js';
import { testSecret } from './secrets.js';
import type { PlanSecret } from '../../src/run/run-plan.js';

export const SPEED = 1000;
export const ROOT_PASSWORD = 'HC!r0cks';

export interface TowerFixture {
  sim: RunningSimulator;
  run: RunContext;
  cloudtowerIp: string;
  clusterVip: string;
  obsIp: string;
  backupIp: string;
  hostCount: number;
  /** The base of every activity request. */
  tower: { run: RunContext; cloudtowerIp: string; rootPassword: PlanSecret };
  /** A scratch directory for package files and artifacts. */
  scratch: string;
  /** GET /__sim/state */
  simState(): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  setFaults(rules: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`fixture: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * `towerRootPassword`: when given, root's CloudTower password is changed to it at the end (REST
 * update-user, as stage 4 does for 集群管理信息!G3) and `tower.rootPassword` carries it.
 */
export async function startTowerFixture(
  hostCount = 3,
  opts: { towerRootPassword?: string; attach?: boolean } = {},
): Promise<TowerFixture> {
  const lab = await startLab({ hosts: hostCount, speed: SPEED, smtx: { deploySeconds: 60 } });
  const { sim, run, endpointMapFile } = lab;
  const scratch = await mkdtemp(path.join(lab.dir, 'files-'));
  const topology = sim.core.topology;
  const cloudtowerIp = topology.cloudtower!;
  const clusterVip = topology.vip;
  const resolver = EndpointResolver.fromFile(endpointMapFile);
  const hostIps = topology.hosts.map((h) => h.managementIp);

  // 1. Deploy the cluster, with the switch names of seed 003 (vDS-MgMt-Network, vDS-Storage-Network).
  const scans = [];
  for (const ip of hostIps) scans.push(await new DeploymentClient(resolver, ip).scanHost());
  const payload = deployPayload(scans) as { vdses: { name: string }[]; networks: { attached_vds: string }[] };
  const rename: Record<string, string> = { 'VDS-MGT': 'vDS-MgMt-Network', 'VDS-SDS': 'vDS-Storage-Network' };
  for (const v of payload.vdses) v.name = rename[v.name] ?? v.name;
  for (const n of payload.networks) n.attached_vds = rename[n.attached_vds] ?? n.attached_vds;
  const deploy = new DeploymentClient(resolver, hostIps[0]);
  await deploy.deployCluster(payload as never);
  await until('cluster deployed', async () => ((await deploy.deployVerify()).is_deployed ? true : undefined));

  // 2. Fisheye: root password and the VIP.
  const fisheye = new FisheyeClient(resolver, hostIps[0], { username: 'root', password: ROOT_PASSWORD });
  await fisheye.setupRoot();
  await fisheye.setVip(clusterVip);

  // 3. The CloudTower installer's end state (see the header).
  sim.state.cloudtower.installed = true;
  await sim.core.openPorts(cloudtowerIp, 'cloudtower', [80, 443]);

  // 4. CloudTower: root user, organization, datacenter, connect the cluster.
  const gql = new CloudTowerGraphqlClient(resolver, cloudtowerIp);
  await gql.createRootUser();
  const org = await gql.createOrganization('SMTX-HCI');
  const rest = new CloudTowerRestClient(resolver, cloudtowerIp, {
    username: 'root',
    password: ROOT_PASSWORD,
  });
  // `attach: false` stops before the datacenter, for tests of the attach step itself.
  if (opts.attach !== false) {
    const dc = await rest.createDatacenter(org.id, 'SMTX-HCI-DC');
    await rest.connectCluster({
      datacenterId: dc.data.id,
      ip: clusterVip,
      username: 'root',
      password: ROOT_PASSWORD,
    });
    await until('cluster CONNECTED', async () =>
      (await rest.getClusters()).some((c) => c.connect_state === 'CONNECTED') ? true : undefined,
    );
  }

  if (opts.towerRootPassword !== undefined) {
    await rest.updateUserPassword({ username: 'root' }, opts.towerRootPassword);
  }

  return {
    sim,
    run,
    cloudtowerIp,
    clusterVip,
    obsIp: topology.obs!,
    backupIp: topology.backup!,
    hostCount,
    tower: { run, cloudtowerIp, rootPassword: testSecret(opts.towerRootPassword ?? ROOT_PASSWORD) },
    scratch,
    simState: () => got(`${sim.adminUrl}/__sim/state`, { retry: { limit: 0 } }).json(),
    setFaults: async (rules) => {
      await got.put(`${sim.adminUrl}/__sim/faults`, { json: { rules }, retry: { limit: 0 } });
    },
    close: () => lab.stop(),
  };
}
