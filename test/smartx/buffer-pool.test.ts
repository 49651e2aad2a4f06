// The upload buffer pool (issue 24 point 3): a request holds at most its share, full-size buffers are
// bounded across all requests (past the budget a request reads into small ones), buffers come back
// for reuse, and an abandoned request's buffers count no more and are never handed out again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BufferPool } from '../../src/smartx/buffer-pool.js';

const KiB = 1024;

describe('upload buffer pool', () => {
  it('gives full-size buffers up to the budget across requests, small ones past it', async () => {
    const pool = new BufferPool(64 * KiB, 2, 4, 3, 8 * KiB);
    const a = pool.lease();
    const b = pool.lease();
    const sizes = [await a.take(), await a.take(), await b.take(), await b.take()].map((x) => x.length);
    assert.deepEqual(sizes, [64 * KiB, 64 * KiB, 64 * KiB, 8 * KiB]);
    assert.equal(pool.fullInUse, 3);
  });

  it('a request waits for its own buffer back past its share, and reuses what it gave', async () => {
    const pool = new BufferPool(64 * KiB, 2, 4, 8, 8 * KiB);
    const lease = pool.lease();
    const first = await lease.take();
    await lease.take();
    let third: Buffer | undefined;
    const waiting = lease.take().then((x) => (third = x));
    await new Promise((r) => setImmediate(r));
    assert.equal(third, undefined, 'a third take waits while two are out');
    lease.give(first);
    await waiting;
    assert.equal(third, first);
  });

  it('a full-size buffer given back frees a budget slot and is reused by the next request', async () => {
    const pool = new BufferPool(64 * KiB, 1, 4, 1, 8 * KiB);
    const a = pool.lease();
    const big = await a.take();
    assert.equal((await pool.lease().take()).length, 8 * KiB, 'the budget of one is taken');
    a.give(big);
    assert.equal(pool.fullInUse, 0);
    assert.equal(await pool.lease().take(), big);
  });

  it('an abandoned request gives up its budget; its buffers are never handed out again', async () => {
    const pool = new BufferPool(64 * KiB, 2, 4, 2, 8 * KiB);
    const dead = pool.lease();
    const held = [await dead.take(), await dead.take()];
    dead.abandon();
    assert.equal(pool.fullInUse, 0);
    for (const b of held) dead.give(b); // late write callbacks: ignored
    const next = pool.lease();
    const fresh = [await next.take(), await next.take()];
    assert.deepEqual(
      fresh.map((b) => b.length),
      [64 * KiB, 64 * KiB],
    );
    for (const b of fresh) assert.ok(!held.includes(b), 'a buffer a dead request may still be writing from');
  });
});
