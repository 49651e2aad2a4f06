// Envelope parsing and error mapping over real HTTP (the deployment API is plain HTTP on port 80).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEPLOYMENT_TOKEN, DeploymentClient } from '../../src/smartx/deployment-client.js';
import { SmartxHttpError } from '../../src/smartx/errors.js';
import { envelope, resolverFor, sendJson, startHttp, type TestServer } from './helpers.js';

const HOST = '10.0.20.11';
let server: TestServer;
let reply: (path: string) => { status: number; body: unknown };

before(async () => {
  server = await startHttp((req, res) => {
    const r = reply(req.url.pathname);
    if (typeof r.body === 'string') {
      res.writeHead(r.status, { 'content-type': 'text/plain' });
      res.end(r.body);
    } else sendJson(res, r.status, r.body);
  });
});
after(() => server.close());

const client = () => new DeploymentClient(resolverFor(HOST, { 80: server.port, 443: 1 }), HOST);

const scan = {
  host_uuid: 'u-1',
  hostname: 'node-01',
  host_ip: HOST,
  disks: [{ drive: 'sdb', function: 'data', model: 'm', serial: 's', size: 1, type: 'HDD' }],
  ifaces: [{ name: 'ens192', ipv6: 'fe80::1' }],
  extra_field: true,
};

test('parses the {ec, error, data} envelope and sends host + x-smartx-token', async () => {
  reply = () => ({ status: 200, body: envelope(scan) });
  const data = await client().scanHost();
  assert.equal(data.host_uuid, 'u-1');
  assert.equal(data.ifaces[0].ipv6, 'fe80::1');
  const req = server.requests.at(-1)!;
  assert.equal(req.url.pathname, '/api/v2/deployment/host');
  assert.equal(req.headers.host, HOST);
  assert.equal(req.headers['x-smartx-token'], DEPLOYMENT_TOKEN);
});

test('deployStatus sends host_ip as query parameter', async () => {
  reply = () => ({
    status: 200,
    body: envelope({ state: 'running', current_stage: 1, total_stages: 1, stage_info: 'x', msg: null }),
  });
  const s = await client().deployStatus('10.0.20.11');
  assert.equal(s.state, 'running');
  assert.equal(server.requests.at(-1)!.url.searchParams.get('host_ip'), '10.0.20.11');
});

async function expectError(kind: string, retryable: boolean, check?: (e: SmartxHttpError) => void) {
  await assert.rejects(client().scanHost(), (err: unknown) => {
    assert.ok(err instanceof SmartxHttpError, String(err));
    assert.equal(err.kind, kind);
    assert.equal(err.retryable, retryable);
    assert.match(err.endpoint, /^GET \/api\/v2\/deployment\/host @ 10\.0\.20\.11$/);
    check?.(err);
    return true;
  });
}

test('ec other than EOK on 200 is a non-retryable remote error carrying ec and message', async () => {
  reply = () => ({ status: 200, body: envelope(null, 'EINVAL', { msg: 'bad host' }) });
  await expectError('remote', false, (e) => {
    assert.equal(e.ec, 'EINVAL');
    assert.equal(e.remoteMessage, 'bad host');
  });
});

test('status codes map to kinds', async () => {
  const cases: [number, string, boolean][] = [
    [400, 'bad-request', false],
    [401, 'auth', false],
    [403, 'auth', false],
    [404, 'not-found', false],
    [409, 'conflict', false],
    [422, 'bad-request', false],
    [429, 'server', true],
    [500, 'server', true],
    [503, 'server', true],
  ];
  for (const [status, kind, retryable] of cases) {
    reply = () => ({ status, body: envelope(null, 'ESOME', { msg: `status ${status}` }) });
    await expectError(kind, retryable, (e) => assert.equal(e.status, status));
  }
});

test('a response of the wrong shape is a protocol error', async () => {
  reply = () => ({ status: 200, body: envelope({ hostname: 'x' }) });
  await expectError('protocol', false, (e) => assert.match(e.remoteMessage ?? '', /host_uuid/));
  reply = () => ({ status: 200, body: 'not json' });
  await expectError('protocol', false);
});

test('remote messages are redacted: passwords, tokens, cookies, Basic credentials, JWTs', async () => {
  const leaky =
    'password="P@ssw0rd!123" token: abcdef123 cookie=connect.sid=s%3Aabc Authorization: Basic bzExeTpIQyFyMGNrcw== eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
  reply = () => ({ status: 500, body: leaky });
  await expectError('server', true, (e) => {
    for (const secret of [
      'P@ssw0rd!123',
      'abcdef123',
      's%3Aabc',
      'bzExeTpIQyFyMGNrcw==',
      'eyJhbGciOiJIUzI1NiJ9',
    ]) {
      assert.ok(!e.message.includes(secret), `${secret} leaked: ${e.message}`);
    }
  });
});

test('connection refused is a retryable network error; unmapped addresses never connect', async () => {
  const closed = await startHttp(() => undefined);
  const port = closed.port;
  await closed.close();
  const c = new DeploymentClient(resolverFor(HOST, { 80: port }), HOST);
  await assert.rejects(
    c.scanHost(),
    (err: unknown) =>
      err instanceof SmartxHttpError &&
      err.kind === 'network' &&
      err.retryable &&
      err.code === 'ECONNREFUSED',
  );
  const unmapped = new DeploymentClient(resolverFor('10.0.20.12', { 80: server.port }), HOST);
  const before = server.requests.length;
  await assert.rejects(unmapped.scanHost(), /not in the endpoint map/);
  assert.equal(server.requests.length, before);
});
