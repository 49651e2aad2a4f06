// GraphQL: the Observability instance (list, create, NTP, cluster connection, system services).
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import {
  connectSystemServices,
  createInstance,
  runningInstance,
  setConnectedClusters,
} from '../obs/instance.js';
import { connectClustersView, observabilityInstanceAndApps, systemServiceView } from '../obs/views.js';
import { countEffect } from '../store.js';
import { defineOp, GqlError } from './types.js';

const ipv4 = z.string().refine((s) => isIPv4(s), 'expected an IPv4 address');
const byteString = z.string().regex(/^\d+$/, 'expected a byte count as a decimal string');

export const obsOps = [
  defineOp({
    name: 'observabilityInstanceAndApps',
    field: 'bundleApplicationPackages',
    auth: 'session',
    variables: z.looseObject({}),
    resolve({ ctx }) {
      return observabilityInstanceAndApps(ctx);
    },
  }),
  defineOp({
    name: 'createBundleApplicationInstance',
    field: 'createBundleApplicationInstance',
    auth: 'session',
    variables: z.object({
      data: z.object({
        name: z.string().min(1),
        description: z.string().default(''),
        bundle_application_package: z.object({ id: z.string().min(1) }),
        cluster: z.object({ id: z.string().min(1) }),
        host_id: z.string().optional(),
        vm_spec: z.object({
          ip: ipv4,
          subnet_mask: ipv4,
          gateway: ipv4,
          vlan_id: z.string().min(1),
          vcpu_count: z.number().int().positive(),
          memory_size_bytes: byteString,
          storage_size_bytes: byteString,
          env_vars: z.record(z.string(), z.string()).optional(),
        }),
      }),
    }),
    resolve({ vars, ctx, options }) {
      const inst = createInstance(ctx, options, vars.data);
      countEffect(ctx, 'graphql:createBundleApplicationInstance');
      return { createBundleApplicationInstance: { id: inst.id, __typename: 'BundleApplicationInstance' } };
    },
  }),
  defineOp({
    name: 'updateObservabilityNtpUrl',
    field: 'updateObservabilityNtpUrl',
    auth: 'session',
    variables: z.object({
      data: z.object({ ntp_service_url: z.string().min(1) }),
      where: z.object({ id: z.string().min(1) }),
    }),
    resolve({ vars, ctx }) {
      const inst = runningInstance(ctx, vars.where.id);
      const servers = vars.data.ntp_service_url
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (servers.length === 0) throw new GqlError('ntp_service_url names no server', 'INVALID_ARGUMENT');
      inst.ntp_service_url = servers.join(';');
      countEffect(ctx, 'graphql:updateObservabilityNtpUrl');
      return {
        updateObservabilityNtpUrl: {
          ntp_service_url: inst.ntp_service_url,
          __typename: 'UpdateNtpCommonResult',
        },
      };
    },
  }),
  defineOp({
    name: 'updateBundleApplicationInstanceConnectClusters',
    field: 'updateBundleApplicationInstanceConnectClusters',
    auth: 'session',
    variables: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({ connected_clusters: z.object({ id_in: z.array(z.string().min(1)) }) }),
    }),
    resolve({ vars, ctx }) {
      const inst = runningInstance(ctx, vars.where.id);
      setConnectedClusters(ctx, inst, vars.data.connected_clusters.id_in);
      countEffect(ctx, 'graphql:updateBundleApplicationInstanceConnectClusters');
      return { updateBundleApplicationInstanceConnectClusters: connectClustersView(ctx, inst) };
    },
  }),
  defineOp({
    name: 'updateObservabilityConnectedSystemServices',
    field: 'updateObservabilityConnectedSystemServices',
    auth: 'session',
    variables: z.object({
      ovm_name: z.string().min(1),
      connected_system_services: z
        .array(
          z.object({
            system_service_id: z.string().min(1),
            system_service_name: z.string().min(1),
            type: z.string().min(1),
            alerting_rules: z.array(z.unknown()).default([]),
            instances: z
              .array(
                z.object({
                  url: z.url({ protocol: /^https?$/ }),
                  info: z.record(z.string(), z.unknown()).optional(),
                }),
              )
              .min(1),
          }),
        )
        .min(1),
    }),
    resolve({ vars, ctx, options }) {
      const inst = runningInstance(ctx);
      const services = connectSystemServices(ctx, options, inst, vars.connected_system_services);
      countEffect(ctx, 'graphql:updateObservabilityConnectedSystemServices');
      return {
        updateObservabilityConnectedSystemServices: {
          connected_system_services: services.map((s) => systemServiceView(s, true)),
          __typename: 'ObservabilityConnectedSystemServices',
        },
      };
    },
  }),
];
