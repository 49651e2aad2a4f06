import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { boundaryOf, MultipartError, MultipartReader } from '../../src/core/multipart.js';
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

const typeOf = (boundary: string) => `multipart/form-data; boundary=${boundary}`;

async function readAll(source: AsyncIterable<Buffer>, boundary: string) {
  const reader = new MultipartReader(Readable.from(source), typeOf(boundary));
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
    // Pieces come at most one file-stream high-water mark (64 KiB) at a time, whatever the part's size.
    const big = randomBytes(1024 * 1024);
    const { body: large } = multipartBody([{ name: 'file', value: big, filename: 'blob' }], boundary);
    const parts = await readAll(pieces(large, [16 * 1024]), boundary);
    assert.equal(parts[0].size, big.length);
    assert.ok(parts[0].maxChunk <= 64 * 1024, `largest chunk ${parts[0].maxChunk}`);
  });

  it('skips unread parts and reads small fields as text', async () => {
    const reader = new MultipartReader(Readable.from(pieces(body, [999])), typeOf(boundary));
    const first = await reader.next();
    assert.equal(await first?.text(), '37JudNjModKfSG1mWKbEhx9d4Qa');
    await reader.next(); // file part, not read
    const third = await reader.next();
    assert.equal(third?.name, 'empty');
    assert.equal(await third?.text(), '');
    assert.equal(await reader.next(), undefined);
  });

  it('rejects truncated bodies, bodies without a boundary and parts without a name', async () => {
    await assert.rejects(readAll(pieces(body.subarray(0, 5000), [512]), boundary), MultipartError);
    await assert.rejects(readAll(pieces(Buffer.from('no boundary here'), [4]), boundary), MultipartError);
    const unnamed = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; filename="x"\r\n\r\nx\r\n--${boundary}--\r\n`,
    );
    await assert.rejects(readAll(pieces(unnamed, [10]), boundary), /without a name/);
    assert.throws(() => new MultipartReader(Readable.from([]), 'multipart/form-data'), MultipartError);
  });

  it('skips a part without Content-Disposition, as busboy-based upload servers do', async () => {
    const bad = Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`);
    assert.deepEqual(await readAll(pieces(bad, [10]), boundary), []);
  });

  it('tells file parts from fields and refuses an oversized text read', async () => {
    const reader = new MultipartReader(Readable.from(pieces(body, [4096])), typeOf(boundary));
    const id = await reader.next();
    assert.equal(id?.isFile, false);
    const file = await reader.next();
    assert.equal(file?.isFile, true);
    assert.equal(file?.contentType, 'application/octet-stream');
    assert.ok(file);
    await assert.rejects(file.text(1024), /exceeds 1024 bytes/);
  });
});
