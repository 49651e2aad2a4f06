// The ovm-operator's chunked upload of the Observability package (seed 003, stage 07):
//   POST /api/ovm-operator/api/v3/chunkedUploads            {origin_file_name}    -> upload (offset "0")
//   POST /api/ovm-operator/api/v1/chunkedUploads            multipart: file, id   -> {offset: n, status: 1}
//   POST /api/ovm-operator/api/v3/chunkedUploads/{id}:commit                      -> two package tasks
//   GET  /api/ovm-operator/api/v3/chunkedUploads/{id}       (assumed) the upload, to resume after a lost reply
//   GET  /api/ovm-operator/api/v3/chunkedUploads            (assumed, grpc-gateway List convention)
//        {chunked_uploads: [...], next_page_token: ""}: finds the upload of a create whose answer was lost
// Every call needs HTTP Basic `o11y:HC!r0cks` and a CloudTower `connect.sid` session.
// Parts are appended in order; the running sha256 advances part by part and a part is staged to
// disk first, so a failed or repeated part never corrupts the file or the hash. A part may name
// the `offset` it starts at (form field or query): a repeat of an already stored part with the same
// bytes is answered without effect, which makes retries idempotent.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { advanceAll } from '../advance.js';
import { authenticate, checkOvmBasic } from '../auth.js';
import { afterApply, applyFault } from '../fault.js';
import { isoAt, ksuid } from '../ids.js';
import { MultipartError, MultipartReader, boundaryOf } from '../../core/multipart.js';
import type { CloudTowerSimOptions } from '../options.js';
import { grpc, grpcError, jsonReply } from '../replies.js';
import { runtimeOf, withLock } from '../runtime.js';
import { countEffect, obsState, type ObsUploadRecord } from '../store.js';
import { grpcBody, grpcRules } from '../grpc-body.js';
import { frameworks, noBody, seedLine } from '../../core/evidence.js';
import { dataPath, hashFileInto } from '../files.js';
import { startPackageProcessing } from './packages.js';

export const OBS_PART_SIZE = 4 * 1024 * 1024;
const BASE = '/api/ovm-operator/api';

function guard(ctx: SimContext, options: CloudTowerSimOptions, req: SimRequest): SimReply | undefined {
  if (!checkOvmBasic(req)) {
    const reply = grpcError(grpc.unauthenticated, 'invalid basic auth credentials');
    reply.headers = { ...reply.headers, 'www-authenticate': 'Basic realm="ovm-operator"' };
    return reply;
  }
  const auth = authenticate(ctx, options, req, { token: false, cookie: true });
  if (!auth.ok)
    return grpcError(
      grpc.unauthenticated,
      auth.reason === 'expired' ? 'session expired' : 'session required',
    );
  return undefined;
}

function timestamp(iso: string): { seconds: number; nanos: number } {
  const ms = Date.parse(iso);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** The v3 (grpc-gateway JSON) view: int64 offset as a string, enum status by name. */
function uploadV3(u: ObsUploadRecord): Record<string, unknown> {
  return {
    id: u.id,
    package_name: '',
    offset: String(u.offset),
    status: u.status,
    origin_file_name: u.origin_file_name,
    error_code: '',
    error_message: '',
    package_id: u.package_id ?? '',
    create_time: u.create_time,
    update_time: u.update_time,
  };
}

/** The v1 view answered to a part: numeric offset, numeric status, protobuf timestamps. */
function uploadV1(u: ObsUploadRecord): Record<string, unknown> {
  return {
    id: u.id,
    offset: u.offset,
    status: u.status === 'UPLOADING' ? 1 : 2,
    origin_file_name: u.origin_file_name,
    create_time: timestamp(u.create_time),
    update_time: timestamp(u.update_time),
  };
}

const createBody = z.object({ origin_file_name: z.string().min(1).max(255) });

async function create(req: SimRequest, ctx: SimContext): Promise<SimReply> {
  const parsed = await grpcBody(req, createBody);
  if (!parsed.ok) return parsed.reply;
  if (/[/\\]/.test(parsed.value.origin_file_name)) {
    return grpcError(grpc.invalidArgument, 'origin_file_name must be a file name, not a path');
  }
  const now = isoAt(ctx.clock.now());
  const upload: ObsUploadRecord = {
    id: ksuid(ctx),
    origin_file_name: parsed.value.origin_file_name,
    offset: 0,
    status: 'UPLOADING',
    create_time: now,
    update_time: now,
    parts: [],
    commits: 0,
    task_ids: [],
  };
  // The data file exists from the start, so parts can always be appended at `offset`.
  const fh = await open(await dataPath(ctx, 'obs', `${upload.id}.bin`), 'w');
  await fh.close();
  runtimeOf(ctx.state).obsUploadHashes.set(upload.id, createHash('sha256'));
  obsState(ctx).uploads.push(upload);
  countEffect(ctx, 'obs:chunkedUploads.create');
  return jsonReply(200, uploadV3(upload));
}

interface StagedPart {
  file: string;
  size: number;
  sha256: string;
}

/** Reads the multipart body: the file part is staged to disk (never held in memory). */
async function readPartRequest(
  ctx: SimContext,
  req: SimRequest,
  contentType: string,
): Promise<{ fields: Record<string, string>; staged?: StagedPart }> {
  const reader = new MultipartReader(req.raw, contentType);
  const fields: Record<string, string> = {};
  let staged: StagedPart | undefined;
  for (let part = await reader.next(); part; part = await reader.next()) {
    const current = part;
    if (current.name === 'file' && !staged) {
      const file = await dataPath(ctx, 'obs', 'staging', `${ksuid(ctx)}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const out = createWriteStream(file);
      try {
        await pipeline(async function* () {
          for await (const chunk of current.body()) {
            size += chunk.length;
            if (size > OBS_PART_SIZE) throw new MultipartError(`part exceeds ${OBS_PART_SIZE} bytes`);
            hash.update(chunk);
            yield chunk;
          }
        }, out);
      } catch (err) {
        reader.discard();
        await rm(file, { force: true });
        throw err;
      }
      staged = { file, size, sha256: hash.digest('hex') };
    } else {
      fields[current.name] = await current.text(4096);
    }
  }
  return { fields, staged };
}

async function uploadPart(req: SimRequest, ctx: SimContext): Promise<SimReply> {
  const contentType = req.headers['content-type'];
  if (!contentType || !boundaryOf(contentType))
    return grpcError(grpc.invalidArgument, 'expected multipart/form-data with fields "file" and "id"');
  let body: Awaited<ReturnType<typeof readPartRequest>>;
  const arriving = ctx.clock.now();
  try {
    body = await readPartRequest(ctx, req, contentType);
  } catch (err) {
    if (err instanceof MultipartError) return grpcError(grpc.invalidArgument, err.message);
    throw err;
  }
  const { fields, staged } = body;
  for (const name of Object.keys(fields))
    if (name !== 'id' && name !== 'offset') req.lenient(`unknown-part:${name}`);
  try {
    // The answer leaves once the part would have crossed the site link (site bandwidth), like an
    // ISO chunk's: a refused or repeated part crossed it too.
    if (staged) await ctx.siteLink.carried(staged.size, arriving);
    const id = fields.id ?? req.query.get('id') ?? '';
    if (!id) return grpcError(grpc.invalidArgument, 'field "id" is required');
    if (!staged) return grpcError(grpc.invalidArgument, 'field "file" is required');
    if (staged.size === 0) return grpcError(grpc.invalidArgument, 'field "file" is empty');
    const upload = obsState(ctx).uploads.find((u) => u.id === id);
    if (!upload) return grpcError(grpc.notFound, `chunked upload ${id} not found`);
    const offsetText = fields.offset ?? req.query.get('offset');
    const claimed = offsetText === undefined || offsetText === null ? undefined : Number(offsetText);
    if (claimed !== undefined && (!Number.isSafeInteger(claimed) || claimed < 0)) {
      return grpcError(grpc.invalidArgument, `offset must be a non-negative integer, got "${offsetText}"`);
    }
    return await withLock(ctx.state, `obs-upload:${id}`, async () => {
      if (upload.status !== 'UPLOADING')
        return grpcError(grpc.failedPrecondition, `chunked upload ${id} is already committed`);
      if (claimed !== undefined && claimed < upload.offset) {
        // A retry of a part that was stored already: same bytes -> same answer, no effect.
        const previous = upload.parts.find((p) => p.offset === claimed);
        if (previous && previous.size === staged.size && previous.sha256 === staged.sha256)
          return jsonReply(200, uploadV1(upload));
        return grpcError(
          grpc.failedPrecondition,
          `offset ${claimed} was already written with different data; upload offset is ${upload.offset}`,
        );
      }
      if (claimed !== undefined && claimed > upload.offset) {
        return grpcError(
          grpc.failedPrecondition,
          `offset ${claimed} leaves a gap; upload offset is ${upload.offset}`,
        );
      }
      const index = upload.parts.length + 1;
      const fault = ctx.faults.fire(`chunk:obs:${index}`);
      if (fault) ctx.log('cloudtower.fault', { point: `chunk:obs:${index}`, kind: fault.kind });
      // A `delay` waits and then stores the part; failures answer instead of storing it.
      const refused = await applyFault(req, fault);
      if (refused) return refused;
      const dataFile = await dataPath(ctx, 'obs', `${upload.id}.bin`);
      await pipeline(
        createReadStream(staged.file),
        createWriteStream(dataFile, { flags: 'r+', start: upload.offset }),
      );
      const running = runtimeOf(ctx.state).obsUploadHashes.get(upload.id);
      if (!running)
        return grpcError(grpc.failedPrecondition, `chunked upload ${id} lost its state; start a new upload`);
      await hashFileInto(running, staged.file);
      upload.parts.push({ index, offset: upload.offset, size: staged.size, sha256: staged.sha256 });
      upload.offset += staged.size;
      upload.update_time = isoAt(ctx.clock.now());
      return (await afterApply(req, fault)) ?? jsonReply(200, uploadV1(upload));
    });
  } finally {
    if (staged) await rm(staged.file, { force: true });
  }
}

async function commit(ctx: SimContext, options: CloudTowerSimOptions, id: string): Promise<SimReply> {
  const upload = obsState(ctx).uploads.find((u) => u.id === id);
  if (!upload) return grpcError(grpc.notFound, `chunked upload ${id} not found`);
  return withLock(ctx.state, `obs-upload:${id}`, async () => {
    upload.commits += 1;
    // A repeated commit (e.g. after a lost reply) answers the same and starts nothing new.
    if (upload.status === 'COMMITTED') return jsonReply(200, uploadV3(upload));
    if (upload.offset === 0) return grpcError(grpc.failedPrecondition, `chunked upload ${id} has no data`);
    const running = runtimeOf(ctx.state).obsUploadHashes.get(upload.id);
    if (!running)
      return grpcError(grpc.failedPrecondition, `chunked upload ${id} lost its state; start a new upload`);
    upload.sha256 = running.digest('hex');
    runtimeOf(ctx.state).obsUploadHashes.delete(upload.id);
    upload.status = 'COMMITTED';
    upload.update_time = isoAt(ctx.clock.now());
    startPackageProcessing(ctx, options, upload);
    countEffect(ctx, 'obs:chunkedUploads.commit');
    return jsonReply(200, uploadV3(upload));
  });
}

export function obsUploadRoutes(options: CloudTowerSimOptions): SimRoute[] {
  const wrap =
    (fn: (req: SimRequest, ctx: SimContext) => Promise<SimReply>) =>
    async (req: SimRequest, ctx: SimContext): Promise<SimReply> => {
      await advanceAll(ctx);
      return guard(ctx, options, req) ?? fn(req, ctx);
    };
  return [
    {
      method: 'POST',
      pattern: `${BASE}/v3/chunkedUploads`,
      name: 'obs.upload.create',
      request: grpcRules([{ field: 'origin_file_name', source: seedLine('003', 2259, 'origin_file_name') }]),
      handler: wrap(create),
    },
    {
      method: 'POST',
      pattern: `${BASE}/v1/chunkedUploads`,
      name: 'obs.upload.part',
      request: {
        body: 'multipart',
        unknownKeys: 'lenient',
        refusals: [
          {
            status: 400,
            message: 'expected multipart/form-data with fields "file" and "id"',
            source: frameworks.multipartBoundary,
          },
          { status: 400, message: 'field "id" is required', source: seedLine('003', 2295, 'id') },
          { status: 400, message: 'field "file" is required', source: seedLine('003', 2293, 'file') },
        ],
      },
      handler: wrap(uploadPart),
    },
    {
      method: 'POST',
      pattern: `${BASE}/v3/chunkedUploads/:idAction`,
      name: 'obs.upload.commit',
      request: noBody,
      handler: wrap(async (req, ctx) => {
        const [id, action] = req.params.idAction.split(':');
        if (action !== 'commit')
          return grpcError(grpc.notFound, `unknown method "${action ?? ''}" on chunkedUploads`);
        return commit(ctx, options, id);
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/v3/chunkedUploads`,
      name: 'obs.upload.list',
      handler: wrap((_req, ctx) =>
        Promise.resolve(
          jsonReply(200, { chunked_uploads: obsState(ctx).uploads.map(uploadV3), next_page_token: '' }),
        ),
      ),
    },
    {
      method: 'GET',
      pattern: `${BASE}/v3/chunkedUploads/:id`,
      name: 'obs.upload.get',
      handler: wrap(async (req, ctx) => {
        const upload = obsState(ctx).uploads.find((u) => u.id === req.params.id);
        return upload
          ? jsonReply(200, uploadV3(upload))
          : grpcError(grpc.notFound, `chunked upload ${req.params.id} not found`);
      }),
    },
  ];
}
