// DNS rebinding against the loopback services: the codec server and the deploy service answer only
// requests whose Host is an IP literal, localhost or a name the operator allowed; anything else is a
// 403 before a payload is decoded or a run is read. Real servers on loopback, real HTTP requests with
// the Host a rebinding page would send.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { AesGcmPayloadCodec } from '../../src/codec/aes-gcm-codec.js';
import { createCodecServer, listen } from '../../src/codec/codec-server.js';
import { allowedHostList, hostHeaderAllowed, hostOfHeader } from '../../src/config/host-header.js';
import { startDeployService, type RunningDeployService } from '../../src/service/server.js';

/** One request to a loopback port with the Host header as given (fetch would not let us set it). */
function request(
  port: number,
  host: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { host, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

describe('Host header against DNS rebinding', () => {
  it('reads the host part of a Host header and allows IP literals, localhost and named hosts only', () => {
    assert.equal(hostOfHeader('127.0.0.1:8081'), '127.0.0.1');
    assert.equal(hostOfHeader('[::1]:8081'), '::1');
    assert.equal(hostOfHeader('LocalHost.'), 'localhost');
    assert.equal(hostOfHeader(undefined), undefined);
    assert.equal(hostOfHeader('a:b:c'), undefined);
    for (const ok of ['127.0.0.1:8081', '[::1]:80', 'localhost:8233', '10.0.0.5'])
      assert.ok(hostHeaderAllowed(ok), ok);
    for (const bad of [
      'evil.example:8081',
      'rebind.127.0.0.1.nip.io',
      '',
      undefined,
      'localhost.evil.example',
    ])
      assert.ok(!hostHeaderAllowed(bad), String(bad));
    assert.ok(hostHeaderAllowed('Tower-Console.Lan:8081', allowedHostList(' tower-console.lan , other')));
    assert.deepEqual(allowedHostList(undefined), []);
  });

  describe('codec server', () => {
    let server: http.Server;
    let port: number;
    const codec = new AesGcmPayloadCodec(randomBytes(32), 'test-key');
    before(async () => {
      server = createCodecServer({ codec, origin: 'http://localhost:8233', allowedHosts: ['ops.lan'] });
      port = (await listen(server, 0, '127.0.0.1')).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const encoded = async () => {
      const [p] = await codec.encode([{ metadata: {}, data: Buffer.from('"secret input"') }]);
      const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('base64');
      const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)]));
      return JSON.stringify({ payloads: [{ metadata, data: b64(p.data) }] });
    };

    it('refuses a foreign Host before decoding anything', async () => {
      const r = await request(port, `evil.example:${port}`, 'POST', '/decode', await encoded());
      assert.equal(r.status, 403);
      assert.match(r.text, /--allowed-host/);
      assert.ok(!r.text.includes('secret input'));
    });

    it('decodes for its own address, localhost and an allowed name', async () => {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `ops.lan:${port}`]) {
        const r = await request(port, host, 'POST', '/decode', await encoded());
        assert.equal(r.status, 200, host);
        const data = (JSON.parse(r.text) as { payloads: { data: string }[] }).payloads[0].data;
        assert.equal(Buffer.from(data, 'base64').toString('utf8'), '"secret input"');
      }
    });
  });

  describe('deploy service', () => {
    let service: RunningDeployService;
    let connection: Connection;
    before(async () => {
      // A lazy connection to a closed loopback port: nothing here may reach Temporal, and nothing does.
      connection = Connection.lazy({ address: '127.0.0.1:1' });
      service = await startDeployService({
        client: new Client({ connection }),
        host: '127.0.0.1',
        port: 0,
        token: 'service-token',
        allowedHosts: ['ops.lan'],
      });
    });
    after(async () => {
      await service.close();
      await connection.close();
    });

    it('refuses a foreign Host before authentication or any read of a run', async () => {
      const port = Number(new URL(service.url).port);
      const r = await request(port, 'evil.example', 'GET', '/internal/v1/deploy/info/some-run');
      assert.equal(r.status, 403);
      assert.match(r.text, /--allowed-host/);
      // Its own address and an allowed name get as far as the token check.
      for (const host of [`127.0.0.1:${port}`, 'ops.lan']) {
        const ok = await request(port, host, 'GET', '/internal/v1/deploy/info/some-run');
        assert.equal(ok.status, 401, host);
      }
    });
  });
});
