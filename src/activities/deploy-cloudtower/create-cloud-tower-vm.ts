// Seed 003 §04 "创建cloudtower虚拟机并挂载ISO": POST /api/v2/vms with the seed's body, then the job.
// Exactly once: a VM with that name is reused; the job id is heartbeated right after the POST so a
// retry waits for that job instead of creating a second VM (the VM only appears once the job is done).
import { Context } from '@temporalio/activity';
import type { CreateVmSpec, Job } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep, transient } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { fisheyeClient, isNotFound, waitForFisheyeJob, type Fisheye } from '../support/fisheye.js';
import type { CloudTowerVmPlacement } from './find-cloud-tower-vm-placement.js';

export interface CreateCloudTowerVmRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  vmName: string;
  imagePath: string;
  placement: CloudTowerVmPlacement;
}

interface CreateVmHeartbeat {
  vmName: string;
  jobId: string;
}

/** The request body of seed 003 (fixed values as the seed says; name, ISO path and placement vary). */
function cloudTowerVmSpec(req: Omit<CreateCloudTowerVmRequest, 'run' | 'vip' | 'fisheye'>): CreateVmSpec {
  return {
    vm_name: req.vmName,
    description: 'CloudTower VM auto created by CXVoyager',
    vcpu: 8,
    memory: 20401094656,
    cpu: { topology: { sockets: 8, cores: 1 } },
    nics: [
      {
        ovs: req.placement.ovs,
        model: 'virtio',
        mirror: false,
        vlan_uuid: req.placement.vlanUuid,
        link: 'up',
      },
    ],
    disks: [
      {
        type: 'disk',
        bus: 'virtio',
        storage_policy_uuid: req.placement.storagePolicyUuid,
        name: 'cloudtower-os',
        quota_policy: null,
        size_in_byte: 429496729600,
      },
      { type: 'cdrom', bus: 'ide', path: req.imagePath, disabled: false },
    ],
    ha: true,
    nested_virtualization: false,
    hasNormalVol: false,
    hasSharedVol: false,
    hasVolume: false,
    cpu_model: 'cluster_default',
    firmware: 'BIOS',
    diskNamePrefix: 'cloudtower',
    folder_uuid: null,
    node_ip: null,
    auto_schedule: true,
    existDisks: [],
    quota_policy: null,
    status: 'running',
  };
}

function vmUuidOf(job: Job, vmName: string): string | undefined {
  const resources = Object.entries(job.resources ?? {});
  const named = resources.find(([, r]) => (r as { vm_name?: unknown }).vm_name === vmName);
  const [key, res] = named ?? resources[0] ?? [];
  return res?.uuid ?? key;
}

export async function createCloudTowerVm(
  req: CreateCloudTowerVmRequest,
): Promise<{ vmUuid: string; created: boolean }> {
  const ctx = Context.current();
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const what = `create the CloudTower VM "${req.vmName}" on ${req.vip}`;

  const findByName = async () => {
    const vms = await remoteStep(`list VMs on ${req.vip}`, () => client.listVms());
    const same = vms.filter((v) => v.vm_name === req.vmName);
    if (same.length > 1)
      ctx.log.warn('several VMs carry the CloudTower VM name; using the first', { count: same.length });
    return same[0];
  };

  const existing = await findByName();
  if (existing) {
    const nicVlan = existing.nics?.[0]?.vlan_uuid;
    if (nicVlan && nicVlan !== req.placement.vlanUuid)
      // Not an error: the network step PUTs the NIC onto the planned network before setting the address.
      ctx.log.warn('the existing CloudTower VM is on another VM network; the network step moves it', {
        vmUuid: existing.uuid,
        vlanUuid: nicVlan,
        planned: req.placement.vlanUuid,
      });
    ctx.log.info('CloudTower VM already exists', { vmName: req.vmName, vmUuid: existing.uuid });
    return { vmUuid: existing.uuid, created: false };
  }

  let job: Job | undefined;
  const prev = resumeDetails<CreateVmHeartbeat>();
  if (prev?.jobId && prev.vmName === req.vmName) {
    // A previous attempt posted the VM: wait for its job rather than posting again.
    const previous = await remoteStep(`read job ${prev.jobId} on ${req.vip}`, async () => {
      try {
        return await client.getJob(prev.jobId);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
    if (previous && previous.state !== 'failed') {
      ctx.log.info('waiting for the VM creation job of the previous attempt', { jobId: prev.jobId });
      job = await remoteStep(what, () =>
        waitForFisheyeJob(client, req.run, prev.jobId, what, { vmName: req.vmName }),
      );
    }
  }

  if (!job) {
    const { job_id: jobId } = await remoteStep(what, () => client.createVm(cloudTowerVmSpec(req)));
    ctx.heartbeat({ vmName: req.vmName, jobId } satisfies CreateVmHeartbeat);
    ctx.log.info('CloudTower VM creation accepted', { vmName: req.vmName, jobId });
    job = await remoteStep(what, () =>
      waitForFisheyeJob(client, req.run, jobId, what, { vmName: req.vmName }),
    );
  }

  const vmUuid = vmUuidOf(job, req.vmName) ?? (await findByName())?.uuid;
  if (!vmUuid) {
    throw transient(
      `${what}: job ${job.job_id} is done but names no VM and no VM "${req.vmName}" is listed. The step is retried automatically.`,
    );
  }
  ctx.log.info('CloudTower VM created', { vmName: req.vmName, vmUuid });
  return { vmUuid, created: true };
}
