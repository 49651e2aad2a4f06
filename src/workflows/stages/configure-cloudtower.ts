import { patched, proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { rackPlacements } from '../../plan/rack-units.js';
import { lookup } from '../activity-options.js';
import type { StageContext } from './context.js';

/**
 * Stage 6: default storage policy REPLICA_2_THIN_PROVISION, the storage-capacity alert thresholds,
 * the handover monitoring dashboard and the rack topology of 主机规划 P/Q.
 */
export async function configureCloudTowerStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  // No loop inside: a rule without its cluster entry yet fails retryably and this policy retries it.
  const {
    configureDefaultStoragePolicy,
    configureCapacityAlert,
    configureMonitoringDashboard,
    configureRackTopology,
  } = proxyActivities<typeof activities>(lookup(run));
  const tower = { run, cloudtowerIp: plan.cloudtower.ip, rootPassword: plan.cloudtower.rootPassword };
  const policy = await ctx.step('storage-policy', () =>
    configureDefaultStoragePolicy({ ...tower, clusterVip: plan.vip }),
  );
  tracker.created['default storage policy'] = policy.policy;
  const alert = await ctx.step('capacity-alert', () =>
    configureCapacityAlert({ ...tower, clusterVip: plan.vip, hostCount: plan.hosts.length }),
  );
  tracker.created['capacity alert'] = `NOTICE ${alert.notice}%, CRITICAL ${alert.critical}%`;

  // Added with issue 12: runs recorded before it replay without these two steps.
  if (!patched('stage06-dashboard-rack-topology')) return;

  const dashboard = await ctx.step('dashboard', () =>
    configureMonitoringDashboard({ ...tower, clusterVip: plan.vip }),
  );
  tracker.created['monitoring dashboard'] = `${dashboard.view} (${dashboard.graphs} graphs)`;

  const placements = rackPlacements(plan.hosts);
  if (placements.length === 0) {
    addNote(
      ctx,
      '机架拓扑已跳过：主机规划 P/Q 列为空 / rack topology skipped: 主机规划 columns P/Q are empty',
    );
    return;
  }
  const topology = await ctx.step('rack-topology', () =>
    configureRackTopology({ ...tower, clusterVip: plan.vip, placements }),
  );
  tracker.created['rack topology'] =
    `${topology.racks.join(', ')}: ${topology.placed} of ${plan.hosts.length} hosts placed`;
  if (topology.placed < plan.hosts.length)
    addNote(
      ctx,
      `${plan.hosts.length - topology.placed} 台主机没有机架位置 / ${plan.hosts.length - topology.placed} host(s) without a rack position`,
    );
}

function addNote(ctx: StageContext, note: string): void {
  // A retried stage runs again: the note is added once.
  const prev = ctx.tracker.notes['configure-cloudtower'];
  if (prev?.includes(note)) return;
  ctx.tracker.notes['configure-cloudtower'] = prev ? `${prev}; ${note}` : note;
}
