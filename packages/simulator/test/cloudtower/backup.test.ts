/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { cloudTowerModules } from '../../src/cloudtower/index.js';
import { defaultTimings } from '../../src/cloudtower/options.js';
import type { BackupState, CloudTowerState } from '../../src/cloudtower/store.js';
import { bootstrap, gql, multipartBody, rest, type Bootstrapped } from './client.js';
import { startHarness, type Harness } from './harness.js';
import { seed003 } from './seed-samples.js';
import { shapeDiff } from './shape.js';

const CHUNK = 4 * 1024 * 1024;
const UPLOAD_QUERY =
  'mutation uploadCloudTowerApplicationPackage($data: UploadCloudTowerApplicationPackageInput!) {\n  uploadCloudTowerApplicationPackage(data: $data) {\n    id\n    status\n    current_chunk\n    chunk_size\n    __typename\n  }\n}\n';

describe('Backup: multipart package upload and service lifecycle (seed 003 stage 07)', () => {
  let h: Harness;
  let b: Bootstrapped;
  const pkg = randomBytes(2 * CHUNK + 777);
  let taskId = '';
  let serviceId = '';

  async function sendChunk(
    n: number,
    data: Buffer,
    opts: { order?: 'normal' | 'map-first'; cookie?: string; query?: string } = {},
  ) {
    const operations = JSON.stringify({
      operationName: 'uploadCloudTowerApplicationPackage',
      variables: { data: { upload_task_id: taskId, file: null, current_chunk: n } },
      query: opts.query ?? UPLOAD_QUERY,
    });
    const fields = [
      { name: 'operations', value: operations },
      { name: 'map', value: '{"1":["variables.data.file"]}' },
    ];
    if (opts.order === 'map-first') fields.reverse();
    const { body, contentType } = multipartBody([
      ...fields,
      { name: '1', value: data, filename: 'blob', contentType: 'application/octet-stream' },
    ]);
    const res = await got.post(`${h.url}/api`, {
      body,
      headers: { 'content-type': contentType, cookie: `path=/; path=/; ${opts.cookie ?? b.cookie}` },
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  }

  before(async () => {
    h = await startHarness(cloudTowerModules);
    b = await bootstrap(h);
  });
  after(() => h.close());

  it('uploads the package in chunks, in any order, repeats harmless, and records its sha256', async () => {
    const created = await gql(
      h,
      'createUploadTask',
      {
        data: {
          status: 'INITIALIZING',
          current_chunk: 1,
          chunk_size: CHUNK,
          resource_type: 'CLOUDTOWER_APPLICATION_PACKAGE',
          size: pkg.length,
          args: { name: 'smtx-backup-dr-x86_64-2.2.1.tar.gz', package_name: 'iomesh-backup' },
          started_at: '2025-12-26T10:16:22.323Z',
        },
      },
      { cookie: b.cookie },
    );
    assert.deepEqual(shapeDiff(created.json, seed003.createUploadTask), []);
    taskId = created.json.data.createUploadTask.id;

    const misordered = await sendChunk(1, pkg.subarray(0, CHUNK), { order: 'map-first' });
    assert.equal(misordered.status, 400);
    assert.match(misordered.json.errors[0].message, /operations/);
    const anon = await sendChunk(1, pkg.subarray(0, CHUNK), { cookie: 'connect.sid=forged' });
    assert.equal(anon.json.errors[0].extensions.code, 'UNAUTHENTICATED');
    const short = await sendChunk(1, pkg.subarray(0, 100));
    assert.equal(short.json.errors[0].extensions.code, 'INVALID_ARGUMENT');

    const c3 = await sendChunk(3, pkg.subarray(2 * CHUNK));
    assert.equal(c3.status, 200);
    assert.deepEqual(shapeDiff(c3.json, seed003.uploadChunk), []);
    assert.equal(c3.json.data.uploadCloudTowerApplicationPackage.status, 'UPLOADING');
    // The multipart `operations` document is validated and answered by its selection set too.
    const slimQuery = UPLOAD_QUERY.replace(/\{\n    id[^}]*\}/, '{ state: status }');
    const slim = await sendChunk(3, pkg.subarray(2 * CHUNK), { query: slimQuery });
    assert.deepEqual(slim.json, { data: { uploadCloudTowerApplicationPackage: { state: 'UPLOADING' } } });
    const unknownField = await sendChunk(3, pkg.subarray(2 * CHUNK), {
      query: UPLOAD_QUERY.replace('current_chunk', 'colour'),
    });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.json.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    h.faults.script('chunk:backup:1', { kind: 'fail', status: 503 });
    assert.equal((await sendChunk(1, pkg.subarray(0, CHUNK))).status, 503);
    assert.equal((await sendChunk(1, pkg.subarray(0, CHUNK))).status, 200);
    assert.equal((await sendChunk(1, pkg.subarray(0, CHUNK))).status, 200, 'repeat before completion');
    const last = await sendChunk(2, pkg.subarray(CHUNK, 2 * CHUNK));
    assert.deepEqual(shapeDiff(last.json, seed003.uploadLastChunk), []);
    assert.equal(last.json.data.uploadCloudTowerApplicationPackage.status, 'SUCCESSED');
    const repeat = await sendChunk(2, pkg.subarray(CHUNK, 2 * CHUNK));
    assert.equal(repeat.json.data.uploadCloudTowerApplicationPackage.status, 'SUCCESSED');
    const different = await sendChunk(2, randomBytes(CHUNK));
    assert.equal(different.json.errors[0].extensions.code, 'FAILED_PRECONDITION');

    const task = (h.state.backup as BackupState).uploadTasks[0];
    assert.equal(task.sha256, createHash('sha256').update(pkg).digest('hex'));
    const packages = await gql(
      h,
      'cloudTowerApplicationPackages',
      { skip: 0, first: 50, where: { AND: [{ name: 'iomesh-backup' }] } },
      { cookie: b.cookie },
    );
    assert.deepEqual(shapeDiff(packages.json, seed003.cloudTowerApplicationPackages), []);
    assert.equal(packages.json.data.cloudTowerApplicationPackages[0].version, '2.2.1');
    assert.equal((h.state.cloudtower as unknown as CloudTowerState).applicationPackages.length, 1);
  });

  it('creates the backup service, which runs after simulated time and activates the backup VM', async () => {
    const vlans = (await rest(h, 'get-vlans', {}, { token: b.token })).json as { id: string; name: string }[];
    const mgmt = vlans.find((v) => v.name === 'default')!.id;
    const storage = vlans.find((v) => v.name === 'storage-network')!.id;
    const pkgId = (h.state.cloudtower as unknown as CloudTowerState).applicationPackages[0].id;
    const vars = {
      data: {
        name: 'backup',
        entityAsyncStatus: 'CREATING',
        status: 'INSTALLING',
        application: {
          create: {
            instances: { create: [] },
            state: 'INSTALLING',
            instanceStatuses: [],
            name: 'backup-bak',
            resourceVersion: 0,
            vmSpec: {},
            targetPackage: pkgId,
          },
        },
        kube_config: '',
        storage_network_type: 'NEW_NIC',
        backup_network_type: 'MANAGEMENT',
        management_network_gateway: '10.0.20.1',
        management_network_ip: '10.0.20.4',
        management_network_subnet_mask: '255.255.255.0',
        management_network_vlan: mgmt,
        storage_network_ip: '10.0.21.4',
        storage_network_subnet_mask: '255.255.255.0',
        storage_network_vlan: storage,
        backup_network_gateway: '10.0.20.1',
        backup_network_ip: '10.0.20.4',
        backup_network_subnet_mask: '255.255.255.0',
        backup_network_vlan: mgmt,
      },
      effect: { running_cluster: b.clusterId, running_host: 'AUTO_SCHEDULE' },
    };
    const created = await gql(h, 'createBackupService', vars, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(created.json, seed003.createBackupService), []);
    serviceId = created.json.data.createBackupService.id;
    assert.equal(
      (await gql(h, 'createBackupService', vars, { cookie: b.cookie })).json.errors[0].extensions.code,
      'ALREADY_EXISTS',
    );
    const installing = await gql(h, 'getBackupServices', {}, { cookie: b.cookie });
    const sample = structuredClone(seed003.getBackupServices);
    // The simulator leaves the generated service credentials and key material out of the VM spec.
    for (const key of ['env', 'publicKeys'])
      delete sample.data.backupServices[0].application.instanceStatuses[0].vm[key];
    assert.deepEqual(shapeDiff(installing.json, sample), []);
    assert.equal(installing.json.data.backupServices[0].status, 'INSTALLING');
    const early = await gql(
      h,
      'updateBackupService',
      { where: { id: serviceId }, data: { backup_clusters: { set: [{ id: b.clusterId }] } } },
      { cookie: b.cookie },
    );
    assert.equal(early.json.errors[0].extensions.code, 'FAILED_PRECONDITION');

    // The install runs the default profile's duration (docs/simulator.md).
    await h.clock.advance(defaultTimings.backupInstallSeconds);
    const running = await gql(h, 'getBackupServices', {}, { cookie: b.cookie });
    assert.equal(running.json.data.backupServices[0].status, 'RUNNING');
    assert.equal(running.json.data.backupServices[0].entityAsyncStatus, null);
    assert.deepEqual(h.activations, [{ role: 'backup', planAddress: '10.0.20.4' }]);
    const task = (
      await rest(
        h,
        'get-tasks',
        { where: { description: 'Install Application backup-bak' } },
        { token: b.token },
      )
    ).json[0];
    assert.equal(task.status, 'SUCCESSED');
    assert.deepEqual(shapeDiff(task, seed003.installTask), []);

    const bound = await gql(
      h,
      'updateBackupService',
      { where: { id: serviceId }, data: { backup_clusters: { set: [{ id: b.clusterId }] } } },
      { cookie: b.cookie },
    );
    assert.deepEqual(shapeDiff(bound.json, seed003.updateBackupService), []);
    assert.deepEqual((h.state.backup as BackupState).services[0].backup_clusters, [b.clusterId]);
  });

  it('fails an install through the job fault', async () => {
    const h2 = await startHarness(cloudTowerModules);
    try {
      const b2 = await bootstrap(h2);
      h2.faults.script('job:backup.install', { kind: 'fail' });
      const tower = h2.state.cloudtower as unknown as CloudTowerState;
      tower.applicationPackages.push({
        id: 'cpkg',
        name: 'iomesh-backup',
        filename: 'x',
        version: '2.2.1',
        architecture: 'X86_64',
        sha256: '',
        source: 'graphql-upload',
      });
      const vlan = (await rest(h2, 'get-vlans', {}, { token: b2.token })).json[0].id as string;
      const net = {
        management_network_gateway: '10.0.20.1',
        management_network_ip: '10.0.20.4',
        management_network_subnet_mask: '255.255.255.0',
        management_network_vlan: vlan,
        storage_network_ip: '10.0.21.4',
        storage_network_subnet_mask: '255.255.255.0',
        storage_network_vlan: vlan,
      };
      await gql(
        h2,
        'createBackupService',
        {
          data: {
            name: 'backup',
            application: { create: { name: 'backup-bak', targetPackage: 'cpkg' } },
            storage_network_type: 'NEW_NIC',
            backup_network_type: 'MANAGEMENT',
            ...net,
          },
          effect: { running_cluster: b2.clusterId, running_host: 'AUTO_SCHEDULE' },
        },
        { token: b2.token },
      );
      await h2.clock.advance(defaultTimings.backupInstallSeconds);
      const list = await gql(h2, 'getBackupServices', {}, { token: b2.token });
      assert.equal(list.json.data.backupServices[0].status, 'FAILED');
      assert.deepEqual(h2.activations, []);
    } finally {
      await h2.close();
    }
  });
});
