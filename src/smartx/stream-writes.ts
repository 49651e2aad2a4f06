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

/** Sends every byte of `source` into `target` without ending it; `source` is consumed. */
export async function pipeWithoutEnd(target: Writable, source: Readable): Promise<void> {
  for await (const chunk of source as AsyncIterable<Buffer | string>)
    await writeChunk(target, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
}
