// OBS objects as seed 003's answers show them; graphql/nodes.ts adds the relations the schema resolves.
import type { SimContext } from '../../core/contract.js';
import { obsState, type ObsInstanceRecord, type ObsSystemServiceRecord } from '../store.js';

function vmSpec(inst: ObsInstanceRecord): Record<string, unknown> {
  return { ...inst.vm_spec, __typename: 'BundleApplicationInstanceVmSpec' };
}

/** A connected system service with every field either seed answer selects (the schema serves both). */
export function systemServiceView(s: ObsSystemServiceRecord): Record<string, unknown> {
  return {
    id: s.id,
    type: s.type,
    status: s.status,
    tenant_id: s.system_service_id,
    system_service: {
      id: s.system_service_id,
      name: s.system_service_name,
      version: '4.7.1',
      __typename: 'ObservabilityConnectedSystemServiceInfo',
    },
    instances: s.agent_urls.map(() => ({
      state: s.status === 'RUNNING' ? 'STATE_RUNNING' : 'STATE_UNSPECIFIED',
      __typename: 'ObservabilityConnectedSystemServiceInstance',
    })),
    __typename: 'ObservabilityConnectedSystemService',
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
    bundle_application_package: pkg
      ? { id: pkg.id, version: pkg.version, arch: pkg.arch, __typename: 'BundleApplicationPackage' }
      : null,
    health_status: running ? 'NORMAL' : null,
    __typename: 'BundleApplicationInstance',
  };
}

/** The uploaded bundle packages as `bundleApplicationPackages` answers them. */
export function bundleApplicationPackageViews(ctx: SimContext): Record<string, unknown>[] {
  const obs = obsState(ctx);
  return obs.packages.map((p) => ({
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
}
