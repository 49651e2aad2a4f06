import { proxyActivities } from '@temporalio/workflow';
import type { BackupActivities } from '../../activities/backup/index.js';
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

export interface BackupInput extends ComponentInput {
  backupIp: string;
  /** The backup service's address on the storage network, when the plan has a backup network. */
  storageIp?: string;
  storageSubnetMask?: string;
  /** The plan's storage VDS, where the backup storage network is created. */
  storageVdsName?: string;
  storageNetwork: { name: string; vlanId: number };
}

/** Stage 7b as a child workflow: package, storage network, service RUNNING, cluster bound. */
export async function backupWorkflow(input: BackupInput): Promise<ComponentResult> {
  return withStageAttribute('backup', input, () => backupSteps(input));
}

async function backupSteps(input: BackupInput): Promise<ComponentResult> {
  const { run } = input;
  // Lookups and short tasks, bounded like a job wait (as the component has always had them);
  // inside: the storage network's task of an earlier attempt is awaited, not created again.
  const { locateBackupPackage, ensureBackupStorageNetwork, bindBackupToCluster, readBackupSerial } =
    proxyActivities<BackupActivities>(remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }));
  // Inside: chunks resume after the last one heartbeated; a FAILED task is replaced on retry.
  const { uploadBackupPackage } = proxyActivities<BackupActivities>(
    bulkUpload(run, { hours: uploadHours(run.timing).package }),
  );
  // Inside: the service is polled until RUNNING.
  const { deployBackupService } = proxyActivities<BackupActivities>(
    remoteJob(run, { waitSeconds: run.timing.serviceTimeoutSeconds }),
  );
  const tower = pickTowerAccess(input);
  const created: Record<string, string> = {};

  created['Backup package'] = await uploadPackage(input, locateBackupPackage, uploadBackupPackage);
  const network = await ensureBackupStorageNetwork({
    ...tower,
    clusterVip: input.clusterVip,
    storageVdsName: input.storageVdsName,
    storageNetwork: input.storageNetwork,
  });
  created['Backup storage network'] =
    `${input.storageNetwork.name} (${network.created ? 'created' : 'existing'})`;
  const svc = await deployBackupService({
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
  await bindBackupToCluster({ ...tower, clusterVip: input.clusterVip, serviceId: svc.serviceId });
  const { serial } = await readBackupSerial(tower);
  await writeBackSerial(input, 'backup', serial);
  return { created, warnings: [], serial, address: input.backupIp };
}
