import { isIPv4 } from 'node:net';
import { Context } from '@temporalio/activity';
import { invalidInput, precheckFailed, remoteJobFailed } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { compareVersions } from '../support/compare-versions.js';
import { tasksDescribed } from '../support/tower-tasks.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { pickTowerVmNetwork, type VmNetworkChoice } from '../support/pick-tower-vm-network.js';
import { BACKUP_PACKAGE_NAME, BACKUP_SERVICE_NAME } from './backup-names.js';
import { findBackupService } from './find-backup-service.js';

/**
 * createBackupService with the plan's management and storage addresses (seed 003 "进行备份服务部署":
 * storage on a NEW_NIC in the backup storage network, backup traffic over the management network),
 * unless a service of that name exists; then waits for RUNNING and the "Install Application" task.
 */
export async function deployBackupService(
  req: TowerAccess & {
    clusterVip: string;
    backupIp: string;
    storageIp?: string;
    network: { subnetMask: string; gateway: string; vmNetwork?: VmNetworkChoice };
    storageVlanId: string;
    /** Storage network mask; the management mask when left out. */
    storageSubnetMask?: string;
  },
): Promise<{ serviceId: string; created: boolean; status: string }> {
  const step = 'deploy the backup service';
  if (!isIPv4(req.backupIp ?? ''))
    throw invalidInput(
      `backupIp ${JSON.stringify(req.backupIp)} is not an IPv4 address: fix 集群管理信息!E5`,
    );
  if (!isIPv4(req.network?.subnetMask ?? '') || !isIPv4(req.network?.gateway ?? '')) {
    throw invalidInput(
      'network.subnetMask / network.gateway must be IPv4: fix the management network (虚拟网络 columns H, I)',
    );
  }
  if (!req.storageIp || !isIPv4(req.storageIp)) {
    throw invalidInput(
      `storageIp ${JSON.stringify(req.storageIp)} is not an IPv4 address: the backup service needs a storage address (seed 003 storage_network_ip)`,
    );
  }
  const storageMask = req.storageSubnetMask ?? req.network.subnetMask;
  if (!isIPv4(storageMask))
    throw invalidInput(`storageSubnetMask ${JSON.stringify(storageMask)} is not a netmask`);
  if (!req.storageVlanId) throw invalidInput('storageVlanId is empty: run ensureBackupStorageNetwork first');
  const ctx = Context.current();
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    let service = findBackupService(await gql.getBackupServices(), BACKUP_SERVICE_NAME);
    const created = !service;
    const applicationName = `backup-${BACKUP_SERVICE_NAME}`;
    if (!service) {
      const pkg = (await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME)).sort((a, b) =>
        compareVersions(b.version, a.version),
      )[0];
      if (!pkg) {
        throw precheckFailed(
          `${step}: CloudTower lists no ${BACKUP_PACKAGE_NAME} package. Fix: upload it first (uploadBackupPackage).`,
        );
      }
      // management_network_vlan: the planned VM network (the CloudTower VM's; seed 003's "default"
      // when none is planned); seed 003's value is its id.
      const mgmtVlan = pickTowerVmNetwork(step, cluster, await rest.getVlans(), req.network.vmNetwork);
      const { subnetMask, gateway } = req.network;
      const out = await gql.createBackupService(
        {
          name: BACKUP_SERVICE_NAME,
          entityAsyncStatus: 'CREATING',
          status: 'INSTALLING',
          application: {
            create: {
              instances: { create: [] },
              state: 'INSTALLING',
              instanceStatuses: [],
              // Seed 003 shows service "bak" with application "backup-bak": the application is backup-<service>.
              name: applicationName,
              resourceVersion: 0,
              vmSpec: {},
              targetPackage: pkg.id,
            },
          },
          kube_config: '',
          storage_network_type: 'NEW_NIC',
          backup_network_type: 'MANAGEMENT',
          management_network_gateway: gateway,
          management_network_ip: req.backupIp,
          management_network_subnet_mask: subnetMask,
          management_network_vlan: mgmtVlan.id,
          storage_network_ip: req.storageIp,
          storage_network_subnet_mask: storageMask,
          storage_network_vlan: req.storageVlanId,
          backup_network_gateway: gateway,
          backup_network_ip: req.backupIp,
          backup_network_subnet_mask: subnetMask,
          backup_network_vlan: mgmtVlan.id,
        },
        { running_cluster: cluster.id, running_host: 'AUTO_SCHEDULE' },
      );
      ctx.heartbeat({ serviceId: out.id, status: 'INSTALLING' });
      ctx.log.info('backup service created', { serviceId: out.id, ip: req.backupIp, package: pkg.version });
      service = { id: out.id, name: BACKUP_SERVICE_NAME, status: 'INSTALLING' };
    }
    const serviceId = service.id;
    let status = service.status ?? 'unknown';
    await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.serviceTimeoutSeconds,
        what: `backup service ${serviceId} RUNNING`,
      },
      async () => {
        const now = (await gql.getBackupServices()).find((s) => s.id === serviceId);
        status = now?.status ?? 'missing';
        const task = tasksDescribed(await rest.getTasks(), `Install Application ${applicationName}`)[0];
        if (!now || now.status === 'FAILED' || task?.status === 'FAILED') {
          throw remoteJobFailed(
            `${step}: backup service ${serviceId} is ${status}${task?.status === 'FAILED' ? ` (task "${task.description}" FAILED: ${task.error_message ?? ''})` : ''}. Fix: check it in CloudTower, remove it, then retry the Backup stage.`,
            { final: true },
          );
        }
        // Seed 003: RUNNING, and the "Install Application" task SUCCESSED when it is listed.
        return now.status === 'RUNNING' && (!task || task.status === 'SUCCESSED') ? now : undefined;
      },
      () => ({ serviceId, status }),
    );
    return { serviceId, created, status: 'RUNNING' };
  });
}
