// CloudTower GraphQL (documents, cookie session, errors[], multipart upload), the OBS operator upload
// (Basic + cookie), REST token renewal, and the inspector download, over real HTTPS on 127.0.0.1.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { GRAPHQL_DOCUMENTS } from '../../src/smartx/cloudtower-graphql-documents.js';
import {
  CloudTowerGraphqlClient,
  ENCODED_DEFAULT_LOGIN_PASSWORD,
  ENCODED_DEFAULT_ROOT_PASSWORD,
} from '../../src/smartx/cloudtower-graphql.js';
import { CloudTowerRestClient } from '../../src/smartx/cloudtower-rest.js';
import { SmartxGraphqlError } from '../../src/smartx/errors.js';
import { InspectorClient } from '../../src/smartx/inspector-client.js';
import { ObsOperatorClient } from '../../src/smartx/obs-operator-client.js';
import { parseMultipart, resolverFor, sendJson, startHttps, type TestServer } from './helpers.js';

const TOWER = '10.0.20.2';
const SID = 'connect.sid=s%3Asession-1.sig';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.Y21qY293.sig1';
const REPORT = Buffer.alloc(300_000, 7);
let server: TestServer;
let sessionValid = true;
let restToken = 'rest-1';
let restLogins = 0;

interface GqlBody {
  operationName: string;
  variables: Record<string, unknown>;
  query: string;
}

before(async () => {
  server = await startHttps((req, res) => {
    const p = req.url.pathname;
    if (p === '/api' && req.headers['content-type']?.startsWith('multipart/form-data')) {
      const parts = parseMultipart(req.body, req.headers['content-type']);
      const ops = JSON.parse(parts[0].data.toString()) as GqlBody;
      return sendJson(res, 200, {
        data: {
          uploadCloudTowerApplicationPackage: {
            id: 'task-1',
            status: 'UPLOADING',
            current_chunk:
              ops.variables.data && (ops.variables.data as { current_chunk: number }).current_chunk,
            chunk_size: 4194304,
          },
        },
      });
    }
    if (p === '/api') {
      const body = JSON.parse(req.body.toString()) as GqlBody;
      if (body.operationName === 'login') {
        // A site that refuses the plain-text login (no SDK documents it) for this user.
        const data = body.variables.data as { username: string };
        if (data.username === 'plain-refused' && !body.query.includes('encoded'))
          return sendJson(res, 200, {
            data: null,
            errors: [{ message: 'Login failed', extensions: { code: 'LOGIN_FAILED' } }],
          });
        sessionValid = true;
        return sendJson(
          res,
          200,
          { data: { login: { token: JWT, uid: null, need_mfa: null, mfa_meta: null } } },
          { 'set-cookie': [`${SID}; Path=/; HttpOnly; Secure`, 'path=/; HttpOnly'] },
        );
      }
      if (body.operationName === 'createRootUser')
        return sendJson(res, 200, { data: { createUser: { id: 'u1', __typename: 'User' } } });
      if (body.operationName === 'createOrganization')
        return sendJson(res, 200, {
          data: null,
          errors: [
            {
              message: `Organization ${String((body.variables.data as { name: string }).name)} already exists`,
            },
          ],
        });
      // The REST login's token is a session for GraphQL too (Authorization, no cookie).
      const restSession = req.headers.authorization === restToken && req.headers.cookie === undefined;
      if (
        !restSession &&
        (req.headers.cookie !== SID || req.headers.authorization !== JWT || !sessionValid)
      ) {
        return sendJson(res, 200, {
          data: null,
          errors: [{ message: 'not logged in', extensions: { code: 'UNAUTHENTICATED' } }],
        });
      }
      if (body.operationName === 'updateGlobalAlertRule')
        // Exactly the seed's selection: no `name`, each cluster rule with its cluster.
        return sendJson(res, 200, {
          data: {
            updateGlobalAlertRule: {
              id: 'gr1',
              disabled: false,
              thresholds: [
                { value: 80, severity: 'NOTICE', __typename: 'Threshold' },
                { value: 90, severity: 'CRITICAL', __typename: 'Threshold' },
              ],
              alert_rules: [
                {
                  id: 'ar1',
                  disabled: false,
                  customized: true,
                  thresholds: [{ value: 61, severity: 'NOTICE', __typename: 'Threshold' }],
                  cluster: { id: 'c1', name: 'CLS', __typename: 'Cluster' },
                  __typename: 'AlertRule',
                },
              ],
              __typename: 'GlobalAlertRule',
            },
          },
        });
      if (body.operationName === 'deployedLicense')
        return sendJson(res, 200, {
          data: { deploys: [{ id: 'd', license: { id: 'l', license_serial: 'e977a0ae' } }] },
        });
      return sendJson(res, 400, { errors: [{ message: `unknown ${body.operationName}` }] });
    }
    if (p.startsWith('/api/ovm-operator/')) {
      if (req.headers.authorization !== `Basic ${Buffer.from('o11y:HC!r0cks').toString('base64')}`)
        return sendJson(res, 401, {});
      if (req.headers.cookie !== SID || !sessionValid)
        return sendJson(res, 401, { message: 'session expired' });
      if (p.endsWith('/v3/chunkedUploads'))
        return sendJson(res, 200, {
          id: 'up-1',
          offset: '0',
          status: 'UPLOADING',
          origin_file_name: 'Observability-X86_64-v1.tar.gz',
        });
      if (p.endsWith('/v1/chunkedUploads')) {
        const parts = parseMultipart(req.body, req.headers['content-type']);
        const file = parts.find((x) => x.name === 'file')!;
        const id = parts.find((x) => x.name === 'id')!.data.toString();
        return sendJson(res, 200, { id, offset: file.data.length, status: 1 });
      }
      if (p.endsWith(':commit')) return sendJson(res, 200, {});
    }
    if (p === '/v2/api/login') {
      restLogins += 1;
      restToken = `rest-${restLogins}`;
      return sendJson(res, 200, { data: { token: restToken }, task_id: null });
    }
    if (p.startsWith('/v2/api/') || p.startsWith('/api/inspector/')) {
      if (req.headers.authorization !== restToken) return sendJson(res, 401, { message: 'token expired' });
      if (p === '/v2/api/get-clusters')
        return sendJson(res, 200, [
          { id: 'c1', name: 'CLS', connect_state: 'CONNECTED', settings: { id: 's1' } },
        ]);
      if (p === '/v2/api/get-organizations')
        return sendJson(res, 200, { id: 'o1', name: 'SMTX-HCI', datacenters: [{ id: 'dc', name: 'DC' }] });
      if (p === '/api/inspector/api/v1/export/download') {
        res.writeHead(200, { 'content-type': 'application/zip' });
        return void res.end(REPORT);
      }
    }
    sendJson(res, 404, { message: 'no route' });
  });
});
after(() => server.close());

const resolver = () => resolverFor(TOWER, { 443: server.port });
const lastBodies = (): GqlBody[] =>
  server.requests
    .filter((r) => r.url.pathname === '/api' && r.headers['content-type'] === 'application/json')
    .map((r) => JSON.parse(r.body.toString()) as GqlBody);

test('createRootUser sends the seed document, encoded constant and no auth', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  const now = new Date('2025-09-30T18:42:47.920Z');
  assert.deepEqual(await gql.createRootUser(undefined, now), { id: 'u1' });
  const body = lastBodies().at(-1)!;
  assert.equal(body.operationName, 'createRootUser');
  assert.equal(body.query, GRAPHQL_DOCUMENTS.createRootUser);
  assert.deepEqual(body.variables, {
    root_password: ENCODED_DEFAULT_ROOT_PASSWORD,
    now: '2025-09-30T18:42:47.920Z',
  });
  const req = server.requests.at(-1)!;
  assert.equal(req.headers.authorization, undefined);
  assert.equal(req.headers.host, TOWER);
});

test('login keeps connect.sid; later calls send cookie and token; an UNAUTHENTICATED error re-logins once', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  assert.equal((await gql.deployedLicense()).license_serial, 'e977a0ae');
  const login = lastBodies().find((b) => b.operationName === 'login')!;
  assert.equal((login.variables.data as { password: string }).password, ENCODED_DEFAULT_LOGIN_PASSWORD);
  assert.equal(await gql.cookies.cookie(), SID);
  const count = () => lastBodies().filter((b) => b.operationName === 'login').length;
  const before = count();
  sessionValid = false;
  assert.equal((await gql.deployedLicense()).license_serial, 'e977a0ae');
  assert.equal(count(), before + 1);
});

test("updateGlobalAlertRule accepts the seed's answer (no name; cluster per rule)", async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  const rule = await gql.updateGlobalAlertRule('gr1', { disabled: false });
  assert.equal(rule.id, 'gr1');
  assert.equal(rule.alert_rules?.[0].cluster?.id, 'c1');
  assert.equal(rule.alert_rules?.[0].thresholds?.[0].value, 61);
  const body = lastBodies().at(-1)!;
  assert.equal(body.query, GRAPHQL_DOCUMENTS.updateGlobalAlertRule);
});

test('GraphQL errors[] become SmartxGraphqlError with the messages', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  await assert.rejects(gql.createOrganization('SMTX-HCI'), (e: unknown) => {
    assert.ok(e instanceof SmartxGraphqlError);
    assert.equal(e.kind, 'remote');
    assert.equal(e.operationName, 'createOrganization');
    assert.match(e.messages[0], /already exists/);
    return true;
  });
});

test('backup package chunk: GraphQL multipart request with operations, map and a streamed file part', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  const chunk = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
  const out = await gql.uploadCloudTowerApplicationPackage({
    uploadTaskId: 'task-1',
    currentChunk: 42,
    data: Readable.from([chunk]),
    size: chunk.length,
  });
  assert.equal(out.current_chunk, 42);
  const req = server.requests
    .filter((r) => r.headers['content-type']?.startsWith('multipart/form-data'))
    .at(-1)!;
  assert.equal(Number(req.headers['content-length']), req.body.length);
  assert.equal(req.headers.cookie, SID);
  const parts = parseMultipart(req.body, req.headers['content-type']);
  assert.deepEqual(
    parts.map((p) => p.name),
    ['operations', 'map', '1'],
  );
  const ops = JSON.parse(parts[0].data.toString()) as GqlBody;
  assert.equal(ops.operationName, 'uploadCloudTowerApplicationPackage');
  assert.equal(ops.query, GRAPHQL_DOCUMENTS.uploadCloudTowerApplicationPackage);
  assert.deepEqual(ops.variables, { data: { upload_task_id: 'task-1', file: null, current_chunk: 42 } });
  assert.deepEqual(JSON.parse(parts[1].data.toString()), { '1': ['variables.data.file'] });
  assert.equal(parts[2].filename, 'blob');
  assert.equal(parts[2].contentType, 'application/octet-stream');
  assert.deepEqual(parts[2].data, chunk);
});

test('OBS operator: Basic o11y + session cookie, 4 MiB-style parts, cookie renewed on 401', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER);
  const obs = new ObsOperatorClient(resolver(), TOWER, gql.cookies);
  const created = await obs.create('Observability-X86_64-v1.tar.gz');
  assert.equal(created.offset, 0);
  sessionValid = false; // the cookie expires between parts
  const part = await obs.uploadPart({ id: created.id, data: Buffer.alloc(1234, 1) });
  assert.equal(part.offset, 1234);
  await obs.commit(created.id, 'user-1');
  const commit = server.requests.at(-1)!;
  assert.equal(commit.url.pathname, '/api/ovm-operator/api/v3/chunkedUploads/up-1:commit');
  assert.equal(commit.headers['x-user-id'], 'user-1');
});

test('REST: Authorization token without scheme, re-login on 401, single-object lists normalised', async () => {
  const rest = new CloudTowerRestClient(resolver(), TOWER, { username: 'root', password: 'HC!r0cks' });
  const clusters = await rest.getClusters({ name: 'CLS' });
  assert.equal(clusters[0].settings?.id, 's1');
  const req = server.requests.at(-1)!;
  assert.deepEqual(JSON.parse(req.body.toString()), { where: { name: 'CLS' } });
  restToken = 'server-forgot';
  const orgs = await rest.getOrganizations();
  assert.equal(orgs[0].datacenters?.[0].name, 'DC');
});

test('inspector report download streams to a file and returns size and sha256', async () => {
  const rest = new CloudTowerRestClient(resolver(), TOWER, { username: 'root', password: 'HC!r0cks' });
  const inspector = new InspectorClient(resolver(), TOWER, rest.session);
  const file = join(mkdtempSync(join(process.env.HCI_TEST_SCRATCH ?? tmpdir(), 'report-')), 'report.zip');
  const out = await inspector.download('InspectorReport-x.zip', file);
  assert.equal(out.size, REPORT.length);
  assert.equal(out.sha256, createHash('sha256').update(REPORT).digest('hex'));
  assert.deepEqual(readFileSync(file), REPORT);
  assert.equal(server.requests.at(-1)!.url.searchParams.get('filename'), 'InspectorReport-x.zip');
});

test('a refused plain GraphQL login falls back to the REST login; its token carries the GraphQL calls', async () => {
  const gql = new CloudTowerGraphqlClient(resolver(), TOWER, {
    username: 'plain-refused',
    password: 'N0t-The-Default!',
  });
  const before = restLogins;
  assert.deepEqual(await gql.deployedLicense(), { id: 'l', license_serial: 'e977a0ae' });
  assert.equal(restLogins, before + 1, 'one REST login');
  const rest = server.requests.filter((r) => r.url.pathname === '/v2/api/login').at(-1)!;
  assert.deepEqual(JSON.parse(rest.body.toString()), {
    username: 'plain-refused',
    source: 'LOCAL',
    password: 'N0t-The-Default!',
  });
  const call = server.requests.at(-1)!;
  assert.equal(call.headers.authorization, restToken);
  assert.equal(call.headers.cookie, undefined);
  // Cookie-only calls (OBS operator) cannot run on such a session, and say why.
  await assert.rejects(gql.cookies.cookie(), /REST login .*no connect\.sid/);
});
