// The shapes `observabilityInstanceAndApps` and the OBS mutations answer with (seed 003).
import type { SimContext } from '../../core/contract.js';
import { findCluster } from '../clusters.js';
import { obsState, type ObsInstanceRecord, type ObsSystemServiceRecord } from '../store.js';

function vmSpec(inst: ObsInstanceRecord): Record<string, unknown> {
  return { ...inst.vm_spec, __typename: 'BundleApplicationInstanceVmSpec' };
}

function clusterOf(
  ctx: SimContext,
  id: string,
): { id: string; name: string; local_id: string; connect_state: string } {
  const c = findCluster(ctx, id);
  return {
    id,
    name: c?.name ?? '',
    local_id: c?.local_id ?? '',
    connect_state: c?.connect_state ?? 'DISCONNECTED',
  };
}

export function systemServiceView(s: ObsSystemServiceRecord, full: boolean): Record<string, unknown> {
  const instances = s.agent_urls.map(() => ({
    state: s.status === 'RUNNING' ? 'STATE_RUNNING' : 'STATE_UNSPECIFIED',
    __typename: 'ObservabilityConnectedSystemServiceInstance',
  }));
  return full
    ? {
        id: s.id,
        type: s.type,
        status: s.status,
        system_service: {
          id: s.system_service_id,
          name: s.system_service_name,
          version: '4.7.1',
          __typename: 'ObservabilityConnectedSystemServiceInfo',
        },
        instances,
        __typename: 'ObservabilityConnectedSystemService',
      }
    : {
        id: s.id,
        type: s.type,
        tenant_id: s.system_service_id,
        system_service: {
          id: s.system_service_id,
          name: s.system_service_name,
          __typename: 'ObservabilityConnectedSystemServiceInfo',
        },
        instances,
        __typename: 'ObservabilityConnectedSystemService',
      };
}

function connectedClusterView(
  ctx: SimContext,
  inst: ObsInstanceRecord,
  link: { id: string; cluster_id: string },
) {
  const c = clusterOf(ctx, link.cluster_id);
  return {
    id: link.id,
    name: c.name,
    status: 'CONNECTED',
    migration_status: null,
    cluster: {
      id: c.id,
      name: c.name,
      hosts: ctx.state.hosts.map((_, i) => ({
        id: `${c.id}-host-${i + 1}`,
        name: `host-${i + 1}`,
        __typename: 'Host',
      })),
      type: 'SMTX_OS',
      __typename: 'Cluster',
    },
    host_plugin: { id: `${link.id}-plugin`, host_plugin_instances: [], __typename: 'HostPlugin' },
    observability_connected_cluster: {
      id: `${link.id}-occ`,
      traffic_enabled: false,
      status: inst.status === 'SUCCESS' ? 'CONNECTED' : 'CONNECTING',
      __typename: 'ObservabilityConnectedCluster',
    },
    __typename: 'BundleApplicationConnectedCluster',
  };
}

export function instanceView(ctx: SimContext, inst: ObsInstanceRecord): Record<string, unknown> {
  const pkg = obsState(ctx).packages.find((p) => p.id === inst.package_id);
  const running = inst.status === 'SUCCESS';
  return {
    id: inst.id,
    name: inst.name,
    status: inst.status,
    application: {
      id: inst.application_id,
      instances: running
        ? [
            {
              id: inst.app_instance_id,
              vm: {
                id: inst.vm_id,
                status: 'RUNNING',
                cpu_usage: 0.68,
                memory_usage: 5.54,
                __typename: 'Vm',
              },
              __typename: 'CloudTowerApplicationInstance',
            },
          ]
        : [],
      __typename: 'CloudTowerApplication',
    },
    vm_spec: vmSpec(inst),
    description: inst.description,
    connected_clusters: inst.connected_clusters.map((l) => connectedClusterView(ctx, inst, l)),
    bundle_application_package: pkg
      ? { id: pkg.id, version: pkg.version, arch: pkg.arch, __typename: 'BundleApplicationPackage' }
      : null,
    health_status: running ? 'NORMAL' : null,
    connected_system_services: inst.system_services.map((s) => systemServiceView(s, false)),
    __typename: 'BundleApplicationInstance',
  };
}

export function observabilityInstanceAndApps(ctx: SimContext): Record<string, unknown> {
  const obs = obsState(ctx);
  const packages = obs.packages.map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    arch: p.arch,
    application_packages: [
      {
        id: p.application_package_id,
        architecture: p.arch,
        version: p.version,
        applications: obs.instances
          .filter((i) => i.package_id === p.id && i.status === 'SUCCESS')
          .map((i) => ({
            id: i.application_id,
            name: `observability-${i.name}`,
            __typename: 'CloudTowerApplication',
          })),
        __typename: 'CloudTowerApplicationPackage',
      },
    ],
    host_plugin_packages: p.host_plugin_packages.map((h) => ({ ...h, __typename: 'HostPluginPackage' })),
    __typename: 'BundleApplicationPackage',
  }));
  const connected = obs.instances.flatMap((inst) =>
    inst.connected_clusters.map((link) => {
      const c = clusterOf(ctx, link.cluster_id);
      const pkg = obs.packages.find((p) => p.id === inst.package_id);
      return {
        id: link.id,
        name: c.name,
        status: 'CONNECTED',
        migration_status: null,
        cluster: {
          id: c.id,
          name: c.name,
          local_id: c.local_id,
          connect_state: c.connect_state,
          version: '6.2.0',
          type: 'SMTX_OS',
          __typename: 'Cluster',
        },
        bundle_application_instance: {
          id: inst.id,
          name: inst.name,
          status: inst.status,
          health_status: inst.status === 'SUCCESS' ? 'NORMAL' : null,
          bundle_application_package: pkg
            ? { id: pkg.id, version: pkg.version, __typename: 'BundleApplicationPackage' }
            : null,
          vm_spec: { ip: inst.vm_spec.ip, __typename: 'BundleApplicationInstanceVmSpec' },
          connected_clusters: inst.connected_clusters.map((l) => {
            const cc = clusterOf(ctx, l.cluster_id);
            return {
              id: l.id,
              name: cc.name,
              cluster: { id: cc.id, local_id: cc.local_id, name: cc.name, __typename: 'Cluster' },
              host_plugin: { id: `${l.id}-plugin`, host_plugin_instances: [], __typename: 'HostPlugin' },
              __typename: 'BundleApplicationConnectedCluster',
            };
          }),
          __typename: 'BundleApplicationInstance',
        },
        observability_connected_cluster: {
          id: `${link.id}-occ`,
          traffic_enabled: false,
          status: 'CONNECTED',
          __typename: 'ObservabilityConnectedCluster',
        },
        __typename: 'BundleApplicationConnectedCluster',
      };
    }),
  );
  return {
    bundleApplicationPackages: packages,
    bundleApplicationInstances: obs.instances.map((i) => instanceView(ctx, i)),
    bundleApplicationConnectedClusters: connected,
  };
}
