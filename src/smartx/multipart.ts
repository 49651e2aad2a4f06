// A streamed multipart/form-data body (RFC 7578). File parts are piped through, never buffered, so an
// 8 MiB image chunk or a 4 MiB package part costs one chunk of memory at most. The body length is
// computed up front when every file part's size is known, so servers get a `content-length`.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BodySource } from './http.js';

export interface MultipartField {
  name: string;
  value: string;
}

export interface MultipartFile {
  name: string;
  filename: string;
  contentType?: string;
  /** A Buffer (replayable) or a one-shot Readable of exactly `size` bytes. */
  data: Buffer | Readable;
  size?: number;
}

export type MultipartPart = MultipartField | MultipartFile;

const CRLF = '\r\n';

function quote(value: string): string {
  return value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ''));
}

function partHeader(boundary: string, part: MultipartPart): Buffer {
  const lines = [`--${boundary}`];
  if ('filename' in part) {
    lines.push(
      `Content-Disposition: form-data; name="${quote(part.name)}"; filename="${quote(part.filename)}"`,
    );
    lines.push(`Content-Type: ${part.contentType ?? 'application/octet-stream'}`);
  } else {
    lines.push(`Content-Disposition: form-data; name="${quote(part.name)}"`);
  }
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'utf8');
}

export function multipartBody(
  parts: readonly MultipartPart[],
  boundary = `----hci-bringup-${randomBytes(12).toString('hex')}`,
): BodySource {
  const headers = parts.map((p) => partHeader(boundary, p));
  const tail = Buffer.from(`--${boundary}--${CRLF}`, 'utf8');
  let length: number | undefined = tail.length;
  for (const [i, part] of parts.entries()) {
    const size =
      'filename' in part
        ? Buffer.isBuffer(part.data)
          ? part.data.length
          : part.size
        : Buffer.byteLength(part.value);
    length =
      size === undefined || length === undefined
        ? undefined
        : length + headers[i].length + size + CRLF.length;
  }
  const replayable = parts.every((p) => !('filename' in p) || Buffer.isBuffer(p.data));
  async function* generate(): AsyncGenerator<Buffer> {
    for (const [i, part] of parts.entries()) {
      yield headers[i];
      if ('filename' in part) {
        if (Buffer.isBuffer(part.data)) yield part.data;
        else
          for await (const chunk of part.data as AsyncIterable<Buffer | string>)
            yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      } else {
        yield Buffer.from(part.value, 'utf8');
      }
      yield Buffer.from(CRLF);
    }
    yield tail;
  }
  return {
    open: () => Readable.from(generate(), { objectMode: false }),
    replayable,
    length,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
