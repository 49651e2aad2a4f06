// deployCluster end to end on the real simulator: exactly one deploy request, also when run twice,
// when a deploy is already running, and a clear non-retryable failure when the deploy fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  buildDeployPayload,
  type DeployNetworkInput,
} from '../../../src/activities/deploy/deploy-payload.js';
import { deployCluster, deployClusterFromPlan } from '../../../src/activities/deploy/index.js';
import { scanHosts, type ScannedHost } from '../../../src/activities/prepare/index.js';
import { resolverFor } from '../../../src/activities/support/remote.js';
import { DeploymentClient, type DeployClusterPayload } from '../../../src/smartx/index.js';
import { runActivity, simState, startTestSim, type TestSim } from '../prepare/helpers.js';

const management: DeployNetworkInput = {
  vdsName: 'vDS-MGT',
  networkName: 'default',
  vlanId: 0,
  subnet: '127.1.0.0/16',
  gateway: '127.1.0.1',
  nics: ['ens224', 'ens192'],
  bondMode: 'active-backup',
};
const storage: DeployNetworkInput = {
  vdsName: 'vDS-SDS',
  networkName: 'storage-network',
  vlanId: 0,
  subnet: '127.1.2.0/24',
  nics: ['ens256', 'ens161'],
  bondMode: 'active-backup',
};

async function scan(t: TestSim): Promise<ScannedHost[]> {
  const { result } = await runActivity(scanHosts, {
    run: t.run,
    hosts: t.sim.core.topology.hosts.map((h) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      requiredNics: [...management.nics, ...storage.nics],
    })),
    storageArchitecture: 'hybrid-tiered',
  });
  return result.hosts;
}

function payloadFor(t: TestSim, scanned: ScannedHost[]): DeployClusterPayload {
  const topo = t.sim.core.topology.hosts;
  return buildDeployPayload({
    clusterName: 'SIM-CLUSTER',
    dnsServers: ['127.0.0.53'],
    networks: { management, storage },
    storageArchitecture: 'hybrid-tiered',
    features: { boost: true, rdma: false },
    hosts: scanned.map((s, i) => ({ ...s, storageIp: topo[i].storageIp! })),
  });
}

describe('deployCluster on the simulator', () => {
  let t: TestSim;
  let payload: DeployClusterPayload;
  let hostIps: string[];

  before(async () => {
    t = await startTestSim();
    hostIps = t.sim.core.topology.hosts.map((h) => h.managementIp);
    payload = payloadFor(t, await scan(t));
  });
  after(async () => t.stop());

  it('deploys once, heartbeats the stages, verifies; a second run says already-deployed', async () => {
    const first = await runActivity(deployCluster, { run: t.run, apiHostIp: hostIps[0], payload, hostIps });
    assert.equal(first.result.status, 'deployed');
    assert.equal(first.result.lastStage, 'verify_cluster');
    const stages = first.heartbeats.map((h) => (h as { stage_info?: string }).stage_info).filter(Boolean);
    assert.ok(stages.includes('deploy_zbs'), `stages heartbeated: ${[...new Set(stages)].join(', ')}`);
    const hb = first.heartbeats.at(-1) as Record<string, unknown>;
    for (const k of ['stage_info', 'current_stage', 'total_stages', 'elapsedSeconds']) assert.ok(k in hb, k);

    const second = await runActivity(deployCluster, { run: t.run, apiHostIp: hostIps[0], payload, hostIps });
    assert.equal(second.result.status, 'already-deployed');

    const state = await simState(t.sim);
    assert.equal(state.cluster.deployRequests, 1);
    assert.equal(state.cluster.deployed, true);
    assert.equal(state.cluster.masters, 3);
    assert.equal(state.cluster.name, 'SIM-CLUSTER');
    // Small result, no password of any kind in result or heartbeats.
    assert.ok(JSON.stringify(first.result).length < 200);
    assert.doesNotMatch(JSON.stringify([first, second]), /P@ssw0rd|HC!r0cks|c\+G6KvJYsKyQyY4U/);
  });
});

describe('deployCluster when a deploy is already running (retry after a crash right after the POST)', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.stop());

  it('follows the running deploy instead of posting again', async () => {
    const hostIps = t.sim.core.topology.hosts.map((h) => h.managementIp);
    const payload = payloadFor(t, await scan(t));
    const accepted = await new DeploymentClient(resolverFor(t.run), hostIps[0]).deployCluster(payload);
    assert.equal(accepted.accepted, true);
    const { result } = await runActivity(deployCluster, {
      run: t.run,
      apiHostIp: hostIps[0],
      payload,
      hostIps,
    });
    assert.equal(result.status, 'deployed');
    assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
  });
});

describe('deployClusterFromPlan and a failing deploy', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim({
      faults: { rules: [{ match: 'deploy', kind: 'fail', progress: 0.5, message: 'zbs failed' }] },
    });
  });
  after(async () => t.stop());

  it('fails non-retryably (RemoteJobFailed) naming the last stage', async () => {
    const topo = t.sim.core.topology.hosts;
    const scans = await scan(t);
    const err = await runActivity(deployClusterFromPlan, {
      run: t.run,
      clusterName: 'SIM-CLUSTER',
      dnsServers: ['127.0.0.53'],
      storageArchitecture: 'hybrid-tiered',
      features: { boost: true, rdma: false },
      networks: { management, storage },
      hosts: topo.map((h) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        storageIp: h.storageIp!,
      })),
      scans,
    }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'RemoteJobFailed');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /is_deployed=false \(last stage deploy_\w+/);
    assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
  });
});
