// Stage 11: the CloudTower ISO leaves the CloudTower VM's CD-ROM once CloudTower is installed, so the
// image can be removed and the VM never boots the installer again. Fisheye VM update with the VM's
// disk list as it is, each CD-ROM with an empty path (docs/decisions.md "Cleanup and compensation").
// Exactly once: the job id is heartbeated; a retry waits for that job, and an empty CD-ROM is done.
import { Context } from '@temporalio/activity';
import type { VmDisk } from '../../smartx/index.js';
import { describeFailure, remoteStep } from '../support/failures.js';
import { resumeDetails } from '../support/poll.js';
import { fisheyeClient, isNotFound, waitForFisheyeJob } from '../support/fisheye.js';
import type { ClusterAccess } from './access.js';

export interface EjectCloudTowerIsoRequest extends ClusterAccess {
  vmUuid: string;
}

export interface EjectCloudTowerIsoResult {
  status: 'ejected' | 'already-empty' | 'vm-gone';
  /** The image paths that were in the CD-ROMs. */
  ejected: string[];
}

/** The disk list of an update: volumes as they are, CD-ROMs emptied. */
export function ejectedDisks(disks: VmDisk[]): Record<string, unknown>[] {
  return disks.map((d) =>
    d.type === 'cdrom'
      ? { type: 'cdrom', bus: d.bus ?? 'ide', path: '', disabled: d.disabled ?? false }
      : {
          type: d.type,
          bus: d.bus,
          path: d.path,
          name: d.name ?? undefined,
          storage_policy_uuid: d.storage_policy_uuid ?? null,
        },
  );
}

export async function ejectCloudTowerIso(req: EjectCloudTowerIsoRequest): Promise<EjectCloudTowerIsoResult> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const step = `eject the CloudTower ISO from VM ${req.vmUuid} on ${req.vip}`;
  const previous = resumeDetails<{ jobId: string; ejected: string[] }>();
  if (previous?.jobId) {
    await waitForFisheyeJob(client, req.run, previous.jobId, step);
    return { status: 'ejected', ejected: previous.ejected };
  }
  let vm;
  try {
    vm = await client.getVm(req.vmUuid);
  } catch (err) {
    if (isNotFound(err)) return { status: 'vm-gone', ejected: [] };
    throw describeFailure(step, err);
  }
  const disks = vm.disks ?? [];
  const mounted = disks.filter((d) => d.type === 'cdrom' && d.path).map((d) => d.path!);
  if (mounted.length === 0) return { status: 'already-empty', ejected: [] };
  const { job_id } = await remoteStep(step, () =>
    client.updateVm(req.vmUuid, { disks: ejectedDisks(disks) }),
  );
  Context.current().heartbeat({ jobId: job_id, ejected: mounted });
  await waitForFisheyeJob(client, req.run, job_id, step);
  return { status: 'ejected', ejected: mounted };
}
