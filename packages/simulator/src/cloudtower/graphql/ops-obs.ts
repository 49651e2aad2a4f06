// GraphQL: the Observability instance (list, create, NTP, cluster connection, system services).
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import {
  connectSystemServices,
  createInstance,
  runningInstance,
  setConnectedClusters,
} from '../obs/instance.js';
import { bundleApplicationPackageViews } from '../obs/views.js';
import { countEffect, obsState } from '../store.js';
import { matchesWhere } from '../where.js';
import { obsConnectedClusterNodes, obsInstanceNode } from './nodes.js';
import { defineField, GqlError } from './types.js';

const ipv4 = z.string().refine((s) => isIPv4(s), 'expected an IPv4 address');
const byteString = z.string().regex(/^\d+$/, 'expected a byte count as a decimal string');

export const obsFields = [
  defineField({
    field: 'bundleApplicationPackages',
    auth: 'session',
    args: z.object({}),
    resolve({ ctx }) {
      return bundleApplicationPackageViews(ctx);
    },
  }),
  defineField({
    field: 'bundleApplicationInstances',
    auth: 'session',
    args: z.object({ where: z.unknown().optional() }),
    resolve({ args, ctx }) {
      return obsState(ctx)
        .instances.filter((i) => matchesWhere(i, args.where ?? undefined))
        .map((i) => obsInstanceNode(ctx, i));
    },
  }),
  defineField({
    field: 'bundleApplicationConnectedClusters',
    auth: 'session',
    args: z.object({}),
    resolve({ ctx }) {
      return obsConnectedClusterNodes(ctx);
    },
  }),
  defineField({
    field: 'createBundleApplicationInstance',
    auth: 'session',
    args: z.object({
      data: z.object({
        name: z.string().min(1),
        description: z
          .string()
          .nullish()
          .transform((v) => v ?? ''),
        bundle_application_package: z.object({ id: z.string().min(1) }),
        cluster: z.object({ id: z.string().min(1) }),
        host_id: z
          .string()
          .nullish()
          .transform((v) => v ?? undefined),
        vm_spec: z.object({
          ip: ipv4,
          subnet_mask: ipv4,
          gateway: ipv4,
          vlan_id: z.string().min(1),
          vcpu_count: z.number().int().positive(),
          memory_size_bytes: byteString,
          storage_size_bytes: byteString,
          env_vars: z
            .record(z.string(), z.string())
            .nullish()
            .transform((v) => v ?? undefined),
        }),
      }),
    }),
    resolve({ args, ctx, options }) {
      const inst = createInstance(ctx, options, args.data);
      countEffect(ctx, 'graphql:createBundleApplicationInstance');
      return obsInstanceNode(ctx, inst);
    },
  }),
  defineField({
    field: 'updateObservabilityNtpUrl',
    auth: 'session',
    args: z.object({
      data: z.object({ ntp_service_url: z.string().min(1) }),
      where: z.object({ id: z.string().min(1) }),
    }),
    resolve({ args, ctx }) {
      const inst = runningInstance(ctx, args.where.id);
      const servers = args.data.ntp_service_url
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (servers.length === 0) throw new GqlError('ntp_service_url names no server', 'INVALID_ARGUMENT');
      inst.ntp_service_url = servers.join(';');
      countEffect(ctx, 'graphql:updateObservabilityNtpUrl');
      return { ntp_service_url: inst.ntp_service_url, __typename: 'UpdateNtpCommonResult' };
    },
  }),
  defineField({
    field: 'updateBundleApplicationInstanceConnectClusters',
    auth: 'session',
    args: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({ connected_clusters: z.object({ id_in: z.array(z.string().min(1)) }) }),
    }),
    resolve({ args, ctx }) {
      const inst = runningInstance(ctx, args.where.id);
      setConnectedClusters(ctx, inst, args.data.connected_clusters.id_in);
      countEffect(ctx, 'graphql:updateBundleApplicationInstanceConnectClusters');
      return obsInstanceNode(ctx, inst);
    },
  }),
  defineField({
    field: 'updateObservabilityConnectedSystemServices',
    auth: 'session',
    args: z.object({
      ovm_name: z.string().min(1),
      connected_system_services: z
        .array(
          z.object({
            system_service_id: z.string().min(1),
            system_service_name: z.string().min(1),
            type: z.string().min(1),
            alerting_rules: z
              .array(z.unknown())
              .nullish()
              .transform((v) => v ?? []),
            instances: z
              .array(
                z.object({
                  url: z.url({ protocol: /^https?$/ }),
                  info: z
                    .record(z.string(), z.unknown())
                    .nullish()
                    .transform((v) => v ?? undefined),
                }),
              )
              .min(1),
          }),
        )
        .min(1),
    }),
    resolve({ args, ctx, options }) {
      const inst = runningInstance(ctx);
      const services = connectSystemServices(ctx, options, inst, args.connected_system_services);
      countEffect(ctx, 'graphql:updateObservabilityConnectedSystemServices');
      // The answer lists the services just connected, as the node of the instance shows them.
      const ids = new Set(services.map((s) => s.id));
      const node = obsInstanceNode(ctx, inst) as { connected_system_services: { id: string }[] };
      return {
        connected_system_services: node.connected_system_services.filter((s) => ids.has(s.id)),
        __typename: 'ObservabilityConnectedSystemServices',
      };
    },
  }),
];
