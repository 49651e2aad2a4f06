// Stage 9 — Backup (seed 003 §07 "部署备份"): the package (createUploadTask + GraphQL multipart chunks
// of 4 MiB), the backup storage network on the storage VDS, the backup service, its cluster binding.
//
// Resuming the upload: chunks are written by position (`current_chunk`, 1-based), so sending a chunk
// again overwrites it with the same bytes. Each finished chunk is heartbeated ({ taskId, chunksDone, … });
// a retry continues after the last one heartbeated. A task that completed before the heartbeat got out
// shows up as the package itself, found before anything is sent.
import { cancellationSignal, Context } from '@temporalio/activity';
import { BACKUP_CHUNK_SIZE, fileRange, type CloudTowerGraphqlClient } from '../../smartx/index.js';
import { remoteJobFailed, remoteRejected } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { BACKUP_PACKAGE, packageArch, type PackageFile } from '../support/package-files.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { BACKUP_PACKAGE_NAME } from './backup-names.js';

type AppPackage = Awaited<ReturnType<CloudTowerGraphqlClient['cloudTowerApplicationPackages']>>[number];

function backupPackageIn(list: AppPackage[], pkg: PackageFile): AppPackage | undefined {
  const arch = packageArch(BACKUP_PACKAGE, pkg.name);
  return list.find(
    (p) =>
      p.version === pkg.version &&
      (!arch || !p.architecture || p.architecture.toUpperCase() === arch) &&
      (!p.filename || p.filename === pkg.name),
  );
}

/** Heartbeat details of uploadBackupPackage. */
export interface BackupUploadProgress {
  taskId: string;
  file: string;
  chunkSize: number;
  chunksDone: number;
  chunksTotal: number;
  bytesSent: number;
  percent: number;
  bytesPerSecond: number;
}

/**
 * An open upload task of this very file (same name and size) that an earlier attempt created without
 * learning its id (the answer came late or never), found through `uploadTasks` (official SDKs), to
 * continue instead of creating a second one. Chunks are written by position, so the last chunk the
 * task counts is sent again rather than trusted. Of several, the furthest one is continued.
 */
async function adoptOpenTask(
  gql: CloudTowerGraphqlClient,
  pkg: PackageFile,
): Promise<BackupUploadProgress | undefined> {
  const open = (await gql.openUploadTasks(pkg.size))
    .filter((t) => t.args?.name === pkg.name && t.chunk_size > 0 && (t.size ?? pkg.size) === pkg.size)
    .sort((a, b) => b.current_chunk - a.current_chunk);
  const found = open[0];
  if (!found) return undefined;
  if (open.length > 1)
    Context.current().log.warn('several open backup upload tasks of this package; continuing the furthest', {
      continued: found.id,
      others: open.slice(1).map((t) => t.id),
    });
  const chunksTotal = Math.ceil(pkg.size / found.chunk_size);
  const chunksDone =
    found.status === 'UPLOADING' ? Math.min(chunksTotal - 1, Math.max(0, found.current_chunk - 1)) : 0;
  const bytesSent = Math.min(pkg.size, chunksDone * found.chunk_size);
  return {
    taskId: found.id,
    file: pkg.name,
    chunkSize: found.chunk_size,
    chunksDone,
    chunksTotal,
    bytesSent,
    percent: Math.floor((bytesSent / pkg.size) * 100),
    bytesPerSecond: 0,
  };
}

export async function uploadBackupPackage(req: TowerAccess & { pkg: PackageFile }): Promise<{
  status: 'uploaded' | 'already-present';
  bytesSent: number;
  chunksSent: number;
  chunksSkipped: number;
}> {
  const ctx = Context.current();
  const { pkg } = req;
  return remoteStep(`upload ${pkg.name}`, async () => {
    const { gql } = towerClients(req);
    if (backupPackageIn(await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME), pkg)) {
      ctx.log.info('backup package already in CloudTower', { file: pkg.name, version: pkg.version });
      return { status: 'already-present', bytesSent: 0, chunksSent: 0, chunksSkipped: 0 };
    }
    const previous = resumeDetails<BackupUploadProgress>();
    let progress: BackupUploadProgress;
    const adopted =
      previous?.taskId && previous.file === pkg.name && previous.chunkSize > 0
        ? undefined
        : await adoptOpenTask(gql, pkg);
    if (previous?.taskId && previous.file === pkg.name && previous.chunkSize > 0) {
      progress = { ...previous };
      ctx.log.info('backup upload resumed', { taskId: progress.taskId, chunksDone: progress.chunksDone });
    } else if (adopted) {
      progress = adopted;
      ctx.log.info('backup upload task found unfinished; continuing it', {
        taskId: progress.taskId,
        chunksDone: progress.chunksDone,
      });
    } else {
      const task = await gql.createUploadTask({
        fileName: pkg.name,
        size: pkg.size,
        packageName: BACKUP_PACKAGE_NAME,
        chunkSize: BACKUP_CHUNK_SIZE,
      });
      const chunkSize = task.chunk_size > 0 ? task.chunk_size : BACKUP_CHUNK_SIZE;
      progress = {
        taskId: task.id,
        file: pkg.name,
        chunkSize,
        chunksDone: 0,
        chunksTotal: Math.ceil(pkg.size / chunkSize),
        bytesSent: 0,
        percent: 0,
        bytesPerSecond: 0,
      };
      ctx.log.info('backup upload task created', { taskId: task.id, chunks: progress.chunksTotal });
    }
    ctx.heartbeat(progress);
    const chunksSkipped = progress.chunksDone;
    const started = Date.now();
    let sent = 0;
    let chunksSent = 0;
    let lastStatus: string | undefined;
    for (let n = progress.chunksDone + 1; n <= progress.chunksTotal; n++) {
      cancellationSignal().throwIfAborted();
      const start = (n - 1) * progress.chunkSize;
      const size = Math.min(progress.chunkSize, pkg.size - start);
      const answer = await gql.uploadCloudTowerApplicationPackage({
        uploadTaskId: progress.taskId,
        currentChunk: n,
        data: fileRange(pkg.path, start, size),
        size,
      });
      lastStatus = answer.status;
      if (answer.status === 'FAILED') {
        Context.current().heartbeat(undefined); // the retry starts a new task
        throw remoteJobFailed(
          `backup upload task ${progress.taskId} FAILED at chunk ${n} of ${progress.chunksTotal}`,
        );
      }
      sent += size;
      chunksSent += 1;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      progress = {
        ...progress,
        chunksDone: n,
        bytesSent: start + size,
        percent: Math.floor(((start + size) / pkg.size) * 100),
        bytesPerSecond: Math.round(sent / seconds),
      };
      ctx.heartbeat(progress);
    }
    if (chunksSent > 0 && lastStatus !== 'SUCCESSED') {
      throw remoteRejected(
        `backup upload task ${progress.taskId}: the last chunk answered ${lastStatus ?? 'no status'}, not SUCCESSED (seed 003)`,
      );
    }
    await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `backup package ${pkg.name} listed by CloudTower`,
      },
      async () =>
        backupPackageIn(await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME), pkg) ? true : undefined,
      () => progress,
    );
    return { status: 'uploaded', bytesSent: sent, chunksSent, chunksSkipped };
  });
}
