// Stage 09: the test VM image's disk into CloudTower (`upload-elf-file`, chunked), straight from the
// OVA (no unpacking). Resumable: the upload task's id is heartbeated, and a retry asks the server
// (`get-upload-tasks`: current_chunk is the number of chunks it has) where to go on — the server is
// the source of truth, so a chunk whose answer was lost is never appended twice. A task this very
// disk left unfinished (id never learned) is found by name and size and continued. The finished
// upload is the VM volume named testVmVolumeName(), found first on a re-run (never uploaded twice).
import { createReadStream } from 'node:fs';
import { cancellationSignal, Context } from '@temporalio/activity';
import { CloudTowerVmApi, TOWER_UPLOAD_CHUNK_SIZE, type TowerUploadTask } from '../../smartx/index.js';
import { remoteJobFailed, remoteStep, transient } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { testVmVolumeName } from './test-vm-names.js';
import type { TestVmPackage } from './test-vm-packages.js';

export interface TestVmUploadProgress {
  taskId: string;
  volumeName: string;
  chunkSize: number;
  chunksDone: number;
  chunksTotal: number;
  percent: number;
}

export interface UploadTestVmImageRequest extends TowerAccess {
  clusterVip: string;
  pkg: TestVmPackage;
}

export async function uploadTestVmImage(req: UploadTestVmImageRequest): Promise<{
  volumeId: string;
  volumeName: string;
  status: 'uploaded' | 'already-present';
  chunksSent: number;
}> {
  const ctx = Context.current();
  const { pkg } = req;
  const volumeName = testVmVolumeName(pkg);
  const step = `upload the ${pkg.role.toUpperCase()} test VM image ${pkg.name}`;
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const api = new CloudTowerVmApi(rest);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const findVolume = async () =>
      (await api.getVmVolumes({ name: volumeName, cluster: { id: cluster.id } }))[0];

    const existing = await findVolume();
    if (existing) {
      ctx.log.info('test VM image already uploaded', { volumeName, volumeId: existing.id });
      return { volumeId: existing.id, volumeName, status: 'already-present' as const, chunksSent: 0 };
    }

    const size = pkg.disk.size;
    let task: TowerUploadTask | undefined;
    const previous = resumeDetails<TestVmUploadProgress>();
    if (previous?.taskId && previous.volumeName === volumeName)
      task = (await api.getUploadTasks({ id: previous.taskId }))[0];
    if (!task || task.status === 'FAILED') {
      // An unfinished task of this disk whose id an earlier attempt never learned: the furthest one.
      task = (await api.getUploadTasks({ status: 'UPLOADING' }))
        .filter((t) => t.args?.name === volumeName && t.size === size)
        .sort((a, b) => b.current_chunk - a.current_chunk)[0];
    }

    let chunksSent = 0;
    const sendChunk = async (index: number, chunkSize: number, taskId?: string) => {
      const start = index * chunkSize;
      const bytes = Math.min(chunkSize, size - start);
      const answer = await api.uploadElfFile({
        clusterId: cluster.id,
        name: volumeName,
        size,
        uploadTaskId: taskId,
        chunk:
          bytes > 0
            ? createReadStream(pkg.disk.path, {
                start: pkg.disk.offset + start,
                end: pkg.disk.offset + start + bytes - 1,
              })
            : Buffer.alloc(0),
        chunkBytes: Math.max(0, bytes),
      });
      chunksSent++;
      if (answer.status === 'FAILED') {
        ctx.heartbeat(undefined); // the retry starts a new task
        throw remoteJobFailed(`${step}: upload task ${answer.id} FAILED at chunk ${index + 1}`);
      }
      return answer;
    };

    if (!task) {
      task = await sendChunk(0, TOWER_UPLOAD_CHUNK_SIZE);
      ctx.log.info('test VM image upload started', { volumeName, taskId: task.id, size });
    }
    const progress = (t: TowerUploadTask): TestVmUploadProgress => {
      const chunksTotal = Math.max(1, Math.ceil(size / t.chunk_size));
      return {
        taskId: t.id,
        volumeName,
        chunkSize: t.chunk_size,
        chunksDone: t.current_chunk,
        chunksTotal,
        percent: Math.floor((Math.min(t.current_chunk, chunksTotal) / chunksTotal) * 100),
      };
    };
    ctx.heartbeat(progress(task));
    while (task.status !== 'SUCCESSED') {
      cancellationSignal().throwIfAborted();
      const p = progress(task);
      if (task.current_chunk >= p.chunksTotal)
        throw transient(`${step}: upload task ${task.id} has every chunk but is ${task.status}`);
      task = await sendChunk(task.current_chunk, task.chunk_size, task.id);
      ctx.heartbeat(progress(task));
    }
    // The volume appears when the server has processed the upload.
    const volume = await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `${step}: wait for volume ${volumeName}`,
      },
      findVolume,
    );
    ctx.log.info('test VM image uploaded', { volumeName, volumeId: volume.id, chunksSent });
    return { volumeId: volume.id, volumeName, status: 'uploaded' as const, chunksSent };
  });
}
