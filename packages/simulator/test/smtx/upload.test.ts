/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON from the wire, checked by the assertions */
// A 1 GB sparse upload over HTTP with injected chunk failures, a connection reset and a client
// "restart" that resumes from to_upload (second half out of order): the image's sha256 must match.
// Memory is measured in bench/sim-upload.ts, not asserted here: RSS on a shared machine is noise.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import type { RunningSimulator } from '../../src/index.js';
import { admin, call, deployCluster, login, startTestSim, waitFor } from './helpers.js';

const size = 1024 * 1024 * 1024 + 12345; // 1 GiB and a short last chunk
const chunkSize = 8 * 1024 * 1024;

async function postChunk(
  sim: RunningSimulator,
  token: string,
  vol: { zbs_volume_id: string; image_uuid: string },
  file: string,
  n: number,
) {
  const { host, port } = sim.resolve('127.1.0.11', 443);
  const start = n * chunkSize;
  const len = Math.min(chunkSize, size - start);
  const head = Buffer.from(
    `--b0undary\r\nContent-Disposition: form-data; name="file"; filename="iso"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from('\r\n--b0undary--\r\n');
  async function* body() {
    yield head;
    yield* createReadStream(file, { start, end: start + len - 1, highWaterMark: 1 << 20 });
    yield tail;
  }
  const q = `zbs_volume_id=${vol.zbs_volume_id}&chunk_num=${n}&image_uuid=${vol.image_uuid}`;
  const res = await got.post(`https://${host}:${port}/api/v2/images/upload?${q}`, {
    body: Readable.from(body()),
    headers: {
      host: '127.1.0.11',
      'x-smartx-token': token,
      'content-type': 'multipart/form-data; boundary=b0undary',
      'content-length': String(head.length + len + tail.length),
    },
    https: { rejectUnauthorized: false },
    throwHttpErrors: false,
    retry: { limit: 0 },
    responseType: 'json',
  });
  return { status: res.statusCode, body: res.body as { data: { to_upload: number[] } } };
}

describe('1 GB chunked upload', () => {
  let sim: RunningSimulator;
  let dir: string;
  let file: string;
  let expected: string;
  before(async () => {
    sim = await startTestSim({ smtx: { deploySeconds: 60 } });
    await deployCluster(sim);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sim-upload-'));
    file = path.join(dir, 'source.iso');
    const fh = await open(file, 'w');
    await fh.truncate(size);
    // A few non-zero blocks so a misplaced chunk changes the hash.
    for (let i = 0; i < 40; i++)
      await fh.write(createHash('sha256').update(String(i)).digest(), 0, 32, Math.floor((size / 40) * i));
    await fh.close();
    const h = createHash('sha256');
    for await (const b of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(b as Buffer);
    expected = h.digest('hex');
  });
  after(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('survives failures, a reset and a client restart, and ends with the right sha256 and md5', async () => {
    const token = await login(sim, '127.1.0.11');
    await admin(sim, 'PUT', '/__sim/faults', {
      rules: [
        { match: 'chunk:5', kind: 'fail', nth: 1 },
        { match: 'chunk:97', kind: 'status', status: 503, nth: 1 },
        { match: 'chunk:40', kind: 'reset', nth: 1 },
      ],
    });
    const vol = (
      await call(
        sim,
        '127.1.0.11',
        'POST',
        `/api/v2/images/upload/volume?description=&name=big.iso&device=nfs&task_id=1&size=${size}`,
        { token },
      )
    ).body.data;
    assert.equal(vol.chunk_size, chunkSize);
    assert.equal(vol.to_upload.length, Math.ceil(size / chunkSize));
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const failures: number[] = [];
    // First "process": in order, up to chunk 64, then it dies.
    for (let n = 0; n < 64; n++) {
      const r = await postChunk(sim, token, vol, file, n).catch(() => ({ status: 0, body: undefined }));
      if (r.status !== 200) failures.push(n);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    assert.deepEqual(failures, [5, 40]);
    // Second "process": asks the server what is missing (by re-sending chunk 0) and uploads the rest,
    // last first, so the server sees out-of-order and repeated chunks.
    let toUpload = (await postChunk(sim, token, vol, file, 0)).body.data.to_upload;
    assert.ok(toUpload.includes(5) && toUpload.includes(40) && toUpload.includes(64));
    for (let round = 0; toUpload.length && round < 3; round++) {
      for (const n of [...toUpload].reverse()) {
        const r = await postChunk(sim, token, vol, file, n);
        if (r.status === 200) toUpload = r.body.data.to_upload;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    }
    assert.deepEqual(toUpload, []);
    // Hashes follow in a worker thread; the image is listed once they are known.
    const image = await waitFor('hashes', async () => {
      const img = (await admin(sim, 'GET', '/__sim/state')).body.images.find(
        (i: { uuid: string }) => i.uuid === vol.image_uuid,
      );
      return img.hashed ? img : undefined;
    });
    assert.equal(image.complete, true);
    assert.equal(image.sha256, expected);
    const list = (await call(sim, '127.1.0.11', 'GET', '/api/v2/images', { token })).body.data.images;
    assert.equal(list[0].size, size);
    assert.equal(list[0].md5, image.md5);
    console.log(
      `1 GiB upload: process RSS grew by ${((peak - rss0) / 1024 / 1024).toFixed(1)} MiB (informative)`,
    );
    const faults = (await admin(sim, 'GET', '/__sim/faults')).body.counters;
    assert.deepEqual(
      faults.map((f: { fired: number }) => f.fired),
      [1, 1, 1],
    );
  });
});
