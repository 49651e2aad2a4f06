// Writing a request body piece by piece with backpressure, for bodies written straight into a request
// (no intermediate Readable): a write that fills the request's buffer waits for `drain`, and a request
// that is destroyed meanwhile (answered early, timed out, reset) ends the wait with an error.
import type { Readable, Writable } from 'node:stream';

/** Resolves once `target` can take more; rejects when it fails or closes first. */
function drained(target: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      target.off('drain', onDrain);
      target.off('error', onError);
      target.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    const onClose = () => done(new Error('the request was closed before its body was sent'));
    target.on('drain', onDrain);
    target.on('error', onError);
    target.on('close', onClose);
  });
}

/** Writes `chunk`; `written` runs when the request no longer needs its bytes (then it may be reused). */
export async function writeChunk(target: Writable, chunk: Uint8Array, written?: () => void): Promise<void> {
  if (target.destroyed) throw new Error('the request was closed before its body was sent');
  const more = target.write(chunk, written && (() => written()));
  if (!more) await drained(target);
}

/**
 * The most one socket write carries. Node's TLS sizes a connection's buffer for encrypted output to
 * the whole write and keeps it while the connection lives: after a 2 MiB write, every kept-alive
 * socket of an upload held ~2 MiB of native memory (2,072 KiB each, 33 of them at a twenty-site
 * fleet's peak; issue 24 point 3). Pieces of this size keep that buffer at ~280 KiB.
 */
export const WRITE_PIECE_BYTES = 256 * 1024;

/**
 * Writes `chunk` in pieces of at most WRITE_PIECE_BYTES, each after the last one was taken by the
 * socket (pieces written at once would be joined again into one write); `written` runs after the last.
 */
export async function writeInPieces(
  target: Writable,
  chunk: Uint8Array,
  written?: () => void,
): Promise<void> {
  for (let at = 0; at < chunk.length; at += WRITE_PIECE_BYTES) {
    const end = Math.min(chunk.length, at + WRITE_PIECE_BYTES);
    await writeChunk(target, chunk.subarray(at, end), end === chunk.length ? written : undefined);
  }
}

/** Sends every byte of `source` into `target` without ending it; `source` is consumed. */
export async function pipeWithoutEnd(target: Writable, source: Readable): Promise<void> {
  for await (const chunk of source as AsyncIterable<Buffer | string>)
    await writeChunk(target, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
}
