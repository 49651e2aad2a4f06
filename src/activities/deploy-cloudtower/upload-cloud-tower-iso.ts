// Seed 003 §04 "上传cloudtower ISO" (seed 001 §2): reuse a complete image (`resource_state: in-use`, as
// seed 003 lists a finished one) of the same name and size; otherwise
// create an upload volume and send chunks of `chunk_size` in the server's `to_upload` order, each
// streamed from disk (constant memory for an 8 GB ISO). The server's `to_upload` is the truth for
// resuming: a retried attempt continues the volume named in the previous attempt's heartbeat.
// A chunk is tried 3 times; if it still fails the volume is deleted, recreated and uploaded once more.
// Exactly once also when the create's answer was late or lost: before creating, the image list is
// searched for volumes of the same name and size still filling (`resource_state: uploading`) that no
// heartbeat names; they are removed, and after the upload once more (a create applied late), so the
// cluster ends with one complete image.
import { cancellationSignal, Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { fileRange, type FisheyeClient, type Image, type UploadVolume } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { describeFailure, remoteStep, transient } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { fisheyeClient, isNotFound, type Fisheye } from '../support/fisheye.js';
import type { CloudTowerIso } from './locate-cloud-tower-iso.js';
import { uploadVolumeMarker } from '../support/upload-volume-marker.js';

export interface UploadCloudTowerIsoRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  iso: CloudTowerIso;
}

export interface UploadCloudTowerIsoResult {
  imageUuid: string;
  imagePath: string;
  reused: boolean;
  bytesSent: number;
  seconds: number;
  volumeRecreated: boolean;
}

/** Heartbeat details: what `watch` shows and what a retried attempt resumes from. */
export interface UploadHeartbeat {
  isoName: string;
  imageUuid: string;
  zbsVolumeId: string;
  imagePath: string;
  chunkSize: number;
  chunksTotal: number;
  chunksLeft: number;
  /** First chunk the server still wanted at the last heartbeat (resume starts there). */
  nextChunk: number | null;
  bytesSent: number;
  bytesTotal: number;
  percent: number;
  bytesPerSecond: number;
  volumeRecreated: boolean;
}

/** Tries per chunk: the first one and 2 retries (seed 003). */
const CHUNK_TRIES = 3;

class ChunkFailed extends Error {
  constructor(
    readonly chunk: number,
    readonly reason: unknown,
  ) {
    super(`chunk ${chunk} failed ${CHUNK_TRIES} times`);
  }
}

class VolumeGone extends Error {}

/** Image names as the server lists them may lack the `.iso` the file has (seed 003 examples). */
function sameName(listed: string, file: string): boolean {
  const strip = (n: string) => n.replace(/\.iso$/i, '');
  return listed === file || strip(listed) === strip(file);
}

/** An upload volume still receiving chunks (see docs/decisions.md, "Exactly once when slow"). */
function isFilling(image: Image): boolean {
  return image.resource_state === 'uploading';
}

/**
 * A finished image, as seed 003 lists one: `resource_state: in-use`. An image in any other state
 * (still filling, or a state no seed shows) may be partial and is never installed from.
 */
function isComplete(image: Image): boolean {
  return image.resource_state === 'in-use';
}

export function findImage(images: Image[], iso: Pick<CloudTowerIso, 'name' | 'size'>): Image | undefined {
  return images.find((i) => sameName(i.name, iso.name) && i.size === iso.size && !!i.path && isComplete(i));
}

/** Same name and size, still filling, and not the volume this attempt keeps. */
function leftovers(images: Image[], iso: CloudTowerIso, keep: string | undefined): Image[] {
  return images.filter(
    (i) => sameName(i.name, iso.name) && i.size === iso.size && isFilling(i) && i.uuid !== keep,
  );
}

/** Seed 003's captured request names the volume without `.iso` (docs/decisions.md). */
function uploadVolumeName(file: string): string {
  return file.replace(/\.iso$/i, '');
}

class Uploader {
  private readonly ctx = Context.current();
  private readonly started = Date.now();
  bytesSent = 0;
  volumeRecreated = false;

  constructor(
    private readonly client: FisheyeClient,
    private readonly req: UploadCloudTowerIsoRequest,
  ) {}

  private get step(): string {
    return `upload ${this.req.iso.name} to ${this.req.vip}`;
  }

  chunkLength(volume: Pick<UploadVolume, 'chunk_size'>, n: number): number {
    const start = n * volume.chunk_size;
    return Math.max(0, Math.min(volume.chunk_size, this.req.iso.size - start));
  }

  heartbeat(volume: UploadVolume, toUpload: number[]): UploadHeartbeat {
    const details = this.details(volume, toUpload);
    this.ctx.heartbeat(details);
    return details;
  }

  details(volume: UploadVolume, toUpload: number[]): UploadHeartbeat {
    const bytesTotal = this.req.iso.size;
    const left = toUpload.reduce((sum, n) => sum + this.chunkLength(volume, n), 0);
    const elapsed = Math.max(0.001, (Date.now() - this.started) / 1000);
    const details: UploadHeartbeat = {
      isoName: this.req.iso.name,
      imageUuid: volume.image_uuid,
      zbsVolumeId: volume.zbs_volume_id,
      imagePath: volume.image_path,
      chunkSize: volume.chunk_size,
      chunksTotal: Math.max(1, Math.ceil(bytesTotal / volume.chunk_size)),
      chunksLeft: toUpload.length,
      nextChunk: toUpload.length ? toUpload[0] : null,
      bytesSent: this.bytesSent,
      bytesTotal,
      percent: bytesTotal ? Math.round(((bytesTotal - left) / bytesTotal) * 1000) / 10 : 100,
      bytesPerSecond: Math.round(this.bytesSent / elapsed),
      volumeRecreated: this.volumeRecreated,
    };
    return details;
  }

  async createVolume(): Promise<UploadVolume> {
    const volume = await remoteStep(
      `create the upload volume for ${this.req.iso.name} on ${this.req.vip}`,
      () =>
        this.client.createImageUploadVolume({
          name: uploadVolumeName(this.req.iso.name),
          size: this.req.iso.size,
          // Marks the volume as this run's: cleanup deletes a leftover of its own run, nothing else.
          description: uploadVolumeMarker(this.ctx.info.workflowExecution?.workflowId ?? ''),
        }),
    );
    this.ctx.log.info('upload volume created', {
      imageUuid: volume.image_uuid,
      chunkSize: volume.chunk_size,
      chunks: volume.to_upload.length,
    });
    // Heartbeat at once: a crash from here on resumes this volume instead of creating another.
    this.heartbeat(volume, volume.to_upload);
    return volume;
  }

  /** One chunk, streamed from disk, tried CHUNK_TRIES times; returns the server's new to_upload. */
  async sendChunk(volume: UploadVolume, n: number): Promise<number[]> {
    const length = this.chunkLength(volume, n);
    const start = n * volume.chunk_size;
    let lastError: unknown;
    for (let attempt = 1; attempt <= CHUNK_TRIES; attempt++) {
      cancellationSignal().throwIfAborted();
      try {
        const result = await this.client.uploadImageChunk({
          zbsVolumeId: volume.zbs_volume_id,
          imageUuid: volume.image_uuid,
          chunkNum: n,
          data: fileRange(this.req.iso.path, start, length),
        });
        this.bytesSent += length;
        if (!result.to_upload.includes(n)) return result.to_upload;
        lastError = new Error(`the server still lists chunk ${n} as missing after it was sent`);
      } catch (err) {
        // The volume is gone (deleted by a newer attempt, or never ours): never recreate blindly.
        if (isNotFound(err)) throw new VolumeGone();
        lastError = err;
      }
      if (attempt < CHUNK_TRIES) {
        this.ctx.log.warn('chunk upload failed, retrying', {
          chunk: n,
          attempt,
          error: describeFailure(this.step, lastError).message,
        });
        await this.ctx.sleep(Math.min(2, this.req.run.timing.jobPollSeconds) * attempt * 1000);
      }
    }
    throw new ChunkFailed(n, lastError);
  }

  /** Sends chunks until the server's to_upload is empty. */
  async sendAll(volume: UploadVolume, toUpload: number[]): Promise<void> {
    let queue = toUpload;
    while (queue.length > 0) {
      queue = await this.sendChunk(volume, queue[0]);
      this.heartbeat(volume, queue);
    }
  }

  async deleteVolume(volume: Pick<UploadVolume, 'image_uuid'>): Promise<void> {
    try {
      await this.client.deleteImage(volume.image_uuid);
      this.ctx.log.warn('upload volume deleted', { imageUuid: volume.image_uuid });
    } catch (err) {
      if (isNotFound(err)) return;
      this.ctx.log.warn('could not delete the failed upload volume', {
        imageUuid: volume.image_uuid,
        error: describeFailure(this.step, err).message,
      });
    }
  }

  /** Removes volumes an earlier, unfinished attempt created but never reported (late or lost answer). */
  async removeLeftovers(images: Image[], keep: string | undefined): Promise<void> {
    for (const image of leftovers(images, this.req.iso, keep)) {
      this.ctx.log.warn('removing an unfinished upload volume of an earlier attempt', {
        imageUuid: image.uuid,
        name: image.name,
      });
      await remoteStep(`delete the unfinished upload volume ${image.uuid} on ${this.req.vip}`, () =>
        this.deleteVolume({ image_uuid: image.uuid }),
      );
    }
  }
}

function resumableVolume(prev: UploadHeartbeat | undefined, iso: CloudTowerIso): UploadVolume | undefined {
  if (!prev || prev.isoName !== iso.name || prev.bytesTotal !== iso.size) return undefined;
  if (!prev.imageUuid || !prev.zbsVolumeId || !prev.chunkSize) return undefined;
  return {
    image_uuid: prev.imageUuid,
    zbs_volume_id: prev.zbsVolumeId,
    image_path: prev.imagePath,
    chunk_size: prev.chunkSize,
    to_upload: [],
  };
}

/** Uploads the CloudTower ISO (or reuses it) and returns the image path the VM's CD-ROM mounts. */
export async function uploadCloudTowerIso(
  req: UploadCloudTowerIsoRequest,
): Promise<UploadCloudTowerIsoResult> {
  const ctx = Context.current();
  const started = Date.now();
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;

  const up = new Uploader(client, req);
  const prev = resumeDetails<UploadHeartbeat>();
  let volume = resumableVolume(prev, req.iso);
  const images = await remoteStep(`list images on ${req.vip}`, () => client.listImages());
  const existing = findImage(images, req.iso);
  await up.removeLeftovers(images, existing ? undefined : volume?.image_uuid);
  if (existing) {
    ctx.log.info('CloudTower ISO already uploaded, reusing it', { name: existing.name, uuid: existing.uuid });
    return {
      imageUuid: existing.uuid,
      imagePath: existing.path ?? '',
      reused: true,
      bytesSent: 0,
      seconds: seconds(),
      volumeRecreated: false,
    };
  }

  let done = false;
  if (volume && prev) {
    ctx.log.info('resuming the upload volume of the previous attempt', {
      imageUuid: volume.image_uuid,
      nextChunk: prev.nextChunk,
      chunksLeft: prev.chunksLeft,
    });
    up.volumeRecreated = prev.volumeRecreated;
    try {
      // The server's to_upload is the truth: send the first chunk we believe missing, then follow its answer.
      const first = prev.nextChunk ?? 0;
      const toUpload = await up.sendChunk(volume, first);
      up.heartbeat(volume, toUpload);
      await up.sendAll(volume, toUpload);
      done = true;
    } catch (err) {
      if (err instanceof VolumeGone) {
        ctx.log.warn('the previous upload volume is unknown to the server; starting over', {
          imageUuid: volume.image_uuid,
        });
        volume = undefined;
      } else if (err instanceof ChunkFailed) {
        // Chunk still failing: delete the volume and upload once more from scratch.
        ctx.log.warn('a chunk failed 3 times: the upload volume is deleted and recreated', {
          chunk: err.chunk,
        });
        await up.deleteVolume(volume);
        volume = undefined;
        up.volumeRecreated = true;
      } else throw asFailure(`upload ${req.iso.name} to ${req.vip}`, err);
    }
  }

  if (!done) {
    // A fresh volume; one more fresh volume if a chunk fails 3 times (seed 003), then give up.
    for (;;) {
      volume = await up.createVolume();
      try {
        await up.sendAll(volume, volume.to_upload);
        break;
      } catch (err) {
        if (err instanceof VolumeGone) throw volumeVanished(req, volume);
        if (!(err instanceof ChunkFailed)) throw asFailure(`upload ${req.iso.name} to ${req.vip}`, err);
        await up.deleteVolume(volume);
        if (up.volumeRecreated) throw uploadFailed(req, err);
        up.volumeRecreated = true;
        ctx.log.warn('a chunk failed 3 times: the upload volume was deleted and is recreated', {
          chunk: err.chunk,
        });
      }
    }
  }
  if (!volume) throw new Error('unreachable: no upload volume');

  // The server may take a moment to finish the image after the last chunk (checksums): poll the list.
  const uploaded = volume;
  const image = await remoteStep(`upload ${req.iso.name} to ${req.vip}`, () =>
    pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `wait for GET /api/v2/images on ${req.vip} to list the uploaded image ${uploaded.image_uuid}`,
      },
      async () => {
        const listed = await client.listImages();
        const mine = listed.find((i) => i.uuid === uploaded.image_uuid && !isFilling(i));
        return mine ?? findImage(listed, req.iso);
      },
      () => up.details(uploaded, []),
    ),
  );
  // A create of an earlier attempt may have been applied after this attempt looked: remove it too.
  await up.removeLeftovers(
    await remoteStep(`list images on ${req.vip}`, () => client.listImages()),
    image.uuid,
  );
  const result = {
    imageUuid: image.uuid,
    imagePath: image.path || volume.image_path,
    reused: false,
    bytesSent: up.bytesSent,
    seconds: seconds(),
    volumeRecreated: up.volumeRecreated,
  };
  ctx.log.info('CloudTower ISO uploaded', result);
  return result;
}

/** Cancellation stays a cancellation; everything else is described by describeFailure. */
function asFailure(step: string, err: unknown): Error {
  return err instanceof CancelledFailure ? err : describeFailure(step, err);
}

function uploadFailed(req: UploadCloudTowerIsoRequest, err: ChunkFailed): ApplicationFailure {
  const cause = describeFailure(`upload chunk ${err.chunk} of ${req.iso.name} to ${req.vip}`, err.reason);
  return transient(
    `${cause.message} The upload volume was already recreated once; the whole upload is retried by the activity's retry policy.`,
  );
}

function volumeVanished(req: UploadCloudTowerIsoRequest, volume: UploadVolume): ApplicationFailure {
  return transient(
    `upload ${req.iso.name} to ${req.vip}: the upload volume ${volume.image_uuid} was removed from the cluster during the upload (by a newer attempt or an operator). The step is retried and looks for the image again.`,
  );
}
