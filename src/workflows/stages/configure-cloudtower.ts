import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { pollingCallOptions, quickCallOptions, type StageContext } from './context.js';

/** Stage 6: default storage policy REPLICA_2_THIN_PROVISION and the storage-capacity alert thresholds. */
export async function configureCloudTowerStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const quick = proxyActivities<typeof activities>(quickCallOptions(run));
  const tower = { run, cloudtowerIp: plan.cloudtower.ip, rootPassword: plan.cloudtower.rootPassword };
  const policy = await ctx.step('configure-cloudtower', 'storage-policy', () =>
    quick.configureDefaultStoragePolicy({ ...tower, clusterVip: plan.vip }),
  );
  tracker.created['default storage policy'] = policy.policy;
  const alert = await ctx.step('configure-cloudtower', 'capacity-alert', () =>
    quick.configureCapacityAlert({ ...tower, clusterVip: plan.vip, hostCount: plan.hosts.length }),
  );
  tracker.created['capacity alert'] = `NOTICE ${alert.notice}%, CRITICAL ${alert.critical}%`;
}

/** Stage 7: the inspection report, downloaded into the run's artifacts with its checksum. */
export async function inspectionStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const { runInspection } = proxyActivities<typeof activities>(
    pollingCallOptions(run, run.timing.serviceTimeoutSeconds),
  );
  const report = await ctx.step('inspection', 'inspect-and-download', () =>
    runInspection({
      run,
      cloudtowerIp: plan.cloudtower.ip,
      rootPassword: plan.cloudtower.rootPassword,
      clusterVip: plan.vip,
      artifactsDir: input.files.artifactsDir,
    }),
  );
  tracker.inspectionReport = { path: report.path, sha256: report.sha256, bytes: report.bytes };
}
