// Stage 11 and `cleanup`: image upload volumes a run left behind (an attempt that never finished)
// are deleted. Only the run's own: a volume still filling whose description carries the run's marker
// (upload-cloud-tower-iso sets it); a complete image, or anyone else's volume, is never touched.
import { describeFailure, remoteStep } from '../support/failures.js';
import { fisheyeClient, isNotFound } from '../support/fisheye.js';
import { uploadVolumeMarker } from '../support/upload-volume-marker.js';
import type { ClusterAccess } from './access.js';

export interface DeleteRunUploadVolumesRequest extends ClusterAccess {
  /** The bring-up's workflow id. */
  workflowId: string;
  /** List only (the `--dry-run` plan). */
  dryRun?: boolean;
}

export async function deleteRunUploadVolumes(
  req: DeleteRunUploadVolumesRequest,
): Promise<{ deleted: string[]; found: string[] }> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const marker = uploadVolumeMarker(req.workflowId);
  const images = await remoteStep(`list images on ${req.vip}`, () => client.listImages());
  const ours = images.filter(
    (i) => i.resource_state === 'uploading' && (i as { description?: unknown }).description === marker,
  );
  const found = ours.map((i) => `${i.name} (${i.uuid})`);
  if (req.dryRun) return { deleted: [], found };
  const deleted: string[] = [];
  for (const i of ours) {
    try {
      await client.deleteImage(i.uuid);
      deleted.push(`${i.name} (${i.uuid})`);
    } catch (err) {
      // Gone since the list: the end state is the one wanted.
      if (!isNotFound(err)) throw describeFailure(`delete upload volume ${i.uuid} on ${req.vip}`, err);
    }
  }
  return { deleted, found };
}
