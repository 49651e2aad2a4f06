// Seed 003 §04 "通过vmtools配置cloudtower网络": PUT /api/v2/vms/{uuid} with the NIC's MAC and the
// plan's address, mask and gateway; VMTools applies it in the guest; then the job.
import { Context } from '@temporalio/activity';
import type { Vm } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep, transient } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { fisheyeClient, isNotFound, waitForFisheyeJob, type Fisheye } from '../support/fisheye.js';

export interface ConfigureCloudTowerVmNetworkRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  vmUuid: string;
  placement: { ovs: string; vlanUuid: string };
  ip: string;
  subnetMask: string;
  gateway: string;
}

interface NetworkHeartbeat {
  vmUuid: string;
  ip: string;
  jobId: string;
}

/** Addresses the guest reports (guest_info.nics[].ip_addresses[]) and those set on the VM's NICs. */
function vmAddresses(vm: Vm): string[] {
  const out: string[] = [];
  for (const nic of vm.nics ?? []) if (nic.ip_address) out.push(nic.ip_address);
  const guestNics = (vm.guest_info as { nics?: unknown } | null | undefined)?.nics;
  if (Array.isArray(guestNics)) {
    for (const nic of guestNics as { ip_addresses?: { ip_address?: unknown }[] }[]) {
      for (const a of nic.ip_addresses ?? []) if (typeof a.ip_address === 'string') out.push(a.ip_address);
    }
  }
  return out;
}

/** True when the VM's first NIC is on `vlanUuid` (or the VM does not say which network it is on). */
function onPlannedNetwork(vm: Vm, vlanUuid: string): boolean {
  const current = vm.nics?.[0]?.vlan_uuid;
  return current === undefined || current === vlanUuid;
}

export async function configureCloudTowerVmNetwork(
  req: ConfigureCloudTowerVmNetworkRequest,
): Promise<{ changed: boolean }> {
  const ctx = Context.current();
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const what = `set ${req.ip} on the CloudTower VM ${req.vmUuid} through ${req.vip}`;
  const readVm = () => remoteStep(`read VM ${req.vmUuid} on ${req.vip}`, () => client.getVm(req.vmUuid));

  let vm = await readVm();
  // Done only when the address is there AND the NIC sits on the planned VM network: a VM left on
  // another network by an earlier run is moved (the PUT below carries the planned vlan_uuid).
  if (vmAddresses(vm).includes(req.ip) && onPlannedNetwork(vm, req.placement.vlanUuid)) {
    ctx.log.info('CloudTower VM already has its address', { vmUuid: req.vmUuid, ip: req.ip });
    return { changed: false };
  }

  const prev = resumeDetails<NetworkHeartbeat>();
  let waited = false;
  if (prev?.jobId && prev.vmUuid === req.vmUuid && prev.ip === req.ip) {
    const job = await remoteStep(`read job ${prev.jobId} on ${req.vip}`, async () => {
      try {
        return await client.getJob(prev.jobId);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
    if (job && job.state !== 'failed' && job.state !== 'done') {
      ctx.log.info('waiting for the network job of the previous attempt', { jobId: prev.jobId });
      await remoteStep(what, () =>
        waitForFisheyeJob(client, req.run, prev.jobId, what, { vmUuid: req.vmUuid, ip: req.ip }),
      );
      waited = true;
      vm = await readVm();
    }
  }

  if (!waited || !vmAddresses(vm).includes(req.ip) || !onPlannedNetwork(vm, req.placement.vlanUuid)) {
    const mac = vm.nics?.[0]?.mac_address;
    if (!mac) {
      throw transient(
        `${what}: GET /api/v2/vms/${req.vmUuid} shows no NIC with a MAC address yet. The step is retried automatically.`,
      );
    }
    const { job_id: jobId } = await remoteStep(what, () =>
      client.updateVm(req.vmUuid, {
        nics: [
          {
            vlan_uuid: req.placement.vlanUuid,
            ovs: req.placement.ovs,
            model: 'virtio',
            mac_address: mac,
            mirror: false,
            gateway: req.gateway,
            subnet_mask: req.subnetMask,
            ip_address: req.ip,
            link: 'up',
          },
        ],
      }),
    );
    ctx.heartbeat({ vmUuid: req.vmUuid, ip: req.ip, jobId } satisfies NetworkHeartbeat);
    await remoteStep(what, () =>
      waitForFisheyeJob(client, req.run, jobId, what, { vmUuid: req.vmUuid, ip: req.ip }),
    );
  }
  ctx.log.info('CloudTower VM network configured', { vmUuid: req.vmUuid, ip: req.ip });
  return { changed: true };
}
