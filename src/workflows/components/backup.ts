import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { componentActivities } from './component-activities.js';
import type { ComponentResult } from './result.js';

export interface BackupInput {
  run: RunContext;
  packageDir: string;
  planFile?: string;
  cloudtowerIp: string;
  rootPassword: PlanSecret;
  clusterVip: string;
  backupIp: string;
  /** The backup service's address on the storage network, when the plan has a backup network. */
  storageIp?: string;
  storageSubnetMask?: string;
  /** The plan's storage VDS, where the backup storage network is created. */
  storageVdsName?: string;
  /** vmNetwork: the planned VM network (absent in runs started before it was passed). */
  network: { subnetMask: string; gateway: string; vmNetwork?: { name: string; vlanId: number } };
  storageNetwork: { name: string; vlanId: number };
}

/** Stage 9 as a child workflow: package, storage network, service RUNNING, cluster bound. */
export async function backupWorkflow(input: BackupInput): Promise<ComponentResult> {
  const { run } = input;
  const { quick, upload, service } = componentActivities(run);
  const tower = { run, cloudtowerIp: input.cloudtowerIp, rootPassword: input.rootPassword };
  const created: Record<string, string> = {};

  const pkg = await quick.locateBackupPackage({ packageDir: input.packageDir });
  const uploaded = await upload.uploadBackupPackage({ ...tower, pkg });
  created['Backup package'] = `${pkg.name} (${uploaded.status})`;
  const network = await quick.ensureBackupStorageNetwork({
    ...tower,
    clusterVip: input.clusterVip,
    storageVdsName: input.storageVdsName,
    storageNetwork: input.storageNetwork,
  });
  created['Backup storage network'] =
    `${input.storageNetwork.name} (${network.created ? 'created' : 'existing'})`;
  const svc = await service.deployBackupService({
    ...tower,
    clusterVip: input.clusterVip,
    backupIp: input.backupIp,
    storageIp: input.storageIp,
    storageSubnetMask: input.storageSubnetMask,
    network: input.network,
    storageVlanId: network.vlanId,
  });
  created['Backup service'] =
    `${svc.serviceId} at ${input.backupIp} (${svc.created ? 'created' : 'existing'}, ${svc.status})`;
  await quick.bindBackupToCluster({ ...tower, clusterVip: input.clusterVip, serviceId: svc.serviceId });
  const { serial } = await quick.readBackupSerial(tower);
  if (serial) await quick.writeSerialsToWorkbook({ planFile: input.planFile, serials: { backup: serial } });
  return { created, warnings: [], serial, address: input.backupIp };
}
