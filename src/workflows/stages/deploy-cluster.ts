import { proxyActivities } from '@temporalio/workflow';
import type { DeployClusterActivities } from '../../activities/deploy-cluster/index.js';
import { remoteJob } from '../activity-options.js';
import type { StageContext } from './context.js';

/** Stage 2: one POST of the deploy payload, followed to the end; a deploy already running or done is followed or accepted. */
export async function deployClusterStage(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  // Inside: a retry decides from deploy_status/deploy_verify (and the POST answer) and never deploys twice.
  const { deployClusterFromPlan } = proxyActivities<DeployClusterActivities>(
    remoteJob(run, { waitSeconds: run.timing.deployTimeoutSeconds }),
  );
  const result = await ctx.step('deploy-and-verify', () =>
    deployClusterFromPlan({
      run,
      clusterName: plan.clusterName,
      dnsServers: plan.dnsServers,
      storageArchitecture: plan.storageArchitecture,
      features: plan.features,
      networks: { management: plan.networks.management, storage: plan.networks.storage },
      hosts: plan.hosts.map((h) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        storageIp: h.storageIp,
      })),
      scans: facts.scans ?? [],
    }),
  );
  tracker.created['cluster'] = `${plan.clusterName} (${plan.hosts.length} hosts, ${result.status})`;
  tracker.addresses['cluster VIP'] = plan.vip;
}
