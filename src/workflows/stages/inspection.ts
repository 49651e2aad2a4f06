import { proxyActivities } from '@temporalio/workflow';
import type { InspectionActivities } from '../../activities/inspection/index.js';
import { towerAccess } from '../../run/tower-access.js';
import { remoteJob } from '../activity-options.js';
import type { StageContext } from './context.js';

/** Stage 7: the inspection report, downloaded into the run's artifacts with its checksum. */
export async function inspectionStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  // Inside: a retry reuses the heartbeated job; a failed or forgotten export is requested anew.
  const { runInspection } = proxyActivities<InspectionActivities>(
    remoteJob(run, { waitSeconds: run.timing.serviceTimeoutSeconds }),
  );
  const report = await ctx.step('inspect-and-download', () =>
    runInspection({
      ...towerAccess(input),
      clusterVip: plan.vip,
      artifactsDir: input.files.artifactsDir,
    }),
  );
  tracker.inspectionReport = { path: report.path, sha256: report.sha256, bytes: report.bytes };
}
