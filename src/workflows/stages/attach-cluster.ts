import { proxyActivities } from '@temporalio/workflow';
import type { AttachClusterActivities } from '../../activities/attach-cluster/index.js';
import { towerAccess } from '../../run/tower-access.js';
import { remoteJob } from '../activity-options.js';
import type { StageContext } from './context.js';

/** Stage 5: organization, datacenter (reused by name), cluster connected and CONNECTED. */
export async function attachClusterStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  // Inside: a datacenter create whose answer was lost is looked up again; connect_state is polled.
  const { attachClusterToCloudTower } = proxyActivities<AttachClusterActivities>(
    remoteJob(run, { waitSeconds: run.timing.serviceTimeoutSeconds }),
  );
  const attached = await ctx.step('connect-cluster', () =>
    attachClusterToCloudTower({
      ...towerAccess(input),
      organization: plan.organization,
      datacenter: plan.datacenter,
      vip: plan.vip,
      fisheye: plan.fisheye,
    }),
  );
  tracker.created['datacenter'] =
    `${plan.datacenter} ${attached.datacenterId} (${attached.datacenterCreated ? 'created' : 'existing'})`;
  tracker.created['cluster in CloudTower'] =
    `${attached.clusterId} (${attached.alreadyConnected ? 'already connected' : 'connected'}, ${attached.connectState})`;
}
