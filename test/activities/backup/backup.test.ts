/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- /__sim/state is untyped JSON */
// Stage 9 against the real simulator: package upload (interrupted, resumed), storage network,
// service RUNNING, cluster binding.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import {
  bindBackupToCluster,
  deployBackupService,
  ensureBackupStorageNetwork,
  locateBackupPackage,
  readBackupSerial,
  uploadBackupPackage,
} from '../../../src/activities/backup/index.js';
import type { BackupUploadProgress } from '../../../src/activities/backup/upload-backup-package.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;
const FILE = 'smtx-backup-dr-x86_64-2.2.1.tar.gz';

describe('stage 9 Backup (simulator)', () => {
  let f: TowerFixture;
  let dir: string;
  let sha: string;
  const size = 20 * MiB + 777; // 6 chunks of 4 MiB
  before(async () => {
    f = await startTowerFixture(3);
    dir = path.join(f.scratch, 'packages');
    await mkdir(dir);
    const data = randomBytes(size);
    sha = createHash('sha256').update(data).digest('hex');
    await writeFile(path.join(dir, FILE), data);
    await writeFile(path.join(dir, 'smtx-backup-dr-x86_64-2.1.9.tar.gz'), 'old');
    await writeFile(path.join(dir, 'smtx-backup-dr-aarch64-2.3.0.tar.gz'), 'arm');
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('finds the package, uploads it in 4 MiB chunks, resumes after a cancel without resending chunks', async () => {
    const pkg = await runIn(activityEnv(), locateBackupPackage, { packageDir: dir });
    assert.deepEqual(pkg, { path: path.join(dir, FILE), name: FILE, version: '2.2.1', size });
    const beats: BackupUploadProgress[] = [];
    const env = activityEnv();
    env.on('heartbeat', (d: BackupUploadProgress) => {
      beats.push(d);
      if (d?.chunksDone === 2) env.cancel();
    });
    await assert.rejects(
      runIn(env, uploadBackupPackage, { ...f.tower, pkg }),
      (e: unknown) => e instanceof CancelledFailure,
    );
    const last = beats.at(-1)!;
    assert.equal(last.chunksDone, 2);
    assert.equal(last.chunksTotal, 6);
    let state = await f.simState();
    assert.equal(state.backup.uploadTasks.length, 1);
    assert.equal(Object.keys(state.backup.uploadTasks[0].chunks).length, 2);

    const out = await runIn(activityEnv({ heartbeatDetails: last }), uploadBackupPackage, {
      ...f.tower,
      pkg,
    });
    assert.deepEqual(out, { status: 'uploaded', bytesSent: size - 8 * MiB, chunksSent: 4, chunksSkipped: 2 });
    state = await f.simState();
    assert.equal(state.backup.uploadTasks.length, 1);
    const task = state.backup.uploadTasks[0];
    assert.equal(task.status, 'SUCCESSED');
    assert.equal(task.chunk_size, 4 * MiB);
    assert.equal(task.sha256, sha);
    const pkgs = state.cloudtower.applicationPackages.filter(
      (p: { name: string }) => p.name === 'iomesh-backup',
    );
    assert.equal(pkgs.length, 1);
    assert.equal(pkgs[0].version, '2.2.1');

    const again = await runIn(activityEnv(), uploadBackupPackage, { ...f.tower, pkg });
    assert.deepEqual(again, { status: 'already-present', bytesSent: 0, chunksSent: 0, chunksSkipped: 0 });
    assert.equal((await f.simState()).backup.uploadTasks.length, 1);
  });

  let storageVlanId = '';
  it('creates the backup storage network on the vDS-Storage switch, once', async () => {
    const req = {
      ...f.tower,
      clusterVip: f.clusterVip,
      storageNetwork: { name: 'backup-storage', vlanId: 21 },
    };
    const first = await runIn(activityEnv(), ensureBackupStorageNetwork, req);
    assert.equal(first.created, true);
    storageVlanId = first.vlanId;
    const state = await f.simState();
    const vds = state.vdses.find((v: { name: string }) => v.name === 'vDS-Storage-Network');
    const vlan = state.vlans.find((v: { name: string }) => v.name === 'backup-storage');
    assert.equal(vlan.vds_uuid, vds.uuid);
    assert.equal(vlan.vlan_id, 21);
    const second = await runIn(activityEnv(), ensureBackupStorageNetwork, req);
    assert.deepEqual(second, { vdsId: first.vdsId, vlanId: first.vlanId, created: false });
    assert.equal((await f.simState()).cloudtower.effects['rest:create-vm-vlan'], 1);
  });

  let serviceId = '';
  it('deploys the service with the plan addresses and waits for RUNNING; a repeat finds it', async () => {
    const req = {
      ...f.tower,
      clusterVip: f.clusterVip,
      backupIp: f.backupIp,
      storageIp: '127.1.2.4',
      network: { subnetMask: '255.255.0.0', gateway: '127.1.0.1' },
      storageVlanId,
    };
    const out = await runIn(activityEnv(), deployBackupService, req);
    assert.equal(out.created, true);
    assert.equal(out.status, 'RUNNING');
    serviceId = out.serviceId;
    const state = await f.simState();
    assert.equal(state.backup.services.length, 1);
    const svc = state.backup.services[0];
    assert.equal(svc.status, 'RUNNING');
    assert.equal(svc.network.management_network_ip, f.backupIp);
    assert.equal(svc.network.storage_network_ip, '127.1.2.4');
    assert.equal(svc.network.storage_network_vlan, storageVlanId);
    const again = await runIn(activityEnv(), deployBackupService, req);
    assert.deepEqual(again, { serviceId, created: false, status: 'RUNNING' });
    assert.equal((await f.simState()).cloudtower.effects['graphql:createBackupService'], 1);
  });

  it('binds the cluster once; no serial is exposed', async () => {
    const req = { ...f.tower, clusterVip: f.clusterVip, serviceId };
    assert.deepEqual(await runIn(activityEnv(), bindBackupToCluster, req), {
      alreadyBound: false,
    });
    assert.deepEqual(await runIn(activityEnv(), bindBackupToCluster, req), {
      alreadyBound: true,
    });
    const state = await f.simState();
    assert.equal(state.backup.services[0].backup_clusters.length, 1);
    assert.equal(state.cloudtower.effects['graphql:updateBackupService'], 1);
    assert.deepEqual(await runIn(activityEnv(), readBackupSerial, { ...f.tower }), {});
  });
});
