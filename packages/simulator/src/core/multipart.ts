// multipart/form-data request bodies, parsed by busboy and handed out one part at a time, so a
// handler can insist on an order (the GraphQL multipart request: `operations`, `map`, then the file)
// and stream a file part to disk. busboy is also the parser of the Node GraphQL upload stack that
// CloudTower answers with, so what it accepts or refuses is what the appliance accepts or refuses.
// Memory stays bounded: an unread file part holds busboy (and so the socket) back, and text fields
// are capped in size and count.
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';

export class MultipartError extends Error {}

export interface MultipartPart {
  name: string;
  /** Present for file parts (busboy's rule: a filename, or Content-Type application/octet-stream). */
  filename?: string;
  isFile: boolean;
  contentType: string;
  /** The part's bytes; iterate fully, or not at all (`next()` skips what was not read). */
  body(): AsyncGenerator<Buffer>;
  /** The part as text, refusing more than `limit` bytes. */
  text(limit?: number): Promise<string>;
}

/** The boundary of a multipart/form-data content type, or undefined (not multipart, or none given). */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

const FIELD_BYTES = 1024 * 1024;

/** Wraps any failure of busboy or the socket as a MultipartError (answered as a bad request). */
function multipartError(err: unknown): MultipartError {
  if (err instanceof MultipartError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MultipartError(`malformed multipart body: ${message}`);
}

async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw multipartError(err);
  }
}

export class MultipartReader {
  private readonly queue: { part: MultipartPart; stream?: Readable }[] = [];
  private wake?: () => void;
  private failure?: MultipartError;
  private done = false;
  /** The file stream of the part `next()` handed out last. */
  private current?: Readable;
  private readonly source: Readable;

  constructor(source: Readable, contentType: string, limits: { fields?: number } = {}) {
    this.source = source;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fieldSize: FIELD_BYTES, fields: limits.fields ?? 16 },
      });
    } catch (err) {
      throw multipartError(err);
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return this.fail(new MultipartError(`multipart field "${name}" is too large`));
      if (!name) return this.fail(new MultipartError('multipart part without a name'));
      this.push({
        name,
        isFile: false,
        contentType: info.mimeType,
        body: async function* () {
          yield Buffer.from(value, 'utf8');
        },
        text: (limit = FIELD_BYTES) => {
          if (Buffer.byteLength(value) > limit)
            return Promise.reject(new MultipartError(`multipart field "${name}" exceeds ${limit} bytes`));
          return Promise.resolve(value);
        },
      });
    });
    parser.on('file', (name, stream, info) => {
      // Errors surface through body() or next(); an unread part must not crash on one.
      stream.on('error', () => undefined);
      if (!name) {
        stream.resume();
        return this.fail(new MultipartError('multipart part without a name'));
      }
      let taken = false;
      const take = (): AsyncGenerator<Buffer> => {
        if (taken) throw new MultipartError(`part "${name}" body read twice`);
        taken = true;
        return chunksOf(stream);
      };
      this.push(
        {
          name,
          filename: info.filename,
          isFile: true,
          contentType: info.mimeType,
          body: take,
          text: async (limit = FIELD_BYTES) => {
            const chunks: Buffer[] = [];
            let size = 0;
            for await (const chunk of take()) {
              size += chunk.length;
              if (size > limit) throw new MultipartError(`multipart field "${name}" exceeds ${limit} bytes`);
              chunks.push(chunk);
            }
            return Buffer.concat(chunks).toString('utf8');
          },
        },
        stream,
      );
    });
    parser.on('finish', () => {
      this.done = true;
      this.signal();
    });
    pipeline(source, parser, (err) => {
      if (err) this.fail(multipartError(err));
    });
  }

  private push(part: MultipartPart, stream?: Readable): void {
    this.queue.push({ part, stream });
    this.signal();
  }

  private fail(err: MultipartError): void {
    this.failure ??= err;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The next part in body order, or undefined after the closing boundary. */
  async next(): Promise<MultipartPart | undefined> {
    // A file part the caller did not read is skipped, or busboy would wait for it forever.
    if (this.current && this.current.readableFlowing !== true) this.current.resume();
    this.current = undefined;
    for (;;) {
      const entry = this.queue.shift();
      if (entry) {
        this.current = entry.stream;
        return entry.part;
      }
      if (this.failure) throw this.failure;
      if (this.done) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops parsing: the rest of the request is read and thrown away (after a part was refused midway). */
  discard(): void {
    this.source.unpipe();
    this.source.resume();
  }

  /** Reads and discards the rest of the body (after an early answer), so the reply goes out cleanly. */
  async drain(): Promise<void> {
    try {
      for (let part = await this.next(); part; part = await this.next()) {
        for await (const _ of part.body()) void _;
      }
    } catch {
      // A malformed rest is as good as drained: the answer is already decided.
      this.source.resume();
    }
  }
}
