// Fisheye's chunk uploads: the `file` part of a multipart/form-data body streamed to a callback
// (parsed by busboy through core/multipart.ts), with Fisheye's EINVALID_ARGUMENT refusals.
import type { Readable } from 'node:stream';
import { SimBadRequest } from '../core/envelope.js';
import { boundaryOf, MultipartError, MultipartReader } from '../core/multipart.js';

/** The request's content type when it is multipart/form-data with a boundary; refuses anything else. */
export function multipartType(contentType: string | undefined): string {
  if (!contentType || !boundaryOf(contentType))
    throw new SimBadRequest('body must be multipart/form-data with a file part', 'EINVALID_ARGUMENT');
  return contentType;
}

/**
 * Calls `onData` with consecutive slices of the file part named `field` (or the first file part)
 * and resolves with its length. Other parts are skipped. A part without a filename is a form
 * field, not a file, as for any form parser.
 */
export async function streamFilePart(
  body: Readable,
  contentType: string,
  field: string,
  onData: (slice: Buffer) => Promise<void> | void,
  /** Called with the name of each part skipped (not the file): the route marks it `lenient`. */
  onOther: (name: string) => void = () => undefined,
): Promise<number> {
  let reader: MultipartReader | undefined;
  let length: number | undefined;
  try {
    reader = new MultipartReader(body, contentType);
    for (let part = await reader.next(); part; part = await reader.next()) {
      if (length !== undefined || !part.isFile || (part.name !== field && part.filename === undefined)) {
        onOther(part.name);
        continue;
      }
      length = 0;
      for await (const slice of part.body()) {
        length += slice.length;
        await onData(slice);
      }
    }
  } catch (err) {
    reader?.discard();
    if (err instanceof MultipartError) throw new SimBadRequest(err.message, 'EINVALID_ARGUMENT');
    throw err;
  }
  if (length === undefined)
    throw new SimBadRequest(`multipart body has no '${field}' part`, 'EINVALID_ARGUMENT');
  return length;
}
