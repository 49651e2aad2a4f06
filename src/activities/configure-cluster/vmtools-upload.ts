// Seed 003 §03 "上传虚拟机工具（SVT）", seed 002 §6: the VMTools ISO goes into an SVT volume chunk by
// chunk. The file is streamed from disk one chunk at a time (never read whole); the server's
// `to_upload` drives the loop and is the truth when resuming after a crash (heartbeat details keep the
// volume ids and the last `to_upload`).
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { SmartxHttpError, type FisheyeClient, type UploadVolume } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { FailureType, remoteStep } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { fisheyeClient, isMissingEndpoint, type Fisheye } from './fisheye.js';
import { whileHeartbeating } from './keep-alive.js';

export interface UploadVmToolsRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  /** Where the packages of the bring-up are (`SMTX_VMTOOLS-*.iso`). */
  packageDir: string;
}

export interface UploadVmToolsResult {
  status: 'uploaded' | 'already-present' | 'no-file';
  file?: string;
  bytes?: number;
}

/** Heartbeat details: where the upload stands (no secrets). */
export interface VmToolsUploadProgress {
  file: string;
  size: number;
  imageUuid: string;
  zbsVolumeId: string;
  chunkSize: number;
  /** The server's last `to_upload`. */
  toUpload: number[];
  chunksLeft: number;
  bytesSent: number;
}

/** `SMTX_VMTOOLS-3.2.0-2501210639.iso`, also `smtx-svt-…iso`; case-insensitive. */
const VMTOOLS_ISO = /^(smtx[_-])?(vmtools|svt)[-_].*\.iso$/i;
/** Tries per chunk (transient errors, or the server still listing the chunk as missing). */
const CHUNK_TRIES = 3;

interface LocalIso {
  name: string;
  path: string;
  size: number;
}

function versionOf(name: string): number[] {
  return (name.match(/\d+/g) ?? []).map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest VMTools ISO in `dir` (by the version numbers in its name, then mtime), if any. */
export async function findVmToolsIso(dir: string): Promise<LocalIso | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const candidates: (LocalIso & { mtimeMs: number })[] = [];
  for (const name of names.filter((n) => VMTOOLS_ISO.test(n))) {
    const full = path.join(dir, name);
    const s = await stat(full);
    if (s.isFile() && s.size > 0) candidates.push({ name, path: full, size: s.size, mtimeMs: s.mtimeMs });
  }
  candidates.sort((a, b) => compareVersions(versionOf(b.name), versionOf(a.name)) || b.mtimeMs - a.mtimeMs);
  const best = candidates[0];
  return best && { name: best.name, path: best.path, size: best.size };
}

const svtListSchema = z.union([
  z
    .looseObject({ images: z.array(z.looseObject({ name: z.string(), size: z.number() })) })
    .transform((o) => o.images),
  z.array(z.looseObject({ name: z.string(), size: z.number() })),
]);

/** GET /api/v2/svt_image (not in seed 003): the complete SVT images, or undefined when absent. */
async function listSvtImages(client: FisheyeClient): Promise<{ name: string; size: number }[] | undefined> {
  try {
    return await client.http.call({
      method: 'GET',
      path: '/api/v2/svt_image',
      parse: 'envelope',
      schema: svtListSchema,
    });
  } catch (err) {
    if (isMissingEndpoint(err)) return undefined;
    throw err;
  }
}

async function isPresent(client: FisheyeClient, iso: LocalIso): Promise<boolean> {
  const same = (i: { name: string; size: number }) => i.name === iso.name && i.size === iso.size;
  const svt = await listSvtImages(client);
  if (svt?.some(same)) return true;
  return (await client.listImages()).some(same);
}

class VolumeGone extends Error {
  constructor(imageUuid: string) {
    super(`the upload volume ${imageUuid} no longer exists on the cluster`);
  }
}

async function uploadChunks(
  run: RunContext,
  client: FisheyeClient,
  iso: LocalIso,
  progress: VmToolsUploadProgress,
): Promise<void> {
  const ctx = Context.current();
  const tries = new Map<number, number>();
  const beat = () => ctx.heartbeat({ ...progress, chunksLeft: progress.toUpload.length });
  beat();
  while (progress.toUpload.length > 0) {
    const n = progress.toUpload[0];
    const start = n * progress.chunkSize;
    const end = Math.min(iso.size, start + progress.chunkSize);
    if (start >= iso.size) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `upload ${iso.name}: the server asks for chunk ${n} of ${progress.chunkSize} bytes, beyond the file's ${iso.size} bytes. Fix: the local file differs from the volume; remove the volume ${progress.imageUuid} and retry.`,
      });
    }
    const attempt = (tries.get(n) ?? 0) + 1;
    tries.set(n, attempt);
    const data = createReadStream(iso.path, { start, end: end - 1 });
    let answer: { to_upload?: number[] };
    try {
      answer = await whileHeartbeating(
        run,
        () => ({ ...progress, chunksLeft: progress.toUpload.length }),
        () =>
          client.svtUploadChunk({
            zbsVolumeId: progress.zbsVolumeId,
            imageUuid: progress.imageUuid,
            chunkNum: n,
            data,
            size: end - start,
          }),
      );
    } catch (err) {
      if (err instanceof SmartxHttpError && err.kind === 'not-found')
        throw new VolumeGone(progress.imageUuid);
      if (err instanceof SmartxHttpError && err.retryable && attempt < CHUNK_TRIES) {
        ctx.log.warn('chunk upload failed, trying again', {
          file: iso.name,
          chunk: n,
          attempt,
          error: err.message,
        });
        await ctx.sleep(1000 * attempt);
        continue;
      }
      throw err;
    } finally {
      data.destroy();
    }
    progress.bytesSent += end - start;
    const next = answer.to_upload ?? progress.toUpload.filter((c) => c !== n);
    if (next.includes(n) && attempt >= CHUNK_TRIES) {
      throw ApplicationFailure.create({
        type: FailureType.remoteFailed,
        message: `upload ${iso.name}: chunk ${n} is still missing on the server after ${attempt} tries. Fix: check the cluster's storage; the step is retried and resumes from the missing chunks.`,
      });
    }
    // The server's list, with the chunk just sent moved to the end if it is still missing.
    progress.toUpload = [...next.filter((c) => c !== n), ...next.filter((c) => c === n)];
    beat();
  }
}

/** Uploads the VMTools (SVT) ISO of `packageDir` unless the cluster has it; no ISO is not an error. */
export async function uploadVmTools(req: UploadVmToolsRequest): Promise<UploadVmToolsResult> {
  const ctx = Context.current();
  const iso = await findVmToolsIso(req.packageDir);
  if (!iso) {
    ctx.log.warn('no VMTools ISO (SMTX_VMTOOLS-*.iso) in the package directory: upload skipped', {
      packageDir: req.packageDir,
    });
    return { status: 'no-file' };
  }
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const step = `upload the VMTools ISO ${iso.name} (${iso.size} bytes) to ${req.vip}`;
  return remoteStep(step, async () => {
    if (await isPresent(client, iso)) {
      ctx.log.info('VMTools ISO already on the cluster', { file: iso.name, bytes: iso.size });
      return { status: 'already-present', file: iso.name, bytes: iso.size };
    }
    const previous = resumeDetails<VmToolsUploadProgress>();
    const resumable =
      previous?.file === iso.name && previous.size === iso.size && Array.isArray(previous.toUpload)
        ? previous
        : undefined;
    const fresh = async (): Promise<VmToolsUploadProgress> => {
      const volume: UploadVolume = await client.svtCreateVolume(iso.name, iso.size);
      ctx.log.info('SVT volume created', {
        file: iso.name,
        imageUuid: volume.image_uuid,
        chunkSize: volume.chunk_size,
        chunks: volume.to_upload.length,
      });
      return {
        file: iso.name,
        size: iso.size,
        imageUuid: volume.image_uuid,
        zbsVolumeId: volume.zbs_volume_id,
        chunkSize: volume.chunk_size,
        toUpload: [...volume.to_upload],
        chunksLeft: volume.to_upload.length,
        bytesSent: 0,
      };
    };
    let progress: VmToolsUploadProgress;
    if (resumable) {
      ctx.log.info('resuming the VMTools upload', {
        file: iso.name,
        imageUuid: resumable.imageUuid,
        chunksLeft: resumable.toUpload.length,
      });
      progress = { ...resumable, toUpload: [...resumable.toUpload] };
    } else progress = await fresh();
    try {
      await uploadChunks(req.run, client, iso, progress);
    } catch (err) {
      if (!(err instanceof VolumeGone) || !resumable) throw err;
      ctx.log.warn('the volume of the previous attempt is gone; starting a new one', {
        imageUuid: resumable.imageUuid,
      });
      progress = await fresh();
      await uploadChunks(req.run, client, iso, progress).catch((e: unknown) => {
        throw e instanceof VolumeGone
          ? new Error(`the new volume ${progress.imageUuid} disappeared during the upload`)
          : e;
      });
    }
    const listed = await listSvtImages(client);
    if (listed && !listed.some((i) => i.name === iso.name && i.size === iso.size))
      ctx.log.warn('upload finished but the SVT image list does not show it yet', { file: iso.name });
    ctx.log.info('VMTools ISO uploaded', { file: iso.name, bytes: iso.size, bytesSent: progress.bytesSent });
    return { status: 'uploaded', file: iso.name, bytes: iso.size };
  });
}
