// Fisheye client over real HTTPS with a self-signed certificate: session renewal on 401, setupRoot
// idempotency, secret redaction and the streamed multipart chunk upload.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { SmartxHttpError } from '../../src/smartx/errors.js';
import { FisheyeClient } from '../../src/smartx/fisheye-client.js';
import { SecretValue } from '../../src/smartx/secret.js';
import {
  envelope,
  parseMultipart,
  resolverFor,
  sendJson,
  startHttps,
  type Recorded,
  type TestServer,
} from './helpers.js';

const VIP = '10.0.20.10';
const PASSWORD = 'Sup3r$ecret!';
let server: TestServer;
let validToken = 'token-1';
let logins = 0;
let route: (req: Recorded) => { status: number; body: unknown; headers?: Record<string, string> } | undefined;

before(async () => {
  server = await startHttps((req, res) => {
    if (req.url.pathname === '/api/v3/sessions') {
      logins += 1;
      const body = JSON.parse(req.body.toString()) as { password: string };
      if (body.password !== PASSWORD) return sendJson(res, 401, { message: `bad password ${body.password}` });
      validToken = `token-${logins}`;
      return sendJson(res, 200, { user_id: 'root', token: validToken });
    }
    const custom = route(req);
    if (custom) return sendJson(res, custom.status, custom.body, custom.headers);
    if (req.headers['x-smartx-token'] !== validToken)
      return sendJson(res, 401, envelope(null, 'EAUTH', { msg: 'token expired' }));
    return sendJson(res, 404, envelope(null, 'ENOTFOUND'));
  });
});
after(() => server.close());

const client = () =>
  new FisheyeClient(resolverFor(VIP, { 443: server.port }), VIP, {
    username: 'root',
    password: new SecretValue(PASSWORD),
  });

test('logs in lazily, and on 401 logs in once more and repeats the call', async () => {
  route = (req) =>
    req.url.pathname === '/api/v2/tools/license' && req.headers['x-smartx-token'] === validToken
      ? { status: 200, body: envelope({ serial: 'c8b39907', software_edition: 'ENTERPRISE' }) }
      : undefined;
  const c = client();
  const loginsBefore = logins;
  assert.equal((await c.getLicense()).serial, 'c8b39907');
  assert.equal(logins, loginsBefore + 1);
  validToken = 'rotated-on-server'; // the server forgets the session
  assert.equal((await c.getLicense()).serial, 'c8b39907');
  assert.equal(logins, loginsBefore + 2);
  const licenseCalls = server.requests.filter((r) => r.url.pathname === '/api/v2/tools/license');
  assert.equal(licenseCalls.at(-1)!.headers.host, VIP);
});

test('a second 401 after re-login is a non-retryable auth error', async () => {
  route = (req) =>
    req.url.pathname === '/api/v2/settings/dns'
      ? { status: 401, body: envelope(null, 'EAUTH', { msg: 'denied' }) }
      : undefined;
  await assert.rejects(
    client().setDns(['10.0.0.114']),
    (e: unknown) => e instanceof SmartxHttpError && e.kind === 'auth' && !e.retryable,
  );
});

test('wrong password: error names the endpoint but never the password', async () => {
  const c = new FisheyeClient(resolverFor(VIP, { 443: server.port }), VIP, {
    username: 'root',
    password: 'wrong-Pa55',
  });
  await assert.rejects(c.login(), (e: unknown) => {
    assert.ok(e instanceof SmartxHttpError);
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /POST \/api\/v3\/sessions @ 10\.0\.20\.10/);
    assert.ok(!e.message.includes('wrong-Pa55'), e.message);
    return true;
  });
});

test('setupRoot: the user object means created, a 409 or "already" means already initialized', async () => {
  route = (req) =>
    req.url.pathname === '/api/v3/users:setupRoot'
      ? {
          status: 200,
          body: { id: 'root', username: 'root', password: '', role: 'ROOT', auth_provider_id: 'local' },
        }
      : undefined;
  assert.deepEqual(await client().setupRoot(), { status: 'created', userId: 'root' });
  const sent = JSON.parse(server.requests.at(-1)!.body.toString()) as Record<string, unknown>;
  assert.deepEqual(sent, { password: PASSWORD, repeat: PASSWORD, encrypted: false });
  route = (req) =>
    req.url.pathname === '/api/v3/users:setupRoot'
      ? { status: 409, body: { message: 'conflict' } }
      : undefined;
  assert.deepEqual(await client().setupRoot(), { status: 'already-initialized' });
  route = (req) =>
    req.url.pathname === '/api/v3/users:setupRoot'
      ? { status: 400, body: { message: 'root password already set' } }
      : undefined;
  assert.deepEqual(await client().setupRoot(), { status: 'already-initialized' });
  route = (req) =>
    req.url.pathname === '/api/v3/users:setupRoot'
      ? { status: 400, body: { message: 'password too weak' } }
      : undefined;
  await assert.rejects(
    client().setupRoot(),
    (e: unknown) => e instanceof SmartxHttpError && e.kind === 'bad-request',
  );
});

test('IPMI passwords echoed by the server are scrubbed from the error', async () => {
  route = (req) =>
    req.url.pathname === '/api/v2/ipmi/upsert_accounts'
      ? { status: 400, body: envelope(null, 'EBAD', { msg: `cannot use ${'bmc-Pa55word'}` }) }
      : undefined;
  await assert.rejects(
    client().upsertIpmiAccounts([
      { node_uuid: 'n1', node_name: 'node-01', host: '10.0.1.11', user: 'root', password: 'bmc-Pa55word' },
    ]),
    (e: unknown) =>
      e instanceof SmartxHttpError && !e.message.includes('bmc-Pa55word') && e.message.includes('[redacted]'),
  );
});

test('uploadImageChunk streams a multipart `file` part with the seed query parameters', async () => {
  route = (req) => {
    if (req.url.pathname !== '/api/v2/images/upload' || req.headers['x-smartx-token'] !== validToken)
      return undefined;
    const parts = parseMultipart(req.body, req.headers['content-type']);
    return {
      status: 200,
      body: envelope({
        chunk_num: Number(req.url.searchParams.get('chunk_num')),
        to_upload: parts[0].data.length === 10 ? [] : [9],
      }),
    };
  };
  const payload = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45, 7, 8]);
  const out = await client().uploadImageChunk({
    zbsVolumeId: 'z-1',
    imageUuid: 'i-1',
    chunkNum: 3,
    data: Readable.from([payload.subarray(0, 4), payload.subarray(4)]),
    size: 10,
  });
  assert.deepEqual(out.to_upload, []);
  const req = server.requests.filter((r) => r.url.pathname === '/api/v2/images/upload').at(-1)!;
  assert.equal(req.url.searchParams.get('zbs_volume_id'), 'z-1');
  assert.equal(req.url.searchParams.get('chunk_num'), '3');
  assert.equal(req.url.searchParams.get('image_uuid'), 'i-1');
  assert.equal(Number(req.headers['content-length']), req.body.length);
  const [part] = parseMultipart(req.body, req.headers['content-type']);
  assert.equal(part.name, 'file');
  assert.deepEqual(part.data, payload);
});

test('createImageUploadVolume sends the seed query and validates the volume', async () => {
  route = (req) =>
    req.url.pathname === '/api/v2/images/upload/volume' && req.headers['x-smartx-token'] === validToken
      ? {
          status: 200,
          body: {
            ec: 'EOK',
            error: null,
            data: {
              chunk_size: 8388608,
              image_path: 'iscsi://x/67',
              image_uuid: 'img',
              to_upload: [0, 1],
              zbs_volume_id: 'zv',
            },
          },
        }
      : undefined;
  const v = await client().createImageUploadVolume({ name: 'cloudtower.iso', size: 16 });
  assert.equal(v.chunk_size, 8388608);
  const q = server.requests.at(-1)!.url.searchParams;
  assert.deepEqual(Object.fromEntries(q), {
    description: '',
    name: 'cloudtower.iso',
    device: 'nfs',
    task_id: '1',
    size: '16',
  });
});
