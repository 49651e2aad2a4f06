/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call -- /__sim/state is untyped JSON */
// Stage 8 against the real simulator: package lookup, interrupted + resumed upload, instance, NTP,
// cluster connection, system service (failure → warning), serial.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import {
  configureObsNtp,
  connectObsSystemService,
  connectObsToCluster,
  deployObsInstance,
  locateObsPackage,
  readObsSerial,
  uploadObsPackage,
} from '../../../src/activities/obs/index.js';
import type { ObsUploadProgress } from '../../../src/activities/obs/upload-obs-package.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;
const FILE = 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz';

/** A random file of `size` bytes, written 1 MiB at a time; returns its sha256. */
async function randomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const fh = await open(file, 'w');
  try {
    for (let done = 0; done < size;) {
      const n = Math.min(MiB, size - done);
      const buf = randomBytes(n);
      hash.update(buf);
      await fh.write(buf);
      done += n;
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

describe('stage 8 Observability (simulator)', () => {
  let f: TowerFixture;
  let dir: string;
  let sha: string;
  const size = 22 * MiB + 12345; // 6 parts of 4 MiB
  before(async () => {
    f = await startTowerFixture(3);
    dir = path.join(f.scratch, 'packages');
    await mkdir(dir);
    sha = await randomFile(path.join(dir, FILE), size);
    // Older version, other architecture, unrelated file: all must be passed over.
    await writeFile(path.join(dir, 'Observability-X86_64-v1.4.1-release.20250801-3.tar.gz'), 'old');
    await writeFile(path.join(dir, 'Observability-AARCH64-v1.5.0-release.20251101-1.tar.gz'), 'arm');
    await writeFile(path.join(dir, 'smtx-backup-dr-x86_64-2.2.1.tar.gz'), 'backup');
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('finds the highest x86_64 package, and names dir and pattern when none is there', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, { packageDir: dir });
    assert.deepEqual(pkg, {
      path: path.join(dir, FILE),
      name: FILE,
      version: 'v1.4.2-release.20250926',
      size,
    });
    const arm = await runIn(activityEnv(), locateObsPackage, {
      packageDir: dir,
      arch: 'aarch64',
    });
    assert.equal(arm.version, 'v1.5.0-release.20251101');
    const empty = path.join(f.scratch, 'empty');
    await mkdir(empty);
    await assert.rejects(runIn(activityEnv(), locateObsPackage, { packageDir: empty }), (err: unknown) => {
      assert.ok(err instanceof ApplicationFailure);
      assert.equal(err.type, 'MissingFile');
      assert.equal(err.nonRetryable, true);
      assert.ok(err.message.includes(empty));
      assert.ok(err.message.includes('Observability-*-v*.tar.gz'));
      return true;
    });
  });

  it('upload: cancelled after 2 parts, resumed from the heartbeat without re-sending them', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, { packageDir: dir });
    const beats: ObsUploadProgress[] = [];
    const env = activityEnv();
    env.on('heartbeat', (d: ObsUploadProgress) => {
      beats.push(d);
      if (d?.partsDone === 2 && !d.committed) env.cancel();
    });
    await assert.rejects(
      runIn(env, uploadObsPackage, { ...f.tower, pkg }),
      (err: unknown) => err instanceof CancelledFailure,
    );
    let state = await f.simState();
    assert.equal(state.obs.uploads.length, 1);
    assert.equal(state.obs.uploads[0].parts.length, 2);
    const last = beats.at(-1)!;
    assert.equal(last.partsDone, 2);
    assert.equal(last.partsTotal, 6);
    assert.equal(last.uploadId, state.obs.uploads[0].id);
    assert.ok(last.bytesPerSecond > 0 && last.percent > 0);
    assert.ok(!JSON.stringify(beats).includes('connect.sid') && !JSON.stringify(beats).includes('HC!r0cks'));

    const env2 = activityEnv({ heartbeatDetails: last });
    const out = await runIn(env2, uploadObsPackage, { ...f.tower, pkg });
    assert.deepEqual(out, { status: 'uploaded', bytesSent: size - 8 * MiB, partsSent: 4, partsSkipped: 2 });
    state = await f.simState();
    assert.equal(state.obs.uploads.length, 1, 'no second upload');
    const upload = state.obs.uploads[0];
    assert.equal(upload.parts.length, 6);
    assert.equal(upload.status, 'COMMITTED');
    assert.equal(upload.sha256, sha, 'the operator stored exactly the file');
    const partRequests = state.requests.filter((r: { route?: string }) => r.route === 'obs.upload.part');
    assert.equal(partRequests.length, 6, 'each part sent once');
    const pkgs = state.obs.packages;
    assert.equal(pkgs.length, 1);
    assert.equal(pkgs[0].version, 'v1.4.2-release.20250926');
    const tasks = state.cloudtower.tasks.filter((t: { description: string }) =>
      /^Create (Installation|Application) package/.test(t.description),
    );
    assert.equal(tasks.length, 2);
    assert.ok(tasks.every((t: { status: string }) => t.status === 'SUCCESSED'));
  });

  it('an uploaded package is detected and not sent again', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, { packageDir: dir });
    const before = (await f.simState()).requests.length;
    const out = await runIn(activityEnv(), uploadObsPackage, { ...f.tower, pkg });
    assert.deepEqual(out, { status: 'already-present', bytesSent: 0, partsSent: 0, partsSkipped: 0 });
    const state = await f.simState();
    assert.equal(state.obs.uploads.length, 1);
    const newRoutes = state.requests.slice(before).map((r: { route?: string }) => r.route);
    assert.ok(!newRoutes.some((r: string | undefined) => r?.startsWith('obs.upload')));
  });

  it('deploys the instance (16 vCPU, 32 GiB, 512 GiB, default network) once, waits until it runs', async () => {
    const req = {
      ...f.tower,
      obsIp: f.obsIp,
      network: { subnetMask: '255.255.0.0', gateway: '127.1.0.1' },
    };
    const beats: unknown[] = [];
    const env = activityEnv();
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const first = await runIn(env, deployObsInstance, req);
    assert.equal(first.created, true);
    assert.equal(first.status, 'SUCCESS');
    assert.ok(beats.some((b) => (b as { instanceId?: string }).instanceId === first.instanceId));
    let state = await f.simState();
    assert.equal(state.obs.instances.length, 1);
    const inst = state.obs.instances[0];
    assert.equal(inst.vm_spec.vcpu_count, 16);
    assert.equal(inst.vm_spec.memory_size_bytes, String(32 * 1024 ** 3));
    assert.equal(inst.vm_spec.storage_size_bytes, String(512 * 1024 ** 3));
    assert.equal(inst.vm_spec.ip, f.obsIp);
    assert.equal(inst.vm_spec.subnet_mask, '255.255.0.0');
    const defaultNet = state.vlans.find((v: { name: string }) => v.name === 'default');
    assert.ok(defaultNet);
    const second = await runIn(activityEnv(), deployObsInstance, req);
    assert.deepEqual(second, { instanceId: first.instanceId, created: false, status: 'SUCCESS' });
    state = await f.simState();
    assert.equal(state.obs.instances.length, 1);
    assert.equal(state.cloudtower.effects['graphql:createBundleApplicationInstance'], 1);
  });

  it('sets NTP and connects the cluster (once)', async () => {
    const ntp = await runIn(activityEnv(), configureObsNtp, {
      ...f.tower,
      ntpServers: ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1'],
    });
    assert.deepEqual(ntp, { changed: true });
    let state = await f.simState();
    assert.equal(state.obs.instances[0].ntp_service_url, '10.0.0.2;ntp.c89.fun;10.0.0.1');
    const c1 = await runIn(activityEnv(), connectObsToCluster, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.deepEqual(c1, { alreadyConnected: false });
    const c2 = await runIn(activityEnv(), connectObsToCluster, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.deepEqual(c2, { alreadyConnected: true });
    state = await f.simState();
    assert.equal(state.obs.instances[0].connected_clusters.length, 1);
    assert.equal(state.cloudtower.effects['graphql:updateBundleApplicationInstanceConnectClusters'], 1);
  });

  it('system service: a failure comes back as a warning; then it connects with the CloudTower agent URL', async () => {
    await f.setFaults([
      { match: 'cloudtower.graphql.updateObservabilityConnectedSystemServices', kind: 'status', status: 500 },
    ]);
    const failed = await runIn(activityEnv(), connectObsSystemService, { ...f.tower });
    assert.equal(failed.connected, false);
    assert.match(failed.warning ?? '', /system service/);
    assert.match(failed.warning ?? '', /500/);
    assert.ok(!(failed.warning ?? '').includes('HC!r0cks'));
    await f.setFaults([]);
    const ok = await runIn(activityEnv(), connectObsSystemService, { ...f.tower });
    assert.deepEqual(ok, { connected: true });
    const state = await f.simState();
    const services = state.obs.instances[0].system_services;
    assert.equal(services.length, 1);
    assert.deepEqual(services[0].agent_urls, [`http://${f.cloudtowerIp}/admin/observability/agent`]);
    assert.ok(services[0].alerting_rules > 0);
    const again = await runIn(activityEnv(), connectObsSystemService, { ...f.tower });
    assert.deepEqual(again, { connected: true });
    assert.equal(
      (await f.simState()).cloudtower.effects['graphql:updateObservabilityConnectedSystemServices'],
      1,
    );
  });

  it('reads no serial (the API shows none)', async () => {
    assert.deepEqual(await runIn(activityEnv(), readObsSerial, { ...f.tower }), {});
  });
});
