// GraphQL: backup package upload task, application packages, the backup service and its clusters.
// (The chunk upload itself is the multipart request handled in backup/upload.ts.)
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { createUploadFile } from '../backup/upload.js';
import { backupServiceView, createBackupService } from '../backup/service.js';
import { findCluster } from '../clusters.js';
import { cuid } from '../ids.js';
import { backupState, countEffect, towerState, type BackupUploadTaskRecord } from '../store.js';
import { matchesWhere } from '../where.js';
import { defineOp, GqlError } from './types.js';

const MAX_CHUNK = 64 * 1024 * 1024;
const ipv4 = z.string().refine((s) => isIPv4(s), 'expected an IPv4 address');

export const backupOps = [
  defineOp({
    name: 'createUploadTask',
    field: 'createUploadTask',
    auth: 'session',
    variables: z.object({
      data: z.object({
        status: z.literal('INITIALIZING'),
        current_chunk: z.number().int().positive(),
        chunk_size: z.number().int().positive().max(MAX_CHUNK),
        resource_type: z.literal('CLOUDTOWER_APPLICATION_PACKAGE'),
        size: z.number().int().positive(),
        args: z.object({ name: z.string().min(1), package_name: z.string().min(1) }),
        started_at: z.string().optional(),
      }),
    }),
    async resolve({ vars, ctx }) {
      const d = vars.data;
      if (/[/\\]/.test(d.args.name))
        throw new GqlError('args.name must be a file name, not a path', 'INVALID_ARGUMENT');
      // Assumption: every call creates a new task (there is no natural key); the orchestrator
      // checks cloudTowerApplicationPackages before uploading.
      const task: BackupUploadTaskRecord = {
        id: cuid(ctx),
        status: 'INITIALIZING',
        name: d.args.name,
        package_name: d.args.package_name,
        size: d.size,
        chunk_size: d.chunk_size,
        total_chunks: Math.ceil(d.size / d.chunk_size),
        current_chunk: d.current_chunk,
        chunks: {},
      };
      await createUploadFile(ctx, task);
      backupState(ctx).uploadTasks.push(task);
      countEffect(ctx, 'graphql:createUploadTask');
      return {
        createUploadTask: {
          id: task.id,
          current_chunk: task.current_chunk,
          chunk_size: task.chunk_size,
          __typename: 'UploadTask',
        },
      };
    },
  }),
  defineOp({
    name: 'uploadCloudTowerApplicationPackage',
    field: 'uploadCloudTowerApplicationPackage',
    auth: 'session',
    variables: z.looseObject({}),
    resolve() {
      // Reached only with a JSON body: the file must come as a multipart request.
      throw new GqlError(
        'Variable "$data" got invalid value: file is required (send a multipart request)',
        'BAD_USER_INPUT',
      );
    },
  }),
  defineOp({
    name: 'cloudTowerApplicationPackages',
    field: 'cloudTowerApplicationPackages',
    auth: 'session',
    variables: z.object({
      skip: z.number().int().nonnegative().optional(),
      first: z.number().int().nonnegative().optional(),
      where: z.record(z.string(), z.unknown()).nullable().optional(),
      orderBy: z.string().optional(),
    }),
    resolve({ vars, ctx }) {
      const all = towerState(ctx).applicationPackages.map((p) => ({
        id: p.id,
        name: p.name,
        filename: p.filename,
        version: p.version,
        architecture: p.architecture,
      }));
      const matched = all.filter((p) => matchesWhere(p, vars.where ?? undefined));
      const start = vars.skip ?? 0;
      const page = matched.slice(start, vars.first === undefined ? undefined : start + vars.first);
      return {
        cloudTowerApplicationPackages: page.map((p) => ({
          id: p.id,
          filename: p.filename,
          version: p.version,
          architecture: p.architecture,
          __typename: 'CloudTowerApplicationPackage',
        })),
        cloudTowerApplicationPackagesConnection: {
          aggregate: { count: matched.length, __typename: 'AggregateCloudTowerApplicationPackage' },
          __typename: 'CloudTowerApplicationPackageConnection',
        },
      };
    },
  }),
  defineOp({
    name: 'createBackupService',
    field: 'createBackupService',
    auth: 'session',
    variables: z.object({
      data: z.object({
        name: z.string().min(1),
        entityAsyncStatus: z.string().optional(),
        status: z.string().optional(),
        application: z.object({
          create: z.object({
            name: z.string().min(1),
            targetPackage: z.string().min(1),
            state: z.string().optional(),
            instances: z.unknown().optional(),
            instanceStatuses: z.array(z.unknown()).optional(),
            resourceVersion: z.number().optional(),
            vmSpec: z.unknown().optional(),
          }),
        }),
        kube_config: z.string().optional(),
        storage_network_type: z.enum(['NEW_NIC', 'EXISTING_NIC', 'MANAGEMENT']),
        backup_network_type: z.enum(['MANAGEMENT', 'STORAGE', 'NEW_NIC']),
        management_network_gateway: ipv4,
        management_network_ip: ipv4,
        management_network_subnet_mask: ipv4,
        management_network_vlan: z.string().min(1),
        storage_network_ip: ipv4,
        storage_network_subnet_mask: ipv4,
        storage_network_vlan: z.string().min(1),
        backup_network_gateway: ipv4.optional(),
        backup_network_ip: ipv4.optional(),
        backup_network_subnet_mask: ipv4.optional(),
        backup_network_vlan: z.string().optional(),
      }),
      effect: z.object({ running_cluster: z.string().min(1), running_host: z.string().min(1) }),
    }),
    resolve({ vars, ctx, options }) {
      const d = vars.data;
      const network: Record<string, string> = {};
      for (const [key, value] of Object.entries(d)) {
        if (/_network_/.test(key) && typeof value === 'string') network[key] = value;
      }
      const svc = createBackupService(ctx, options, {
        name: d.name,
        applicationName: d.application.create.name,
        targetPackage: d.application.create.targetPackage,
        runningCluster: vars.effect.running_cluster,
        network,
      });
      countEffect(ctx, 'graphql:createBackupService');
      return { createBackupService: { id: svc.id, __typename: 'BackupService' } };
    },
  }),
  defineOp({
    name: 'getBackupServices',
    field: 'backupServices',
    auth: 'session',
    variables: z.object({ where: z.record(z.string(), z.unknown()).nullable().optional() }),
    resolve({ vars, ctx }) {
      const services = backupState(ctx).services.filter((s) => matchesWhere(s, vars.where ?? undefined));
      return { backupServices: services.map((s) => backupServiceView(ctx, s)) };
    },
  }),
  defineOp({
    name: 'updateBackupService',
    field: 'updateBackupService',
    auth: 'session',
    variables: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({ backup_clusters: z.object({ set: z.array(z.object({ id: z.string().min(1) })) }) }),
    }),
    resolve({ vars, ctx }) {
      const svc = backupState(ctx).services.find((s) => s.id === vars.where.id);
      if (!svc)
        throw new GqlError(`No BackupService found for where: {"id":"${vars.where.id}"}`, 'NOT_FOUND');
      if (svc.status !== 'RUNNING')
        throw new GqlError(`backup service ${svc.name} is ${svc.status}, not RUNNING`, 'FAILED_PRECONDITION');
      const ids = [...new Set(vars.data.backup_clusters.set.map((c) => c.id))];
      for (const id of ids) {
        const c = findCluster(ctx, id);
        if (!c || c.connect_state !== 'CONNECTED')
          throw new GqlError(`cluster ${id} is not a connected cluster`, 'NOT_FOUND');
      }
      svc.backup_clusters = ids;
      countEffect(ctx, 'graphql:updateBackupService');
      return { updateBackupService: { id: svc.id, name: svc.name, __typename: 'BackupService' } };
    },
  }),
];
