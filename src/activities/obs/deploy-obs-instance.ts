// Stage 8 — the Observability instance (seed 003 §07 "进行部署" … "关联Cloudtower系统服务", seed 000):
// create it unless it exists, wait until it runs, set its NTP servers, connect the cluster, connect
// CloudTower as a system service (a failure there is a warning, seed 000), read its serial.
import { isIPv4 } from 'node:net';
import { Context } from '@temporalio/activity';
import { invalidInput, remoteJobFailed } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { compareVersions } from '../support/compare-versions.js';
import { targetCluster } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { pickTowerVmNetwork, type VmNetworkChoice } from '../support/pick-tower-vm-network.js';
import { type Instance, OBS_INSTANCE_NAME, findObsInstance, isRunning, notRunning } from './obs-instance.js';

/** FACTS.md / seed 003: the OBS VM is 16 vCPU, 32 GiB memory, 512 GiB disk. */
const OBS_VM_SPEC = { vcpu: 16, memoryGiB: 32, diskGiB: 512 } as const;
/** `ovm_name` of updateObservabilityConnectedSystemServices (seed 003, fixed). */
export const OVM_NAME = 'observability';
const GIB = 1024 ** 3;

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
  req: TowerAccess & {
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
          throw remoteJobFailed(
            `${step}: instance ${instanceId} is ${status} (${errorCode(now)}). Fix: check the instance in CloudTower (observability), remove it, then retry the OBS stage.`,
            { final: true },
          );
        }
        return isRunning(now) ? now : undefined;
      },
      () => ({ instanceId, status }),
    );
    return { instanceId, created, status: final.status ?? 'SUCCESS' };
  });
}
