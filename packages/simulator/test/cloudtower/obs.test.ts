/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { cloudTowerModules } from '../../src/cloudtower/index.js';
import type { CloudTowerState, ObsState } from '../../src/cloudtower/store.js';
import { bootstrap, gql, multipartBody, OVM_BASIC, rest, type Bootstrapped } from './client.js';
import { startHarness, type Harness } from './harness.js';
import { seed003 } from './seed-samples.js';
import { shapeDiff } from './shape.js';

const PART = 4 * 1024 * 1024;
const FILE = 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz';

describe('Observability: chunked package upload and instance lifecycle (seed 003 stage 07)', () => {
  let h: Harness;
  let b: Bootstrapped;
  const pkg = randomBytes(2 * PART + 12345);
  const pkgSha = createHash('sha256').update(pkg).digest('hex');
  let uploadId = '';
  let instanceId = '';
  const obs = () => h.state.obs as ObsState;
  const ovm = (path: string) => `${h.url}/api/ovm-operator/api${path}`;
  const ovmHeaders = () => ({ authorization: OVM_BASIC, cookie: `path=/; path=/; path=/; ${b.cookie}` });

  async function sendPart(data: Buffer, extra: Record<string, string> = {}) {
    // Field order as the browser sends it (seed 003): the file first, then the upload id.
    const { body, contentType } = multipartBody([
      { name: 'file', value: data, filename: 'blob', contentType: 'application/octet-stream' },
      { name: 'id', value: uploadId },
      ...Object.entries(extra).map(([name, value]) => ({ name, value })),
    ]);
    const res = await got.post(ovm('/v1/chunkedUploads'), {
      body,
      headers: { ...ovmHeaders(), 'content-type': contentType },
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    return { status: res.statusCode, json: JSON.parse(res.body) as Record<string, unknown> };
  }

  before(async () => {
    h = await startHarness(cloudTowerModules);
    b = await bootstrap(h);
  });
  after(() => h.close());

  it('requires Basic o11y credentials and the connect.sid session', async () => {
    const noBasic = await got.post(ovm('/v3/chunkedUploads'), {
      json: { origin_file_name: FILE },
      headers: { cookie: b.cookie },
      throwHttpErrors: false,
    });
    assert.equal(noBasic.statusCode, 401);
    assert.match(String(noBasic.headers['www-authenticate']), /^Basic/);
    assert.deepEqual(Object.keys(JSON.parse(noBasic.body)).sort(), ['code', 'details', 'message']);
    const noCookie = await got.post(ovm('/v3/chunkedUploads'), {
      json: { origin_file_name: FILE },
      headers: { authorization: OVM_BASIC },
      throwHttpErrors: false,
    });
    assert.equal(noCookie.statusCode, 401);
    const tokenOnly = await got.post(ovm('/v3/chunkedUploads'), {
      json: { origin_file_name: FILE },
      headers: { authorization: OVM_BASIC, 'x-token': b.token },
      throwHttpErrors: false,
    });
    assert.equal(tokenOnly.statusCode, 401);
  });

  it('creates an upload and stores 4 MiB parts, with failed and repeated parts harmless', async () => {
    const created = await got
      .post(ovm('/v3/chunkedUploads'), { json: { origin_file_name: FILE }, headers: ovmHeaders() })
      .json<Record<string, unknown>>();
    assert.deepEqual(shapeDiff(created, seed003.chunkedUploadCreate), []);
    assert.equal(created.offset, '0');
    assert.equal(created.status, 'UPLOADING');
    uploadId = String(created.id);
    assert.match(uploadId, /^[0-9A-Za-z]{27}$/);

    const first = await sendPart(pkg.subarray(0, PART));
    assert.equal(first.status, 200);
    assert.deepEqual(shapeDiff(first.json, seed003.chunkedUploadPart), []);
    assert.equal(first.json.offset, PART);
    assert.equal(first.json.status, 1);

    // A part that fails (simulated) leaves offset and hash alone; its retry succeeds.
    h.faults.script('chunk:obs:2', { kind: 'fail', status: 500 });
    const failed = await sendPart(pkg.subarray(PART, 2 * PART));
    assert.equal(failed.status, 500);
    assert.equal(obs().uploads[0].offset, PART);
    // Repeating the stored first part at its offset is answered without effect.
    const repeat = await sendPart(pkg.subarray(0, PART), { offset: '0' });
    assert.equal(repeat.status, 200);
    assert.equal(repeat.json.offset, PART);
    const conflicting = await sendPart(randomBytes(PART), { offset: '0' });
    assert.equal(conflicting.status, 400);
    const gap = await sendPart(pkg.subarray(PART, 2 * PART), { offset: String(3 * PART) });
    assert.equal(gap.status, 400);
    const second = await sendPart(pkg.subarray(PART, 2 * PART), { offset: String(PART) });
    assert.equal(second.json.offset, 2 * PART);
    const tooBig = await sendPart(randomBytes(PART + 1));
    assert.equal(tooBig.status, 400);
    const last = await sendPart(pkg.subarray(2 * PART));
    assert.equal(last.json.offset, pkg.length);
    assert.equal(obs().uploads[0].parts.length, 3);

    const status = await got(ovm(`/v3/chunkedUploads/${uploadId}`), { headers: ovmHeaders() }).json<
      Record<string, unknown>
    >();
    assert.equal(status.offset, String(pkg.length));
  });

  it('commits once: the sha256 matches and two package tasks go to SUCCESSED', async () => {
    const commit = await got.post(ovm(`/v3/chunkedUploads/${uploadId}:commit`), {
      headers: { ...ovmHeaders(), 'x-user-id': 'cmjcow1w2036h09587x2y6wmg' },
    });
    assert.equal(commit.statusCode, 200);
    const again = await got.post(ovm(`/v3/chunkedUploads/${uploadId}:commit`), { headers: ovmHeaders() });
    assert.equal(again.statusCode, 200);
    assert.equal(obs().uploads[0].sha256, pkgSha);
    assert.equal(obs().uploads[0].commits, 2);
    const afterCommit = await sendPart(randomBytes(10));
    assert.equal(afterCommit.status, 400);

    let tasks = (
      await rest(h, 'get-tasks', { where: { description_contains: 'package' } }, { token: b.token })
    ).json;
    assert.equal(tasks.length, 2, 'a repeated commit starts nothing new');
    assert.deepEqual(
      tasks.map((t: { description: string }) => t.description),
      [
        `Create Installation package ${FILE}`,
        'Create Application package observability-X86_64-v1.4.2-release.20250926.tar.gz',
      ],
    );
    assert.ok(tasks.every((t: { status: string }) => t.status === 'EXECUTING'));
    assert.deepEqual(shapeDiff(tasks[1], seed003.packageTasks[1]), []);
    assert.equal(tasks[1].args.Hash, pkgSha);
    const early = await gql(h, 'observabilityInstanceAndApps', {}, { cookie: b.cookie });
    assert.deepEqual(early.json.data.bundleApplicationPackages, []);
    await h.clock.advance(300);
    tasks = (await rest(h, 'get-tasks', { where: { description_contains: 'package' } }, { token: b.token }))
      .json;
    assert.deepEqual(
      tasks.map((t: { status: string }) => t.status),
      ['SUCCESSED', 'SUCCESSED'],
    );
    const listed = await gql(h, 'observabilityInstanceAndApps', {}, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(listed.json, seed003.obsPackagesListed), []);
    assert.equal(listed.json.data.bundleApplicationPackages[0].version, 'v1.4.2-release.20250926');
  });

  it('installs the instance over simulated time and activates the OBS machine once', async () => {
    const vlan = (await rest(h, 'get-vlans', { where: { name: 'default' } }, { token: b.token })).json[0];
    const pkgId = (h.state.obs as ObsState).packages[0].id;
    const data = {
      name: 'obs',
      description: '',
      bundle_application_package: { id: pkgId },
      cluster: { id: b.clusterId },
      host_id: '',
      vm_spec: {
        ip: '10.0.20.3',
        subnet_mask: '255.255.255.0',
        gateway: '10.0.20.1',
        vlan_id: vlan.id,
        vcpu_count: 16,
        memory_size_bytes: '34359738368',
        storage_size_bytes: '549755813888',
        env_vars: { PRODUCT_VENDOR: 'SMARTX' },
      },
    };
    const badVlan = await gql(
      h,
      'createBundleApplicationInstance',
      { data: { ...data, vm_spec: { ...data.vm_spec, vlan_id: 'nope' } } },
      { cookie: b.cookie },
    );
    assert.equal(badVlan.json.errors[0].extensions.code, 'NOT_FOUND');
    const created = await gql(h, 'createBundleApplicationInstance', { data }, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(created.json, seed003.createBundleApplicationInstance), []);
    instanceId = created.json.data.createBundleApplicationInstance.id;
    const dup = await gql(h, 'createBundleApplicationInstance', { data }, { cookie: b.cookie });
    assert.equal(dup.json.errors[0].extensions.code, 'ALREADY_EXISTS');

    const installing = await gql(h, 'observabilityInstanceAndApps', {}, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(installing.json, seed003.obsInstalling), []);
    assert.equal(installing.json.data.bundleApplicationInstances[0].status, 'INSTALLING');
    const tooEarly = await gql(
      h,
      'updateObservabilityNtpUrl',
      { data: { ntp_service_url: '10.0.0.2' }, where: { id: instanceId } },
      { cookie: b.cookie },
    );
    assert.equal(tooEarly.json.errors[0].extensions.code, 'FAILED_PRECONDITION');
    await h.clock.advance(1799);
    assert.deepEqual(h.activations, []);
    await h.clock.advance(2);
    // The scheduled wake-up activates the machine without anyone polling.
    for (let i = 0; i < 20 && h.activations.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(h.activations, [{ role: 'obs', planAddress: '10.0.20.3' }]);
    const installed = await gql(h, 'observabilityInstanceAndApps', {}, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(installed.json, seed003.obsInstalled), []);
    const inst = installed.json.data.bundleApplicationInstances[0];
    assert.equal(inst.status, 'SUCCESS');
    assert.equal(inst.application.instances[0].vm.status, 'RUNNING');
    assert.equal(inst.health_status, 'NORMAL');
    assert.equal(h.activations.length, 1);
  });

  it('sets NTP, connects the cluster (set semantics) and the CloudTower system service', async () => {
    const ntp = await gql(
      h,
      'updateObservabilityNtpUrl',
      { data: { ntp_service_url: '10.0.0.2,ntp.c89.fun,10.0.0.1' }, where: { id: instanceId } },
      { cookie: b.cookie },
    );
    assert.deepEqual(ntp.json, seed003.updateObservabilityNtpUrl);
    const vars = { where: { id: instanceId }, data: { connected_clusters: { id_in: [b.clusterId] } } };
    const c1 = await gql(h, 'updateBundleApplicationInstanceConnectClusters', vars, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(c1.json, seed003.updateBundleApplicationInstanceConnectClusters), []);
    const c2 = await gql(h, 'updateBundleApplicationInstanceConnectClusters', vars, { cookie: b.cookie });
    assert.deepEqual(
      c2.json.data.updateBundleApplicationInstanceConnectClusters.connected_clusters,
      c1.json.data.updateBundleApplicationInstanceConnectClusters.connected_clusters,
    );
    assert.equal((h.state.obs as ObsState).instances[0].connected_clusters.length, 1);

    const svc = {
      ovm_name: 'observability',
      connected_system_services: [
        {
          system_service_id: 'CLOUDTOWER',
          system_service_name: 'CloudTower',
          type: 'CLOUDTOWER',
          alerting_rules: [{ name: 'cluster_connect_status', type: 'METRIC' }],
          instances: [
            {
              url: 'http://10.0.20.2/admin/observability/agent',
              info: { service_name: 'CloudTower', vm_name: 'cloudtower' },
            },
          ],
        },
      ],
    };
    const s1 = await gql(h, 'updateObservabilityConnectedSystemServices', svc, { cookie: b.cookie });
    assert.deepEqual(shapeDiff(s1.json, seed003.updateObservabilityConnectedSystemServices), []);
    assert.equal(
      s1.json.data.updateObservabilityConnectedSystemServices.connected_system_services[0].status,
      'INSTALLING',
    );
    await h.clock.advance(120);
    const s2 = await gql(h, 'updateObservabilityConnectedSystemServices', svc, { cookie: b.cookie });
    const after = s2.json.data.updateObservabilityConnectedSystemServices.connected_system_services;
    assert.equal(after.length, 1);
    assert.equal(after[0].status, 'RUNNING', 'an unchanged repeat keeps the running service');
    assert.equal(after[0].instances[0].state, 'STATE_RUNNING');
    const tower = h.state.cloudtower as unknown as CloudTowerState;
    assert.equal(tower.effects['graphql:createBundleApplicationInstance'], 1);
  });
});
