// The Observability instance: createBundleApplicationInstance -> INSTALLING -> SUCCESS (its VM
// RUNNING, health NORMAL) after `obsInstallSeconds`; at that moment the OBS machine starts serving
// (`ctx.activate('obs', ip)`). Then NTP, the cluster connection and the CloudTower system service
// (INSTALLING -> RUNNING) are configured on it.
import type { SimContext } from '../../core/contract.js';
import { findCluster } from '../clusters.js';
import { cuid, ksuid } from '../ids.js';
import type { CloudTowerSimOptions } from '../options.js';
import { vlanViews } from '../network.js';
import { obsState, type ObsInstanceRecord, type ObsVmSpec, type ObsSystemServiceRecord } from '../store.js';
import { createTask, findTask } from '../tasks.js';
import { scheduleWake, settle, startTiming } from '../timing.js';
import { GqlError } from '../graphql/types.js';

interface CreateInstanceInput {
  name: string;
  description: string;
  bundle_application_package: { id: string };
  cluster: { id: string };
  vm_spec: ObsVmSpec;
}

export function createInstance(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  input: CreateInstanceInput,
): ObsInstanceRecord {
  const obs = obsState(ctx);
  const pkg = obs.packages.find((p) => p.id === input.bundle_application_package.id);
  if (!pkg)
    throw new GqlError(
      `No BundleApplicationPackage found for id ${input.bundle_application_package.id}`,
      'NOT_FOUND',
    );
  const cluster = findCluster(ctx, input.cluster.id);
  if (!cluster || cluster.connect_state !== 'CONNECTED') {
    throw new GqlError(`cluster ${input.cluster.id} is not a connected cluster`, 'NOT_FOUND');
  }
  if (!vlanViews(ctx).some((l) => l.id === input.vm_spec.vlan_id)) {
    throw new GqlError(`No Vlan found for id ${input.vm_spec.vlan_id}`, 'NOT_FOUND');
  }
  // Assumption: instance names are unique; a second create with the same name is refused, so the
  // orchestrator reads observabilityInstanceAndApps first.
  if (obs.instances.some((i) => i.name === input.name && i.status !== 'FAILED')) {
    throw new GqlError(`bundle application instance "${input.name}" already exists`, 'ALREADY_EXISTS');
  }
  const id = cuid(ctx);
  const applicationId = cuid(ctx);
  const task = createTask(ctx, {
    description: `Install Application observability-${input.name}`,
    seconds: options.timings.obsInstallSeconds,
    faultPoint: 'job:obs.install',
    resource_type: 'CloudTowerApplication',
    resource_id: applicationId,
    steps: ['HANDLE_SCOS_VM', 'DEPLOY_PACKAGE'],
    userName: 'system service',
    cluster: { id: cluster.id, name: cluster.name },
  });
  const instance: ObsInstanceRecord = {
    id,
    name: input.name,
    description: input.description,
    status: 'INSTALLING',
    error_code: '',
    application_id: applicationId,
    app_instance_id: cuid(ctx),
    vm_id: cuid(ctx),
    package_id: pkg.id,
    cluster_id: cluster.id,
    vm_spec: {
      ip: input.vm_spec.ip,
      subnet_mask: input.vm_spec.subnet_mask,
      gateway: input.vm_spec.gateway,
      vlan_id: input.vm_spec.vlan_id,
      vcpu_count: input.vm_spec.vcpu_count,
      memory_size_bytes: input.vm_spec.memory_size_bytes,
      storage_size_bytes: input.vm_spec.storage_size_bytes,
    },
    connected_clusters: [],
    system_services: [],
    task_id: task.id,
    activated: false,
    sim: task.sim,
  };
  obs.instances.push(instance);
  return instance;
}

export async function advanceInstances(ctx: SimContext): Promise<void> {
  for (const inst of obsState(ctx).instances) {
    if (inst.status === 'INSTALLING') {
      const task = findTask(ctx, inst.task_id);
      if (task?.status === 'FAILED') {
        inst.status = 'FAILED';
        inst.error_code = 'INSTALL_FAILED';
      } else if (task?.status === 'SUCCESSED' && !inst.activated) {
        inst.activated = true; // set before awaiting, so concurrent advances activate once
        try {
          await ctx.activate('obs', inst.vm_spec.ip);
          inst.status = 'SUCCESS';
          ctx.log('cloudtower.obs-installed', { name: inst.name, ip: inst.vm_spec.ip });
        } catch (err) {
          inst.status = 'FAILED';
          inst.error_code = 'VM_START_FAILED';
          ctx.log('cloudtower.obs-activate-failed', { error: String(err) });
        }
      }
    }
    for (const svc of inst.system_services) {
      if (svc.status === 'INSTALLING' && settle(ctx, svc.sim))
        svc.status = svc.sim.failed ? 'FAILED' : 'RUNNING';
    }
  }
}

export function runningInstance(ctx: SimContext, id?: string): ObsInstanceRecord {
  const inst = id
    ? obsState(ctx).instances.find((i) => i.id === id)
    : obsState(ctx).instances.find((i) => i.status === 'SUCCESS');
  if (!inst)
    throw new GqlError(
      id ? `No BundleApplicationInstance found for id ${id}` : 'no running Observability instance',
      'NOT_FOUND',
    );
  if (inst.status !== 'SUCCESS') {
    throw new GqlError(
      `bundle application instance ${inst.name} is ${inst.status}, not SUCCESS`,
      'FAILED_PRECONDITION',
    );
  }
  return inst;
}

/** Set semantics: the instance ends up connected to exactly `clusterIds`; existing links keep their ids. */
export function setConnectedClusters(ctx: SimContext, inst: ObsInstanceRecord, clusterIds: string[]): void {
  for (const cid of clusterIds) {
    const c = findCluster(ctx, cid);
    if (!c || c.connect_state !== 'CONNECTED')
      throw new GqlError(`cluster ${cid} is not a connected cluster`, 'NOT_FOUND');
  }
  const unique = [...new Set(clusterIds)];
  inst.connected_clusters = unique.map(
    (cid) =>
      inst.connected_clusters.find((cc) => cc.cluster_id === cid) ?? { id: cuid(ctx), cluster_id: cid },
  );
}

interface SystemServiceInput {
  system_service_id: string;
  system_service_name: string;
  type: string;
  alerting_rules: unknown[];
  instances: { url: string }[];
}

/** Upsert by system service id; an unchanged repeat keeps its state (no second install). */
export function connectSystemServices(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  inst: ObsInstanceRecord,
  inputs: SystemServiceInput[],
): ObsSystemServiceRecord[] {
  for (const input of inputs) {
    const urls = input.instances.map((i) => i.url);
    const existing = inst.system_services.find((s) => s.system_service_id === input.system_service_id);
    if (
      existing &&
      existing.status !== 'FAILED' &&
      JSON.stringify(existing.agent_urls) === JSON.stringify(urls)
    ) {
      existing.alerting_rules = input.alerting_rules.length;
      continue;
    }
    const record: ObsSystemServiceRecord = {
      id: existing?.id ?? ksuid(ctx),
      system_service_id: input.system_service_id,
      system_service_name: input.system_service_name,
      type: input.type,
      agent_urls: urls,
      alerting_rules: input.alerting_rules.length,
      status: 'INSTALLING',
      sim: startTiming(ctx, options.timings.obsSystemServiceSeconds, 'job:obs.system-service'),
    };
    if (existing) inst.system_services.splice(inst.system_services.indexOf(existing), 1, record);
    else inst.system_services.push(record);
    scheduleWake(ctx, options.timings.obsSystemServiceSeconds);
  }
  return inst.system_services;
}
