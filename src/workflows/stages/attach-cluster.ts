import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { pollingCallOptions, type StageContext } from './context.js';

/** Stage 5: organization, datacenter (reused by name), cluster connected and CONNECTED. */
export async function attachClusterStage(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const { attachClusterToCloudTower } = proxyActivities<typeof activities>(
    pollingCallOptions(run, run.timing.serviceTimeoutSeconds),
  );
  const attached = await ctx.step('attach-cluster', 'connect-cluster', () =>
    attachClusterToCloudTower({
      run,
      cloudtowerIp: plan.cloudtower.ip,
      organization: plan.organization,
      datacenter: plan.datacenter,
      vip: plan.vip,
      fisheye: plan.fisheye,
      rootPassword: plan.cloudtower.rootPassword,
    }),
  );
  tracker.created['datacenter'] =
    `${plan.datacenter} ${attached.datacenterId} (${attached.datacenterCreated ? 'created' : 'existing'})`;
  tracker.created['cluster in CloudTower'] =
    `${attached.clusterId} (${attached.alreadyConnected ? 'already connected' : 'connected'}, ${attached.connectState})`;
}
