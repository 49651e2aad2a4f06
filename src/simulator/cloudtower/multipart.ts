// A streaming multipart/form-data reader (RFC 7578). Parts come one at a time and a part's body is
// an async stream of chunks, so a 4 MiB upload chunk (or a whole file) goes straight to disk
// without ever being held in memory: only the bytes that might be the start of the next boundary
// are kept back between reads.
export class MultipartError extends Error {}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  headers: Record<string, string>;
  /** The part's bytes; iterate it fully (or not at all: `next()` skips what was not read). */
  body(): AsyncGenerator<Buffer>;
  /** Reads a small text field, refusing more than `limit` bytes. */
  text(limit?: number): Promise<string>;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

type Phase = 'preamble' | 'after-delimiter' | 'body' | 'done';

export class MultipartReader {
  private readonly source: AsyncIterator<Buffer>;
  private readonly delimiter: Buffer;
  // A leading CRLF lets the first boundary be found with the same "\r\n--boundary" search.
  private buf: Buffer = Buffer.from(CRLF);
  private phase: Phase = 'preamble';
  private eof = false;
  private current?: AsyncGenerator<Buffer>;

  constructor(source: AsyncIterable<Buffer | string>, boundary: string) {
    if (boundary.length === 0 || boundary.length > 70) throw new MultipartError('invalid multipart boundary');
    const it = source[Symbol.asyncIterator]();
    this.source = {
      next: async () => {
        const r = await it.next();
        return r.done
          ? r
          : { done: false, value: typeof r.value === 'string' ? Buffer.from(r.value) : r.value };
      },
    };
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  private async pull(): Promise<boolean> {
    if (this.eof) return false;
    const r = await this.source.next();
    if (r.done) {
      this.eof = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    return true;
  }

  /** The next part, or undefined after the closing boundary. */
  async next(): Promise<MultipartPart | undefined> {
    if (this.phase === 'body' && this.current) {
      // The caller did not read the previous part: skip its bytes.
      for await (const _ of this.current) void _;
    }
    if (this.phase === 'preamble') {
      for (;;) {
        const idx = this.buf.indexOf(this.delimiter);
        if (idx >= 0) {
          this.buf = this.buf.subarray(idx + this.delimiter.length);
          this.phase = 'after-delimiter';
          break;
        }
        // Keep only what could still be the start of the first boundary.
        if (this.buf.length > this.delimiter.length)
          this.buf = this.buf.subarray(this.buf.length - this.delimiter.length);
        if (!(await this.pull())) throw new MultipartError('multipart body has no boundary');
      }
    }
    if (this.phase === 'done') return undefined;
    while (this.buf.length < 2) {
      if (!(await this.pull())) throw new MultipartError('multipart body ends inside a boundary');
    }
    if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
      this.phase = 'done';
      return undefined;
    }
    // Headers run from the CRLF after the boundary to the first empty line.
    let end: number;
    for (;;) {
      end = this.buf.indexOf(HEADER_END);
      if (end >= 0) break;
      if (this.buf.length > MAX_HEADER_BYTES) throw new MultipartError('multipart part headers too large');
      if (!(await this.pull())) throw new MultipartError('multipart body ends inside part headers');
    }
    const start = this.buf.indexOf(CRLF);
    if (start < 0 || start > end) throw new MultipartError('malformed multipart boundary line');
    const headerText = this.buf.subarray(start + 2, end).toString('utf8');
    this.buf = this.buf.subarray(end + HEADER_END.length);
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      if (!line) continue;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError(`malformed multipart header line: ${line.slice(0, 40)}`);
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = headers['content-disposition'] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (!/^\s*form-data/i.test(disposition) || name === undefined) {
      throw new MultipartError('multipart part without Content-Disposition: form-data; name=...');
    }
    const filename = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    this.phase = 'body';
    const body = this.bodyStream();
    this.current = body;
    let taken = false;
    const take = (): AsyncGenerator<Buffer> => {
      if (taken) throw new MultipartError(`part "${name}" body read twice`);
      taken = true;
      return body;
    };
    return {
      name,
      filename,
      contentType: headers['content-type'],
      headers,
      body: take,
      text: async (limit = 1024 * 1024) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of take()) {
          size += chunk.length;
          if (size > limit) throw new MultipartError(`multipart field "${name}" exceeds ${limit} bytes`);
          chunks.push(chunk);
        }
        return Buffer.concat(chunks).toString('utf8');
      },
    };
  }

  private async *bodyStream(): AsyncGenerator<Buffer> {
    const keep = this.delimiter.length - 1;
    for (;;) {
      const idx = this.buf.indexOf(this.delimiter);
      if (idx >= 0) {
        const data = this.buf.subarray(0, idx);
        this.buf = this.buf.subarray(idx + this.delimiter.length);
        this.phase = 'after-delimiter';
        this.current = undefined;
        if (data.length > 0) yield data;
        return;
      }
      if (this.buf.length > keep) {
        const data = this.buf.subarray(0, this.buf.length - keep);
        this.buf = Buffer.from(this.buf.subarray(this.buf.length - keep));
        yield data;
      }
      if (!(await this.pull())) throw new MultipartError('multipart body ends inside a part');
    }
  }
}
