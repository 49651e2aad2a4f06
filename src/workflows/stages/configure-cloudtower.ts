import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { lookup } from '../activity-options.js';
import type { StageContext } from './context.js';

/** Stage 6: default storage policy REPLICA_2_THIN_PROVISION and the storage-capacity alert thresholds. */
export async function configureCloudTowerStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  // No loop inside: a rule without its cluster entry yet fails retryably and this policy retries it.
  const { configureDefaultStoragePolicy, configureCapacityAlert } = proxyActivities<typeof activities>(
    lookup(run),
  );
  const tower = { run, cloudtowerIp: plan.cloudtower.ip, rootPassword: plan.cloudtower.rootPassword };
  const policy = await ctx.step('storage-policy', () =>
    configureDefaultStoragePolicy({ ...tower, clusterVip: plan.vip }),
  );
  tracker.created['default storage policy'] = policy.policy;
  const alert = await ctx.step('capacity-alert', () =>
    configureCapacityAlert({ ...tower, clusterVip: plan.vip, hostCount: plan.hosts.length }),
  );
  tracker.created['capacity alert'] = `NOTICE ${alert.notice}%, CRITICAL ${alert.critical}%`;
}
