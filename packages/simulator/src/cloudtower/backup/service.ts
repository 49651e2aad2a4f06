// The backup service: createBackupService -> INSTALLING (entityAsyncStatus CREATING) -> RUNNING
// after `backupInstallSeconds`, with an "Install Application <name>" task; when it runs, the
// backup VM starts serving (`ctx.activate('backup', management ip)`).
import type { SimContext } from '../../core/contract.js';
import { findCluster } from '../clusters.js';
import { cuid } from '../ids.js';
import type { CloudTowerSimOptions } from '../options.js';
import { vlanViews } from '../network.js';
import { backupState, towerState, type BackupServiceRecord } from '../store.js';
import { createTask, findTask } from '../tasks.js';
import { GqlError } from '../graphql/types.js';

interface CreateBackupInput {
  name: string;
  applicationName: string;
  targetPackage: string;
  runningCluster: string;
  network: Record<string, string>;
}

export function createBackupService(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  input: CreateBackupInput,
): BackupServiceRecord {
  const backup = backupState(ctx);
  const pkg = towerState(ctx).applicationPackages.find((p) => p.id === input.targetPackage);
  if (!pkg)
    throw new GqlError(`No CloudTowerApplicationPackage found for id ${input.targetPackage}`, 'NOT_FOUND');
  const cluster = findCluster(ctx, input.runningCluster);
  if (!cluster || cluster.connect_state !== 'CONNECTED') {
    throw new GqlError(`cluster ${input.runningCluster} is not a connected cluster`, 'NOT_FOUND');
  }
  const vlanIds = new Set(vlanViews(ctx).map((l) => l.id));
  for (const key of ['management_network_vlan', 'storage_network_vlan', 'backup_network_vlan']) {
    const id = input.network[key];
    if (id && !vlanIds.has(id)) throw new GqlError(`${key}: No Vlan found for id ${id}`, 'NOT_FOUND');
  }
  // Assumption: one backup service per name; the orchestrator reads getBackupServices first.
  if (backup.services.some((s) => s.name === input.name && s.status !== 'FAILED')) {
    throw new GqlError(`backup service "${input.name}" already exists`, 'ALREADY_EXISTS');
  }
  const applicationId = cuid(ctx);
  const task = createTask(ctx, {
    description: `Install Application ${input.applicationName}`,
    seconds: options.timings.backupInstallSeconds,
    faultPoint: 'job:backup.install',
    resource_type: 'CloudTowerApplication',
    resource_id: applicationId,
    steps: ['HANDLE_SCOS_VM', 'DEPLOY_PACKAGE'],
    userName: 'system service',
  });
  const service: BackupServiceRecord = {
    id: cuid(ctx),
    name: input.name,
    status: 'INSTALLING',
    entityAsyncStatus: 'CREATING',
    application_id: applicationId,
    application_name: input.applicationName,
    package_id: pkg.id,
    vm_id: cuid(ctx),
    running_cluster: cluster.id,
    network: { ...input.network },
    backup_clusters: [],
    task_id: task.id,
    activated: false,
    sim: task.sim,
  };
  backup.services.push(service);
  return service;
}

export async function advanceBackupServices(ctx: SimContext): Promise<void> {
  for (const svc of backupState(ctx).services) {
    if (svc.status !== 'INSTALLING') continue;
    const task = findTask(ctx, svc.task_id);
    if (task?.status === 'FAILED') {
      svc.status = 'FAILED';
      svc.entityAsyncStatus = null;
    } else if (task?.status === 'SUCCESSED' && !svc.activated) {
      svc.activated = true; // before awaiting, so concurrent advances activate once
      try {
        await ctx.activate('backup', svc.network.management_network_ip);
        svc.status = 'RUNNING';
        svc.entityAsyncStatus = null;
        ctx.log('cloudtower.backup-installed', { name: svc.name, ip: svc.network.management_network_ip });
      } catch (err) {
        svc.status = 'FAILED';
        svc.entityAsyncStatus = null;
        ctx.log('cloudtower.backup-activate-failed', { error: String(err) });
      }
    }
  }
}

/** getBackupServices item (seed 003; the VM env omits the generated service password). */
export function backupServiceView(ctx: SimContext, svc: BackupServiceRecord): Record<string, unknown> {
  const pkg = towerState(ctx).applicationPackages.find((p) => p.id === svc.package_id);
  const running = svc.status === 'RUNNING';
  const nics = [
    {
      vlanId: svc.network.management_network_vlan,
      ip: svc.network.management_network_ip,
      mask: svc.network.management_network_subnet_mask,
      gateway: svc.network.management_network_gateway,
    },
    {
      vlanId: svc.network.storage_network_vlan,
      ip: svc.network.storage_network_ip,
      mask: svc.network.storage_network_subnet_mask,
    },
  ];
  return {
    id: svc.id,
    name: svc.name,
    status: svc.status,
    entityAsyncStatus: svc.entityAsyncStatus,
    application: {
      id: svc.application_id,
      package: pkg
        ? {
            id: pkg.id,
            version: pkg.version,
            architecture: pkg.architecture,
            __typename: 'CloudTowerApplicationPackage',
          }
        : null,
      targetPackage: svc.package_id,
      instanceStatuses: [
        {
          applicationId: svc.application_id,
          vm: {
            id: svc.vm_id,
            name: `${svc.application_name}-0`,
            cluster: svc.running_cluster,
            cpu: 4,
            memory: 17179869184,
            vmStatus: running ? 'RUNNING' : 'STARTING',
            storages: [{ size: 21474836480 }],
            network: { nics },
            vmUsage: 'BACKUP_CONTROLLER',
            bootWithHost: true,
            status: { vmIps: [''], message: running ? 'RUNNING' : 'CREATING' },
          },
          package: { id: svc.package_id },
          status: { phase: running ? 'RUNNING' : 'PENDING', containerStatuses: [], error: {} },
        },
      ],
      __typename: 'CloudTowerApplication',
    },
    backup_clusters: svc.backup_clusters.map((id) => ({
      id,
      name: findCluster(ctx, id)?.name ?? '',
      __typename: 'Cluster',
    })),
    backup_plans: [],
    running_vm: running
      ? { id: svc.vm_id, status: 'RUNNING', cpu_usage: 1.2, memory_usage: 20.5, __typename: 'Vm' }
      : null,
    __typename: 'BackupService',
  };
}
