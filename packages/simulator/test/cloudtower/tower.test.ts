/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { createCloudTowerModules } from '../../src/cloudtower/index.js';
import type { CloudTowerState } from '../../src/cloudtower/store.js';
import {
  bootstrap,
  cookieFrom,
  gql,
  LOGIN_PASSWORD_ENCODED,
  rest,
  ROOT_PASSWORD_ENCODED,
  type Bootstrapped,
} from './client.js';
import { startHarness, type Harness } from './harness.js';
import { seed003 } from './seed-samples.js';
import { shapeDiff } from './shape.js';

const tower = (h: Harness) => h.state.cloudtower as unknown as CloudTowerState;

describe('CloudTower setup, login and REST (seed 003 stages 04-05)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(createCloudTowerModules({ tokenTtlSeconds: 3600 }));
  });
  after(() => h.close());

  let token = '';
  let orgId = '';

  it('creates the root user and organization once, and reports setup', async () => {
    const now = '2025-09-30T18:42:47.920Z';
    const before = await gql(h, 'checkTowerIsSetup', {});
    assert.deepEqual(before.json.data, {
      organizations: [],
      userCreated: { created: false, __typename: 'UserCreatedData' },
    });
    const user = await gql(h, 'createRootUser', { root_password: ROOT_PASSWORD_ENCODED, now });
    assert.equal(user.statusCode, 200);
    assert.deepEqual(shapeDiff(user.json, seed003.createRootUser), []);
    const again = await gql(h, 'createRootUser', { root_password: ROOT_PASSWORD_ENCODED, now });
    assert.equal(again.json.data, null);
    assert.equal(again.json.errors[0].extensions.code, 'ALREADY_EXISTS');
    const org = await gql(h, 'createOrganization', { data: { name: '八九实验室' } });
    assert.deepEqual(shapeDiff(org.json, seed003.createOrganization), []);
    orgId = org.json.data.createOrganization.id;
    const check = await gql(h, 'checkTowerIsSetup', {});
    assert.deepEqual(shapeDiff(check.json, seed003.checkTowerIsSetup), []);
    assert.equal(check.json.data.organizations[0].name, '八九实验室');
    assert.equal(check.json.data.userCreated.created, true);
    // Once set up, organizations need a session.
    const anon = await gql(h, 'createOrganization', { data: { name: 'other' } });
    assert.equal(anon.json.errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.equal(tower(h).organizations.length, 1);
    assert.equal(tower(h).effects['graphql:createRootUser'], 1);
  });

  it('logs in over REST and GraphQL; GraphQL sets connect.sid like the real server', async () => {
    const bad = await rest(h, 'login', { username: 'root', source: 'LOCAL', password: 'wrong' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json).sort(), ['code', 'message', 'path', 'props', 'status']);
    const ok = await rest(h, 'login', { username: 'root', source: 'LOCAL', password: 'HC!r0cks' });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(shapeDiff(ok.json, seed003.restLogin), []);
    token = ok.json.data.token;
    assert.match(token, /^eyJhbGciOiJIUzI1NiJ9\.[\w-]+\.[\w-]+$/);
    const g = await gql(h, 'login', {
      data: { username: 'root', password: LOGIN_PASSWORD_ENCODED, source: 'LOCAL', auth_config_id: null },
    });
    assert.deepEqual(shapeDiff(g.json, seed003.graphqlLogin), []);
    const cookies = g.headers['set-cookie'] ?? [];
    assert.equal(cookies.length, 2);
    assert.match(cookies[0], /^connect\.sid=s%3A[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    assert.equal(cookies[1], 'path=/; HttpOnly; Secure; SameSite=Strict');
    // The cookie alone authenticates GraphQL, even with the `path=/;` noise real clients send.
    const lic = await gql(h, 'deployedLicense', {}, { cookie: cookieFrom(g) });
    assert.deepEqual(shapeDiff(lic.json, seed003.deployedLicense), []);
    const lic2 = await gql(h, 'deployedLicense', {}, { token });
    assert.equal(
      lic2.json.data.deploys[0].license.license_serial,
      lic.json.data.deploys[0].license.license_serial,
    );
    const wrong = await gql(h, 'login', { data: { username: 'root', password: 'eA==', source: 'LOCAL' } });
    assert.equal(wrong.json.errors[0].extensions.code, 'LOGIN_FAILED');
  });

  it('sets the CloudTower NTP servers and answers them joined with ";"', async () => {
    const r = await gql(
      h,
      'updateCloudTowerNtpUrl',
      { data: { ntp_service_url: '10.0.0.2,ntp.c89.fun,10.0.0.1' } },
      { token },
    );
    assert.deepEqual(r.json, seed003.updateCloudTowerNtpUrl);
    assert.deepEqual(tower(h).ntp, ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1']);
  });

  it('rejects calls without auth, with a forged token, and after the token expired', async () => {
    const none = await rest(h, 'get-organizations', {});
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json, {
      path: '/v2/api/get-organizations',
      status: 401,
      props: {},
      code: 'Unauthorized',
      message: 'Unauthorized',
    });
    const forged = await rest(h, 'get-organizations', {}, { token: `${token}x` });
    assert.equal(forged.statusCode, 401);
    const orgs = await rest(h, 'get-organizations', {}, { token });
    assert.equal(orgs.statusCode, 200);
    assert.deepEqual(shapeDiff(orgs.json[0], seed003.getOrganizationsItem), []);
    await h.clock.advance(3601);
    const expired = await rest(h, 'get-organizations', {}, { token });
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json.message, 'token expired');
    const gExpired = await gql(h, 'deployedLicense', {}, { token });
    assert.equal(gExpired.statusCode, 200);
    assert.equal(gExpired.json.errors[0].extensions.code, 'UNAUTHENTICATED');
    token = (await rest(h, 'login', { username: 'root', source: 'LOCAL', password: 'HC!r0cks' })).json.data
      .token;
    // The fault point `auth:cloudtower` expires a session on demand.
    h.faults.script('auth:cloudtower', { kind: 'expire' });
    assert.equal((await rest(h, 'get-tasks', undefined, { token })).statusCode, 401);
    token = (await rest(h, 'login', { username: 'root', source: 'LOCAL', password: 'HC!r0cks' })).json.data
      .token;
  });

  it('answers malformed requests the way the real servers do', async () => {
    const badJson = await got.post(`${h.url}/v2/api/create-datacenter`, {
      body: '{"name":',
      headers: { authorization: token, 'content-type': 'application/json' },
      throwHttpErrors: false,
    });
    assert.equal(badJson.statusCode, 400);
    assert.equal(JSON.parse(badJson.body).code, 'BadRequest');
    const missing = await rest(h, 'create-datacenter', { name: 'x' }, { token });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json.code, 'InvalidParams');
    assert.match(missing.json.message, /organization_id/);
    const gBad = await got.post(`${h.url}/api`, {
      body: 'nope',
      headers: { 'content-type': 'application/json' },
      throwHttpErrors: false,
    });
    assert.equal(gBad.statusCode, 400);
    assert.ok(Array.isArray(JSON.parse(gBad.body).errors));
    const unknown = await gql(h, 'dropEverything', {}, { token });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    const badVars = await gql(h, 'updateCloudTowerNtpUrl', { data: { ntp_service_url: 5 } }, { token });
    assert.equal(badVars.statusCode, 400);
    assert.equal(badVars.json.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(badVars.json.errors[0].message, /ntp_service_url/);
  });

  it('creates a datacenter exactly once per name and lists it under its organization', async () => {
    const dc = await rest(h, 'create-datacenter', { organization_id: orgId, name: 'SMTX-HCI-DC' }, { token });
    assert.equal(dc.statusCode, 200);
    assert.deepEqual(shapeDiff(dc.json, seed003.createDatacenter), []);
    assert.equal(dc.json.task_id, null);
    const dup = await rest(
      h,
      'create-datacenter',
      { organization_id: orgId, name: 'SMTX-HCI-DC' },
      { token },
    );
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json.code, 'DuplicateName');
    const orgs = await rest(h, 'get-organizations', { where: { name: '八九实验室' } }, { token });
    assert.deepEqual(orgs.json[0].datacenters, [{ id: dc.json.data.id, name: 'SMTX-HCI-DC' }]);
    assert.equal(tower(h).datacenters.length, 1);
    assert.equal(tower(h).effects['rest:create-datacenter'], 1);
  });

  it('connects the cluster: INITIALIZING, then CONNECTED after simulated time, with a task', async () => {
    const dcId = tower(h).datacenters[0].id;
    const wrongIp = await rest(
      h,
      'connect-cluster',
      { datacenter_id: dcId, username: 'root', password: 'HC!r0cks', ip: '10.9.9.9' },
      { token },
    );
    assert.equal(wrongIp.statusCode, 400);
    const conn = await rest(
      h,
      'connect-cluster',
      { datacenter_id: dcId, username: 'root', password: 'HC!r0cks', ip: '10.0.20.210' },
      { token },
    );
    assert.equal(conn.statusCode, 200);
    assert.deepEqual(shapeDiff(conn.json, seed003.connectCluster), []);
    assert.equal(conn.json.data.connect_state, 'INITIALIZING');
    assert.equal(typeof conn.json.task_id, 'string');
    const twice = await rest(
      h,
      'connect-cluster',
      { datacenter_id: dcId, username: 'root', password: 'HC!r0cks', ip: '10.0.20.210' },
      { token },
    );
    assert.equal(twice.json.code, 'ClusterAlreadyConnected');
    const early = await rest(h, 'get-clusters', {}, { token });
    assert.equal(early.json[0].connect_state, 'INITIALIZING');
    const task = (await rest(h, 'get-tasks', { where: { id: conn.json.task_id } }, { token })).json[0];
    assert.equal(task.status, 'EXECUTING');
    await h.clock.advance(60);
    const clusters = await rest(h, 'get-clusters', { where: { name: 'CN-BJ-SMTX-Prod-Cls01' } }, { token });
    assert.equal(clusters.json.length, 1);
    const c = clusters.json[0];
    assert.equal(c.connect_state, 'CONNECTED');
    assert.deepEqual(shapeDiff(c, seed003.getClustersItem), []);
    assert.equal(c.local_id, '30724c9c-9657-46af-9c55-3857c8f165c1');
    assert.equal(c.host_num, 3);
    assert.deepEqual(c.ntp_servers, ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1']);
    assert.deepEqual(c.datacenters, [{ id: dcId, name: 'SMTX-HCI-DC' }]);
    const done = (await rest(h, 'get-tasks', { where: { id: conn.json.task_id } }, { token })).json[0];
    assert.equal(done.status, 'SUCCESSED');
    assert.deepEqual(shapeDiff(done, seed003.packageTasks[0]), []);
    assert.equal(tower(h).effects['rest:connect-cluster'], 1);
  });

  it('lists switches and VLANs in the CloudTower shapes and creates a VM VLAN once', async () => {
    const vdses = await rest(h, 'get-vdses', {}, { token });
    assert.equal(vdses.json.length, 3);
    assert.deepEqual(shapeDiff(vdses.json[0], seed003.getVdses[0]), []);
    const storage = vdses.json.find((v: { name: string }) => v.name.includes('vDS-Storage'));
    assert.deepEqual(
      storage.vlans.map((v: { name: string }) => v.name),
      ['storage-network'],
    );
    const vlans = await rest(h, 'get-vlans', { where: { name: 'default' } }, { token });
    assert.equal(vlans.json.length, 1);
    assert.deepEqual(shapeDiff(vlans.json[0], seed003.getVlansItem), []);
    assert.equal(vlans.json[0].vds.name, 'vDS-MgMt-Network');
    // Ids are stable across calls.
    assert.equal(
      (await rest(h, 'get-vlans', { where: { name: 'default' } }, { token })).json[0].id,
      vlans.json[0].id,
    );

    const created = await rest(h, 'create-vm-vlan', [{ vds_id: storage.id, name: 'backup-storage' }], {
      token,
    });
    assert.equal(created.statusCode, 200);
    assert.deepEqual(shapeDiff(created.json, seed003.createVmVlan), []);
    assert.equal(created.json[0].data.entityAsyncStatus, 'CREATING');
    assert.equal(created.json[0].data.vds.name, 'vDS-Storage-Network');
    const dup = await rest(h, 'create-vm-vlan', [{ vds_id: storage.id, name: 'backup-storage' }], { token });
    assert.equal(dup.json.code, 'VlanNameDuplicated');
    const partial = await rest(
      h,
      'create-vm-vlan',
      [
        { vds_id: storage.id, name: 'ok-one' },
        { vds_id: 'nope', name: 'bad' },
      ],
      { token },
    );
    assert.equal(partial.statusCode, 400);
    assert.equal(h.state.vlans.filter((v) => v.name === 'ok-one').length, 0, 'no partial effect');
    await h.clock.advance(10);
    const after = await rest(h, 'get-vlans', { where: { name: 'backup-storage' } }, { token });
    assert.equal(after.json[0].entityAsyncStatus, null);
    assert.equal(h.state.vlans.filter((v) => v.name === 'backup-storage').length, 1);
  });

  it('fails a connect through the job fault and leaves no cluster behind', async () => {
    const h2 = await startHarness(createCloudTowerModules());
    try {
      h2.faults.script('job:cloudtower.connect-cluster', { kind: 'fail' });
      await assert.rejects(bootstrap(h2), /cluster not connected/);
      const t = (await rest(h2, 'login', { username: 'root', source: 'LOCAL', password: 'HC!r0cks' })).json
        .data.token;
      assert.deepEqual((await rest(h2, 'get-clusters', {}, { token: t })).json, []);
      const tasks = (await rest(h2, 'get-tasks', {}, { token: t })).json;
      assert.equal(tasks[0].status, 'FAILED');
      // A retry connects.
      const dcId = (h2.state.cloudtower as unknown as CloudTowerState).datacenters[0].id;
      await rest(
        h2,
        'connect-cluster',
        { datacenter_id: dcId, username: 'root', password: 'x', ip: '10.0.20.210' },
        { token: t },
      );
      await h2.clock.advance(60);
      assert.equal((await rest(h2, 'get-clusters', {}, { token: t })).json[0].connect_state, 'CONNECTED');
    } finally {
      await h2.close();
    }
  });

  it('never logs or stores passwords, tokens or cookies', () => {
    const dump = JSON.stringify(h.state) + h.logs.join('\n');
    for (const secret of ['HC!r0cks', token, ROOT_PASSWORD_ENCODED, LOGIN_PASSWORD_ENCODED]) {
      assert.ok(!dump.includes(secret), 'secret leaked');
    }
    assert.ok(!/connect\.sid|s%3A|eyJhbGciOiJIUzI1NiJ9/.test(dump));
  });
});

export type { Bootstrapped };
