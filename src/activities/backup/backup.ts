// Stage 9 — Backup (seed 003 §07 "部署备份"): the package (createUploadTask + GraphQL multipart chunks
// of 4 MiB), the backup storage network on the storage VDS, the backup service, its cluster binding.
//
// Resuming the upload: chunks are written by position (`current_chunk`, 1-based), so sending a chunk
// again overwrites it with the same bytes. Each finished chunk is heartbeated ({ taskId, chunksDone, … });
// a retry continues after the last one heartbeated. A task that completed before the heartbeat got out
// shows up as the package itself, found before anything is sent.
import { createReadStream } from 'node:fs';
import { isIPv4 } from 'node:net';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { BACKUP_CHUNK_SIZE, type BackupService, type CloudTowerGraphqlClient } from '../../smartx/index.js';
import { FailureType, invalidInput } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import {
  BACKUP_PACKAGE,
  locatePackage,
  packageArch,
  type PackageArch,
  type PackageFile,
} from '../tower-config/package-files.js';
import {
  clusterByVip,
  compareVersions,
  tasksDescribed,
  throwIfCancelled,
  towerClients,
  waitTowerTask,
  type Tower,
} from '../tower-config/tower.js';
import { remoteStep } from '../support/failures.js';
import { pickTowerVmNetwork, type VmNetworkChoice } from '../cloudtower/tower-vm-network.js';

/** `args.package_name` of createUploadTask and the name cloudTowerApplicationPackages lists (seed 003). */
export const BACKUP_PACKAGE_NAME = 'iomesh-backup';
/** Service name of seed 003's createBackupService ("name":"backup"). */
export const BACKUP_SERVICE_NAME = 'backup';

export async function locateBackupPackage(req: {
  packageDir: string;
  arch?: PackageArch;
}): Promise<PackageFile> {
  return locatePackage(BACKUP_PACKAGE, req.packageDir, req.arch ?? 'x86_64');
}

type AppPackage = Awaited<ReturnType<CloudTowerGraphqlClient['cloudTowerApplicationPackages']>>[number];

function backupPackageIn(list: AppPackage[], pkg: PackageFile): AppPackage | undefined {
  const arch = packageArch(BACKUP_PACKAGE, pkg.name);
  return list.find(
    (p) =>
      p.version === pkg.version &&
      (!arch || !p.architecture || p.architecture.toUpperCase() === arch) &&
      (!p.filename || p.filename === pkg.name),
  );
}

/** Heartbeat details of uploadBackupPackage. */
export interface BackupUploadProgress {
  taskId: string;
  file: string;
  chunkSize: number;
  chunksDone: number;
  chunksTotal: number;
  bytesSent: number;
  percent: number;
  bytesPerSecond: number;
}

/**
 * An open upload task of this very file (same name and size) that an earlier attempt created without
 * learning its id (the answer came late or never), found through `uploadTasks` (official SDKs), to
 * continue instead of creating a second one. Chunks are written by position, so the last chunk the
 * task counts is sent again rather than trusted. Of several, the furthest one is continued.
 */
async function adoptOpenTask(
  gql: CloudTowerGraphqlClient,
  pkg: PackageFile,
): Promise<BackupUploadProgress | undefined> {
  const open = (await gql.openUploadTasks(pkg.size))
    .filter((t) => t.args?.name === pkg.name && t.chunk_size > 0 && (t.size ?? pkg.size) === pkg.size)
    .sort((a, b) => b.current_chunk - a.current_chunk);
  const found = open[0];
  if (!found) return undefined;
  if (open.length > 1)
    Context.current().log.warn('several open backup upload tasks of this package; continuing the furthest', {
      continued: found.id,
      others: open.slice(1).map((t) => t.id),
    });
  const chunksTotal = Math.ceil(pkg.size / found.chunk_size);
  const chunksDone =
    found.status === 'UPLOADING' ? Math.min(chunksTotal - 1, Math.max(0, found.current_chunk - 1)) : 0;
  const bytesSent = Math.min(pkg.size, chunksDone * found.chunk_size);
  return {
    taskId: found.id,
    file: pkg.name,
    chunkSize: found.chunk_size,
    chunksDone,
    chunksTotal,
    bytesSent,
    percent: Math.floor((bytesSent / pkg.size) * 100),
    bytesPerSecond: 0,
  };
}

export async function uploadBackupPackage(req: Tower & { pkg: PackageFile }): Promise<{
  status: 'uploaded' | 'already-present';
  bytesSent: number;
  chunksSent: number;
  chunksSkipped: number;
}> {
  const ctx = Context.current();
  const { pkg } = req;
  return remoteStep(`upload ${pkg.name}`, async () => {
    const { gql } = towerClients(req);
    if (backupPackageIn(await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME), pkg)) {
      ctx.log.info('backup package already in CloudTower', { file: pkg.name, version: pkg.version });
      return { status: 'already-present', bytesSent: 0, chunksSent: 0, chunksSkipped: 0 };
    }
    const previous = resumeDetails<BackupUploadProgress>();
    let progress: BackupUploadProgress;
    const adopted =
      previous?.taskId && previous.file === pkg.name && previous.chunkSize > 0
        ? undefined
        : await adoptOpenTask(gql, pkg);
    if (previous?.taskId && previous.file === pkg.name && previous.chunkSize > 0) {
      progress = { ...previous };
      ctx.log.info('backup upload resumed', { taskId: progress.taskId, chunksDone: progress.chunksDone });
    } else if (adopted) {
      progress = adopted;
      ctx.log.info('backup upload task found unfinished; continuing it', {
        taskId: progress.taskId,
        chunksDone: progress.chunksDone,
      });
    } else {
      const task = await gql.createUploadTask({
        fileName: pkg.name,
        size: pkg.size,
        packageName: BACKUP_PACKAGE_NAME,
        chunkSize: BACKUP_CHUNK_SIZE,
      });
      const chunkSize = task.chunk_size > 0 ? task.chunk_size : BACKUP_CHUNK_SIZE;
      progress = {
        taskId: task.id,
        file: pkg.name,
        chunkSize,
        chunksDone: 0,
        chunksTotal: Math.ceil(pkg.size / chunkSize),
        bytesSent: 0,
        percent: 0,
        bytesPerSecond: 0,
      };
      ctx.log.info('backup upload task created', { taskId: task.id, chunks: progress.chunksTotal });
    }
    ctx.heartbeat(progress);
    const chunksSkipped = progress.chunksDone;
    const started = Date.now();
    let sent = 0;
    let chunksSent = 0;
    let lastStatus: string | undefined;
    for (let n = progress.chunksDone + 1; n <= progress.chunksTotal; n++) {
      throwIfCancelled();
      const start = (n - 1) * progress.chunkSize;
      const size = Math.min(progress.chunkSize, pkg.size - start);
      const answer = await gql.uploadCloudTowerApplicationPackage({
        uploadTaskId: progress.taskId,
        currentChunk: n,
        data: createReadStream(pkg.path, { start, end: start + size - 1 }),
        size,
      });
      lastStatus = answer.status;
      if (answer.status === 'FAILED') {
        Context.current().heartbeat(undefined); // the retry starts a new task
        throw ApplicationFailure.create({
          type: FailureType.remoteFailed,
          message: `backup upload task ${progress.taskId} FAILED at chunk ${n} of ${progress.chunksTotal}`,
        });
      }
      sent += size;
      chunksSent += 1;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      progress = {
        ...progress,
        chunksDone: n,
        bytesSent: start + size,
        percent: Math.floor(((start + size) / pkg.size) * 100),
        bytesPerSecond: Math.round(sent / seconds),
      };
      ctx.heartbeat(progress);
    }
    if (chunksSent > 0 && lastStatus !== 'SUCCESSED') {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `backup upload task ${progress.taskId}: the last chunk answered ${lastStatus ?? 'no status'}, not SUCCESSED (seed 003)`,
      });
    }
    await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `backup package ${pkg.name} listed by CloudTower`,
      },
      async () =>
        backupPackageIn(await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME), pkg) ? true : undefined,
      () => progress,
    );
    return { status: 'uploaded', bytesSent: sent, chunksSent, chunksSkipped };
  });
}

/**
 * The backup storage network: a VM network on the storage VDS (name containing `vDS-Storage`, seed 003;
 * or `storageVdsName` from the plan; or the VDS that carries the cluster's storage network), created
 * with create-vm-vlan unless a network of that name is already there.
 */
export async function ensureBackupStorageNetwork(
  req: Tower & {
    clusterVip: string;
    storageNetwork: { name: string; vlanId: number };
    storageVdsName?: string;
  },
): Promise<{ vdsId: string; vlanId: string; created: boolean }> {
  const step = 'create the backup storage network';
  const { name, vlanId } = req.storageNetwork ?? { name: '', vlanId: -1 };
  if (!name)
    throw invalidInput('storageNetwork.name is empty: fill 虚拟网络 row 7, column D (backup network name)');
  if (!Number.isInteger(vlanId) || vlanId < 0 || vlanId > 4094) {
    throw invalidInput(`storageNetwork.vlanId must be 0–4094 (got ${vlanId}): fix 虚拟网络 row 7, column F`);
  }
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const vdses = (await rest.getVdses()).filter((v) => !v.cluster?.id || v.cluster.id === cluster.id);
    const vlans = await rest.getVlans();
    const byPlan = req.storageVdsName
      ? vdses.find((v) => v.name.toLowerCase() === req.storageVdsName!.toLowerCase())
      : undefined;
    const byName = vdses.filter((v) => v.name.toLowerCase().includes('vds-storage'));
    const storageTypeVds = new Set(
      vlans
        .filter((l) => (l as Record<string, unknown>).type === 'STORAGE' && l.vds?.id)
        .map((l) => l.vds!.id),
    );
    const vds =
      byPlan ?? (byName.length === 1 ? byName[0] : undefined) ?? vdses.find((v) => storageTypeVds.has(v.id));
    if (!vds) {
      throw ApplicationFailure.create({
        type: FailureType.precheck,
        nonRetryable: true,
        message: `${step}: no storage VDS on cluster ${cluster.name} (get-vdses: ${vdses.map((v) => v.name).join(', ') || 'none'}; looked for ${req.storageVdsName ? `"${req.storageVdsName}", ` : ''}a name containing "vDS-Storage", or the VDS of the storage network). Fix: name the storage VDS in 虚拟网络!C6.`,
      });
    }
    const existing = vlans.find((l) => l.vds?.id === vds.id && l.name === name);
    if (existing) {
      if (existing.vlan_id !== undefined && existing.vlan_id !== null && existing.vlan_id !== vlanId) {
        throw invalidInput(
          `${step}: network "${name}" already exists on ${vds.name} with VLAN ${existing.vlan_id}, the plan says ${vlanId}. Fix: correct 虚拟网络 row 7 or rename the network.`,
        );
      }
      if ((existing as Record<string, unknown>).entityAsyncStatus === 'CREATING') {
        // Created by an earlier attempt that did not see its task finish: wait for it here.
        await pollUntil(
          {
            intervalSeconds: req.run.timing.jobPollSeconds,
            timeoutSeconds: req.run.timing.jobTimeoutSeconds,
            what: `network ${name} created`,
          },
          async () => {
            const now = (await rest.getVlans()).find((l) => l.id === existing.id);
            return now && (now as Record<string, unknown>).entityAsyncStatus !== 'CREATING'
              ? true
              : undefined;
          },
        );
      }
      return { vdsId: vds.id, vlanId: existing.id, created: false };
    }
    const [out] = await rest.createVmVlan([{ vds_id: vds.id, name, vlan_id: vlanId }]);
    if (!out) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `${step}: create-vm-vlan answered an empty list`,
      });
    }
    Context.current().heartbeat({ vlanId: out.data.id, taskId: out.task_id });
    if (out.task_id) await waitTowerTask(rest, req.run, out.task_id, `create network ${name} on ${vds.name}`);
    Context.current().log.info('backup storage network created', { vds: vds.name, name, vlanId });
    return { vdsId: vds.id, vlanId: out.data.id, created: true };
  });
}

function findService(list: BackupService[], name: string): BackupService | undefined {
  return list.find((s) => s.name === name && s.status !== 'FAILED');
}

/**
 * createBackupService with the plan's management and storage addresses (seed 003 "进行备份服务部署":
 * storage on a NEW_NIC in the backup storage network, backup traffic over the management network),
 * unless a service of that name exists; then waits for RUNNING and the "Install Application" task.
 */
export async function deployBackupService(
  req: Tower & {
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
    let service = findService(await gql.getBackupServices(), BACKUP_SERVICE_NAME);
    const created = !service;
    const applicationName = `backup-${BACKUP_SERVICE_NAME}`;
    if (!service) {
      const pkg = (await gql.cloudTowerApplicationPackages(BACKUP_PACKAGE_NAME)).sort((a, b) =>
        compareVersions(b.version, a.version),
      )[0];
      if (!pkg) {
        throw ApplicationFailure.create({
          type: FailureType.precheck,
          nonRetryable: true,
          message: `${step}: CloudTower lists no ${BACKUP_PACKAGE_NAME} package. Fix: upload it first (uploadBackupPackage).`,
        });
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
          throw ApplicationFailure.create({
            type: FailureType.remoteFailed,
            nonRetryable: true,
            message: `${step}: backup service ${serviceId} is ${status}${task?.status === 'FAILED' ? ` (task "${task.description}" FAILED: ${task.error_message ?? ''})` : ''}. Fix: check it in CloudTower, remove it, then retry the Backup stage.`,
          });
        }
        // Seed 003: RUNNING, and the "Install Application" task SUCCESSED when it is listed.
        return now.status === 'RUNNING' && (!task || task.status === 'SUCCESSED') ? now : undefined;
      },
      () => ({ serviceId, status }),
    );
    return { serviceId, created, status: 'RUNNING' };
  });
}

/** updateBackupService backup_clusters.set: adds the cluster, keeping clusters already bound. */
export async function bindBackupToCluster(
  req: Tower & { clusterVip: string; serviceId: string },
): Promise<{ alreadyBound: boolean }> {
  const step = 'bind the backup service to the cluster';
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const service = (await gql.getBackupServices()).find((s) => s.id === req.serviceId);
    if (!service) {
      throw ApplicationFailure.create({
        type: FailureType.precheck,
        nonRetryable: true,
        message: `${step}: no backup service ${req.serviceId} in CloudTower. Fix: deploy it first (deployBackupService).`,
      });
    }
    const bound = (service.backup_clusters ?? []).map((c) => c.id);
    if (bound.includes(cluster.id)) return { alreadyBound: true };
    // `set` replaces the list: the clusters already bound stay in it.
    await gql.updateBackupService(service.id, [...bound, cluster.id]);
    const after = (await gql.getBackupServices()).find((s) => s.id === req.serviceId);
    if (!(after?.backup_clusters ?? []).some((c) => c.id === cluster.id)) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `${step}: getBackupServices does not list cluster ${cluster.name} after updateBackupService`,
      });
    }
    Context.current().log.info('backup service bound', { cluster: cluster.name });
    return { alreadyBound: false };
  });
}

/** The backup serial, if the service exposes one (the seed's query shows none; then undefined). */
export async function readBackupSerial(req: Tower): Promise<{ serial?: string }> {
  return remoteStep('read Backup serial', async () => {
    const { gql } = towerClients(req);
    const service = findService(await gql.getBackupServices(), BACKUP_SERVICE_NAME) as
      Record<string, unknown> | undefined;
    for (const key of ['serial', 'license_serial', 'sn', 'serial_number']) {
      const v = service?.[key];
      if (typeof v === 'string' && v) return { serial: v };
    }
    return {};
  });
}
