// Upload volumes: each image is a sparse file in the state dir, written chunk by chunk at its offset
// as the bytes arrive (never a whole chunk in memory). The server is the truth for `to_upload`.
// sha256/md5 are computed incrementally by a worker thread that follows the contiguous written
// prefix (out-of-order chunks are hashed once the gap before them closes), so hashing never slows
// the upload path. An image is `complete` (usable by a VM, listed as in-use) the moment its last chunk
// is stored, as on a real cluster where seed 003 creates the VM straight after the upload; its md5 and
// sha256 follow when the background hash is done.
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SimBadRequest } from '../core/envelope.js';
import { BackgroundHasher } from './hasher.js';
import { streamFilePart } from './multipart.js';
import type { SmtxWorld } from './world.js';

export interface Upload {
  kind: 'iso' | 'svt';
  record: Record<string, unknown>;
  file: string;
  size: number;
  chunkSize: number;
  chunks: number;
  received: Uint8Array;
  missing: number;
  /** Chunks [0, hashedUpTo) have been handed to the hasher. */
  hashedUpTo: number;
  fh?: FileHandle;
}

export class UploadStore {
  readonly uploads = new Map<string, Upload>();
  private readonly dir: string;
  readonly hasher: BackgroundHasher;

  constructor(private readonly world: SmtxWorld) {
    this.dir = path.join(world.core.options.stateDir, 'uploads');
    this.hasher = new BackgroundHasher(world.opts.hashMiBPerSecond ?? 0);
  }

  async create(kind: 'iso' | 'svt', name: string, size: number, description: string): Promise<Upload> {
    const chunkSize = this.world.opts.chunkSize;
    const uuid = this.world.uuid();
    const zbsVolumeId = this.world.uuid();
    const imagePath =
      kind === 'svt'
        ? `/usr/share/smartx/images/vmtools/${uuid}`
        : `iscsi://iqn.2016-02.com.smartx:system:zbs-iscsi-datastore-${this.world.uuid()}/${1 + this.uploads.size}`;
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${uuid}.img`);
    const fh = await open(file, 'w+');
    await fh.truncate(size); // sparse: no blocks used until written
    const chunks = Math.max(1, Math.ceil(size / chunkSize));
    const record: Record<string, unknown> = {
      kind,
      uuid,
      name,
      description,
      size,
      zbs_volume_id: zbsVolumeId,
      image_path: imagePath,
      chunk_size: chunkSize,
      chunks,
      uploaded_chunks: 0,
      complete: false,
      hashed: false,
      sha256: null,
      md5: null,
      time: Math.floor(this.world.clock.now() / 1000),
    };
    this.world.state.images.push(record);
    const upload: Upload = {
      kind,
      record,
      file,
      size,
      chunkSize,
      chunks,
      received: new Uint8Array(chunks),
      missing: chunks,
      hashedUpTo: 0,
      fh,
    };
    this.uploads.set(uuid, upload);
    return upload;
  }

  toUpload(u: Upload): number[] {
    const list: number[] = [];
    for (let i = 0; i < u.chunks; i++) if (!u.received[i]) list.push(i);
    return list;
  }

  find(imageUuid: string, zbsVolumeId: string): Upload | undefined {
    const u = this.uploads.get(imageUuid);
    return u && u.record.zbs_volume_id === zbsVolumeId ? u : undefined;
  }

  /** Streams one chunk from a multipart body into place. Throws SimBadRequest on a wrong size. */
  async writeChunk(
    u: Upload,
    n: number,
    body: Readable,
    contentType: string,
    onOther?: (name: string) => void,
  ): Promise<void> {
    const expected = n === u.chunks - 1 ? u.size - n * u.chunkSize : u.chunkSize;
    const fh = u.fh ?? (u.fh = await open(u.file, 'r+'));
    let position = n * u.chunkSize;
    let written = 0;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    // One disk write in flight while the next MiB arrives: network and disk overlap.
    let inflight: Promise<unknown> = Promise.resolve();
    let writeError: Error | undefined;
    const flush = async () => {
      if (!batchBytes) return;
      const bufs = batch;
      const at = position;
      position += batchBytes;
      batch = [];
      batchBytes = 0;
      await inflight;
      // Caught here so a body that fails midway never leaves an unhandled rejection behind.
      inflight = fh.writev(bufs, at).catch((e: Error) => (writeError = e));
    };
    const streamed = streamFilePart(
      body,
      contentType,
      'file',
      async (slice) => {
        written += slice.length;
        if (written > expected)
          throw new SimBadRequest(`chunk ${n} is larger than ${expected} bytes`, 'EINVALID_ARGUMENT');
        batch.push(slice);
        batchBytes += slice.length;
        if (batchBytes >= 1 << 20) await flush();
      },
      onOther,
    );
    await streamed.finally(() => inflight);
    await flush();
    await inflight;
    if (writeError) throw writeError;
    if (written !== expected)
      throw new SimBadRequest(`chunk ${n} must be ${expected} bytes, got ${written}`, 'EINVALID_ARGUMENT');
    if (!u.received[n]) {
      u.received[n] = 1;
      u.missing--;
      u.record.uploaded_chunks = u.chunks - u.missing;
    }
    this.feedHasher(u);
    // The last chunk's reply does not wait for the hashes (they follow in the background).
    if (u.missing === 0 && !u.record.complete) void this.complete(u);
  }

  /** Hands the newly contiguous prefix to the hasher (chunks are final once received). */
  private feedHasher(u: Upload): void {
    let end = u.hashedUpTo;
    while (end < u.chunks && u.received[end]) end++;
    if (end === u.hashedUpTo) return;
    this.hasher.range(
      u.record.uuid as string,
      u.file,
      u.hashedUpTo * u.chunkSize,
      Math.min(u.size, end * u.chunkSize),
    );
    u.hashedUpTo = end;
  }

  private async complete(u: Upload): Promise<void> {
    u.record.complete = true;
    u.record.completed_at = this.world.clock.now();
    await u.fh?.close();
    u.fh = undefined;
    const { sha256, md5 } = await this.hasher.digest(u.record.uuid as string);
    u.record.sha256 = sha256;
    u.record.md5 = md5;
    u.record.hashed = true;
    this.world.core.log('image-complete', { name: u.record.name, size: u.size, sha256 });
  }

  async delete(uuid: string): Promise<boolean> {
    const u = this.uploads.get(uuid);
    if (!u) return false;
    this.uploads.delete(uuid);
    this.hasher.drop(uuid);
    await u.fh?.close().catch(() => undefined);
    await rm(u.file, { force: true });
    const i = this.world.state.images.indexOf(u.record);
    if (i >= 0) this.world.state.images.splice(i, 1);
    return true;
  }

  async closeAll(): Promise<void> {
    for (const u of this.uploads.values()) await u.fh?.close().catch(() => undefined);
    await this.hasher.stop();
  }
}
