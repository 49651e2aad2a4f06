/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
// The root user over REST v2 (official SDK shapes): create-root-user, update-user and login with plain
// passwords; the seed's encoded GraphQL login only while the password is the factory default; REST
// tokens accepted by GraphQL; nothing secret in the state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { createCloudTowerModules } from '../../src/cloudtower/index.js';
import type { CloudTowerState } from '../../src/cloudtower/store.js';
import { gql, LOGIN_PASSWORD_ENCODED, queryText, rest, ROOT_PASSWORD_ENCODED } from './client.js';
import { startHarness, type Harness } from './harness.js';

const tower = (h: Harness) => h.state.cloudtower as unknown as CloudTowerState;
const NEW_PASSWORD = 'Nw-Root#2026';

async function plainGraphqlLogin(h: Harness, password: string) {
  const res = await got.post(`${h.url}/api`, {
    json: {
      operationName: 'login',
      variables: { data: { username: 'root', password, source: 'LOCAL', auth_config_id: null } },
      query: queryText('login').replace(', effect: {encoded: true}', ''),
    },
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return Object.assign(res, { json: JSON.parse(res.body) });
}

describe('CloudTower root user over REST v2', () => {
  describe('created over REST', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(createCloudTowerModules({ tokenTtlSeconds: 3600 }));
    });
    after(() => h.close());

    it('creates root once with a plain password, refuses wrong fields and a second create', async () => {
      const extra = await rest(h, 'create-root-user', { password: NEW_PASSWORD, username: 'root' });
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json.code, 'InvalidParams');
      assert.equal(tower(h).rootUserCreated, false);

      const created = await rest(h, 'create-root-user', { password: NEW_PASSWORD });
      assert.equal(created.statusCode, 200);
      assert.equal(created.json.task_id, null);
      assert.equal(created.json.data.username, 'root');
      assert.equal(created.json.data.role, 'ROOT');
      assert.deepEqual(
        { ...tower(h).rootPassword, updatedAt: undefined },
        { isFactoryDefault: false, setBy: 'rest:create-root-user', changes: 0, updatedAt: undefined },
      );

      const again = await rest(h, 'create-root-user', { password: 'HC!r0cks' });
      assert.equal(again.statusCode, 400);
      const seedCreate = await gql(h, 'createRootUser', {
        root_password: ROOT_PASSWORD_ENCODED,
        now: new Date().toISOString(),
      });
      assert.equal(seedCreate.json.errors[0].extensions.code, 'ALREADY_EXISTS');
      assert.equal((await rest(h, 'login', { username: 'root', password: 'HC!r0cks' })).statusCode, 400);
      assert.equal((await rest(h, 'login', { username: 'root', password: NEW_PASSWORD })).statusCode, 200);
    });
  });

  describe('created as seed 003 does, then changed', () => {
    let h: Harness;
    let defaultToken = '';
    before(async () => {
      h = await startHarness(createCloudTowerModules({ tokenTtlSeconds: 3600 }));
      await gql(h, 'createRootUser', { root_password: ROOT_PASSWORD_ENCODED, now: new Date().toISOString() });
    });
    after(() => h.close());

    it('logs in with the LoginInput shape and refuses unknown fields', async () => {
      const odd = await rest(h, 'login', { username: 'root', password: 'HC!r0cks', remember: true });
      assert.equal(odd.statusCode, 400);
      assert.equal(odd.json.code, 'InvalidParams');
      const ok = await rest(h, 'login', {
        username: 'root',
        password: 'HC!r0cks',
        source: 'LOCAL',
        auth_config_id: null,
      });
      assert.equal(ok.statusCode, 200);
      defaultToken = ok.json.data.token;
      assert.equal(tower(h).rootPassword?.isFactoryDefault, true);
      // A REST token is a session GraphQL accepts.
      const lic = await gql(h, 'deployedLicense', {}, { token: defaultToken });
      assert.ok(lic.json.data.deploys.length > 0);
    });

    it('update-user: needs a token, validates the body, changes the password of the user `where` selects', async () => {
      const body = { where: { username: 'root' }, data: { password: NEW_PASSWORD } };
      assert.equal((await rest(h, 'update-user', body)).statusCode, 401);
      const flat = await rest(
        h,
        'update-user',
        { username: 'root', password: NEW_PASSWORD },
        { token: defaultToken },
      );
      assert.equal(flat.statusCode, 400);
      const odd = await rest(
        h,
        'update-user',
        { where: { username: 'root' }, data: { password: NEW_PASSWORD, shell: '/bin/sh' } },
        { token: defaultToken },
      );
      assert.equal(odd.statusCode, 400);
      const none = await rest(
        h,
        'update-user',
        { ...body, where: { username: 'admin' } },
        { token: defaultToken },
      );
      assert.deepEqual(none.json, []);
      assert.equal(tower(h).rootPassword?.isFactoryDefault, true);

      const done = await rest(h, 'update-user', body, { token: defaultToken });
      assert.equal(done.statusCode, 200);
      assert.equal(done.json.length, 1);
      assert.equal(done.json[0].data.username, 'root');
      assert.equal(done.json[0].task_id, null);
      assert.deepEqual(
        { ...tower(h).rootPassword, updatedAt: undefined },
        { isFactoryDefault: false, setBy: 'rest:update-user', changes: 1, updatedAt: undefined },
      );
      assert.equal(tower(h).effects['rest:update-user'], 1);
    });

    it('after the change: the default and the seed encoding are refused, the new password works', async () => {
      assert.equal((await rest(h, 'login', { username: 'root', password: 'HC!r0cks' })).statusCode, 400);
      assert.equal((await rest(h, 'login', { username: 'root', password: NEW_PASSWORD })).statusCode, 200);
      const encoded = await gql(h, 'login', {
        data: { username: 'root', password: LOGIN_PASSWORD_ENCODED, source: 'LOCAL', auth_config_id: null },
      });
      assert.equal(encoded.json.errors[0].extensions.code, 'LOGIN_FAILED');
      // Plain base64 of the password is no web-UI encoding either.
      const b64 = await gql(h, 'login', {
        data: {
          username: 'root',
          password: Buffer.from(NEW_PASSWORD).toString('base64'),
          source: 'LOCAL',
          auth_config_id: null,
        },
      });
      assert.equal(b64.json.errors[0].extensions.code, 'LOGIN_FAILED');
      const plain = await plainGraphqlLogin(h, NEW_PASSWORD);
      assert.equal(typeof plain.json.data.login.token, 'string');
      assert.match(String(plain.headers['set-cookie']?.[0]), /^connect\.sid=/);
      assert.equal((await plainGraphqlLogin(h, 'HC!r0cks')).json.errors[0].extensions.code, 'LOGIN_FAILED');
    });

    it('keeps passwords and their hashes out of the state and the log', () => {
      const text = JSON.stringify(h.state) + h.logs.join('\n');
      assert.ok(!text.includes(NEW_PASSWORD) && !text.includes('HC!r0cks'));
      assert.ok(!/[0-9a-f]{64}/.test(JSON.stringify(tower(h).rootPassword)));
    });
  });
});
