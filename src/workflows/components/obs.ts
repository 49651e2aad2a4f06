import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { componentActivities } from './component-activities.js';
import type { ComponentResult } from './result.js';

export interface ObsInput {
  run: RunContext;
  packageDir: string;
  planFile?: string;
  cloudtowerIp: string;
  rootPassword: PlanSecret;
  clusterVip: string;
  obsIp: string;
  /** vmNetwork: the planned VM network (absent in runs started before it was passed). */
  network: { subnetMask: string; gateway: string; vmNetwork?: { name: string; vlanId: number } };
  ntpServers: string[];
}

/**
 * Stage 8 as a child workflow: its history and retries are its own, and a failure here leaves
 * the cluster and CloudTower as they are.
 */
export async function obsWorkflow(input: ObsInput): Promise<ComponentResult> {
  const { run } = input;
  const { quick, upload, service } = componentActivities(run);
  const tower = { run, cloudtowerIp: input.cloudtowerIp, rootPassword: input.rootPassword };
  const warnings: string[] = [];
  const created: Record<string, string> = {};

  const pkg = await quick.locateObsPackage({ packageDir: input.packageDir });
  const uploaded = await upload.uploadObsPackage({ ...tower, pkg });
  created['OBS package'] = `${pkg.name} (${uploaded.status})`;
  const instance = await service.deployObsInstance({
    ...tower,
    clusterVip: input.clusterVip,
    obsIp: input.obsIp,
    network: input.network,
  });
  created['OBS instance'] =
    `${instance.instanceId} at ${input.obsIp} (${instance.created ? 'created' : 'existing'}, ${instance.status})`;
  const obs = { ...tower, obsIp: input.obsIp };
  await quick.configureObsNtp({ ...obs, ntpServers: input.ntpServers });
  await service.connectObsToCluster({ ...obs, clusterVip: input.clusterVip });
  const system = await quick.connectObsSystemService(obs);
  if (system.warning) warnings.push(`Observability system service: ${system.warning}`);
  const { serial } = await quick.readObsSerial(obs);
  if (serial) await quick.writeSerialsToWorkbook({ planFile: input.planFile, serials: { obs: serial } });
  return { created, warnings, serial, address: input.obsIp };
}
