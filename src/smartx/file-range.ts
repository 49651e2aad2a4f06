// A byte range of a file on disk as a body part (an image chunk of an ISO, a package part). Unlike a
// file stream it can be sent again (a re-login repeats the call), and it is read through the client's
// BufferPool: each read fills a reused buffer that goes straight to the request, so sending costs no
// allocation per read and memory stays flat in the file's size.
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { BufferLease } from './buffer-pool.js';
import { writeInPieces } from './stream-writes.js';

export interface FileRange {
  readonly kind: 'file-range';
  readonly path: string;
  readonly start: number;
  /** Bytes from `start`; the file must hold them all. */
  readonly length: number;
}

export function fileRange(path: string, start: number, length: number): FileRange {
  return { kind: 'file-range', path, start, length };
}

export function isFileRange(value: unknown): value is FileRange {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file-range';
}

/**
 * Writes the range's bytes into `target` (not ending it), each read into a buffer of `buffers`. The
 * next read runs while the request still sends the last buffer, as a piped file stream reads ahead:
 * reading only after each write drained left the socket idle during every read.
 */
export async function writeFileRange(
  target: Writable,
  range: FileRange,
  buffers: BufferLease,
): Promise<void> {
  const file = await open(range.path, 'r');
  let sending: Promise<void> | undefined;
  try {
    let position = range.start;
    let left = range.length;
    while (left > 0) {
      const buffer = await buffers.take();
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, left), position);
      if (bytesRead === 0)
        throw new Error(`the file ends ${left} bytes short of the ${range.length} bytes from ${range.start}`);
      position += bytesRead;
      left -= bytesRead;
      await sending;
      sending = writeInPieces(
        target,
        bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead),
        () => buffers.give(buffer),
      );
      // Awaited at the next write or the end; a failure meanwhile must not count as unhandled.
      sending.catch(() => undefined);
    }
    await sending;
  } finally {
    await file.close();
  }
}
