import { proxyActivities } from '@temporalio/workflow';
import type { ObsActivities } from '../../activities/obs/index.js';
import { uploadHours } from '../../run/timing.js';
import { pickTowerAccess } from '../../run/tower-access.js';
import { bulkUpload, remoteJob } from '../activity-options.js';
import {
  uploadPackage,
  withStageAttribute,
  writeBackSerial,
  type ComponentInput,
} from './component-steps.js';
import type { ComponentResult } from './result.js';

export interface ObsInput extends ComponentInput {
  obsIp: string;
  ntpServers: string[];
}

/**
 * Stage 7 as a child workflow: its history and retries are its own, and a failure here leaves
 * the cluster and CloudTower as they are.
 */
export async function obsWorkflow(input: ObsInput): Promise<ComponentResult> {
  return withStageAttribute('observability', input, () => obsSteps(input));
}

async function obsSteps(input: ObsInput): Promise<ComponentResult> {
  const { run } = input;
  // Lookups and short settings, bounded like a job wait (as the component has always had them).
  const { locateObsPackage, configureObsNtp, connectObsSystemService, readObsSerial } =
    proxyActivities<ObsActivities>(remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }));
  // Inside: parts resume from the operator's offset; a diverged upload is abandoned for a new one.
  const { uploadObsPackage } = proxyActivities<ObsActivities>(
    bulkUpload(run, { hours: uploadHours(run.timing).package }),
  );
  // Inside: the instance is polled until RUNNING; the cluster connection is one mutation.
  const { deployObsInstance, connectObsToCluster } = proxyActivities<ObsActivities>(
    remoteJob(run, { waitSeconds: run.timing.serviceTimeoutSeconds }),
  );
  const tower = pickTowerAccess(input);
  const warnings: string[] = [];
  const created: Record<string, string> = {};

  created['OBS package'] = await uploadPackage(input, locateObsPackage, uploadObsPackage);
  const instance = await deployObsInstance({
    ...tower,
    clusterVip: input.clusterVip,
    obsIp: input.obsIp,
    network: input.network,
  });
  created['OBS instance'] =
    `${instance.instanceId} at ${input.obsIp} (${instance.created ? 'created' : 'existing'}, ${instance.status})`;
  const obs = { ...tower, obsIp: input.obsIp };
  await configureObsNtp({ ...obs, ntpServers: input.ntpServers });
  await connectObsToCluster({ ...obs, clusterVip: input.clusterVip });
  const system = await connectObsSystemService(obs);
  if (system.warning) warnings.push(`Observability system service: ${system.warning}`);
  const { serial } = await readObsSerial(obs);
  await writeBackSerial(input, 'obs', serial);
  return { created, warnings, serial, address: input.obsIp };
}
