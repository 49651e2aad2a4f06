// deployCluster end to end on the real simulator: exactly one deploy request, also when run twice,
// when a deploy is already running, and a clear non-retryable failure when the deploy fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  buildDeployPayload,
  type DeployNetworkInput,
} from '../../../src/activities/deploy-cluster/deploy-payload.js';
import { deployCluster, deployClusterFromPlan } from '../../../src/activities/deploy-cluster/index.js';
import { scanHosts, type ScannedHost } from '../../../src/activities/prepare/index.js';
import { resolverFor } from '../../../src/activities/support/remote.js';
import { DeploymentClient, SmartxHttpError, type DeployClusterPayload } from '../../../src/smartx/index.js';
import { simState, SPEED } from '../prepare/helpers.js';
import type { SimulatorOptions } from '@hci-bringup/simulator';
import { activityEnv, runActivity } from '../../helpers/activity.js';
import { type Lab, startLab } from '../../helpers/lab.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

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

async function scan(t: Lab): Promise<ScannedHost[]> {
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

function payloadFor(t: Lab, scanned: ScannedHost[]): DeployClusterPayload {
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
  let t: Lab;
  let payload: DeployClusterPayload;
  let hostIps: string[];

  before(async () => {
    t = await startLab({ speed: SPEED });
    hostIps = t.sim.core.topology.hosts.map((h) => h.managementIp);
    payload = payloadFor(t, await scan(t));
  });
  after(async () => t.stop());
  after(() => assertNoLenientPath(t.sim));

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
  let t: Lab;
  before(async () => {
    t = await startLab({ speed: SPEED });
  });
  after(async () => t.stop());
  after(() => assertNoLenientPath(t.sim));

  it('follows the running deploy instead of posting again', async () => {
    const hostIps = t.sim.core.topology.hosts.map((h) => h.managementIp);
    const payload = payloadFor(t, await scan(t));
    const hosts = new DeploymentClient(resolverFor(t.run), hostIps[0]);
    const accepted = await hosts.deployCluster(payload);
    assert.equal(accepted.accepted, true);
    await untilState(hosts, hostIps[0], 'running');
    // The crashed attempt's heartbeat never reached the server: attempt 2, no details.
    const { result } = await runActivity(
      deployCluster,
      { run: t.run, apiHostIp: hostIps[0], payload, hostIps },
      { attempt: 2 },
    );
    assert.equal(result.status, 'deployed');
    assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
  });
});

describe('deployClusterFromPlan and a failing deploy', () => {
  let t: Lab;
  before(async () => {
    t = await startLab({
      speed: SPEED,
      faults: { rules: [{ match: 'deploy', kind: 'fail', progress: 0.5, message: 'zbs failed' }] },
    });
  });
  after(async () => t.stop());
  after(() => assertNoLenientPath(t.sim));

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

type Beat = {
  phase?: string;
  state?: string;
  statusBy?: string;
  lastError?: string;
  stage_info?: string;
  sawRunning?: boolean;
};

/** A fresh simulator with these options, scanned, with the payload for its hosts. */
async function deploySetup(options: SimulatorOptions) {
  const t = await startLab({ speed: SPEED, ...options });
  const hostIps = t.sim.core.topology.hosts.map((h) => h.managementIp);
  const payload = payloadFor(t, await scan(t));
  return { t, hostIps, payload, req: { run: t.run, apiHostIp: hostIps[0], payload, hostIps } };
}

describe('deploy wait: states a real installer shows right after the POST never end it', () => {
  for (const idleShape of ['idle', 'empty'] as const) {
    it(`deploy_status ${idleShape} for a while after the POST: keeps waiting, then deployed`, async () => {
      const { t, req } = await deploySetup({ smtx: { deploy: { idleAfterPostSeconds: 300, idleShape } } });
      try {
        const { result, heartbeats } = await runActivity(deployCluster, req);
        assert.equal(result.status, 'deployed');
        const beats = heartbeats as Beat[];
        const idleAfterPost = beats.filter(
          (b) =>
            (b.phase === 'posted' || b.phase === 'following') &&
            b.state === (idleShape === 'idle' ? 'idle' : 'empty'),
        );
        assert.ok(idleAfterPost.length > 0, `the idle phase was seen: ${JSON.stringify(beats.slice(0, 6))}`);
        assert.ok(beats.some((b) => b.state === 'running'));
        const state = await simState(t.sim);
        assert.equal(state.cluster.deployRequests, 1);
        assert.equal(state.cluster.deployed, true);
        await assertNoLenientPath(t.sim);
      } finally {
        await t.stop();
      }
    });
  }

  for (const kind of ['error', 'reset'] as const) {
    it(`hosts answer ${kind === 'error' ? 'HTTP 503' : 'with reset connections'} while services restart: keeps waiting`, async () => {
      const { t, req } = await deploySetup({
        smtx: { deploy: { restartWindow: { fromSeconds: 300, seconds: 600, kind } } },
      });
      try {
        const { result, heartbeats } = await runActivity(deployCluster, req);
        assert.equal(result.status, 'deployed');
        const errors = (heartbeats as Beat[]).filter((b) => b.lastError).map((b) => b.lastError!);
        assert.ok(errors.length > 0, 'the restart window was seen');
        if (kind === 'error')
          assert.ok(
            errors.some((e) => /503/.test(e)),
            errors[0],
          );
        assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
        await assertNoLenientPath(t.sim);
      } finally {
        await t.stop();
      }
    });
  }
});

describe('deploy_status by link-local or IPv4 address (seed 003: the host IP passed at deploy time)', () => {
  for (const statusAddress of ['link-local', 'ipv4'] as const) {
    it(`a site that answers only the ${statusAddress} address: followed through it, and said so`, async () => {
      const { t, req } = await deploySetup({ smtx: { deploy: { statusAddress } } });
      try {
        const { result, heartbeats } = await runActivity(deployCluster, req);
        assert.equal(result.status, 'deployed');
        assert.equal(result.statusBy, statusAddress);
        const running = (heartbeats as Beat[]).filter((b) => b.state === 'running');
        assert.ok(running.length > 0);
        assert.ok(
          running.every((b) => b.statusBy === statusAddress),
          JSON.stringify(running[0]),
        );
        const statusCalls = t.sim.state.requests.filter((r) => r.route === 'deployment.deploy_status');
        assert.ok(statusCalls.some((r) => r.status === 200));
        assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
        await assertNoLenientPath(t.sim);
      } finally {
        await t.stop();
      }
    });
  }
});

/** Asks deploy_status (IPv4 address) until it says `running`, or answers a failed deploy. */
async function untilState(
  hosts: DeploymentClient,
  hostIp: string,
  state: 'running' | 'failed',
): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const now = await hosts.deployStatus(hostIp).then(
      (s) => s.state,
      // A failed deploy answers with an error envelope (ec other than EOK).
      (e: unknown) => (e instanceof SmartxHttpError && e.ec && /FAILED/.test(e.ec) ? 'failed' : 'error'),
    );
    if (now === state) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`deploy_status never said ${state}`);
}

type Logged = { route?: string; status: number };
const isPost = (r: Logged) => r.route === 'deployment.cluster.deploy';
const isStatus = (r: Logged) => r.route === 'deployment.deploy_status';

describe('kill -9 right after the POST: the resumed attempt never deploys twice', () => {
  it('attempt 2 without heartbeat details, installer still idle: posts at once, the refusal makes it follow', async () => {
    const { t, req, hostIps, payload } = await deploySetup({
      smtx: { deploy: { idleAfterPostSeconds: 100 } },
    });
    try {
      // What the killed attempt did last: the POST (its heartbeat was lost with the worker).
      const hosts = new DeploymentClient(resolverFor(t.run), hostIps[0]);
      const accepted = await hosts.deployCluster(payload);
      assert.equal(accepted.accepted, true);
      const idle = await hosts.deployStatus(hostIps[0]);
      assert.equal(idle.state, 'idle', 'the resumed attempt starts inside the idle phase');
      const from = t.sim.state.requests.length;
      const { result, heartbeats } = await runActivity(deployCluster, req, { attempt: 2 });
      assert.equal(result.status, 'deployed');
      const beats = heartbeats as (Beat & { note?: string })[];
      assert.ok(!beats.some((b) => b.phase === 'settling'), 'no waiting window');
      assert.ok(beats.some((b) => /refused a second deploy/.test(b.note ?? '')));
      // Decided from one round of answers: its second POST came before a second deploy_status poll
      // (one read asks the link-local address and the IPv4 one).
      const own = t.sim.state.requests.slice(from);
      const postAt = own.findIndex(isPost);
      assert.ok(postAt > 0, 'attempt 2 posted');
      assert.ok(own.slice(0, postAt).filter(isStatus).length <= 2, 'one deploy_status read before the POST');
      // The installer refused it: its deploy task existed. One deploy, the second POST refused.
      assert.equal(own[postAt].status, 400);
      const state = await simState(t.sim);
      assert.equal(state.cluster.deployAccepted, 1, 'one accepted deploy');
      assert.equal(state.cluster.deployRequests, 2, "the killed attempt's POST and the refused one");
      assert.equal(state.cluster.deployed, true);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it('attempt 2 after a kill before the POST reached the hosts: posts at once, exactly one deploy', async () => {
    const { t, req } = await deploySetup({ smtx: { deploy: { idleAfterPostSeconds: 100 } } });
    try {
      // The killed attempt got as far as heartbeating `posting`; its POST never arrived.
      const { result, heartbeats } = await runActivity(deployCluster, req, {
        attempt: 2,
        heartbeatDetails: { phase: 'posting', startedAt: Date.now(), elapsedSeconds: 0 },
      });
      assert.equal(result.status, 'deployed');
      const posts = t.sim.state.requests.filter(isPost);
      assert.equal(posts.length, 1);
      assert.equal(posts[0].status, 200);
      const postAt = t.sim.state.requests.findIndex(isPost);
      const before = t.sim.state.requests.slice(0, postAt);
      assert.ok(before.filter(isStatus).length <= 2, 'one deploy_status read before the POST, no window');
      assert.ok(
        before.some((r) => r.route === 'deployment.deploy_verify'),
        'a retry asks deploy_verify before it posts',
      );
      assert.ok(!(heartbeats as Beat[]).some((b) => b.phase === 'settling'));
      const state = await simState(t.sim);
      assert.equal(state.cluster.deployAccepted, 1);
      assert.equal(state.cluster.deployRequests, 1);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it('an attempt interrupted after its POST, resumed with its last heartbeat: one deploy', async () => {
    const { t, req } = await deploySetup({ smtx: { deploy: { idleAfterPostSeconds: 100 } } });
    try {
      const env = activityEnv();
      const beats: Beat[] = [];
      env.on('heartbeat', (d: Beat) => void beats.push(d));
      const first = env.run(deployCluster, req).then(
        () => 'finished',
        (e: unknown) => e,
      );
      const posted = () => t.sim.state.requests.some(isPost);
      for (let i = 0; i < 400 && !posted(); i++) await new Promise((r) => setTimeout(r, 5));
      assert.ok(posted(), 'the first attempt posted');
      env.cancel();
      const outcome = await first;
      assert.notEqual(outcome, 'finished', 'the first attempt was stopped before it ended');
      const { result } = await runActivity(deployCluster, req, {
        attempt: 2,
        heartbeatDetails: beats.at(-1),
      });
      assert.equal(result.status, 'deployed');
      const state = await simState(t.sim);
      assert.equal(state.cluster.deployAccepted, 1, 'one accepted deploy');
      // Resumed from `posted` it never posts; from `posting` its POST is refused by the running task.
      const posts = t.sim.state.requests.filter(isPost);
      assert.equal(posts[0].status, 200);
      assert.ok(
        posts.slice(1).every((p) => p.status === 400),
        JSON.stringify(posts),
      );
      assert.ok(posts.length <= 2);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it('attempt 2 while the hosts do not answer (services restarting): never posts on silence', async () => {
    const { t, req, hostIps, payload } = await deploySetup({
      smtx: {
        deploy: { idleAfterPostSeconds: 20, restartWindow: { fromSeconds: 0, seconds: 60, kind: 'error' } },
      },
    });
    try {
      const hosts = new DeploymentClient(resolverFor(t.run), hostIps[0]);
      assert.equal((await hosts.deployCluster(payload)).accepted, true);
      const { result, heartbeats } = await runActivity(deployCluster, req, { attempt: 2 });
      assert.equal(result.status, 'deployed');
      const beats = heartbeats as (Beat & { note?: string })[];
      assert.ok(beats.some((b) => /waiting for deploy_status and deploy_verify/.test(b.note ?? '')));
      const state = await simState(t.sim);
      assert.equal(state.cluster.deployAccepted, 1);
      assert.equal(state.cluster.deployRequests, 1, 'no POST while the hosts were silent, then running');
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it("attempt 2 after the killed attempt's deploy failed: follows it to the failure, no second deploy", async () => {
    const { t, req, hostIps, payload } = await deploySetup({
      faults: { rules: [{ match: 'deploy', kind: 'fail', progress: 0.2, message: 'zbs failed' }] },
    });
    try {
      const hosts = new DeploymentClient(resolverFor(t.run), hostIps[0]);
      assert.equal((await hosts.deployCluster(payload)).accepted, true);
      await untilState(hosts, hostIps[0], 'failed');
      const err = await runActivity(deployCluster, req, { attempt: 2 }).then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof ApplicationFailure, String(err));
      assert.equal(err.type, 'RemoteJobFailed');
      assert.match(err.message, /is_deployed=false/);
      assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });
});

describe('5 hosts (5 masters) and hosts whose NIC names differ, from scan to verified deploy', () => {
  it('a 5-host plan deploys with 5 masters', async () => {
    const t = await startLab({ speed: SPEED, hosts: 5 });
    try {
      const topo = t.sim.core.topology.hosts;
      const scans = await scan(t);
      const { result } = await runActivity(deployClusterFromPlan, {
        run: t.run,
        clusterName: 'SIM-FIVE',
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
      });
      assert.equal(result.status, 'deployed');
      const state = await simState(t.sim);
      assert.equal(state.cluster.masters, 5);
      assert.equal(state.cluster.deployRequests, 1);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it('host 2 names its NICs eno1..eno4: its own NICs in the VDSes and its own host_ip zone', async () => {
    const own = { management: ['eno2', 'eno1'], storage: ['eno4', 'eno3'] };
    const t = await startLab({
      speed: SPEED,
      smtx: { hostNicNames: { 1: ['eno1', 'eno2', 'eno3', 'eno4'] } },
    });
    try {
      const topo = t.sim.core.topology.hosts;
      const nicsOf = (i: number) =>
        i === 1 ? own : { management: [...management.nics], storage: [...storage.nics] };
      const { result: scanned } = await runActivity(scanHosts, {
        run: t.run,
        hosts: topo.map((h, i) => ({
          hostname: h.hostname,
          managementIp: h.managementIp,
          requiredNics: [...nicsOf(i).management, ...nicsOf(i).storage],
          managementNics: nicsOf(i).management,
        })),
        storageArchitecture: 'hybrid-tiered',
      });
      assert.match(scanned.hosts[1].scan.linkLocal!, /%eno2$/);
      assert.match(scanned.hosts[0].scan.linkLocal!, /%ens224$/);
      const hosts = topo.map((h, i) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        storageIp: h.storageIp!,
        ...(i === 1 ? { nics: own } : {}),
      }));
      const payload = buildDeployPayload({
        clusterName: 'SIM-NICS',
        networks: { management, storage },
        storageArchitecture: 'hybrid-tiered',
        features: { boost: true, rdma: false },
        hosts: scanned.hosts.map((s, i) => ({ ...s, ...hosts[i] })),
      });
      assert.deepEqual(payload.vdses[0].hosts_associated[1].nics_associated, own.management);
      assert.deepEqual(payload.vdses[1].hosts_associated[1].nics_associated, own.storage);
      assert.deepEqual(payload.vdses[0].hosts_associated[0].nics_associated, management.nics);
      assert.match(payload.hosts[1].host_ip, /%eno2$/);

      const { result } = await runActivity(deployClusterFromPlan, {
        run: t.run,
        clusterName: 'SIM-NICS',
        dnsServers: [],
        storageArchitecture: 'hybrid-tiered',
        features: { boost: true, rdma: false },
        networks: { management, storage },
        hosts,
        scans: scanned.hosts,
      });
      assert.equal(result.status, 'deployed');
      assert.equal((await simState(t.sim)).cluster.deployRequests, 1);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });

  it('the simulator refuses a deploy that wires a NIC the host does not have (plan-wide names on host 2)', async () => {
    const t = await startLab({
      speed: SPEED,
      smtx: { hostNicNames: { 1: ['eno1', 'eno2', 'eno3', 'eno4'] } },
    });
    try {
      const scanned = (
        await runActivity(scanHosts, {
          run: t.run,
          hosts: t.sim.core.topology.hosts.map((h) => ({
            hostname: h.hostname,
            managementIp: h.managementIp,
            requiredNics: [],
            managementNics: ['eno1', ...management.nics],
          })),
          storageArchitecture: 'hybrid-tiered',
        })
      ).result.hosts;
      const payload = payloadFor(t, scanned);
      const err = await new DeploymentClient(resolverFor(t.run), t.sim.core.topology.hosts[0].managementIp)
        .deployCluster(payload)
        .then(
          () => assert.fail('expected a refusal'),
          (e: unknown) => e as Error,
        );
      assert.match(err.message, /nics_associated: ens224, ens192 not found on node-02/);
      await assertNoLenientPath(t.sim);
    } finally {
      await t.stop();
    }
  });
});
