// The inspection center behind CloudTower (seed 003, stage 08), a grpc-gateway service:
//   POST /api/inspector/api/v3/jobs                          start a job (version, clusters, items)
//   GET  /api/inspector/api/v3/jobs/{id}                     (assumed) the job with its status
//   POST /api/inspector/api/v3/jobs/{id}:exportReport?format=word   -> {filename}
//   GET  /api/inspector/api/v3/export/status?filename=...    EXPORT_RUNNING -> EXPORT_SUCCEEDED
//   GET  /api/inspector/api/v1/export/download?filename=...  the zip
// Auth: the CloudTower token (`Authorization`) or session cookie.
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../../core/contract.js';
import { advanceAll } from '../advance.js';
import { authenticate } from '../auth.js';
import { dataPath } from '../files.js';
import { ksuid } from '../ids.js';
import type { CloudTowerSimOptions } from '../options.js';
import { grpc, grpcError, jsonReply } from '../replies.js';
import {
  countEffect,
  inspectorState,
  type InspectorExportRecord,
  type InspectorJobRecord,
} from '../store.js';
import { endsAt, scheduleWake, startTiming } from '../timing.js';
import { grpcBody, grpcRules } from '../grpc-body.js';
import { noBody, seedLine, type RequestRules } from '../../core/evidence.js';
import { clusterByUuid } from './advance.js';

export const INSPECTOR_VERSION = '1.1.1-rc.11';
const BASE = '/api/inspector/api';

const jobBody = z.object({
  version: z.string().min(1),
  cluster_uuids: z.array(z.string().min(1)).min(1),
  user_defined_items_names: z.array(z.string().min(1)).min(1),
});

const exportBody = z.object({
  options: z
    .array(
      z.object({
        cluster_uuid: z.string().min(1),
        items_names: z.array(z.string().min(1)).min(1),
        graph_duration_months: z.number().int().positive().max(12).optional(),
      }),
    )
    .min(1),
});

function jobView(ctx: SimContext, job: InspectorJobRecord, withStatus: boolean): Record<string, unknown> {
  const names: Record<string, string> = {};
  if (withStatus) for (const uuid of job.cluster_uuids) names[uuid] = clusterByUuid(ctx, uuid)?.name ?? '';
  return {
    id: job.id,
    version: job.version,
    cluster_uuids: job.cluster_uuids,
    cluster_names: names,
    user_defined_items_names: job.user_defined_items_names,
    ...(withStatus ? { status: job.status } : {}),
  };
}

async function startJob(req: SimRequest, ctx: SimContext, options: CloudTowerSimOptions): Promise<SimReply> {
  const parsed = await grpcBody(req, jobBody);
  if (!parsed.ok) return parsed.reply;
  if (parsed.value.version !== INSPECTOR_VERSION) {
    return grpcError(
      grpc.invalidArgument,
      `inspection version ${parsed.value.version} is not installed (have ${INSPECTOR_VERSION})`,
    );
  }
  for (const uuid of parsed.value.cluster_uuids) {
    if (!clusterByUuid(ctx, uuid))
      return grpcError(grpc.notFound, `cluster ${uuid} is not connected to CloudTower`);
  }
  const job: InspectorJobRecord = {
    id: ksuid(ctx),
    ...parsed.value,
    status: 'RUNNING',
    sim: startTiming(ctx, options.timings.inspectorJobSeconds, 'job:inspector.job'),
  };
  inspectorState(ctx).jobs.push(job);
  scheduleWake(ctx, options.timings.inspectorJobSeconds);
  countEffect(ctx, 'inspector:jobs.create');
  return jsonReply(200, jobView(ctx, job, false));
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}-${p(d.getUTCHours())}-${p(d.getUTCMinutes())}-${p(d.getUTCSeconds())}`;
}

async function exportReport(
  req: SimRequest,
  ctx: SimContext,
  options: CloudTowerSimOptions,
  jobId: string,
): Promise<SimReply> {
  const job = inspectorState(ctx).jobs.find((j) => j.id === jobId);
  if (!job) return grpcError(grpc.notFound, `job ${jobId} not found`);
  const format = req.query.get('format');
  if (!format) return grpcError(grpc.invalidArgument, 'query parameter "format" is required');
  // Seed 003 exports `word`; nothing shows another format refused: served (as word), marked.
  if (format !== 'word') req.lenient(`format:${format}`);
  const parsed = await grpcBody(req, exportBody);
  if (!parsed.ok) return parsed.reply;
  for (const o of parsed.value.options) {
    if (!job.cluster_uuids.includes(o.cluster_uuid)) {
      return grpcError(grpc.invalidArgument, `cluster ${o.cluster_uuid} is not part of job ${job.id}`);
    }
  }
  const now = ctx.clock.now();
  const filename = `InspectorReport-${stamp(now)}-${job.id}.zip`;
  const existing = inspectorState(ctx).exports.find((e) => e.filename === filename);
  if (existing) return jsonReply(200, { filename });
  // The export renders once the job has finished, then takes inspectorExportSeconds.
  const waitForJob = Math.max(0, (endsAt(job.sim) - now) / 1000);
  const seconds = waitForJob + options.timings.inspectorExportSeconds;
  const record: InspectorExportRecord = {
    filename,
    job_id: job.id,
    format,
    options: parsed.value.options,
    status: 'EXPORT_RUNNING',
    requestedAt: now,
    downloads: 0,
    sim: startTiming(ctx, seconds, 'job:inspector.export'),
  };
  inspectorState(ctx).exports.push(record);
  scheduleWake(ctx, seconds);
  countEffect(ctx, 'inspector:exportReport');
  return jsonReply(200, { filename });
}

/** A query parameter seed 003 shows on the route: missing, it is refused (a row in docs/simulator-strictness.md). */
const queryRequired = (name: string, line: number, word: string): RequestRules => ({
  ...noBody,
  refusals: [
    { status: 400, message: `query parameter "${name}" is required`, source: seedLine('003', line, word) },
  ],
});
const withQuery = (rules: RequestRules, query: RequestRules): RequestRules => ({
  ...rules,
  refusals: [...rules.refusals, ...query.refusals],
});

async function exportStatus(req: SimRequest, ctx: SimContext): Promise<SimReply> {
  const filename = req.query.get('filename');
  if (!filename) return grpcError(grpc.invalidArgument, 'query parameter "filename" is required');
  const exp = inspectorState(ctx).exports.find((e) => e.filename === filename);
  if (!exp) return grpcError(grpc.notFound, `export ${filename} not found`);
  return jsonReply(200, { filename, status: exp.status });
}

async function download(req: SimRequest, ctx: SimContext): Promise<SimReply> {
  const filename = req.query.get('filename');
  if (!filename) return grpcError(grpc.invalidArgument, 'query parameter "filename" is required');
  const exp = inspectorState(ctx).exports.find((e) => e.filename === filename);
  if (!exp) return grpcError(grpc.notFound, `export ${filename} not found`);
  if (exp.status !== 'EXPORT_SUCCEEDED' || exp.size === undefined) {
    return grpcError(grpc.failedPrecondition, `export ${filename} is ${exp.status}`);
  }
  exp.downloads += 1;
  return {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-length': String(exp.size),
      'content-disposition': `attachment; filename="${exp.filename}"`,
    },
    stream: createReadStream(await dataPath(ctx, 'inspector', exp.filename)),
  };
}

export function inspectorRoutes(options: CloudTowerSimOptions): SimRoute[] {
  const wrap =
    (fn: (req: SimRequest, ctx: SimContext) => Promise<SimReply>) =>
    async (req: SimRequest, ctx: SimContext): Promise<SimReply> => {
      await advanceAll(ctx);
      const auth = authenticate(ctx, options, req, { token: true, cookie: true });
      if (!auth.ok)
        return grpcError(
          grpc.unauthenticated,
          auth.reason === 'expired' ? 'token expired' : 'authentication required',
        );
      return fn(req, ctx);
    };
  return [
    {
      method: 'POST',
      pattern: `${BASE}/v3/jobs`,
      name: 'inspector.jobs.create',
      request: grpcRules(
        ['version', 'cluster_uuids', 'user_defined_items_names'].map((field) => ({
          field,
          source: seedLine('003', 3529, field),
        })),
      ),
      handler: wrap((req, ctx) => startJob(req, ctx, options)),
    },
    {
      method: 'POST',
      pattern: `${BASE}/v3/jobs/:idAction`,
      name: 'inspector.jobs.export-report',
      request: withQuery(
        grpcRules(
          ['options', 'cluster_uuid', 'items_names'].map((field) => ({
            field,
            source: seedLine('003', 3557, field),
          })),
        ),
        queryRequired('format', 3549, 'format=word'),
      ),
      handler: wrap(async (req, ctx) => {
        const [id, action] = req.params.idAction.split(':');
        if (action !== 'exportReport')
          return grpcError(grpc.notFound, `unknown method "${action ?? ''}" on jobs`);
        return exportReport(req, ctx, options, id);
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/v3/jobs/:id`,
      name: 'inspector.jobs.get',
      handler: wrap(async (req, ctx) => {
        const job = inspectorState(ctx).jobs.find((j) => j.id === req.params.id);
        return job
          ? jsonReply(200, jobView(ctx, job, true))
          : grpcError(grpc.notFound, `job ${req.params.id} not found`);
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/v3/export/status`,
      name: 'inspector.export.status',
      request: queryRequired('filename', 3566, 'filename='),
      handler: wrap(exportStatus),
    },
    {
      method: 'GET',
      pattern: `${BASE}/v1/export/download`,
      name: 'inspector.export.download',
      request: queryRequired('filename', 3582, 'filename='),
      handler: wrap(download),
    },
  ];
}
