// The backup package upload (seed 003, stage 07): `createUploadTask` (JSON) then one multipart
// request per chunk following the GraphQL multipart request convention:
//   operations = {"operationName":"uploadCloudTowerApplicationPackage","variables":{"data":{
//                  "upload_task_id":...,"file":null,"current_chunk":n}},"query":...}
//   map        = {"1":["variables.data.file"]}
//   1          = the chunk bytes (filename "blob")
// `current_chunk` is 1-based; chunk n is written at (n-1)*chunk_size straight from the request
// stream. The last missing chunk answers SUCCESSED and the package appears in
// cloudTowerApplicationPackages; the file's sha256 is then computed by streaming it from disk.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { SimContext, SimReply, SimRequest } from '../../core/contract.js';
import { authenticate } from '../auth.js';
import { afterApply, applyFault, namedFault } from '../fault.js';
import { cuid } from '../ids.js';
import { MultipartError, MultipartReader, type MultipartPart } from '../../core/multipart.js';
import type { CloudTowerSimOptions } from '../options.js';
import { answerSelected, prepareDocument } from '../graphql/document.js';
import { gqlFieldError, gqlRequestError } from '../replies.js';
import { withLock } from '../runtime.js';
import { backupState, countEffect, towerState, type BackupUploadTaskRecord } from '../store.js';
import { dataPath, sha256OfFile } from '../files.js';
import { z } from 'zod';
import { describeIssues } from '../validate.js';

const FIELD = 'uploadCloudTowerApplicationPackage';

/** `smtx-backup-dr-x86_64-2.2.1.tar.gz` -> { arch: X86_64, version: 2.2.1 }. */
function parseAppPackageName(name: string): { arch: string; version: string } | undefined {
  const m = /(x86_64|aarch64)[-_]v?(\d+(?:\.\d+)+(?:[-.][\w.]+)?)\.(?:tar\.gz|tgz)$/i.exec(name);
  return m ? { arch: m[1].toUpperCase(), version: m[2] } : undefined;
}

export async function createUploadFile(ctx: SimContext, task: BackupUploadTaskRecord): Promise<void> {
  const fh = await open(await dataPath(ctx, 'backup', `${task.id}.bin`), 'w');
  await fh.truncate(task.size);
  await fh.close();
}

/** The UploadTask node; every answer about a task (query, create, chunk) selects from it. */
export function uploadTaskNode(task: BackupUploadTaskRecord): Record<string, unknown> {
  return {
    id: task.id,
    status: task.status,
    current_chunk: task.current_chunk,
    chunk_size: task.chunk_size,
    size: task.size,
    resource_type: 'CLOUDTOWER_APPLICATION_PACKAGE',
    args: { name: task.name, package_name: task.package_name },
    started_at: task.started_at ?? null,
    finished_at: null,
    __typename: 'UploadTask',
  };
}

const uploadVars = z.object({
  data: z.object({
    upload_task_id: z.string().min(1),
    file: z.null(),
    current_chunk: z.number().int().positive(),
  }),
});

/** The variables with the uploaded file in place of `null` (the file itself is streamed apart). */
function withFile(vars: z.infer<typeof uploadVars>): Record<string, unknown> {
  return { data: { ...vars.data, file: 'blob' } };
}

/** Streams one chunk into place; returns its size and sha256, or an error message. */
async function writeChunk(
  ctx: SimContext,
  task: BackupUploadTaskRecord,
  n: number,
  part: MultipartPart,
  hashOnly: boolean,
): Promise<{ size: number; sha256: string } | { error: string; size: number }> {
  const expected =
    n < task.total_chunks ? task.chunk_size : task.size - (task.total_chunks - 1) * task.chunk_size;
  // A complete upload is never written again: a repeat is only hashed to compare.
  const fh = hashOnly ? undefined : await open(await dataPath(ctx, 'backup', `${task.id}.bin`), 'r+');
  const hash = createHash('sha256');
  let size = 0;
  let position = (n - 1) * task.chunk_size;
  try {
    for await (const chunk of part.body()) {
      size += chunk.length;
      if (size > expected) continue; // keep reading to the end, write nothing beyond the chunk
      hash.update(chunk);
      if (fh) await fh.write(chunk, 0, chunk.length, position);
      position += chunk.length;
    }
  } finally {
    await fh?.close();
  }
  if (size !== expected) return { error: `chunk ${n} has ${size} bytes, expected ${expected}`, size };
  return { size, sha256: hash.digest('hex') };
}

async function finish(ctx: SimContext, task: BackupUploadTaskRecord): Promise<void> {
  task.sha256 = await sha256OfFile(await dataPath(ctx, 'backup', `${task.id}.bin`));
  task.status = 'SUCCESSED';
  const parsed = parseAppPackageName(task.name);
  const tower = towerState(ctx);
  const pkg = {
    id: cuid(ctx),
    name: task.package_name,
    filename: task.name,
    version: parsed?.version ?? 'unknown',
    architecture: parsed?.arch ?? 'X86_64',
    sha256: task.sha256,
    source: 'graphql-upload' as const,
  };
  tower.applicationPackages.push(pkg);
  task.package_id = pkg.id;
  countEffect(ctx, 'graphql:applicationPackage.created');
  ctx.log('cloudtower.backup-package-ready', { name: task.name, version: pkg.version });
}

export async function handleMultipartUpload(
  ctx: SimContext,
  req: SimRequest,
  options: CloudTowerSimOptions,
  contentType: string,
): Promise<SimReply> {
  let reader: MultipartReader;
  const arriving = ctx.clock.now();
  try {
    reader = new MultipartReader(req.raw, contentType);
    const ops = await reader.next();
    if (!ops || ops.name !== 'operations') {
      await reader.drain();
      return gqlRequestError("Misordered multipart fields; expected 'operations' first.", 'BAD_REQUEST');
    }
    let operations: unknown;
    try {
      operations = JSON.parse(await ops.text());
    } catch {
      await reader.drain();
      return gqlRequestError("Invalid JSON in the 'operations' multipart field.", 'BAD_REQUEST');
    }
    const mapPart = await reader.next();
    if (!mapPart || mapPart.name !== 'map') {
      await reader.drain();
      return gqlRequestError("Misordered multipart fields; expected 'map' second.", 'BAD_REQUEST');
    }
    let map: unknown;
    try {
      map = JSON.parse(await mapPart.text());
    } catch {
      await reader.drain();
      return gqlRequestError("Invalid JSON in the 'map' multipart field.", 'BAD_REQUEST');
    }
    const op = operations as { operationName?: unknown; variables?: unknown; query?: unknown };
    if (typeof op !== 'object' || op === null || Array.isArray(op) || op.operationName !== FIELD) {
      await reader.drain();
      return gqlRequestError(`multipart requests are accepted for ${FIELD} only`, 'BAD_REQUEST');
    }
    // The document is parsed and validated against the schema like any other request.
    const prepared = prepareDocument(op.query, op.operationName);
    if (!prepared.ok) {
      await reader.drain();
      return prepared.reply;
    }
    const fileKey =
      typeof map === 'object' && map !== null
        ? Object.entries(map as Record<string, unknown>).find(
            ([, paths]) => Array.isArray(paths) && paths.includes('variables.data.file'),
          )?.[0]
        : undefined;
    if (!fileKey) {
      await reader.drain();
      return gqlRequestError(
        "The 'map' multipart field must map a file to variables.data.file.",
        'BAD_REQUEST',
      );
    }
    const fault = await namedFault(ctx, req, `cloudtower.graphql.${FIELD}`);
    if (fault) {
      await reader.drain();
      return fault;
    }
    const auth = authenticate(ctx, options, req, { token: true, cookie: true });
    if (!auth.ok) {
      await reader.drain();
      return gqlFieldError(
        FIELD,
        auth.reason === 'expired' ? 'Token expired, please login again' : 'Not Authorised!',
        'UNAUTHENTICATED',
      );
    }
    const vars = uploadVars.safeParse(op.variables);
    if (!vars.success) {
      await reader.drain();
      return gqlRequestError(
        `Variable got invalid value: ${describeIssues(vars.error, '$variables')}`,
        'BAD_USER_INPUT',
      );
    }
    const filePart = await reader.next();
    // A part without a filename is a plain field to the upload stack, so the file is missing.
    if (!filePart || filePart.name !== fileKey || !filePart.isFile) {
      await reader.drain();
      return gqlRequestError(`File missing in the request for map key '${fileKey}'.`, 'BAD_REQUEST');
    }
    const { upload_task_id: taskId, current_chunk: n } = vars.data.data;
    const task = backupState(ctx).uploadTasks.find((t) => t.id === taskId);
    if (!task) {
      await reader.drain();
      return gqlFieldError(FIELD, `No UploadTask found for id ${taskId}`, 'NOT_FOUND');
    }
    if (n > task.total_chunks) {
      await reader.drain();
      return gqlFieldError(
        FIELD,
        `current_chunk ${n} is beyond the last chunk ${task.total_chunks}`,
        'INVALID_ARGUMENT',
      );
    }
    return await withLock(ctx.state, `backup-upload:${task.id}`, async () => {
      const written = await writeChunk(ctx, task, n, filePart, task.status === 'SUCCESSED');
      await reader.drain();
      // The answer leaves once the chunk would have crossed the site link (site bandwidth), like an
      // ISO chunk's; a short or repeated chunk crossed it too.
      await ctx.siteLink.carried(written.size, arriving);
      if ('error' in written) return gqlFieldError(FIELD, written.error, 'INVALID_ARGUMENT');
      const previous = task.chunks[String(n)];
      if (task.status === 'SUCCESSED') {
        // A repeat after completion (lost reply): same bytes -> same answer; anything else is refused.
        if (previous?.sha256 === written.sha256)
          return answerSelected(prepared, withFile(vars.data), FIELD, uploadTaskNode(task));
        return gqlFieldError(FIELD, `upload task ${task.id} is already complete`, 'FAILED_PRECONDITION');
      }
      const chunkFault = ctx.faults.fire(`chunk:backup:${n}`);
      if (chunkFault) ctx.log('cloudtower.fault', { point: `chunk:backup:${n}`, kind: chunkFault.kind });
      // A `delay` waits and then stores the chunk; failures answer instead of storing it.
      const refused = await applyFault(req, chunkFault);
      if (refused) return refused;
      task.chunks[String(n)] = written;
      task.current_chunk = n;
      task.status = 'UPLOADING';
      if (Object.keys(task.chunks).length === task.total_chunks) await finish(ctx, task);
      return (
        (await afterApply(req, chunkFault)) ??
        answerSelected(prepared, withFile(vars.data), FIELD, uploadTaskNode(task))
      );
    });
  } catch (err) {
    if (err instanceof MultipartError) return gqlRequestError(err.message, 'BAD_REQUEST');
    throw err;
  }
}
