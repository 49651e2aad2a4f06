// multipart/form-data request bodies (RFC 7578), framed by form-data-encoder (the encoder got itself
// uses). File parts are never buffered whole: a Buffer is sent as it is, a file range is read through
// the client's few reused buffers, a stream is sent chunk by chunk, so an 8 MiB image chunk costs a
// couple of MiB of memory at most. When every file part's size is known the encoder computes the body
// length, so servers get a `content-length`.
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import {
  FormDataEncoder,
  type FileLike,
  type FormDataEntryValue,
  type FormDataLike,
} from 'form-data-encoder';
import type { BufferLease } from './buffer-pool.js';
import { isFileRange, writeFileRange, type FileRange } from './file-range.js';
import type { BodySource } from './http.js';
import { pipeWithoutEnd, writeChunk } from './stream-writes.js';

interface MultipartField {
  name: string;
  value: string;
}

/** The bytes of a file part: a Buffer, a range of a file on disk, or a one-shot Readable. */
export type FileData = Buffer | FileRange | Readable;

interface MultipartFile {
  name: string;
  filename: string;
  contentType?: string;
  /** A Buffer or a file range (both replayable), or a one-shot Readable of exactly `size` bytes. */
  data: FileData;
  size?: number;
}

type MultipartPart = MultipartField | MultipartFile;

function sizeOf(part: MultipartFile): number {
  const { data } = part;
  if (Buffer.isBuffer(data)) return data.length;
  if (isFileRange(data)) return data.length;
  return part.size ?? NaN;
}

/** A File as the encoder frames it: name, type and size (the bytes are written by the body, not read here). */
function fileOf(part: MultipartFile): FileLike {
  return {
    name: part.filename,
    type: part.contentType ?? 'application/octet-stream',
    size: sizeOf(part),
    lastModified: 0,
    stream: () => {
      throw new Error('multipart: file bytes are sent by multipartBody, not read by the encoder');
    },
    [Symbol.toStringTag]: 'File',
  };
}

/**
 * The parts in order, as the encoder reads a FormData. Node's own FormData only holds Blobs, and a
 * chunk read from disk is a range of a file (a Blob would need the whole file's path and an async open).
 */
function formOf(parts: readonly MultipartPart[], files: Map<unknown, FileData>): FormDataLike {
  const entries: [string, FormDataEntryValue][] = parts.map((p) => {
    if (!('filename' in p)) return [p.name, p.value];
    const file = fileOf(p);
    files.set(file, p.data);
    return [p.name, file];
  });
  return {
    append: (name: string, value: unknown) => void entries.push([name, value as FormDataEntryValue]),
    getAll: (name: string) => entries.filter(([n]) => n === name).map(([, v]) => v),
    entries: () => entries[Symbol.iterator](),
    [Symbol.iterator]: () => entries[Symbol.iterator](),
    [Symbol.toStringTag]: 'FormData',
  };
}

/**
 * The body as the request receives it: the encoder's framing (`values()`: part headers, field values,
 * CRLFs, the footer; files left unread), adjacent pieces joined so a part's preamble is one write, and
 * each file's own bytes in between. The encoder's `encode()` would re-split every file into 64 KiB
 * pieces through an async generator; that, and a Readable between us and the request, cost an upload a
 * third of its speed (issue 24).
 */
function piecesOf(encoder: FormDataEncoder, files: Map<unknown, FileData>): (Buffer | FileData)[] {
  const pieces: (Buffer | FileData)[] = [];
  let framing: Uint8Array[] = [];
  const flush = () => {
    if (framing.length) pieces.push(Buffer.concat(framing));
    framing = [];
  };
  for (const value of encoder.values()) {
    const data = files.get(value);
    if (data === undefined) framing.push(value as Uint8Array);
    else {
      flush();
      pieces.push(data);
    }
  }
  flush();
  return pieces;
}

export function multipartBody(
  parts: readonly MultipartPart[],
  boundary = `----hci-bringup-${randomBytes(12).toString('hex')}`,
): BodySource {
  const files = new Map<unknown, FileData>();
  const encoder = new FormDataEncoder(formOf(parts, files), boundary);
  const pieces = piecesOf(encoder, files);
  const replayable = parts.every((p) => !('filename' in p) || Buffer.isBuffer(p.data) || isFileRange(p.data));
  return {
    async writeTo(target: Writable, buffers: BufferLease): Promise<void> {
      for (const piece of pieces) {
        if (Buffer.isBuffer(piece)) await writeChunk(target, piece);
        else if (isFileRange(piece)) await writeFileRange(target, piece, buffers);
        else await pipeWithoutEnd(target, piece);
      }
      target.end();
    },
    replayable,
    length: encoder.contentLength === undefined ? undefined : Number(encoder.contentLength),
    contentType: encoder.contentType,
  };
}
