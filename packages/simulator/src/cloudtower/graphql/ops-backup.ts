// GraphQL: backup package upload task, application packages, the backup service and its clusters.
// (The chunk upload itself is the multipart request handled in backup/upload.ts.)
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import type { SimContext } from '../../core/contract.js';
import { createUploadFile, uploadTaskNode } from '../backup/upload.js';
import { createBackupService } from '../backup/service.js';
import { findCluster } from '../clusters.js';
import { cuid } from '../ids.js';
import { backupState, countEffect, towerState, type BackupUploadTaskRecord } from '../store.js';
import { matchesWhere } from '../where.js';
import { backupServiceNode } from './nodes.js';
import { filterPage } from './paging.js';
import { defineField, GqlError } from './types.js';

const MAX_CHUNK = 64 * 1024 * 1024;
const ipv4 = z.string().refine((s) => isIPv4(s), 'expected an IPv4 address');
const list = {
  where: z.unknown().optional(),
  orderBy: z.string().nullish(),
  skip: z.number().int().nonnegative().nullish(),
  first: z.number().int().nonnegative().nullish(),
};

function packages(ctx: SimContext): Record<string, unknown>[] {
  return towerState(ctx).applicationPackages.map((p) => ({
    id: p.id,
    name: p.name,
    filename: p.filename,
    version: p.version,
    architecture: p.architecture,
    applications: [],
    __typename: 'CloudTowerApplicationPackage',
  }));
}

export const backupFields = [
  defineField({
    field: 'createUploadTask',
    auth: 'session',
    args: z.object({
      data: z.object({
        status: z.literal('INITIALIZING'),
        current_chunk: z.number().int().positive(),
        chunk_size: z.number().int().positive().max(MAX_CHUNK),
        resource_type: z.literal('CLOUDTOWER_APPLICATION_PACKAGE'),
        size: z.number().int().positive(),
        args: z.object({ name: z.string().min(1), package_name: z.string().min(1) }),
        started_at: z.string().nullish(),
      }),
    }),
    async resolve({ args, ctx }) {
      const d = args.data;
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
        started_at: d.started_at ?? undefined,
      };
      await createUploadFile(ctx, task);
      backupState(ctx).uploadTasks.push(task);
      countEffect(ctx, 'graphql:createUploadTask');
      return uploadTaskNode(task);
    },
  }),
  defineField({
    // The official SDKs list upload tasks (UploadTaskWhereInput): how a client finds the task of a
    // createUploadTask whose answer it never got, instead of creating a second one.
    field: 'uploadTasks',
    auth: 'session',
    args: z.object({ where: list.where, skip: list.skip, first: list.first }),
    resolve({ args, ctx }) {
      return filterPage(backupState(ctx).uploadTasks.map(uploadTaskNode), args);
    },
  }),
  defineField({
    field: 'uploadCloudTowerApplicationPackage',
    auth: 'session',
    args: z.looseObject({}),
    resolve() {
      // Reached only with a JSON body: the file must come as a multipart request.
      throw new GqlError(
        'Variable "$data" got invalid value: file is required (send a multipart request)',
        'BAD_USER_INPUT',
      );
    },
  }),
  defineField({
    field: 'cloudTowerApplicationPackages',
    auth: 'session',
    args: z.object(list),
    resolve({ args, ctx }) {
      return filterPage(packages(ctx), args);
    },
  }),
  defineField({
    field: 'cloudTowerApplicationPackagesConnection',
    auth: 'session',
    args: z.object({ where: z.unknown().optional() }),
    resolve({ args, ctx }) {
      return {
        aggregate: {
          count: filterPage(packages(ctx), args).length,
          __typename: 'AggregateCloudTowerApplicationPackage',
        },
        __typename: 'CloudTowerApplicationPackageConnection',
      };
    },
  }),
  defineField({
    field: 'createBackupService',
    auth: 'session',
    args: z.object({
      data: z.object({
        name: z.string().min(1),
        entityAsyncStatus: z.string().nullish(),
        status: z.string().nullish(),
        application: z.object({
          create: z.object({
            name: z.string().min(1),
            targetPackage: z.string().min(1),
            state: z.string().nullish(),
            instances: z.unknown().nullish(),
            instanceStatuses: z.array(z.unknown()).nullish(),
            resourceVersion: z.number().nullish(),
            vmSpec: z.unknown().nullish(),
          }),
        }),
        kube_config: z.string().nullish(),
        storage_network_type: z.enum(['NEW_NIC', 'EXISTING_NIC', 'MANAGEMENT']),
        backup_network_type: z.enum(['MANAGEMENT', 'STORAGE', 'NEW_NIC']),
        management_network_gateway: ipv4,
        management_network_ip: ipv4,
        management_network_subnet_mask: ipv4,
        management_network_vlan: z.string().min(1),
        storage_network_ip: ipv4,
        storage_network_subnet_mask: ipv4,
        storage_network_vlan: z.string().min(1),
        backup_network_gateway: ipv4.nullish(),
        backup_network_ip: ipv4.nullish(),
        backup_network_subnet_mask: ipv4.nullish(),
        backup_network_vlan: z.string().nullish(),
      }),
      effect: z.object({ running_cluster: z.string().min(1), running_host: z.string().min(1) }),
    }),
    resolve({ args, ctx, options }) {
      const d = args.data;
      const network: Record<string, string> = {};
      for (const [key, value] of Object.entries(d)) {
        if (/_network_/.test(key) && typeof value === 'string') network[key] = value;
      }
      const svc = createBackupService(ctx, options, {
        name: d.name,
        applicationName: d.application.create.name,
        targetPackage: d.application.create.targetPackage,
        runningCluster: args.effect.running_cluster,
        network,
      });
      countEffect(ctx, 'graphql:createBackupService');
      return backupServiceNode(ctx, svc);
    },
  }),
  defineField({
    field: 'backupServices',
    auth: 'session',
    args: z.object({ where: z.unknown().optional() }),
    resolve({ args, ctx }) {
      const services = backupState(ctx).services.filter((s) => matchesWhere(s, args.where ?? undefined));
      return services.map((s) => backupServiceNode(ctx, s));
    },
  }),
  defineField({
    field: 'updateBackupService',
    auth: 'session',
    args: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({ backup_clusters: z.object({ set: z.array(z.object({ id: z.string().min(1) })) }) }),
    }),
    resolve({ args, ctx }) {
      const svc = backupState(ctx).services.find((s) => s.id === args.where.id);
      if (!svc)
        throw new GqlError(`No BackupService found for where: {"id":"${args.where.id}"}`, 'NOT_FOUND');
      if (svc.status !== 'RUNNING')
        throw new GqlError(`backup service ${svc.name} is ${svc.status}, not RUNNING`, 'FAILED_PRECONDITION');
      const ids = [...new Set(args.data.backup_clusters.set.map((c) => c.id))];
      for (const id of ids) {
        const c = findCluster(ctx, id);
        if (!c || c.connect_state !== 'CONNECTED')
          throw new GqlError(`cluster ${id} is not a connected cluster`, 'NOT_FOUND');
      }
      svc.backup_clusters = ids;
      countEffect(ctx, 'graphql:updateBackupService');
      return backupServiceNode(ctx, svc);
    },
  }),
];
