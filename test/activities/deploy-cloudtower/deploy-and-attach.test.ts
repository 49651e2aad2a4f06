// Stage 4 and 5 end to end against the simulator, each activity run twice to prove its effects
// happen exactly once: ISO located and uploaded, VM created once (also when a retry follows a crash
// right after the POST), guest agent, network, installer followed to success and never started twice
// (also after an installer failure and across a dropped SSH session), HTTPS, setup, DNS, serial,
// cluster attached once.
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import * as ct from '../../../src/activities/index.js';
import { EndpointResolver, SshSession } from '../../../src/smartx/index.js';
import { CLOUDTOWER_IP, fisheye, setFaults, simState, sparseIso, startClusterLab, VIP } from './helpers.js';
import type { Lab } from '../../helpers/lab.js';
import { runActivity, runFailing } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;
/** The workbook's CloudTower root password (集群管理信息!G3), deliberately not the factory default. */
const ROOT_PW = 'S3cret!pw-G3';
const ROOT = testSecret(ROOT_PW);

describe('CloudTower deploy and attach', () => {
  let lab: Lab;
  let imagePath = '';
  let vmUuid = '';
  let placement: { storagePolicyUuid: string; ovs: string; vlanUuid: string };
  before(async () => {
    // VM_CREATE takes 1 s here, so the retry really finds the job of the "crashed" attempt running.
    lab = await startClusterLab({
      // 2.4 s at x1000: long enough to cut a follow of its log mid-stream twice.
      installerSeconds: 2400,
      smtx: { jobSecondsByKind: { VM_CREATE: 500, VM_UPDATE: 10, NETWORK_CREATE_VDS: 8 } },
    });
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  it('locates the highest CloudTower ISO, and fails clearly without one', async () => {
    const pkg = path.join(lab.dir, 'packages');
    await mkdir(pkg);
    const { error } = await runFailing(ct.locateCloudTowerIso, { packageDir: pkg });
    assert.ok(error instanceof ApplicationFailure && error.type === 'MissingFile' && error.nonRetryable);
    assert.match(error.message, /cloudtower-<version>/);
    assert.ok(error.message.includes(pkg));
    await sparseIso(pkg, 'cloudtower-v4.5.0.oe2003.x86_64.iso', 2 * MiB);
    await sparseIso(pkg, 'cloudtower-v4.10.1.oe2003.x86_64.iso', 9 * MiB);
    await writeFile(path.join(pkg, 'README.txt'), 'x');
    const { result } = await runActivity(ct.locateCloudTowerIso, { packageDir: pkg });
    assert.equal(result.name, 'cloudtower-v4.10.1.oe2003.x86_64.iso');
    assert.equal(result.size, 9 * MiB);
    const up = await runActivity(ct.uploadCloudTowerIso, { run: lab.run, vip: VIP, fisheye, iso: result });
    imagePath = up.result.imagePath;
  });

  it('finds the placement: default policy, management OVS, VM network', async () => {
    ({ result: placement } = await runActivity(ct.findCloudTowerVmPlacement, {
      run: lab.run,
      vip: VIP,
      fisheye,
      managementVdsName: 'VDS-MGT',
      managementNetworkName: 'mgt-network',
    }));
    const state = await simState(lab.sim);
    assert.equal(placement.vlanUuid, state.vlans.find((v) => v.name === 'default')?.uuid);
    assert.match(placement.ovs, /^ovsbr-/);
    const { error } = await runFailing(ct.findCloudTowerVmPlacement, {
      run: lab.run,
      vip: VIP,
      fisheye,
      managementVdsName: 'VDS-NOPE',
      managementNetworkName: 'mgt-network',
    });
    assert.match(error.message, /VDS-NOPE.*VDS-MGT/);
  });

  it('creates the VM exactly once, also when a retry follows a crash right after the POST', async () => {
    const req = { run: lab.run, vip: VIP, fisheye, vmName: 'cloudtower', imagePath, placement };
    // Attempt 1 "dies" right after the POST was answered (cancelled at its first heartbeat).
    const first = await runFailing(ct.createCloudTowerVm, req, { onHeartbeat: (_d, env) => env.cancel() });
    assert.ok(first.error instanceof CancelledFailure, first.error.message);
    const details = first.heartbeats[0] as { jobId: string };
    assert.ok(details.jobId);
    const second = await runActivity(ct.createCloudTowerVm, req, { heartbeatDetails: details });
    assert.equal(second.result.created, true);
    vmUuid = second.result.vmUuid;
    const third = await runActivity(ct.createCloudTowerVm, req);
    assert.deepEqual(third.result, { vmUuid, created: false });
    const state = await simState(lab.sim);
    assert.equal(state.vms.length, 1);
    assert.equal(state.requests.filter((r) => r.route === 'fisheye.vms.create').length, 1);
    assert.equal(state.vms[0].memory, 20401094656);
    assert.equal(state.vms[0].disks[1].path, imagePath);
  });

  it('waits for the guest agent and sets the address once', async () => {
    const ga = await runActivity(ct.waitForCloudTowerGuestAgent, { run: lab.run, vip: VIP, fisheye, vmUuid });
    assert.match(ga.result.guestOsType, /openEuler/i);
    const req = {
      run: lab.run,
      vip: VIP,
      fisheye,
      vmUuid,
      placement,
      ip: CLOUDTOWER_IP,
      subnetMask: '255.255.0.0',
      gateway: '127.1.0.1',
    };
    assert.deepEqual((await runActivity(ct.configureCloudTowerVmNetwork, req)).result, { changed: true });
    assert.deepEqual((await runActivity(ct.configureCloudTowerVmNetwork, req)).result, { changed: false });
  });

  it('follows the installer to success and never starts a second one', async () => {
    const req = { run: lab.run, cloudtowerIp: CLOUDTOWER_IP };
    const first = await runActivity(ct.installCloudTower, req);
    assert.equal(first.result.status, 'installed');
    assert.ok(first.result.logBytes > 100);
    const beats = first.heartbeats as { logOffset: number; lastLine: string }[];
    assert.ok(
      beats.length >= 2 && beats.some((b) => b.logOffset > 0 && b.lastLine.includes('INFO')),
      JSON.stringify(beats.slice(-3)),
    );
    const second = await runActivity(ct.installCloudTower, req);
    assert.equal(second.result.status, 'already-installed');
    const state = await simState(lab.sim);
    assert.equal(state.installerRuns.length, 1);
    assert.equal(state.installerRuns[0].status, 'succeeded');
    assert.equal(state.installerRuns[0].nohup, true);
    assert.deepEqual((await runActivity(ct.waitForCloudTowerHttps, req)).result, { tries: 1 });
  });

  /** Moves the finished install's log away, so the VM looks like one where no installer ran yet. */
  async function freshLog(name: string): Promise<void> {
    const s = await SshSession.connect(
      { address: CLOUDTOWER_IP, user: 'cloudtower', password: 'HC!r0cks' },
      EndpointResolver.fromFile(path.join(lab.sim.stateDir, 'endpoints.json')),
    );
    try {
      const r = await s.sudo(
        `mv /home/cloudtower/nohup.out /home/cloudtower/${name} && rm -f /home/cloudtower/nohup.out.failed-*`,
        { timeoutMs: 10_000 },
      );
      assert.equal(r.code, 0, r.stderr);
    } finally {
      s.close();
    }
  }

  it('an installer that fails mid-way: the retry moves its log aside and installs exactly once more', async () => {
    await freshLog('nohup.out.before-fail-test');
    const runsBefore = (await simState(lab.sim)).installerRuns.length;
    await setFaults(lab.sim, [{ match: 'installer', kind: 'fail', progress: 0.3, nth: 1 }]);
    const req = { run: lab.run, cloudtowerIp: CLOUDTOWER_IP };
    const { error } = await runFailing(ct.installCloudTower, req);
    assert.ok(error instanceof ApplicationFailure && error.nonRetryable, error.message);
    assert.match(error.message, /Install Operation Center Failed/);
    // The stage's retry: the dead installer's log goes aside, one new installer runs and succeeds.
    const retry = await runActivity(ct.installCloudTower, req);
    assert.equal(retry.result.status, 'installed');
    const state = await simState(lab.sim);
    const runs = state.installerRuns.slice(runsBefore);
    assert.deepEqual(
      runs.map((r) => r.status),
      ['failed', 'succeeded'],
    );
    assert.ok(runs.every((r) => r.nohup && !r.concurrent));
    const files = state.machineFiles[CLOUDTOWER_IP];
    assert.ok(files['/home/cloudtower/nohup.out.failed-1'], Object.keys(files).join(', '));
    assert.equal((await runActivity(ct.installCloudTower, req)).result.status, 'already-installed');
    assert.equal((await simState(lab.sim)).installerRuns.length, runsBefore + 2);
    await setFaults(lab.sim, []);
  });

  it('an SSH session that drops while following: reconnects, no second installer', async () => {
    await freshLog('nohup.out.before-drop-test');
    const runsBefore = (await simState(lab.sim)).installerRuns.length;
    const since = lab.sim.core.clock.now();
    // Exec 1 probes sudo, 2-5 inspect and start, 6 follows the log: cut it mid-stream, then (after
    // the new connection's sudo probe, 7) the next follow too.
    await setFaults(lab.sim, [{ match: 'ssh:exec:cloudtower', kind: 'drop', nth: [6, 8], delayMs: 400 }]);
    const req = { run: lab.run, cloudtowerIp: CLOUDTOWER_IP };
    const { result, heartbeats } = await runActivity(ct.installCloudTower, req);
    assert.equal(result.status, 'installed');
    // Each follow went on from where the last one got to: the log was never read again from its start.
    const offsets = (heartbeats as { logOffset: number }[]).map((b) => b.logOffset);
    assert.ok(
      offsets.every((o, i) => i === 0 || o >= offsets[i - 1]),
      offsets.join(' '),
    );
    const log = (await simState(lab.sim)).machineFiles[CLOUDTOWER_IP]['/home/cloudtower/nohup.out'];
    assert.deepEqual({ bytes: result.logBytes }, log, 'the log read up to its last line');
    const state = (await simState(lab.sim)) as Awaited<ReturnType<typeof simState>> & {
      faults: { fired: { point: string; kind: string }[] };
    };
    assert.equal(state.faults.fired.filter((f) => f.kind === 'drop').length, 2);
    // Cut mid-stream, both: a command that ends before its cut is not cut.
    assert.equal(lab.sim.core.events.filter((e) => e.event === 'ssh-dropped' && e.at >= since).length, 2);
    const runs = state.installerRuns.slice(runsBefore);
    assert.deepEqual(
      runs.map((r) => r.status),
      ['succeeded'],
    );
    await setFaults(lab.sim, []);
  });

  it("sets CloudTower up once and makes root's password the workbook's, converging after a crash", async () => {
    const req = {
      run: lab.run,
      cloudtowerIp: CLOUDTOWER_IP,
      organization: 'SMTX-HCI',
      ntpServers: ['127.0.0.2', 'ntp.example.org'],
      rootPassword: ROOT,
    };
    const noSecrets = (x: unknown) => {
      const text = JSON.stringify(x) + String(x);
      assert.ok(!text.includes(ROOT_PW) && !text.includes('HC!r0cks'), 'a password leaked');
    };
    // Crash after root was created with the factory default, before its password changed.
    await setFaults(lab.sim, [{ match: 'cloudtower.rest.update-user', kind: 'status', status: 503 }]);
    const crashed = await runFailing(ct.setupCloudTower, req);
    await setFaults(lab.sim, []);
    assert.ok(!(crashed.error instanceof ApplicationFailure && crashed.error.nonRetryable));
    noSecrets(crashed.error.message);
    let state = await simState(lab.sim);
    assert.equal(state.cloudtower.rootUserCreated, true);
    assert.equal(state.cloudtower.rootPassword?.isFactoryDefault, true);

    const first = await runActivity(ct.setupCloudTower, req);
    assert.equal(first.result.rootUser, 'existing');
    assert.equal(first.result.rootPassword, 'changed');
    assert.equal(first.result.organizationCreated, true);
    assert.equal(first.result.ntp, '127.0.0.2;ntp.example.org');
    assert.deepEqual(first.result.warnings, []);
    noSecrets(first);
    state = await simState(lab.sim);
    assert.deepEqual(
      { ...state.cloudtower.rootPassword, updatedAt: undefined },
      { isFactoryDefault: false, setBy: 'rest:update-user', changes: 1, updatedAt: undefined },
    );

    // Password already changed (by this run or by an attempt that died before it saw the answer).
    const second = await runActivity(ct.setupCloudTower, req);
    assert.equal(second.result.rootUser, 'existing');
    assert.equal(second.result.rootPassword, 'kept');
    assert.equal(second.result.organizationCreated, false);
    assert.equal(second.result.organizationId, first.result.organizationId);
    state = await simState(lab.sim);
    assert.equal(state.cloudtower.organizations.length, 1);
    assert.equal(state.cloudtower.rootPassword?.changes, 1);
    assert.equal(state.cloudtower.effects['rest:update-user'], 1);

    // Neither the workbook's nor the factory default: stop and name the cell.
    for (const other of ['HC!r0cks', 'Other-Pw9!']) {
      const { error } = await runFailing(ct.setupCloudTower, {
        ...req,
        rootPassword: testSecret(other),
      });
      assert.ok(error instanceof ApplicationFailure && error.nonRetryable, error.message);
      assert.equal(error.type, 'AuthenticationFailed');
      assert.match(error.message, /集群管理信息!G3/);
      noSecrets(error.message);
      assert.ok(!error.message.includes(other));
    }
    assert.equal((await simState(lab.sim)).cloudtower.rootPassword?.changes, 1);
  });

  it('writes the DNS servers once and reads the serial', async () => {
    const req = { run: lab.run, cloudtowerIp: CLOUDTOWER_IP, dnsServers: ['127.0.0.53', '127.0.0.54'] };
    assert.deepEqual((await runActivity(ct.configureCloudTowerDns, req)).result, { changed: true });
    assert.deepEqual((await runActivity(ct.configureCloudTowerDns, req)).result, { changed: false });
    const state = await simState(lab.sim);
    assert.equal(
      state.machineFiles[CLOUDTOWER_IP]['/etc/resolv.conf'],
      '# Generated by NetworkManager\nnameserver 127.0.0.53\nnameserver 127.0.0.54\n',
    );
    const { error } = await runFailing(ct.configureCloudTowerDns, {
      ...req,
      dnsServers: ['dns.example.org'],
    });
    assert.ok(error instanceof ApplicationFailure && error.type === 'InvalidInput');
    const serial = await runActivity(ct.readCloudTowerSerial, {
      run: lab.run,
      cloudtowerIp: CLOUDTOWER_IP,
      rootPassword: ROOT,
    });
    assert.match(serial.result.serial, /^[0-9a-f-]{36}$/);
  });

  it('attaches the cluster once: one datacenter, one connection', async () => {
    const req = {
      run: lab.run,
      cloudtowerIp: CLOUDTOWER_IP,
      organization: 'SMTX-HCI',
      datacenter: 'SMTX-HCI-DC',
      vip: VIP,
      fisheye,
      rootPassword: ROOT,
    };
    const first = await runActivity(ct.attachClusterToCloudTower, req);
    assert.equal(first.result.datacenterCreated, true);
    assert.equal(first.result.alreadyConnected, false);
    assert.equal(first.result.connectState, 'CONNECTED');
    const second = await runActivity(ct.attachClusterToCloudTower, req);
    assert.deepEqual(second.result, { ...first.result, datacenterCreated: false, alreadyConnected: true });
    const state = await simState(lab.sim);
    assert.equal(state.cloudtower.datacenters.length, 1);
    assert.equal(state.cloudtower.connectedClusters.length, 1);
    const { error } = await runFailing(ct.attachClusterToCloudTower, { ...req, organization: 'NOPE' });
    assert.ok(error instanceof ApplicationFailure && error.nonRetryable);
    assert.match(error.message, /NOPE.*SMTX-HCI/);
    assert.ok(!JSON.stringify(state).includes('HC!r0cks') && !JSON.stringify(state).includes(ROOT_PW));
  });
});
