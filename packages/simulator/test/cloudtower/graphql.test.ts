/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
// GraphQL by selection set against the schema, and CloudTower's REST error shape for unknown paths.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { parse, validate } from 'graphql';
import { SEED_DOCUMENTS } from './seed-documents.js';
import { unresolvedRootFields } from '../../src/cloudtower/graphql/dispatch.js';
import { towerSchema } from '../../src/cloudtower/graphql/schema.js';
import { createCloudTowerModules } from '../../src/cloudtower/index.js';
import { bootstrap, type Bootstrapped } from './client.js';
import { startHarness, type Harness } from './harness.js';

interface Answer {
  status: number;
  json: any;
}

async function post(h: Harness, body: unknown, creds?: { token?: string }): Promise<Answer> {
  const res = await got.post(`${h.url}/api`, {
    json: body,
    headers: creds?.token ? { authorization: creds.token } : {},
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return { status: res.statusCode, json: JSON.parse(res.body) };
}

const CAPACITY = 'zbs_cluster_data_space_use_rate';

describe('CloudTower GraphQL: schema, selection sets and GraphQL errors', () => {
  let h: Harness;
  let b: Bootstrapped;
  const q = (query: string, variables?: unknown, operationName?: string) =>
    post(h, { query, variables, operationName }, { token: b.token });

  before(async () => {
    h = await startHarness(createCloudTowerModules({ tokenTtlSeconds: 3600 }));
    b = await bootstrap(h);
  });
  after(() => h.close());

  it('declares every document seed 003 sends, and resolves every root field', () => {
    for (const [name, doc] of Object.entries(SEED_DOCUMENTS)) {
      const errors = validate(towerSchema(), parse(doc)).map((e) => e.message);
      assert.deepEqual(errors, [], `${name} does not validate`);
    }
    assert.deepEqual(unresolvedRootFields(), []);
  });

  it('answers exactly the selected fields, however few', async () => {
    const r = await q(`query { globalAlertRules(where: {name: "${CAPACITY}"}) { id } }`);
    assert.equal(r.status, 200);
    assert.equal(r.json.errors, undefined);
    assert.equal(r.json.data.globalAlertRules.length, 1);
    assert.deepEqual(Object.keys(r.json.data.globalAlertRules[0]), ['id']);
    const more = await q(
      `query { globalAlertRules(where: {name: "${CAPACITY}"}) { name thresholds { value severity } __typename } }`,
    );
    const rule = more.json.data.globalAlertRules[0];
    assert.deepEqual(Object.keys(rule), ['name', 'thresholds', '__typename']);
    assert.equal(rule.__typename, 'GlobalAlertRule');
    assert.deepEqual(Object.keys(rule.thresholds[0]), ['value', 'severity']);
    assert.equal(typeof rule.thresholds[0].value, 'number');
  });

  it('resolves nested relations such as alert_rules { cluster { id } }', async () => {
    const r = await q(
      `query { globalAlertRules(where: {name: "${CAPACITY}"}) { alert_rules { id cluster { id name settings { id } } } } }`,
    );
    assert.equal(r.json.errors, undefined);
    const entries = r.json.data.globalAlertRules[0].alert_rules;
    assert.ok(entries.length >= 1);
    const mine = entries.find((e: any) => e.cluster?.id === b.clusterId);
    assert.ok(mine, 'the connected cluster has its own entry of the rule');
    assert.equal(mine.cluster.name, 'CN-BJ-SMTX-Prod-Cls01');
    assert.equal(mine.cluster.settings.id, b.settingsId);
    // The relation's own where filter, and the plain alertRules list.
    const filtered = await q(
      `query { globalAlertRules(where: {name: "${CAPACITY}"}) { alert_rules(where: {cluster: {id: "nope"}}) { id } } }`,
    );
    assert.deepEqual(filtered.json.data.globalAlertRules[0].alert_rules, []);
    const flat = await q(
      `query { alertRules(where: {cluster: {id: "${b.clusterId}"}}) { id global_alert_rule { name } } }`,
    );
    assert.ok(flat.json.data.alertRules.some((r: any) => r.global_alert_rule.name === CAPACITY));
  });

  it('supports aliases, fragments, variables, several root fields and seed-style where filters', async () => {
    const r = await q(
      `query pick($where: GlobalAlertRuleWhereInput, $first: Int) {
        capacity: globalAlertRules(where: $where, first: $first) { ...R }
        everything: globalAlertRulesConnection { aggregate { count } }
        filtered: globalAlertRulesConnection(where: $where) { aggregate { count } }
        clusters { id ... on Cluster { connect_state } }
      }
      fragment R on GlobalAlertRule { ruleId: id name }`,
      {
        first: 5,
        where: { AND: [{ name_starts_with: 'zbs_cluster' }, { name_not_starts_with: 'elf_' }] },
      },
      'pick',
    );
    assert.equal(r.status, 200);
    assert.equal(r.json.errors, undefined);
    const d = r.json.data;
    assert.ok(d.capacity.length >= 1 && d.capacity.length <= 5);
    assert.ok(d.capacity.every((x: any) => x.name.startsWith('zbs_cluster') && typeof x.ruleId === 'string'));
    assert.ok(d.everything.aggregate.count > d.filtered.aggregate.count);
    assert.deepEqual(d.clusters, [{ id: b.clusterId, connect_state: 'CONNECTED' }]);
    // The seed's own filter (nested AND, `_not_starts_with`, `_not_in`, `alert_rules_some: {}`).
    const seed = await q(SEED_DOCUMENTS.globalAlertRules, {
      skip: 0,
      first: 50,
      orderBy: 'id_ASC',
      where: {
        AND: [
          {
            AND: [
              { alert_rules_some: {} },
              { name_not_starts_with: 'elf_' },
              { object_not_in: ['SKS_SERVICE', 'SKS_PVC'] },
            ],
          },
        ],
      },
    });
    const names = seed.json.data.globalAlertRules.map((x: any) => x.name);
    assert.ok(names.includes(CAPACITY));
    assert.ok(!names.some((n: string) => n.startsWith('elf_')));
    assert.equal(seed.json.data.globalAlertRulesConnection.aggregate.count, names.length);
  });

  it('a mutation answers with what it selects: the rule with its cluster entries', async () => {
    const list = await q(`query { globalAlertRules(where: {name: "${CAPACITY}"}) { id disabled } }`);
    const rule = list.json.data.globalAlertRules[0];
    const r = await q(
      `mutation m($id: ID) { updateGlobalAlertRule(where: {id: $id}, data: {disabled: false}) {
        id alert_rules { cluster { id } } } }`,
      { id: rule.id },
    );
    assert.equal(r.json.errors, undefined);
    assert.deepEqual(Object.keys(r.json.data.updateGlobalAlertRule), ['id', 'alert_rules']);
    assert.ok(r.json.data.updateGlobalAlertRule.alert_rules.some((e: any) => e.cluster.id === b.clusterId));
  });

  it('refuses unknown fields, unknown operations and wrong argument types before running anything', async () => {
    const unknownField = await q('query { globalAlertRules { id colour } }');
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.json.data, undefined);
    const e = unknownField.json.errors[0];
    assert.equal(e.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(e.message, /Cannot query field "colour" on type "GlobalAlertRule"/);
    assert.deepEqual(e.locations, [{ line: 1, column: 31 }]);

    const unknownRoot = await q('mutation dropEverything { dropEverything }');
    assert.equal(unknownRoot.status, 400);
    assert.match(
      unknownRoot.json.errors[0].message,
      /Cannot query field "dropEverything" on type "Mutation"/,
    );

    const unknownOp = await q(SEED_DOCUMENTS.deployedLicense, {}, 'somethingElse');
    assert.equal(unknownOp.status, 400);
    assert.equal(unknownOp.json.errors[0].message, 'Unknown operation named "somethingElse".');
    assert.equal(unknownOp.json.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');

    const wrongLiteral = await q('query { globalAlertRules(first: "ten") { id } }');
    assert.equal(wrongLiteral.status, 400);
    assert.equal(wrongLiteral.json.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(wrongLiteral.json.errors[0].message, /Int cannot represent/);

    const unknownWhere = await q('query { globalAlertRules(where: {colour_in: ["red"]}) { id } }');
    assert.equal(unknownWhere.status, 400);
    assert.match(unknownWhere.json.errors[0].message, /colour_in/);

    const wrongVariable = await q('query v($first: Int) { globalAlertRules(first: $first) { id } }', {
      first: 'ten',
    });
    assert.equal(wrongVariable.status, 400);
    assert.equal(wrongVariable.json.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(wrongVariable.json.errors[0].message, /\$first/);

    const syntax = await q('query { globalAlertRules { id }');
    assert.equal(syntax.status, 400);
    assert.equal(syntax.json.errors[0].extensions.code, 'GRAPHQL_PARSE_FAILED');

    const twoOps = await q('query a { userCreated { created } } query b { userCreated { created } }');
    assert.equal(twoOps.status, 400);
    assert.match(twoOps.json.errors[0].message, /Must provide operation name/);
  });

  it('reports a resolver failure at its path with HTTP 200', async () => {
    const r = await q('mutation { updateGlobalAlertRule(where: {id: "nope"}, data: {}) { id } }');
    assert.equal(r.status, 200);
    assert.equal(r.json.data, null);
    assert.deepEqual(r.json.errors[0].path, ['updateGlobalAlertRule']);
    assert.equal(r.json.errors[0].extensions.code, 'NOT_FOUND');
    // Without a session only the fields that need one fail.
    const anon = await post(h, { query: 'query { userCreated { created } deploys { id } }' });
    assert.equal(anon.status, 200);
    assert.equal(anon.json.data, null);
    assert.equal(anon.json.errors[0].extensions.code, 'UNAUTHENTICATED');
    const open = await post(h, { query: 'query { userCreated { created } }' });
    assert.deepEqual(open.json, { data: { userCreated: { created: true } } });
  });
});

describe('CloudTower REST: paths it does not serve', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(createCloudTowerModules());
  });
  after(() => h.close());

  it('answers CloudTower ErrorBody, never the SMTX envelope', async () => {
    const unknown = await got.post(`${h.url}/v2/api/get-everything`, {
      json: {},
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    assert.equal(unknown.statusCode, 404);
    const body = JSON.parse(unknown.body);
    assert.deepEqual(body, {
      path: '/v2/api/get-everything',
      status: 404,
      props: {},
      code: 'NotFound',
      message: 'Cannot POST /v2/api/get-everything',
    });
    assert.ok(!('ec' in body) && !('data' in body));
    const deep = await got.get(`${h.url}/v2/api/a/b/c`, { throwHttpErrors: false, retry: { limit: 0 } });
    assert.equal(deep.statusCode, 404);
    assert.equal(JSON.parse(deep.body).path, '/v2/api/a/b/c');
    const wrongMethod = await got.get(`${h.url}/v2/api/get-clusters`, {
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    assert.equal(wrongMethod.statusCode, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    assert.deepEqual(Object.keys(JSON.parse(wrongMethod.body)).sort(), [
      'code',
      'message',
      'path',
      'props',
      'status',
    ]);
    // A served path still answers normally (here: the missing token).
    const known = await got.post(`${h.url}/v2/api/get-clusters`, {
      json: {},
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    assert.equal(known.statusCode, 401);
    assert.equal(JSON.parse(known.body).code, 'Unauthorized');
  });
});
