// Small-body readers for SimRequest.json()/buffer(). Streamed bodies (chunks) never come here.
import type { IncomingMessage } from 'node:http';
import { SimBadRequest } from './envelope.js';

const maxSmallBody = 16 * 1024 * 1024;

export function readBody(raw: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    raw.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSmallBody) {
        reject(new SimBadRequest('request body too large', 'EBAD_REQUEST', 413));
        raw.destroy();
        return;
      }
      parts.push(chunk);
    });
    raw.once('end', () => resolve(Buffer.concat(parts)));
    raw.once('error', reject);
  });
}

export async function readJson(raw: IncomingMessage): Promise<unknown> {
  const buf = await readBody(raw);
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    throw new SimBadRequest('request body is not valid JSON', 'EBAD_REQUEST', 400);
  }
}
