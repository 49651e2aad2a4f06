// Streams the `file` part of a multipart/form-data body to a callback without holding the part:
// only the delimiter-length tail of each network chunk is carried over between reads.
import type { Readable } from 'node:stream';
import { SimBadRequest } from '../core/envelope.js';

export function boundaryOf(contentType: string | undefined): string {
  const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!m) throw new SimBadRequest('body must be multipart/form-data with a file part', 'EINVALID_ARGUMENT');
  return m[1] ?? m[2];
}

/**
 * Calls `onData` with consecutive slices of the part named `field` (or the first part with a
 * filename) and resolves with its length. Slices are views of network buffers, valid until awaited.
 */
export async function streamFilePart(
  body: Readable,
  boundary: string,
  field: string,
  onData: (slice: Buffer) => Promise<void> | void,
): Promise<number> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary has no leading CRLF: pretend it had one.
  let pending = Buffer.from('\r\n');
  let phase: 'preamble' | 'headers' | 'data' | 'skip' | 'done' = 'preamble';
  let length = 0;
  let found = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    while (buf.length) {
      if (phase === 'preamble' || phase === 'data' || phase === 'skip') {
        const idx = buf.indexOf(delimiter);
        if (idx < 0) {
          const keep = Math.min(buf.length, delimiter.length - 1);
          if (phase === 'data' && buf.length > keep) {
            const slice = buf.subarray(0, buf.length - keep);
            length += slice.length;
            await onData(slice);
          }
          pending = Buffer.from(buf.subarray(buf.length - keep));
          buf = Buffer.alloc(0);
          break;
        }
        if (phase === 'data' && idx > 0) {
          length += idx;
          await onData(buf.subarray(0, idx));
        }
        if (phase === 'data') found = true;
        buf = buf.subarray(idx + delimiter.length);
        phase = 'headers';
        continue;
      }
      if (phase === 'headers') {
        if (buf.length < 2) {
          pending = Buffer.from(buf);
          break;
        }
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          phase = 'done';
          buf = Buffer.alloc(0);
          break;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > 16 * 1024)
            throw new SimBadRequest('multipart part headers too long', 'EINVALID_ARGUMENT');
          pending = Buffer.from(buf);
          break;
        }
        const headers = buf.subarray(0, end).toString('utf8');
        const name = /name="([^"]*)"/i.exec(headers)?.[1];
        const isFile = !found && (name === field || /filename="/i.test(headers));
        phase = isFile ? 'data' : 'skip';
        buf = buf.subarray(end + 4);
        continue;
      }
      buf = Buffer.alloc(0);
    }
  }
  if (!found) throw new SimBadRequest(`multipart body has no '${field}' part`, 'EINVALID_ARGUMENT');
  if (phase !== 'done') throw new SimBadRequest('multipart body ended early', 'EINVALID_ARGUMENT');
  return length;
}
