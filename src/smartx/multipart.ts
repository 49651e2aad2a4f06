// multipart/form-data request bodies (RFC 7578), encoded by form-data-encoder (the encoder got itself
// uses). File parts are streamed, never buffered: a Buffer is handed over in views, a stream is
// piped through, so an 8 MiB image chunk costs one read of memory at most. When every file part's
// size is known the encoder computes the body length, so servers get a `content-length`.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  FormDataEncoder,
  type FileLike,
  type FormDataEntryValue,
  type FormDataLike,
} from 'form-data-encoder';
import type { BodySource } from './http.js';

interface MultipartField {
  name: string;
  value: string;
}

interface MultipartFile {
  name: string;
  filename: string;
  contentType?: string;
  /** A Buffer (replayable) or a one-shot Readable of exactly `size` bytes. */
  data: Buffer | Readable;
  size?: number;
}

type MultipartPart = MultipartField | MultipartFile;

// form-data-encoder re-splits pieces above 64 KiB by slicing `.buffer` without the view's offset,
// which would send the wrong bytes for a Buffer that is a view into a larger one: hand it pieces
// of at most 64 KiB, as views (no copy).
const PIECE = 64 * 1024;

function* pieces(chunk: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < chunk.byteLength; at += PIECE) yield chunk.subarray(at, at + PIECE);
}

async function* streamed(source: AsyncIterable<Buffer | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield* pieces(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
}

/** A File as the encoder reads it: name, type, size and a stream of the bytes. */
function fileOf(part: MultipartFile): FileLike {
  const { data } = part;
  return {
    name: part.filename,
    type: part.contentType ?? 'application/octet-stream',
    size: Buffer.isBuffer(data) ? data.length : (part.size ?? NaN),
    lastModified: 0,
    stream: Buffer.isBuffer(data)
      ? async function* () {
          yield* pieces(data);
        }
      : () => streamed(data),
    [Symbol.toStringTag]: 'File',
  };
}

/**
 * The parts in order, as the encoder reads a FormData. Node's own FormData only holds Blobs, and a
 * chunk read from disk is a one-shot stream (a Blob would need the whole file's path and an async open).
 */
function formOf(parts: readonly MultipartPart[]): FormDataLike {
  const entries: [string, FormDataEntryValue][] = parts.map((p) => [
    p.name,
    'filename' in p ? fileOf(p) : p.value,
  ]);
  return {
    append: (name: string, value: unknown) => void entries.push([name, value as FormDataEntryValue]),
    getAll: (name: string) => entries.filter(([n]) => n === name).map(([, v]) => v),
    entries: () => entries[Symbol.iterator](),
    [Symbol.iterator]: () => entries[Symbol.iterator](),
    [Symbol.toStringTag]: 'FormData',
  };
}

export function multipartBody(
  parts: readonly MultipartPart[],
  boundary = `----hci-bringup-${randomBytes(12).toString('hex')}`,
): BodySource {
  const encoder = new FormDataEncoder(formOf(parts), boundary);
  const replayable = parts.every((p) => !('filename' in p) || Buffer.isBuffer(p.data));
  return {
    open: () => Readable.from(encoder.encode(), { objectMode: false }),
    replayable,
    length: encoder.contentLength === undefined ? undefined : Number(encoder.contentLength),
    contentType: encoder.contentType,
  };
}
