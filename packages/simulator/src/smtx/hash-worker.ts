// Worker thread that hashes uploaded images from their files, off the request path: the main
// thread only writes chunks; this thread follows the contiguous written prefix (page cache reads).
// Messages: {op:'range', id, file, start, end} | {op:'digest', id} | {op:'drop', id}.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

type Msg =
  | { op: 'range'; id: string; file: string; start: number; end: number }
  | { op: 'digest'; id: string }
  | { op: 'drop'; id: string };

const hashes = new Map<string, { sha: Hash; md5: Hash }>();
const block = Buffer.allocUnsafe(1 << 20);
/** Throttle (MiB/s, 0 = none): a blocking pause per MiB keeps messages strictly in order. */
const mibPerSecond = Number((workerData as { mibPerSecond?: number } | null)?.mibPerSecond ?? 0);
const pause = new Int32Array(new SharedArrayBuffer(4));

parentPort?.on('message', (msg: Msg) => {
  if (msg.op === 'drop') {
    hashes.delete(msg.id);
    return;
  }
  let h = hashes.get(msg.id);
  if (!h) hashes.set(msg.id, (h = { sha: createHash('sha256'), md5: createHash('md5') }));
  if (msg.op === 'range') {
    const fd = openSync(msg.file, 'r');
    try {
      for (let pos = msg.start; pos < msg.end;) {
        const n = readSync(fd, block, 0, Math.min(block.length, msg.end - pos), pos);
        if (n <= 0) break;
        const view = block.subarray(0, n);
        h.sha.update(view);
        h.md5.update(view);
        pos += n;
        if (mibPerSecond > 0) Atomics.wait(pause, 0, 0, (n / (1 << 20) / mibPerSecond) * 1000);
      }
    } finally {
      closeSync(fd);
    }
    parentPort?.postMessage({ op: 'progress', id: msg.id, upTo: msg.end });
    return;
  }
  hashes.delete(msg.id);
  parentPort?.postMessage({
    op: 'digest',
    id: msg.id,
    sha256: h.sha.digest('hex'),
    md5: h.md5.digest('hex'),
  });
});
