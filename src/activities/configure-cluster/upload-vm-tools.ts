// Seed 003 §03 "上传虚拟机工具（SVT）", seed 002 §6: the VMTools ISO goes into an SVT volume chunk by
// chunk. The file is streamed from disk one chunk at a time (never read whole); the server's
// `to_upload` drives the loop and is the truth when resuming after a crash (heartbeat details keep the
// volume ids and the last `to_upload`). A chunk answer is checked: `ec` other than EOK, or neither
// `to_upload` nor `next_chunk` (seed 002 allows either), is a failed chunk. A chunk is tried 3 times; then, as seed 002 says, the volume is
// deleted (DELETE /api/v2/images/{uuid}) and created and uploaded once more (once).
// Exactly once when a create answers late or never: volumes of the same name and size still filling
// (`resource_state: uploading`) that no heartbeat names are removed before creating and again after
// the upload. The volume is named as the file, `.iso` included, without `task_id` (seed 003 captured).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { cancellationSignal, Context } from '@temporalio/activity';
import { z } from 'zod';
import {
  fileRange,
  SmartxHttpError,
  type FileRange,
  type FisheyeClient,
  type UploadVolume,
} from '../../smartx/index.js';
import { missingChunks, svtChunkResultSchema } from '../../smartx/fisheye-schemas.js';
import { multipartBody } from '../../smartx/multipart.js';
import type { RunContext } from '../../run/input.js';
import { compareVersions } from '../support/compare-versions.js';
import { describeFailure, remoteStep, remoteRejected, transient } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { fisheyeClient, isMissingEndpoint, type Fisheye } from '../support/fisheye.js';
import { whileHeartbeating } from '../support/while-heartbeating.js';

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
  /** The image this run uploaded (`cleanup` removes it). */
  imageUuid?: string;
}

/** Heartbeat details: where the upload stands (no secrets). */
interface VmToolsUploadProgress {
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

/** Every number in the name, dotted (`SMTX_VMTOOLS-3.2.0-2501210639.iso` -> `3.2.0.2501210639`). */
function versionOf(name: string): string {
  return (name.match(/\d+/g) ?? []).map(Number).join('.');
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

interface ListedImage {
  uuid?: string;
  name: string;
  size: number;
  resource_state?: string;
}

const listedSchema = z.looseObject({
  uuid: z.string().optional(),
  name: z.string(),
  size: z.number(),
  resource_state: z.string().optional(),
});
const svtListSchema = z.union([
  z.looseObject({ images: z.array(listedSchema) }).transform((o) => o.images),
  z.array(listedSchema),
]);

/** GET /api/v2/svt_image (not in seed 003): the SVT images, or undefined when absent. */
async function listSvtImages(client: FisheyeClient): Promise<ListedImage[] | undefined> {
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

/** Every listed image (SVT list when the cluster has it, plus the ISO list). */
async function listAll(client: FisheyeClient): Promise<ListedImage[]> {
  return [...((await listSvtImages(client)) ?? []), ...(await client.listImages())];
}

/** A volume still receiving chunks (docs/decisions.md, "Exactly once when slow"). */
const filling = (i: ListedImage) => i.resource_state === 'uploading';
/** Finished as seed 003 lists a finished image (`in-use`); any other state may be partial. */
const complete = (i: ListedImage) => i.resource_state === 'in-use';
const sameFile = (iso: LocalIso) => (i: ListedImage) => i.name === iso.name && i.size === iso.size;

class VolumeGone extends Error {
  constructor(imageUuid: string) {
    super(`the upload volume ${imageUuid} no longer exists on the cluster`);
  }
}

/** A chunk failed CHUNK_TRIES times (seed 002: then delete the volume and upload once more). */
class ChunkFailed extends Error {
  constructor(
    readonly chunk: number,
    readonly reason: unknown,
  ) {
    super(`chunk ${chunk} failed ${CHUNK_TRIES} times`);
  }
}

/**
 * POST upload_template with the answer checked: `ec` must be EOK and the answer must say what is
 * missing, as `to_upload` or as `next_chunk` (seed 002); either becomes the list of missing chunks.
 */
async function sendChunk(
  client: FisheyeClient,
  progress: VmToolsUploadProgress,
  n: number,
  data: FileRange,
  size: number,
  chunks: number,
): Promise<number[]> {
  const answer = await client.http.call({
    method: 'POST',
    path: '/api/v2/svt_image/upload_template',
    searchParams: { zbs_volume_id: progress.zbsVolumeId, chunk_num: n, image_uuid: progress.imageUuid },
    body: multipartBody([{ name: 'file', filename: 'blob', data, size }]),
    parse: 'envelope',
    schema: svtChunkResultSchema,
    timeoutMs: 300_000,
  });
  return missingChunks(answer, chunks);
}

/** A failed chunk worth trying again: a busy/broken server, the network, an error `ec`, a bad shape. */
function chunkRetryable(err: unknown): boolean {
  return (
    err instanceof SmartxHttpError && (err.retryable || err.kind === 'remote' || err.kind === 'protocol')
  );
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
    // An abandoned attempt (cancelled, timed out) must not go on writing into a volume.
    cancellationSignal().throwIfAborted();
    const n = progress.toUpload[0];
    const start = n * progress.chunkSize;
    const end = Math.min(iso.size, start + progress.chunkSize);
    if (start >= iso.size) {
      throw remoteRejected(
        `upload ${iso.name}: the server asks for chunk ${n} of ${progress.chunkSize} bytes, beyond the file's ${iso.size} bytes. Fix: the local file differs from the volume; remove the volume ${progress.imageUuid} and retry.`,
      );
    }
    const attempt = (tries.get(n) ?? 0) + 1;
    tries.set(n, attempt);
    const data = fileRange(iso.path, start, end - start);
    let next: number[];
    try {
      next = await whileHeartbeating(
        run,
        () => ({ ...progress, chunksLeft: progress.toUpload.length }),
        () => sendChunk(client, progress, n, data, end - start, Math.ceil(iso.size / progress.chunkSize)),
      );
    } catch (err) {
      if (err instanceof SmartxHttpError && err.kind === 'not-found')
        throw new VolumeGone(progress.imageUuid);
      if (!chunkRetryable(err)) throw err;
      if (attempt >= CHUNK_TRIES) throw new ChunkFailed(n, err);
      ctx.log.warn('chunk upload failed, trying again', {
        file: iso.name,
        chunk: n,
        attempt,
        error: (err as Error).message,
      });
      await ctx.sleep(Math.min(2, run.timing.jobPollSeconds) * attempt * 1000);
      continue;
    }
    progress.bytesSent += end - start;
    if (next.includes(n) && attempt >= CHUNK_TRIES)
      throw new ChunkFailed(n, new Error(`the server still lists chunk ${n} as missing after it was sent`));
    // The server's list, with the chunk just sent moved to the end if it is still missing.
    progress.toUpload = [...next.filter((c) => c !== n), ...next.filter((c) => c === n)];
    beat();
  }
}

/** DELETE /api/v2/images/{uuid} (seed 002 names it for SVT volumes too); gone already is fine. */
async function deleteVolume(client: FisheyeClient, imageUuid: string): Promise<void> {
  try {
    await client.deleteImage(imageUuid);
    Context.current().log.warn('SVT upload volume deleted', { imageUuid });
  } catch (err) {
    if (err instanceof SmartxHttpError && err.kind === 'not-found') return;
    throw err;
  }
}

/** Removes same-name-and-size volumes still filling that this attempt does not continue. */
async function removeLeftovers(
  client: FisheyeClient,
  iso: LocalIso,
  keep: string | undefined,
): Promise<void> {
  for (const image of (await listAll(client)).filter((i) => sameFile(iso)(i) && filling(i))) {
    if (!image.uuid || image.uuid === keep) continue;
    Context.current().log.warn('removing an unfinished SVT volume of an earlier attempt', {
      file: iso.name,
      imageUuid: image.uuid,
    });
    await deleteVolume(client, image.uuid);
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
    const previous = resumeDetails<VmToolsUploadProgress>();
    const resumable =
      previous?.file === iso.name && previous.size === iso.size && Array.isArray(previous.toUpload)
        ? previous
        : undefined;
    const listed = await listAll(client);
    if (listed.some((i) => sameFile(iso)(i) && complete(i))) {
      await removeLeftovers(client, iso, undefined);
      ctx.log.info('VMTools ISO already on the cluster', { file: iso.name, bytes: iso.size });
      return { status: 'already-present', file: iso.name, bytes: iso.size };
    }
    await removeLeftovers(client, iso, resumable?.imageUuid);
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
    let recreated = false;
    for (;;) {
      try {
        await uploadChunks(req.run, client, iso, progress);
        break;
      } catch (err) {
        if (err instanceof VolumeGone && progress.imageUuid === resumable?.imageUuid) {
          ctx.log.warn('the volume of the previous attempt is gone; starting a new one', {
            imageUuid: resumable.imageUuid,
          });
        } else if (err instanceof VolumeGone) {
          throw transient(
            `${step}: the volume ${progress.imageUuid} was removed from the cluster during the upload (by a newer attempt or an operator). The step is retried and looks for the image again.`,
          );
        } else if (err instanceof ChunkFailed && !recreated) {
          ctx.log.warn('a chunk failed 3 times: the SVT volume is deleted and the upload starts once more', {
            file: iso.name,
            chunk: err.chunk,
            error: describeFailure(step, err.reason).message,
          });
          await deleteVolume(client, progress.imageUuid);
          recreated = true;
        } else if (err instanceof ChunkFailed) {
          await deleteVolume(client, progress.imageUuid);
          const cause = describeFailure(`upload chunk ${err.chunk} of ${iso.name} to ${req.vip}`, err.reason);
          throw transient(
            `${cause.message} The SVT volume was already recreated once; the whole upload is retried by the activity's retry policy.`,
          );
        } else throw err;
        progress = await fresh();
      }
    }
    // A create of an earlier attempt may have been applied after this attempt looked: remove it too.
    await removeLeftovers(client, iso, progress.imageUuid);
    ctx.log.info('VMTools ISO uploaded', { file: iso.name, bytes: iso.size, bytesSent: progress.bytesSent });
    return { status: 'uploaded', file: iso.name, bytes: iso.size, imageUuid: progress.imageUuid };
  });
}
