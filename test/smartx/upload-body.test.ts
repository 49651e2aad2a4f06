// Upload bodies written straight into the request (issue 24): the bytes a file range puts on the wire,
// a re-login repeating such an upload, and requests failing halfway (the client's few upload buffers
// must not be lost with them, or the next chunk would wait forever).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { SmartxHttpError } from '../../src/smartx/errors.js';
import { BufferPool } from '../../src/smartx/buffer-pool.js';
import { fileRange, writeFileRange, type FileRange } from '../../src/smartx/file-range.js';
import { SmartxHttp, type SessionAuth } from '../../src/smartx/http.js';
import { multipartBody, type FileData } from '../../src/smartx/multipart.js';
import { WRITE_PIECE_BYTES } from '../../src/smartx/stream-writes.js';
import { envelope, parseMultipart, resolverFor, selfSigned, sendJson, startHttps } from './helpers.js';

const HOST = '10.0.30.5';
const MiB = 1024 * 1024;
const bytes = randomBytes(6 * MiB + 4321);
let dir: string;
let file: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'upload-body-'));
  file = join(dir, 'image.iso');
  writeFileSync(file, bytes);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const received = z.object({ received: z.number() });

function upload(client: SmartxHttp, data: FileData, boundary?: string) {
  return client.call({
    method: 'POST',
    path: '/api/v2/images/upload',
    searchParams: { chunk_num: 0 },
    body: multipartBody(
      [
        { name: 'kind', value: 'iso' },
        { name: 'file', filename: 'blob', data },
      ],
      boundary,
    ),
    parse: 'envelope',
    schema: received,
    timeoutMs: 20_000,
  });
}

test('a file range goes out as the same multipart bytes as a Buffer of its bytes, with its length', async () => {
  const server = await startHttps((req, res) => sendJson(res, 200, envelope({ received: req.body.length })));
  try {
    const client = new SmartxHttp({ resolver: resolverFor(HOST, { 443: server.port }), address: HOST });
    const start = MiB + 17;
    const length = 4 * MiB + 999; // not a multiple of the upload buffers: the last read is short
    const answer = await upload(client, fileRange(file, start, length), '----same-boundary');
    const [fromFile] = server.requests;
    assert.equal(answer.received, fromFile.body.length);
    assert.equal(fromFile.headers['content-length'], String(fromFile.body.length));
    const parts = parseMultipart(fromFile.body, fromFile.headers['content-type']);
    assert.deepEqual(
      parts.map((p) => [p.name, p.filename, p.contentType]),
      [
        ['kind', undefined, undefined],
        ['file', 'blob', 'application/octet-stream'],
      ],
    );
    assert.equal(parts[0].data.toString(), 'iso');
    assert.ok(parts[1].data.equals(bytes.subarray(start, start + length)), 'the file part is the range');

    await upload(client, Buffer.from(bytes.subarray(start, start + length)), '----same-boundary');
    assert.ok(server.requests[1].body.equals(fromFile.body), 'byte for byte the body of a Buffer part');
  } finally {
    await server.close();
  }
});

test('a file range reaches the socket one piece of at most 256 KiB at a time (TLS keeps a buffer the size of a write)', async () => {
  const writes: number[] = [];
  const joined: number[] = [];
  const out: Buffer[] = [];
  // A socket's stream: slow to take each write, and able to take several at once (writev), as
  // net.Socket does; pieces written before the last was taken would arrive joined.
  const socket = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.length);
      out.push(Buffer.from(chunk));
      setTimeout(done, 1);
    },
    writev(chunks, done) {
      joined.push(chunks.length);
      for (const { chunk } of chunks) out.push(Buffer.from(chunk as Buffer));
      setTimeout(done, 1);
    },
  });
  const pool = new BufferPool();
  const start = 3;
  const length = 5 * MiB + 11;
  await writeFileRange(socket, fileRange(file, start, length), pool.lease());
  await new Promise<void>((resolve) => socket.end(resolve));
  assert.deepEqual(Buffer.concat(out), bytes.subarray(start, start + length), 'the same bytes, in order');
  assert.ok(Math.max(...writes) <= WRITE_PIECE_BYTES, `largest write ${Math.max(...writes)} bytes`);
  assert.equal(
    writes.length,
    Math.ceil((2 * MiB) / WRITE_PIECE_BYTES) * 2 + Math.ceil((MiB + 11) / WRITE_PIECE_BYTES),
  );
  assert.deepEqual(joined, [], 'no pieces waited together to be joined into one write');
  assert.equal(pool.fullInUse, 0, 'every buffer went back after its last piece');
});

test('a 401 renews the session and sends the file range again, whole', async () => {
  let sessions = 0;
  const auth: SessionAuth = {
    headers: () => Promise.resolve({ 'x-smartx-token': `token-${sessions}` }),
    renew: () => {
      sessions++;
      return Promise.resolve();
    },
  };
  const server = await startHttps((req, res) => {
    if (req.headers['x-smartx-token'] === 'token-0') sendJson(res, 401, envelope(null, 'EAUTH'));
    else sendJson(res, 200, envelope({ received: req.body.length }));
  });
  try {
    const client = new SmartxHttp({ resolver: resolverFor(HOST, { 443: server.port }), address: HOST, auth });
    await upload(client, fileRange(file, 0, bytes.length));
    assert.equal(sessions, 1);
    assert.equal(server.requests.length, 2);
    const parts = parseMultipart(server.requests[1].body, server.requests[1].headers['content-type']);
    assert.ok(parts[1].data.equals(bytes));
  } finally {
    await server.close();
  }
});

/**
 * A server that answers each upload with `first` for the first request and takes every later one
 * whole. `first`: `refuse` answers 404 before reading any of the body; `reset` reads a little of it,
 * then drops the connection.
 */
async function failingFirst(first: 'refuse' | 'reset'): Promise<{ port: number; close(): Promise<void> }> {
  let n = 0;
  const server = https.createServer(selfSigned(), (req, res) => {
    if (n++ === 0) {
      if (first === 'refuse') sendJson(res, 404, envelope(null, 'ENOTFOUND', 'no such volume'));
      else req.once('data', () => req.socket.destroy());
      return;
    }
    let size = 0;
    req.on('data', (c: Buffer) => (size += c.length));
    req.on('end', () => sendJson(res, 200, envelope({ received: size })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

for (const first of ['refuse', 'reset'] as const) {
  test(`a request that fails halfway (${first}) does not keep the upload buffers from the next chunk`, async () => {
    const server = await failingFirst(first);
    try {
      const client = new SmartxHttp({ resolver: resolverFor(HOST, { 443: server.port }), address: HOST });
      const range: FileRange = fileRange(file, 0, bytes.length);
      await assert.rejects(upload(client, range), (err: unknown) => {
        assert.ok(err instanceof SmartxHttpError, String(err));
        assert.equal(err.kind, first === 'refuse' ? 'not-found' : 'network');
        return true;
      });
      // Twice more, on the same client: both need the pool's buffers back (or new ones).
      for (let i = 0; i < 2; i++) assert.equal((await upload(client, range)).received > bytes.length, true);
    } finally {
      await server.close();
    }
  });
}

test('a file shorter than its range fails the call (no wait for bytes that never come)', async () => {
  const server = await startHttps((req, res) => sendJson(res, 200, envelope({ received: req.body.length })));
  try {
    const client = new SmartxHttp({ resolver: resolverFor(HOST, { 443: server.port }), address: HOST });
    await assert.rejects(upload(client, fileRange(file, bytes.length - 100, 4096)), (err: unknown) => {
      assert.ok(err instanceof SmartxHttpError, String(err));
      assert.equal(err.kind, 'network');
      assert.match(String(err.message), /ends 3996 bytes short/);
      return true;
    });
    assert.equal((await upload(client, fileRange(file, 0, 1000))).received > 1000, true);
  } finally {
    await server.close();
  }
});
