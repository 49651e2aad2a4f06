// Stage 3 activities against the real simulator over real HTTPS and SSH: first runs change the
// cluster, second runs find everything in place (no duplicates in /__sim/state), a wrong Fisheye
// password fails for good without showing the password, host passwords really change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  configureBusinessNetworks,
  configureClusterSettings,
  configureCpuCompatibility,
  configureIpmiAccounts,
  initializeFisheye,
  readClusterSerial,
  setHostPasswords,
  uploadVmTools,
} from '../../../src/activities/configure-cluster/index.js';
import { FisheyeClient, SshError, SshSession } from '../../../src/smartx/index.js';
import { hashedImages, setFaults, simState, startDeployedSim, type DeployedSim } from './helpers.js';
import { recordedText, runActivity } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const FISHEYE_PW = 'Fi$heye-Adm1n!';
const WRONG_PW = 'Wr0ng-F1sheye#';
const HOST_PW = 'H0st-N3w-Pa55!';
const OTHER_PW = 'N0t-The-R1ght-0ne';
const BMC_PW = 'Bmc-S3cret!';
const fisheye = { user: 'root', password: testSecret(FISHEYE_PW) };
const CHUNK = 1024 * 1024;

/** Asserts an activity failed with a non-retryable ApplicationFailure of `type`; returns its message. */
async function rejectsFinally(promise: Promise<unknown>, type: string): Promise<string> {
  let message = '';
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure, `not an ApplicationFailure: ${String(err)}`);
    assert.equal(err.type, type, err.message);
    assert.equal(err.nonRetryable, true, err.message);
    message = err.message;
    return true;
  });
  return message;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

describe('configure-cluster activities (simulator)', () => {
  let d: DeployedSim;
  let scratch: string;

  before(async () => {
    // VDS jobs take 0.5 s here, so the resume test really finds its job still running.
    // smartx asks its sudo password here (the non-default policy): the NOPASSWD default is in
    // host-passwords-nopasswd.test.ts.
    d = await startDeployedSim({
      smartxSudo: 'password',
      smtx: { chunkSize: CHUNK, jobSecondsByKind: { VM_CREATE: 20, VM_UPDATE: 10, NETWORK_CREATE_VDS: 250 } },
    });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cc-packages-'));
  });
  after(async () => {
    await d?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  after(() => assertNoLenientPath(d.sim));

  it('initializeFisheye: creates root, then finds it initialized; a wrong password fails for good', async () => {
    const req = { run: d.run, hostIp: d.hostIps[0], fisheye };
    assert.deepEqual((await runActivity(initializeFisheye, req)).result, { rootUser: 'created' });
    assert.deepEqual((await runActivity(initializeFisheye, req)).result, { rootUser: 'already-initialized' });
    const message = await rejectsFinally(
      runActivity(initializeFisheye, {
        ...req,
        fisheye: { user: 'root', password: testSecret(WRONG_PW) },
      }),
      'AuthenticationFailed',
    );
    assert.match(message, /sessions/);
    assert.match(message, new RegExp(d.hostIps[0].replace(/\./g, '\\.')));
    assert.ok(!message.includes(WRONG_PW) && !message.includes(FISHEYE_PW), message);
  });

  it('configureClusterSettings: VIP, DNS and NTP jobs; a second run PUTs them again (seed 003: PUT is idempotent)', async () => {
    const req = {
      run: d.run,
      hostIp: d.hostIps[0],
      vip: d.vip,
      dnsServers: ['10.0.0.114', '10.0.0.1'],
      ntpServers: ['10.0.0.2', 'ntp.example.org'],
      fisheye,
    };
    const { result } = await runActivity(configureClusterSettings, req);
    assert.deepEqual(result, { vip: d.vip, dns: req.dnsServers, ntp: req.ntpServers });
    const state = await simState(d.sim);
    assert.deepEqual(state.cluster.dns, req.dnsServers);
    assert.deepEqual(state.cluster.ntp, req.ntpServers);
    assert.equal(state.cluster.vip, d.vip);
    const jobs = state.jobs.length;
    const vipPuts = state.requests.filter(
      (r: { route?: string }) => r.route === 'fisheye.settings.vip.put',
    ).length;
    // The DNS/NTP calls went to the VIP once it was up (seed 003).
    assert.ok(
      state.requests.some(
        (r: { route?: string; machine: string }) =>
          r.route === 'fisheye.settings.dns.put' && r.machine.includes(d.vip),
      ),
      'DNS set via the VIP',
    );

    // The old expectation (nothing sent on a second run) rested on GETs seed 003 does not show: every
    // run now PUTs the planned values and waits for their jobs, and the state stays the planned one.
    await runActivity(configureClusterSettings, req);
    const again = await simState(d.sim);
    assert.equal(again.jobs.length, jobs + 2, 'one new DNS job and one new NTP job');
    assert.equal(
      again.requests.filter((r: { route?: string }) => r.route === 'fisheye.settings.vip.put').length,
      vipPuts + 1,
      'VIP PUT again',
    );
    assert.deepEqual(again.cluster.dns, req.dnsServers);
    assert.deepEqual(again.cluster.ntp, req.ntpServers);
  });

  it('configureIpmiAccounts: upserts, reports nodes whose BMC is not validated, no duplicates', async () => {
    const state = await simState(d.sim);
    const hosts = state.hosts.map((h: { hostname: string; uuid: string }, i: number) => ({
      hostname: h.hostname,
      hostUuid: h.uuid,
      bmc: {
        ip: i === 2 ? '127.1.3.99' : `127.1.3.${11 + i}`,
        user: 'ADMIN',
        password: testSecret(BMC_PW),
      },
    }));
    const req = { run: d.run, vip: d.vip, fisheye, hosts };
    for (let round = 0; round < 2; round++) {
      const { result } = await runActivity(configureIpmiAccounts, req);
      assert.deepEqual(result.succeeded, [hosts[0].hostname, hosts[1].hostname]);
      assert.equal(result.failed.length, 1);
      assert.equal(result.failed[0].hostname, hosts[2].hostname);
      assert.equal(result.failed[0].bmcIp, '127.1.3.99');
      assert.match(result.failed[0].reason, /127\.1\.3\.99/);
    }
    const after = await simState(d.sim);
    assert.equal(after.ipmiAccounts.length, 3);
  });

  it('configureBusinessNetworks (三网独立): VDS with data_ip and VLANs once; second run finds them', async () => {
    const state = await simState(d.sim);
    const req = {
      run: d.run,
      vip: d.vip,
      fisheye,
      networkArchitecture: 'three-separate' as const,
      managementVdsName: 'VDS-MGT',
      businessVds: { name: 'vDS-Production', nics: ['ens162', 'ens194'], bondMode: 'active-backup' },
      business: [
        { networkName: 'VLAN-1120', vlanId: 1120 },
        { networkName: 'VLAN-1121', vlanId: 1121 },
      ],
      hosts: state.hosts.map((h: { uuid: string }, i: number) => ({
        hostUuid: h.uuid,
        storageIp: `127.1.2.${11 + i}`,
      })),
    };
    const first = (await runActivity(configureBusinessNetworks, req)).result;
    assert.equal(first.vdsName, 'vDS-Production');
    assert.equal(first.vdsCreated, true);
    assert.deepEqual(first.vlansCreated, ['VLAN-1120', 'VLAN-1121']);
    assert.deepEqual(first.vlansExisting, []);
    assert.equal(first.vlansCount, 2);
    const second = (await runActivity(configureBusinessNetworks, req)).result;
    assert.equal(second.vdsUuid, first.vdsUuid);
    assert.equal(second.vdsCreated, false);
    assert.deepEqual(second.vlansCreated, []);
    assert.deepEqual(second.vlansExisting, ['VLAN-1120', 'VLAN-1121']);
    const after = await simState(d.sim);
    assert.equal(after.vdses.filter((v: { name: string }) => v.name === 'vDS-Production').length, 1);
    assert.equal(after.vlans.filter((v: { vds_uuid: string }) => v.vds_uuid === first.vdsUuid).length, 2);
    const createJob = after.jobs.find((j: { description: string }) => j.description === 'NETWORK_CREATE_VDS');
    const associated = Object.values(createJob?.resources[first.vdsUuid]?.hosts_associated ?? {});
    assert.deepEqual(
      associated.map((h) => h.data_ip),
      ['127.1.2.11', '127.1.2.12', '127.1.2.13'],
    );

    // A VLAN of that name with another ID is a plan/cluster conflict, named, not papered over.
    const conflict = await rejectsFinally(
      runActivity(configureBusinessNetworks, {
        ...req,
        business: [{ networkName: 'VLAN-1120', vlanId: 1999 }],
      }),
      'PrecheckFailed',
    );
    assert.match(conflict, /VLAN-1120.*1120.*1999/);
  });

  it('configureBusinessNetworks: a retry waits for the VDS job of the crashed attempt instead of creating another', async () => {
    const state = await simState(d.sim);
    const hosts = state.hosts.map((h: { uuid: string }, i: number) => ({
      hostUuid: h.uuid,
      storageIp: `127.1.2.${11 + i}`,
    }));
    const client = new FisheyeClient(d.resolver, d.vip, { username: 'root', password: FISHEYE_PW });
    // The crashed attempt: POST went out, the job id made it into a heartbeat, then the worker died.
    const { job_id } = await client.createVds({
      name: 'vDS-Resumed',
      bond_mode: 'active-backup',
      hosts_associated: hosts.map((h: { hostUuid: string; storageIp: string }) => ({
        host_uuid: h.hostUuid,
        nics_associated: ['ens162'],
        data_ip: h.storageIp,
      })),
    });
    const { result, heartbeats } = await runActivity(
      configureBusinessNetworks,
      {
        run: d.run,
        vip: d.vip,
        fisheye,
        networkArchitecture: 'three-separate' as const,
        managementVdsName: 'VDS-MGT',
        businessVds: { name: 'vDS-Resumed', nics: ['ens162'], bondMode: 'active-backup' },
        business: [],
        hosts,
      },
      { heartbeatDetails: { vdsName: 'vDS-Resumed', vdsJobId: job_id } },
    );
    assert.equal(result.vdsCreated, true);
    assert.equal(result.vlansCount, 0);
    assert.ok(
      heartbeats.some((h) => (h as { jobId?: string }).jobId === job_id),
      'waited on the job of the previous attempt',
    );
    const after = await simState(d.sim);
    assert.equal(after.vdses.filter((v: { name: string }) => v.name === 'vDS-Resumed').length, 1);
    assert.equal(
      after.jobs.filter((j: { description: string }) => j.description === 'NETWORK_CREATE_VDS').length,
      2,
    );
  });

  it('configureBusinessNetworks (存储独立): VLANs on the management VDS; unknown VDS is named', async () => {
    const req = {
      run: d.run,
      vip: d.vip,
      fisheye,
      networkArchitecture: 'storage-separate' as const,
      managementVdsName: 'VDS-MGT',
      business: [{ networkName: 'VLAN-2001', vlanId: 2001 }],
      hosts: [],
    };
    const first = (await runActivity(configureBusinessNetworks, req)).result;
    assert.equal(first.vdsName, 'VDS-MGT');
    assert.equal(first.vdsCreated, false);
    assert.deepEqual(first.vlansCreated, ['VLAN-2001']);
    assert.ok(first.vlansCount >= 2, `management VDS keeps its own networks too (${first.vlansCount})`);
    const second = (await runActivity(configureBusinessNetworks, req)).result;
    assert.deepEqual(second.vlansExisting, ['VLAN-2001']);
    assert.equal(second.vlansCount, first.vlansCount);
    const missing = await rejectsFinally(
      runActivity(configureBusinessNetworks, { ...req, managementVdsName: 'VDS-NOPE' }),
      'PrecheckFailed',
    );
    assert.match(missing, /VDS-NOPE.*VDS-MGT/);
  });

  it('setHostPasswords: root and smartx changed over SSH, old password refused; second run: already set', async () => {
    const hosts = d.sim.core.topology.hosts.map((h) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      sshUser: 'smartx',
      password: testSecret(HOST_PW),
    }));
    const first = (await runActivity(setHostPasswords, { run: d.run, hosts, concurrency: 2 })).result;
    assert.deepEqual([...first.changed].sort(), hosts.map((h) => h.hostname).sort());
    assert.deepEqual(first.alreadySet, []);
    for (const h of hosts) {
      for (const user of ['smartx', 'root']) {
        const s = await SshSession.connect({ address: h.managementIp, user, password: HOST_PW }, d.resolver);
        s.close();
      }
      await assert.rejects(
        SshSession.connect({ address: h.managementIp, user: 'smartx', password: 'P@ssw0rd!123' }, d.resolver),
        (e: unknown) => e instanceof SshError && e.kind === 'auth',
      );
    }
    const second = (await runActivity(setHostPasswords, { run: d.run, hosts })).result;
    assert.deepEqual(second.changed, []);
    assert.deepEqual([...second.alreadySet].sort(), hosts.map((h) => h.hostname).sort());
    const state = await simState(d.sim);
    const changes = state.passwordChanges.filter((c: { via: string }) => c.via === 'chpasswd');
    assert.equal(changes.length, 6, 'root and smartx once per host');

    // A host that takes neither the plan password nor the default: non-retryable, names the host.
    const message = await rejectsFinally(
      runActivity(setHostPasswords, {
        run: d.run,
        hosts: [{ ...hosts[1], password: testSecret(OTHER_PW) }],
      }),
      'AuthenticationFailed',
    );
    assert.match(message, new RegExp(hosts[1].hostname));
    assert.ok(!message.includes(OTHER_PW) && !message.includes(HOST_PW), message);
  });

  it('uploadVmTools: no ISO → no-file; newest ISO streamed in chunks; second run: already present', async () => {
    const empty = path.join(scratch, 'empty');
    await mkdir(empty);
    const req = { run: d.run, vip: d.vip, fisheye, packageDir: empty };
    assert.deepEqual((await runActivity(uploadVmTools, req)).result, { status: 'no-file' });

    const dir = path.join(scratch, 'packages');
    await mkdir(dir);
    const newest = 'SMTX_VMTOOLS-3.2.0-2501210639.iso';
    const size = 3 * CHUNK + 12345;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 12)) & 0xff;
    await writeFile(path.join(dir, newest), data);
    await writeFile(path.join(dir, 'smtx_vmtools-3.10.0-2409010000.ISO'), Buffer.alloc(1000, 1));
    await writeFile(path.join(dir, 'SMTX_VMTOOLS-3.1.9-2601010000.iso'), Buffer.alloc(1000, 2));
    // The newer mtime does not beat a higher version.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(dir, 'SMTX_VMTOOLS-3.1.9-2601010000.iso'), later, later);
    const up = await runActivity(uploadVmTools, { ...req, packageDir: dir });
    // The result names the uploaded image (cleanup removes it: issue 23 point 6).
    assert.deepEqual(up.result, {
      status: 'uploaded',
      file: 'smtx_vmtools-3.10.0-2409010000.ISO',
      bytes: 1000,
      imageUuid: up.result.imageUuid,
    });
    assert.match(up.result.imageUuid ?? '', /\S/);
    // Now only the 3.2.0 one is left as the newest: a real multi-chunk upload.
    await rm(path.join(dir, 'smtx_vmtools-3.10.0-2409010000.ISO'));
    const big = await runActivity(uploadVmTools, { ...req, packageDir: dir });
    assert.deepEqual(big.result, {
      status: 'uploaded',
      file: newest,
      bytes: size,
      imageUuid: big.result.imageUuid,
    });
    assert.notEqual(big.result.imageUuid, up.result.imageUuid);
    const last = big.heartbeats.at(-1) as { file: string; chunksLeft: number; bytesSent: number };
    assert.equal(last.file, newest);
    assert.equal(last.chunksLeft, 0);
    assert.equal(last.bytesSent, size);
    let state = await simState(d.sim);
    const images = await hashedImages(d.sim, newest);
    assert.equal(images.length, 1);
    assert.equal(images[0].complete, true);
    assert.equal(images[0].sha256, await sha256(path.join(dir, newest)));

    assert.deepEqual((await runActivity(uploadVmTools, { ...req, packageDir: dir })).result, {
      status: 'already-present',
      file: newest,
      bytes: size,
    });
    state = await simState(d.sim);
    assert.equal(state.images.filter((i: { name: string }) => i.name === newest).length, 1);
  });

  it('uploadVmTools: resumes the volume of a crashed attempt from the server to_upload', async () => {
    const dir = path.join(scratch, 'resume');
    await mkdir(dir);
    const name = 'SMTX_VMTOOLS-4.0.0-2506271023.iso';
    const size = 4 * CHUNK + 7;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 7 + 3) & 0xff;
    await writeFile(path.join(dir, name), data);
    // The crashed attempt: a volume, chunks 0 and 2 sent; its last heartbeat still listed 2 as missing.
    const client = new FisheyeClient(d.resolver, d.vip, { username: 'root', password: FISHEYE_PW });
    const volume = await client.svtCreateVolume(name, size);
    for (const n of [0, 2])
      await client.svtUploadChunk({
        zbsVolumeId: volume.zbs_volume_id,
        imageUuid: volume.image_uuid,
        chunkNum: n,
        data: data.subarray(n * CHUNK, (n + 1) * CHUNK),
      });
    const before = (await simState(d.sim)).requests.filter(
      (r: { route?: string }) => r.route === 'fisheye.svt.upload_chunk',
    ).length;
    const heartbeatDetails = {
      file: name,
      size,
      imageUuid: volume.image_uuid,
      zbsVolumeId: volume.zbs_volume_id,
      chunkSize: volume.chunk_size,
      toUpload: [1, 2, 3, 4],
      chunksLeft: 4,
      bytesSent: CHUNK,
    };
    const { result } = await runActivity(
      uploadVmTools,
      { run: d.run, vip: d.vip, fisheye, packageDir: dir },
      { heartbeatDetails },
    );
    // A resumed upload names the volume it continued.
    assert.deepEqual(result, {
      status: 'uploaded',
      file: name,
      bytes: size,
      imageUuid: heartbeatDetails.imageUuid,
    });
    const state = await simState(d.sim);
    const sent =
      state.requests.filter((r: { route?: string }) => r.route === 'fisheye.svt.upload_chunk').length -
      before;
    assert.ok(sent <= 4, `only the missing chunks are sent (${sent})`);
    const images = await hashedImages(d.sim, name);
    assert.equal(images.length, 1, 'no second volume');
    assert.equal(images[0].sha256, createHash('sha256').update(data).digest('hex'));
  });

  it('faults: a failed VDS job is a RemoteJobFailed naming the job; a failed chunk is sent again', async () => {
    const state = await simState(d.sim);
    const hosts = state.hosts.map((h, i) => ({ hostUuid: h.uuid, storageIp: `127.1.2.${11 + i}` }));
    const req = {
      run: d.run,
      vip: d.vip,
      fisheye,
      networkArchitecture: 'three-separate' as const,
      managementVdsName: 'VDS-MGT',
      businessVds: { name: 'vDS-Broken', nics: ['ens162'], bondMode: 'active-backup' },
      business: [{ networkName: 'VLAN-3001', vlanId: 3001 }],
      hosts,
    };
    await setFaults(d.sim, [
      { match: 'job:NETWORK_CREATE_VDS', kind: 'fail', nth: 1, message: 'ens162 is busy' },
    ]);
    await assert.rejects(runActivity(configureBusinessNetworks, req), (err: unknown) => {
      assert.ok(err instanceof ApplicationFailure);
      assert.equal(err.type, 'RemoteJobFailed');
      assert.equal(err.nonRetryable, false);
      assert.match(err.message, /vDS-Broken.*NETWORK_CREATE_VDS.*ens162 is busy/);
      return true;
    });
    // The retry (fault gone) creates it once.
    const retried = (await runActivity(configureBusinessNetworks, req)).result;
    assert.equal(retried.vdsCreated, true);
    assert.deepEqual(retried.vlansCreated, ['VLAN-3001']);
    assert.equal((await simState(d.sim)).vdses.filter((v) => v.name === 'vDS-Broken').length, 1);

    const dir = path.join(scratch, 'faulty');
    await mkdir(dir);
    const name = 'SMTX_VMTOOLS-5.0.0-1.iso';
    const data = Buffer.alloc(2 * CHUNK + 1, 9);
    await writeFile(path.join(dir, name), data);
    await setFaults(d.sim, [{ match: 'chunk:1', kind: 'fail', nth: 1 }]);
    const { result } = await runActivity(uploadVmTools, { run: d.run, vip: d.vip, fisheye, packageDir: dir });
    assert.equal(result.status, 'uploaded');
    const faults = (await (await fetch(`${d.sim.adminUrl}/__sim/faults`)).json()) as {
      counters: { fired: number }[];
    };
    assert.equal(faults.counters[0].fired, 1, 'the chunk fault fired');
    await setFaults(d.sim, []);
    const image = await hashedImages(d.sim, name);
    assert.equal(image.length, 1);
    assert.equal(image[0].sha256, createHash('sha256').update(data).digest('hex'));
  });

  it('configureCpuCompatibility: sets the recommended model and reads it back, on every run', async () => {
    const req = { run: d.run, vip: d.vip, fisheye };
    assert.deepEqual((await runActivity(configureCpuCompatibility, req)).result, { cpuModel: 'EPYC' });
    assert.deepEqual((await runActivity(configureCpuCompatibility, req)).result, { cpuModel: 'EPYC' });
  });

  it('readClusterSerial: the license serial', async () => {
    const { result } = await runActivity(readClusterSerial, { run: d.run, vip: d.vip, fisheye });
    assert.match(result.serial, /^[0-9a-f-]{36}$/);
    assert.equal(result.serial, (await simState(d.sim)).cluster.serial);
  });

  it('no password ever reached a log line, a heartbeat or the simulator state', async () => {
    const text = recordedText() + JSON.stringify(await simState(d.sim));
    for (const secret of [FISHEYE_PW, WRONG_PW, HOST_PW, OTHER_PW, BMC_PW, 'P@ssw0rd!123'])
      assert.ok(!text.includes(secret), `secret found: ${secret.slice(0, 2)}…`);
  });
});
