// Where uploaded data and built artifacts live under the simulator's data directory, and the
// streaming helpers that keep large files out of memory.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SimContext } from '../core/contract.js';

export async function dataPath(ctx: SimContext, ...parts: string[]): Promise<string> {
  const file = path.join(ctx.dataDir, 'cloudtower', ...parts);
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

/** Feeds a file into a hash without loading it (whole file, or `start`..`end` inclusive). */
export async function hashFileInto(
  hash: Hash,
  file: string,
  range?: { start: number; end: number },
): Promise<void> {
  for await (const chunk of createReadStream(file, range)) hash.update(chunk as Buffer);
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await hashFileInto(hash, file);
  return hash.digest('hex');
}
