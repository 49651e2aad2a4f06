// Stage 8 — the Observability instance (seed 003 §07 "进行部署" … "关联Cloudtower系统服务", seed 000):
// create it unless it exists, wait until it runs, set its NTP servers, connect the cluster, connect
// CloudTower as a system service (a failure there is a warning, seed 000), read its serial.
import { isIPv4 } from 'node:net';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { CloudTowerGraphqlClient, ObservabilityState } from '../../smartx/index.js';
import { FailureType, invalidInput } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { compareVersions, targetCluster, towerClients, type Tower } from '../tower-config/tower.js';
import { remoteStep } from '../support/failures.js';
import { pickTowerVmNetwork, type VmNetworkChoice } from '../cloudtower/tower-vm-network.js';

type Instance = ObservabilityState['bundleApplicationInstances'][number];

/** FACTS.md / seed 003: the OBS VM is 16 vCPU, 32 GiB memory, 512 GiB disk. */
export const OBS_VM_SPEC = { vcpu: 16, memoryGiB: 32, diskGiB: 512 } as const;
/** Instance name of seed 003 ("name":"obs"). */
export const OBS_INSTANCE_NAME = 'obs';
/** `ovm_name` of updateObservabilityConnectedSystemServices (seed 003, fixed). */
const OVM_NAME = 'observability';
const GIB = 1024 ** 3;

/** The instance that is "the" OBS of this CloudTower: by IP when known, else the only or the `obs` one. */
export function findObsInstance(state: ObservabilityState, obsIp?: string): Instance | undefined {
  const live = state.bundleApplicationInstances.filter((i) => i.status !== 'FAILED');
  if (obsIp) return live.find((i) => i.vm_spec?.ip === obsIp);
  if (live.length === 1) return live[0];
  return live.find((i) => i.name === OBS_INSTANCE_NAME);
}

function isRunning(inst: Instance): boolean {
  const vm = inst.application?.instances?.[0]?.vm;
  return inst.status === 'SUCCESS' && (!vm?.status || vm.status === 'RUNNING');
}

function notRunning(step: string, what: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.precheck,
    nonRetryable: true,
    message: `${step}: ${what}. Fix: deploy the Observability instance first (deployObsInstance).`,
  });
}

async function runningInstance(
  gql: CloudTowerGraphqlClient,
  step: string,
  obsIp?: string,
): Promise<Instance> {
  const inst = findObsInstance(await gql.observabilityInstanceAndApps(), obsIp);
  if (!inst) throw notRunning(step, `CloudTower has no Observability instance${obsIp ? ` at ${obsIp}` : ''}`);
  if (!isRunning(inst)) {
    throw ApplicationFailure.create({
      type: FailureType.transient,
      message: `${step}: Observability instance ${inst.name} is ${inst.status ?? 'unknown'}, not running yet`,
    });
  }
  return inst;
}

function errorCode(inst: Instance | undefined): string {
  const code = (inst as Record<string, unknown> | undefined)?.error_code;
  return typeof code === 'string' && code ? code : 'no error code';
}

function positiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0)
    throw invalidInput(`vmSpec.${name} must be a positive integer (got ${v})`);
  return v;
}

export async function deployObsInstance(
  req: Tower & {
    obsIp: string;
    network: { subnetMask: string; gateway: string; vmNetwork?: VmNetworkChoice };
    vmSpec?: { vcpu: number; memoryGiB: number; diskGiB: number };
    /** Cluster to run the VM on; may be left out when CloudTower manages exactly one cluster. */
    clusterVip?: string;
  },
): Promise<{ instanceId: string; created: boolean; status: string }> {
  const step = 'deploy Observability instance';
  if (!isIPv4(req.obsIp ?? ''))
    throw invalidInput(`obsIp ${JSON.stringify(req.obsIp)} is not an IPv4 address: fix 集群管理信息!E4`);
  if (!isIPv4(req.network?.subnetMask ?? '')) {
    throw invalidInput(
      `network.subnetMask ${JSON.stringify(req.network?.subnetMask)} is not a netmask: fix the management subnet (虚拟网络 row 4/5, column H)`,
    );
  }
  if (!isIPv4(req.network?.gateway ?? '')) {
    throw invalidInput(
      `network.gateway ${JSON.stringify(req.network?.gateway)} is not an IPv4 address: fix 虚拟网络 column I`,
    );
  }
  const spec = req.vmSpec ?? OBS_VM_SPEC;
  const vcpu = positiveInt('vcpu', spec.vcpu);
  const memoryGiB = positiveInt('memoryGiB', spec.memoryGiB);
  const diskGiB = positiveInt('diskGiB', spec.diskGiB);
  const ctx = Context.current();

  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const state = await gql.observabilityInstanceAndApps();
    let inst = findObsInstance(state, req.obsIp);
    let created = false;
    const resumed = resumeDetails<{ instanceId?: string }>()?.instanceId;
    if (!inst && resumed)
      inst = state.bundleApplicationInstances.find((i) => i.id === resumed && i.status !== 'FAILED');
    if (!inst) {
      const sameName = state.bundleApplicationInstances.find(
        (i) => i.name === OBS_INSTANCE_NAME && i.status !== 'FAILED',
      );
      if (sameName) {
        throw invalidInput(
          `${step}: CloudTower already has an Observability instance "${sameName.name}" at ${sameName.vm_spec?.ip ?? '?'}, but the plan says ${req.obsIp}. Fix: correct 集群管理信息!E4 or remove that instance.`,
        );
      }
      const pkg = [...state.bundleApplicationPackages]
        .filter((p) => p.name.toLowerCase() === 'observability')
        .sort((a, b) => compareVersions(b.version, a.version))[0];
      if (!pkg)
        throw notRunning(
          step,
          'CloudTower lists no Observability package (upload it first: uploadObsPackage)',
        );
      const cluster = await targetCluster(rest, req.clusterVip);
      // vlan_id: the planned VM network (the CloudTower VM's; seed 003's "default" when none is planned).
      const vlan = pickTowerVmNetwork(step, cluster, await rest.getVlans(), req.network.vmNetwork);
      const out = await gql.createBundleApplicationInstance({
        name: OBS_INSTANCE_NAME,
        description: '',
        bundle_application_package: { id: pkg.id },
        cluster: { id: cluster.id },
        host_id: '',
        vm_spec: {
          ip: req.obsIp,
          subnet_mask: req.network.subnetMask,
          gateway: req.network.gateway,
          vlan_id: vlan.id,
          vcpu_count: vcpu,
          memory_size_bytes: String(memoryGiB * GIB),
          storage_size_bytes: String(diskGiB * GIB),
          env_vars: { PRODUCT_VENDOR: 'SMARTX' },
        },
      });
      created = true;
      ctx.heartbeat({ instanceId: out.id, status: 'INSTALLING' });
      ctx.log.info('Observability instance created', {
        instanceId: out.id,
        ip: req.obsIp,
        version: pkg.version,
      });
      inst = { id: out.id, name: OBS_INSTANCE_NAME, status: 'INSTALLING' };
    }
    const instanceId = inst.id;
    let status = inst.status ?? 'unknown';
    const final = await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.serviceTimeoutSeconds,
        what: `Observability instance ${instanceId} running`,
      },
      async () => {
        const now = (await gql.observabilityInstanceAndApps()).bundleApplicationInstances.find(
          (i) => i.id === instanceId,
        );
        status = now?.status ?? 'missing';
        if (!now || now.status === 'FAILED') {
          throw ApplicationFailure.create({
            type: FailureType.remoteFailed,
            nonRetryable: true,
            message: `${step}: instance ${instanceId} is ${status} (${errorCode(now)}). Fix: check the instance in CloudTower (observability), remove it, then retry the OBS stage.`,
          });
        }
        return isRunning(now) ? now : undefined;
      },
      () => ({ instanceId, status }),
    );
    return { instanceId, created, status: final.status ?? 'SUCCESS' };
  });
}

/** updateObservabilityNtpUrl with the plan's NTP servers; the answer (`;`-joined) is checked. */
export async function configureObsNtp(
  req: Tower & { ntpServers: string[]; obsIp?: string },
): Promise<{ changed: boolean }> {
  const step = 'configure Observability NTP';
  const servers = (req.ntpServers ?? []).map((s) => s.trim()).filter(Boolean);
  if (servers.length === 0) throw invalidInput('ntpServers is empty: fill 集群管理信息!E22–E24');
  return remoteStep(step, async () => {
    const { gql } = towerClients(req);
    const inst = await runningInstance(gql, step, req.obsIp);
    const answer = await gql.updateObservabilityNtpUrl(inst.id, servers);
    const got = answer
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (got.join(';') !== servers.join(';')) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `${step}: CloudTower answered ntp_service_url "${answer}", expected ${servers.join(';')}`,
      });
    }
    // No read of the current value exists (seed 003), so the set is always sent; it is idempotent.
    return { changed: true };
  });
}

/** updateBundleApplicationInstanceConnectClusters: adds the cluster, keeping clusters already connected. */
export async function connectObsToCluster(
  req: Tower & { clusterVip: string; obsIp?: string },
): Promise<{ alreadyConnected: boolean }> {
  const step = 'connect Observability to the cluster';
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await targetCluster(rest, req.clusterVip);
    const inst = await runningInstance(gql, step, req.obsIp);
    const current = (inst.connected_clusters ?? [])
      .map((c) => c.cluster?.id)
      .filter((id): id is string => !!id);
    if (current.includes(cluster.id)) return { alreadyConnected: true };
    // `id_in` is the whole set: the clusters already connected stay in it.
    const out = await gql.updateBundleApplicationInstanceConnectClusters(inst.id, [...current, cluster.id]);
    if (!(out.connected_clusters ?? []).some((c) => c.cluster?.id === cluster.id)) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `${step}: the answer does not list cluster ${cluster.name} among the connected clusters`,
      });
    }
    Context.current().log.info('Observability connected to cluster', { cluster: cluster.name });
    return { alreadyConnected: false };
  });
}

/**
 * updateObservabilityConnectedSystemServices with the agent URL `http://<cloudtowerIp>/admin/observability/agent`
 * (seed 003/000). Seed 000: a failure here must not stop the bring-up, so it comes back as `warning`
 * (and is logged) — never thrown, never silent.
 */
export async function connectObsSystemService(
  req: Tower & { obsIp?: string },
): Promise<{ connected: boolean; warning?: string }> {
  const step = 'connect CloudTower to Observability as a system service';
  const ctx = Context.current();
  try {
    return await remoteStep(step, async () => {
      const { gql } = towerClients(req);
      const inst = await runningInstance(gql, step, req.obsIp);
      const existing = (inst as Record<string, unknown>).connected_system_services;
      if (Array.isArray(existing) && existing.some((s) => (s as { type?: unknown })?.type === 'CLOUDTOWER')) {
        return { connected: true };
      }
      const services = await gql.updateObservabilityConnectedSystemServices(req.cloudtowerIp, OVM_NAME);
      const mine = services.find((s) => (s as { type?: unknown })?.type === 'CLOUDTOWER') as
        { status?: unknown } | undefined;
      if (!mine)
        return { connected: false, warning: `${step}: the answer lists no CLOUDTOWER system service` };
      if (mine.status === 'FAILED')
        return { connected: false, warning: `${step}: CloudTower's system service is FAILED` };
      ctx.log.info('CloudTower connected to Observability', {
        status: typeof mine.status === 'string' ? mine.status : '',
      });
      return { connected: true };
    });
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
    const warning = err instanceof Error ? err.message : String(err);
    ctx.log.warn('system service connection failed; continuing (seed 000)', { warning });
    return { connected: false, warning };
  }
}

/** The OBS serial, if the instance exposes one (the seed's query shows none; then undefined). */
export async function readObsSerial(req: Tower & { obsIp?: string }): Promise<{ serial?: string }> {
  return remoteStep('read Observability serial', async () => {
    const { gql } = towerClients(req);
    const inst = findObsInstance(await gql.observabilityInstanceAndApps(), req.obsIp) as
      Record<string, unknown> | undefined;
    for (const key of ['serial', 'license_serial', 'sn', 'serial_number']) {
      const v = inst?.[key];
      if (typeof v === 'string' && v) return { serial: v };
    }
    return {};
  });
}
