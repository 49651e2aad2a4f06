import { patched, proxyActivities } from '@temporalio/workflow';
import type { ConfigureCloudTowerActivities } from '../../activities/configure-cloudtower/index.js';
import { rackPlacements } from '../../plan/rack-units.js';
import { towerAccess } from '../../run/tower-access.js';
import { lookup } from '../activity-options.js';
import type { StageId } from '../../run/stages.js';
import type { StageContext } from './context.js';
import { coded } from '../../i18n/coded.js';

/**
 * Stage 6 of runs started before the 'overlapped-schedule' patch: default storage policy, alert
 * thresholds, then (since issue 12) the dashboard and the rack topology as its steps. Newer runs
 * have stages `dashboard` and `rack-topology` of their own (bringup.ts).
 */
export async function configureCloudTowerStage(ctx: StageContext): Promise<void> {
  await storagePolicyAndAlertPart(ctx);
  // Added with issue 12: runs recorded before it replay without these two steps.
  if (!patched('stage06-dashboard-rack-topology')) return;
  await dashboardPart(ctx);
  await rackTopologyPart(ctx, 'configure-cloudtower');
}

// No loop inside: a rule without its cluster entry yet fails retryably and this policy retries it.
const towerActivities = (ctx: StageContext) =>
  proxyActivities<ConfigureCloudTowerActivities>(lookup(ctx.input.run));
// Every call of this stage is about the plan's cluster on the run's CloudTower.
const clusterOnTower = ({ input }: StageContext) => ({ ...towerAccess(input), clusterVip: input.plan.vip });

/** Default storage policy REPLICA_2_THIN_PROVISION and the storage-capacity alert thresholds. */
export async function storagePolicyAndAlertPart(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { configureDefaultStoragePolicy, configureCapacityAlert } = towerActivities(ctx);
  const tower = clusterOnTower(ctx);
  const policy = await ctx.step('storage-policy', () => configureDefaultStoragePolicy(tower));
  tracker.created['default storage policy'] = policy.policy;
  const alert = await ctx.step('capacity-alert', () =>
    configureCapacityAlert({ ...tower, hostCount: input.plan.hosts.length }),
  );
  tracker.created['capacity alert'] = `NOTICE ${alert.notice}%, CRITICAL ${alert.critical}%`;
}

/** The handover monitoring dashboard (REST v2 view and graphs). */
export async function dashboardPart(ctx: StageContext): Promise<void> {
  const { configureMonitoringDashboard } = towerActivities(ctx);
  const dashboard = await ctx.step('dashboard', () => configureMonitoringDashboard(clusterOnTower(ctx)));
  ctx.tracker.created['monitoring dashboard'] = `${dashboard.view} (${dashboard.graphs} graphs)`;
}

/**
 * The rack topology of 主机规划 P/Q; without rack data a note, and `skipped` when it is a stage of
 * its own. `noteStage`: the stage the note belongs to.
 */
export async function rackTopologyPart(ctx: StageContext, noteStage: StageId): Promise<'done' | 'skipped'> {
  const { input, tracker } = ctx;
  const { plan } = input;
  const { configureRackTopology } = towerActivities(ctx);
  const placements = rackPlacements(plan.hosts);
  if (placements.length === 0) {
    tracker.addNote(noteStage, coded('note.rackTopologySkipped'));
    return 'skipped';
  }
  const topology = await ctx.step('rack-topology', () =>
    configureRackTopology({ ...clusterOnTower(ctx), placements }),
  );
  tracker.created['rack topology'] =
    `${topology.racks.join(', ')}: ${topology.placed} of ${plan.hosts.length} hosts placed`;
  if (topology.placed < plan.hosts.length)
    tracker.addNote(
      noteStage,
      coded('note.hostsWithoutRack', { count: plan.hosts.length - topology.placed }),
    );
  return 'done';
}
