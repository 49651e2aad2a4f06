import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { boundaryOf, MultipartError, MultipartReader } from '../../../src/simulator/cloudtower/multipart.js';
import { multipartBody } from './client.js';

async function* pieces(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let i = 0;
  let k = 0;
  while (i < buf.length) {
    const n = sizes[k++ % sizes.length];
    yield buf.subarray(i, i + n);
    i += n;
  }
}

async function readAll(source: AsyncIterable<Buffer>, boundary: string) {
  const reader = new MultipartReader(source, boundary);
  const out: { name: string; filename?: string; sha256: string; size: number; maxChunk: number }[] = [];
  for (let part = await reader.next(); part; part = await reader.next()) {
    const hash = createHash('sha256');
    let size = 0;
    let maxChunk = 0;
    for await (const chunk of part.body()) {
      hash.update(chunk);
      size += chunk.length;
      maxChunk = Math.max(maxChunk, chunk.length);
    }
    out.push({ name: part.name, filename: part.filename, sha256: hash.digest('hex'), size, maxChunk });
  }
  return out;
}

describe('streaming multipart reader', () => {
  const boundary = '----WebKitFormBoundaryesV20WkYlx2K8Kl3';
  // Data that contains near-boundaries: CRLF, "--", and the boundary without its leading CRLF.
  const tricky = Buffer.concat([
    randomBytes(1000),
    Buffer.from(`\r\n--${boundary.slice(0, 20)}`),
    Buffer.from(`--${boundary}`),
    Buffer.from('\r\n\r\n--'),
    randomBytes(70_000),
  ]);
  const { body } = multipartBody(
    [
      { name: 'id', value: '37JudNjModKfSG1mWKbEhx9d4Qa' },
      { name: 'file', value: tricky, filename: 'blob', contentType: 'application/octet-stream' },
      { name: 'empty', value: '' },
    ],
    boundary,
  );

  it('finds the boundary from the content type, quoted or not', () => {
    assert.equal(boundaryOf(`multipart/form-data; boundary=${boundary}`), boundary);
    assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), 'a b');
    assert.equal(boundaryOf('application/json'), undefined);
  });

  it('yields every part intact however the bytes are split', async () => {
    const want = createHash('sha256').update(tricky).digest('hex');
    for (const sizes of [[1], [7, 3, 64], [4096], [body.length]]) {
      const parts = await readAll(pieces(body, sizes), boundary);
      assert.deepEqual(
        parts.map((p) => [p.name, p.size]),
        [
          ['id', 27],
          ['file', tricky.length],
          ['empty', 0],
        ],
      );
      assert.equal(parts[1].sha256, want, `split ${sizes.join(',')}`);
      assert.equal(parts[1].filename, 'blob');
    }
  });

  it('streams a part instead of buffering it', async () => {
    const parts = await readAll(pieces(body, [16 * 1024]), boundary);
    assert.ok(parts[1].maxChunk <= 16 * 1024 + 100, `largest chunk ${parts[1].maxChunk}`);
  });

  it('skips unread parts and reads small fields as text', async () => {
    const reader = new MultipartReader(pieces(body, [999]), boundary);
    const first = await reader.next();
    assert.equal(await first?.text(), '37JudNjModKfSG1mWKbEhx9d4Qa');
    await reader.next(); // file part, not read
    const third = await reader.next();
    assert.equal(third?.name, 'empty');
    assert.equal(await third?.text(), '');
    assert.equal(await reader.next(), undefined);
  });

  it('rejects truncated bodies and parts without a name', async () => {
    await assert.rejects(readAll(pieces(body.subarray(0, 5000), [512]), boundary), MultipartError);
    const bad = Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`);
    await assert.rejects(readAll(pieces(bad, [10]), boundary), /Content-Disposition/);
    await assert.rejects(readAll(pieces(Buffer.from('no boundary here'), [4]), boundary), /no boundary/);
  });
});
