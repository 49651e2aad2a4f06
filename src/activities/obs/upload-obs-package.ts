// Stage 8 — the Observability package: find it on disk, upload it through the OVM operator in 4 MiB
// parts (seed 003 §07 "上传Observability安装包", seed 000 step 4), wait for CloudTower to process it.
//
// Resuming: each finished part is heartbeated ({ uploadId, partsDone, bytesSent, … }). A retry first
// asks the operator where the upload stands (GET …/v3/chunkedUploads/{id}, which seed 003 does not show:
// when it does not answer, the heartbeat is trusted) and sends only the parts after that offset. Every
// part's answer must move the offset exactly by the part's size; anything else means the upload and
// this worker disagree, so the upload is abandoned and the retry starts a new one.
import { cancellationSignal, Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import {
  fileRange,
  OBS_PART_SIZE,
  ObsOperatorClient,
  SmartxHttpError,
  type CloudTowerGraphqlClient,
  type CloudTowerRestClient,
  type ObservabilityState,
} from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteJobFailed, transient } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { OBS_PACKAGE, packageArch, type PackageFile } from '../support/package-files.js';
import { tasksDescribed } from '../support/tower-tasks.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';

/** Heartbeat details of uploadObsPackage (also shown by `watch` and the Web UI). */
export interface ObsUploadProgress {
  uploadId: string;
  /** File name the upload was created for: a different package never reuses the upload. */
  file: string;
  partsDone: number;
  partsTotal: number;
  bytesSent: number;
  percent: number;
  bytesPerSecond: number;
  committed?: boolean;
}

/** The bundle package of this file in observabilityInstanceAndApps, if CloudTower has it. */
function obsPackageIn(
  state: ObservabilityState,
  pkg: PackageFile,
): ObservabilityState['bundleApplicationPackages'][number] | undefined {
  const arch = packageArch(OBS_PACKAGE, pkg.name);
  return state.bundleApplicationPackages.find(
    (p) =>
      p.name.toLowerCase() === 'observability' &&
      p.version === pkg.version &&
      (!arch || !p.arch || p.arch.toUpperCase() === arch),
  );
}

const uploadStateSchema = z.looseObject({
  id: z.string(),
  offset: z.union([z.string(), z.number()]).transform((v) => Number(v)),
  status: z.union([z.string(), z.number()]).optional(),
});

type ServerView = { offset: number; status?: string } | 'gone' | undefined;

/**
 * Where the operator says the upload stands: its offset, 'gone' when it names this upload as not
 * found, undefined when it cannot tell (the route is not in the seed; then the heartbeat is trusted).
 */
async function serverOffset(obs: ObsOperatorClient, uploadId: string): Promise<ServerView> {
  try {
    const out = await obs.http.call({
      method: 'GET',
      path: `/api/ovm-operator/api/v3/chunkedUploads/${encodeURIComponent(uploadId)}`,
      parse: 'json',
      schema: uploadStateSchema,
    });
    if (!Number.isSafeInteger(out.offset)) return undefined;
    return { offset: out.offset, status: out.status === undefined ? undefined : String(out.status) };
  } catch (err) {
    if (
      err instanceof SmartxHttpError &&
      err.kind === 'not-found' &&
      (err.remoteMessage ?? '').includes(uploadId)
    ) {
      return 'gone';
    }
    return undefined;
  }
}

/**
 * An unfinished upload of this very file (same name, offset on a part boundary within its size) that an
 * earlier attempt created without learning the id, to continue from its offset instead of making a
 * second one. Listing is a recorded guess (docs/decisions.md "OBS and Backup uploads exactly once"):
 * when the operator does not answer it, nothing is adopted. Of several, the furthest one is continued;
 * the operator offers no documented delete, so the others are named in the log for the operator.
 */
async function adoptOpenUpload(
  obs: ObsOperatorClient,
  pkg: PackageFile,
  partsTotal: number,
): Promise<ObsUploadProgress | undefined> {
  const listed = await obs.list();
  if (!listed) return undefined;
  const open = listed
    .filter(
      (u) =>
        u.origin_file_name === pkg.name &&
        (u.status === 'UPLOADING' || u.status === 1 || u.status === '1') &&
        Number.isSafeInteger(u.offset) &&
        u.offset >= 0 &&
        u.offset <= pkg.size &&
        (u.offset === pkg.size || u.offset % OBS_PART_SIZE === 0),
    )
    .sort((a, b) => b.offset - a.offset);
  const found = open[0];
  if (!found) return undefined;
  const ctx = Context.current();
  if (open.length > 1)
    ctx.log.warn('several unfinished OBS uploads of this package; continuing the furthest', {
      continued: found.id,
      others: open.slice(1).map((u) => u.id),
    });
  const partsDone = found.offset === pkg.size ? partsTotal : found.offset / OBS_PART_SIZE;
  ctx.log.info('OBS chunked upload found unfinished; continuing it', {
    uploadId: found.id,
    offset: found.offset,
  });
  return {
    uploadId: found.id,
    file: pkg.name,
    partsDone,
    partsTotal,
    bytesSent: Math.min(pkg.size, partsDone * OBS_PART_SIZE),
    percent: Math.floor((Math.min(pkg.size, partsDone * OBS_PART_SIZE) / pkg.size) * 100),
    bytesPerSecond: 0,
  };
}

/** The CloudTower user id for the commit's `x-user-id` (seed 003): the JWT's middle segment. */
function userIdOf(token: string): string | undefined {
  const middle = token.split('.')[1];
  if (!middle) return undefined;
  const text = Buffer.from(middle, 'base64url').toString('utf8');
  return /^[a-z0-9]{10,40}$/i.test(text) ? text : undefined;
}

function diverged(message: string): ApplicationFailure {
  Context.current().heartbeat(undefined);
  return transient(`${message}; the upload is abandoned and the retry starts a new one`);
}

async function waitPackageProcessed(
  rest: CloudTowerRestClient,
  gql: CloudTowerGraphqlClient,
  run: RunContext,
  pkg: PackageFile,
  details: () => unknown,
): Promise<void> {
  const arch = packageArch(OBS_PACKAGE, pkg.name) ?? 'X86_64';
  // The two tasks of seed 003 "等待Observability安装包处理完成".
  const descriptions = [
    `Create Installation package ${pkg.name}`,
    `Create Application package observability-${arch}-${pkg.version}.tar.gz`,
  ];
  await pollUntil(
    {
      intervalSeconds: run.timing.jobPollSeconds,
      timeoutSeconds: run.timing.jobTimeoutSeconds,
      what: `CloudTower processing ${pkg.name}`,
    },
    async () => {
      const tasks = await rest.getTasks();
      for (const d of descriptions) {
        const latest = tasksDescribed(tasks, d)[0];
        if (latest?.status === 'FAILED') {
          throw remoteJobFailed(
            `CloudTower task "${d}" FAILED (${latest.error_message ?? latest.error_code ?? 'no message'}). Fix: check the package file (damaged or wrong product?) and CloudTower's task list, then reset the OBS stage.`,
            { final: true },
          );
        }
        if (latest?.status !== 'SUCCESSED') return undefined;
      }
      // Both tasks done: the bundle package shows up in observabilityInstanceAndApps.
      return obsPackageIn(await gql.observabilityInstanceAndApps(), pkg) ? true : undefined;
    },
    details,
  );
}

export async function uploadObsPackage(req: TowerAccess & { pkg: PackageFile }): Promise<{
  status: 'uploaded' | 'already-present';
  bytesSent: number;
  partsSent: number;
  partsSkipped: number;
}> {
  const ctx = Context.current();
  const { pkg } = req;
  return remoteStep(`upload ${pkg.name}`, async () => {
    const { resolver, rest, gql } = towerClients(req);
    // GraphQL login first: its token names the user for the commit, its connect.sid serves the operator.
    const { token } = await gql.login();
    const userId = userIdOf(token);
    if (obsPackageIn(await gql.observabilityInstanceAndApps(), pkg)) {
      ctx.log.info('OBS package already in CloudTower', { file: pkg.name, version: pkg.version });
      return { status: 'already-present', bytesSent: 0, partsSent: 0, partsSkipped: 0 };
    }
    const obs = new ObsOperatorClient(resolver, req.cloudtowerIp, gql.cookies);
    const partsTotal = Math.max(1, Math.ceil(pkg.size / OBS_PART_SIZE));
    const started = Date.now();
    let sentThisAttempt = 0;
    let partsSent = 0;

    const previous = resumeDetails<ObsUploadProgress>();
    let progress: ObsUploadProgress | undefined =
      previous?.uploadId && previous.file === pkg.name && previous.partsTotal === partsTotal
        ? { ...previous }
        : undefined;
    if (progress && !progress.committed) {
      const server = await serverOffset(obs, progress.uploadId);
      if (server === 'gone') progress = undefined;
      else if (server?.status === 'COMMITTED')
        progress = { ...progress, partsDone: partsTotal, committed: true };
      else if (server && server.offset !== pkg.size && server.offset % OBS_PART_SIZE !== 0)
        progress = undefined;
      else if (server) {
        const done = server.offset === pkg.size ? partsTotal : server.offset / OBS_PART_SIZE;
        progress = { ...progress, partsDone: done, bytesSent: Math.min(pkg.size, done * OBS_PART_SIZE) };
      }
    }
    // No upload of ours in the heartbeat: one may still exist (the create answered late or never).
    progress ??= await adoptOpenUpload(obs, pkg, partsTotal);
    const partsSkipped = progress?.partsDone ?? 0;
    if (!progress) {
      const created = await obs.create(pkg.name);
      progress = {
        uploadId: created.id,
        file: pkg.name,
        partsDone: 0,
        partsTotal,
        bytesSent: 0,
        percent: 0,
        bytesPerSecond: 0,
      };
      ctx.log.info('OBS chunked upload created', { uploadId: created.id, file: pkg.name, parts: partsTotal });
    } else {
      ctx.log.info('OBS chunked upload resumed', {
        uploadId: progress.uploadId,
        partsDone: progress.partsDone,
        partsTotal,
      });
    }
    ctx.heartbeat(progress);

    for (let part = progress.partsDone; part < partsTotal && !progress.committed; part++) {
      cancellationSignal().throwIfAborted();
      const start = part * OBS_PART_SIZE;
      const size = Math.min(OBS_PART_SIZE, pkg.size - start);
      const uploadId = progress.uploadId;
      const answer = await obs
        .uploadPart({
          id: uploadId,
          data: fileRange(pkg.path, start, size),
          size,
        })
        .catch((err: unknown) => {
          if (err instanceof SmartxHttpError && err.kind === 'not-found' && partsSkipped > 0) {
            throw diverged(`OBS upload ${uploadId} is no longer known to the operator`);
          }
          throw err;
        });
      if (answer.offset !== start + size) {
        throw diverged(
          `OBS upload ${progress.uploadId}: part ${part + 1} of ${partsTotal} left the offset at ${answer.offset}, expected ${start + size}`,
        );
      }
      sentThisAttempt += size;
      partsSent += 1;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      progress = {
        ...progress,
        partsDone: part + 1,
        bytesSent: start + size,
        percent: Math.floor(((start + size) / pkg.size) * 100),
        bytesPerSecond: Math.round(sentThisAttempt / seconds),
      };
      ctx.heartbeat(progress);
    }
    cancellationSignal().throwIfAborted();
    if (!progress.committed) {
      await obs.commit(progress.uploadId, userId);
      progress = { ...progress, committed: true };
      ctx.heartbeat(progress);
      ctx.log.info('OBS chunked upload committed', { uploadId: progress.uploadId, bytes: pkg.size });
    }
    const last = progress;
    await waitPackageProcessed(rest, gql, req.run, pkg, () => ({ ...last, waitingFor: 'package tasks' }));
    return { status: 'uploaded', bytesSent: sentThisAttempt, partsSent, partsSkipped };
  });
}
