// Stage 7 — cluster inspection through CloudTower's inspector (seed 003 §08): start a job with the
// seed's item list (inspector 1.1.1-rc.11), export the report as `word` with graphs over 6 months,
// poll the export (EXPORT_RUNNING → EXPORT_SUCCEEDED), and download the zip into the artifacts dir.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { InspectorClient, INSPECTOR_VERSION, SmartxHttpError } from '../../smartx/index.js';
import { invalidInput, remoteJobFailed, remoteRejected } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';

/** Heartbeat details: a retry reuses the job (and the export while it is still known). */
interface InspectionProgress {
  jobId: string;
  filename?: string;
  exportStatus?: string;
}

const INSPECTION_GRAPH_MONTHS = 6;

/** Report file names come from the server: keep them to one plain path segment. */
function safeFileName(name: string): string {
  const base = path.basename(name);
  if (!/^[\w.-]+\.zip$/.test(base)) {
    throw remoteRejected(
      `inspection: the inspector named the report ${JSON.stringify(name)}, not a plain *.zip file name`,
    );
  }
  return base;
}

export async function runInspection(
  req: TowerAccess & { clusterVip: string; artifactsDir: string },
): Promise<{ path: string; sha256: string; bytes: number; jobId: string }> {
  if (!req.artifactsDir) throw invalidInput('artifactsDir is empty: the run needs a directory for reports');
  const ctx = Context.current();
  return remoteStep('cluster inspection', async () => {
    const { resolver, rest } = towerClients(req);
    const inspector = new InspectorClient(resolver, req.cloudtowerIp, rest.session);
    const cluster = await clusterByVip(rest, req.clusterVip);
    // The inspector names clusters by their SMTX uuid (CloudTower's local_id), as in seed 003.
    const clusterUuid = cluster.local_id;
    if (!clusterUuid) {
      throw remoteRejected(
        `cluster inspection: get-clusters shows no local_id for ${cluster.name}; the inspector needs it`,
      );
    }

    const previous = resumeDetails<InspectionProgress>();
    let progress: InspectionProgress;
    if (previous?.jobId) {
      progress = { ...previous };
    } else {
      const job = await inspector.startJob([clusterUuid], undefined, INSPECTOR_VERSION);
      progress = { jobId: job.id };
      ctx.log.info('inspection job started', { jobId: job.id, cluster: cluster.name });
    }
    ctx.heartbeat(progress);

    // An export remembered from an earlier attempt is reused unless the inspector forgot or failed it.
    if (progress.filename) {
      const status = await inspector.exportStatus(progress.filename).catch((err: unknown) => {
        if (err instanceof SmartxHttpError && err.kind === 'not-found') return 'EXPORT_UNKNOWN';
        throw err;
      });
      if (status !== 'EXPORT_RUNNING' && status !== 'EXPORT_SUCCEEDED') progress = { jobId: progress.jobId };
    }
    if (!progress.filename) {
      const filename = await inspector.exportReport(progress.jobId, clusterUuid, {
        format: 'word',
        graphDurationMonths: INSPECTION_GRAPH_MONTHS,
      });
      progress = { jobId: progress.jobId, filename: safeFileName(filename) };
      ctx.heartbeat(progress);
    }
    const filename = safeFileName(progress.filename!);

    await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `inspection report ${filename}`,
      },
      async () => {
        const status = await inspector.exportStatus(filename);
        progress = { ...progress, exportStatus: status };
        if (status === 'EXPORT_SUCCEEDED') return status;
        if (status === 'EXPORT_RUNNING' || status === 'EXPORT_PENDING') return undefined;
        // Forget the export so the retry asks for a new one (the job stays).
        ctx.heartbeat({ jobId: progress.jobId } satisfies InspectionProgress);
        throw remoteJobFailed(
          `inspection report ${filename} of job ${progress.jobId} ended ${status}; a new export is requested on retry`,
        );
      },
      () => progress,
    );

    await mkdir(req.artifactsDir, { recursive: true });
    const finalPath = path.join(req.artifactsDir, filename);
    const tempPath = path.join(req.artifactsDir, `.${filename}.${randomBytes(6).toString('hex')}.part`);
    try {
      const { size, sha256 } = await inspector.download(filename, tempPath);
      await rename(tempPath, finalPath);
      ctx.log.info('inspection report downloaded', { file: finalPath, bytes: size });
      return { path: finalPath, sha256, bytes: size, jobId: progress.jobId };
    } finally {
      await rm(tempPath, { force: true });
    }
  });
}
