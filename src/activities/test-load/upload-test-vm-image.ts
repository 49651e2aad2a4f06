// Stage 09: the test VM image's disk into CloudTower (`upload-elf-file`, chunked), straight from the
// OVA (no unpacking). Resumable: the upload task's id is heartbeated, and a retry asks the server
// (`get-upload-tasks`: current_chunk is the number of chunks it has) where to go on — the server is
// the source of truth, so a chunk whose answer was lost is never appended twice. A task this very
// disk left unfinished (id never learned) is found by name and size and continued. The finished
// upload is an upload task SUCCESSED; `import-vm` consumes it (create-test-vm.ts), as in the SDKs.
// A re-run finds a finished upload task of this disk (name and size) and never uploads it twice.
import { cancellationSignal, Context } from '@temporalio/activity';
import {
  CloudTowerVmApi,
  fileRange,
  TOWER_UPLOAD_CHUNK_SIZE,
  type TowerUploadTask,
} from '../../smartx/index.js';
import { remoteJobFailed, remoteStep, transient } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
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
  /** The SUCCESSED upload task `import-vm` takes (`upload_tasks`). */
  uploadTaskId: string;
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
    const size = pkg.disk.size;
    const ofThisDisk = (t: TowerUploadTask) => t.args?.name === volumeName && t.size === size;
    const existing = (await api.getUploadTasks({ status: 'SUCCESSED' })).find(ofThisDisk);
    if (existing) {
      ctx.log.info('test VM image already uploaded', { volumeName, uploadTaskId: existing.id });
      return { uploadTaskId: existing.id, volumeName, status: 'already-present' as const, chunksSent: 0 };
    }

    let task: TowerUploadTask | undefined;
    const previous = resumeDetails<TestVmUploadProgress>();
    if (previous?.taskId && previous.volumeName === volumeName)
      task = (await api.getUploadTasks({ id: previous.taskId }))[0];
    if (!task || task.status === 'FAILED') {
      // An unfinished task of this disk whose id an earlier attempt never learned: the furthest one.
      task = (await api.getUploadTasks({ status: 'UPLOADING' }))
        .filter(ofThisDisk)
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
        chunk: bytes > 0 ? fileRange(pkg.disk.path, pkg.disk.offset + start, bytes) : Buffer.alloc(0),
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
        throw transient(`${step}: upload task ${task.id} has every chunk but is ${task.status}`, {
          key: 'failure.uploadTaskStuck',
          params: { task: task.id, status: task.status },
        });
      task = await sendChunk(task.current_chunk, task.chunk_size, task.id);
      ctx.heartbeat(progress(task));
    }
    ctx.log.info('test VM image uploaded', { volumeName, uploadTaskId: task.id, chunksSent });
    return { uploadTaskId: task.id, volumeName, status: 'uploaded' as const, chunksSent };
  });
}
