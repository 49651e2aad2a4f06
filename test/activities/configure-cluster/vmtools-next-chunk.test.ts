// Seed 002 lets a VMTools chunk answer carry `next_chunk` (the next chunk wanted, past the last when
// complete) instead of `to_upload`: the upload follows either answer to one complete image.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uploadVmTools } from '../../../src/activities/configure-cluster/index.js';
import { EndpointResolver, FisheyeClient } from '../../../src/smartx/index.js';
import {
  fisheye,
  FISHEYE_PW,
  simState,
  sparseIso,
  startClusterLab,
  VIP,
} from '../deploy-cloudtower/helpers.js';
import { runActivity } from '../../helpers/activity.js';
import type { Lab } from '../../helpers/lab.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;

describe('uploadVmTools when the chunk answers carry next_chunk (seed 002)', () => {
  let lab: Lab;
  before(async () => {
    lab = await startClusterLab({ smtx: { svtChunkAnswer: 'next_chunk' } });
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  it('uploads every chunk once and leaves one complete image with the file’s hash', async () => {
    const dir = path.join(lab.dir, 'pkg-next-chunk');
    await mkdir(dir, { recursive: true });
    const iso = await sparseIso(dir, 'SMTX_VMTOOLS-7.0.0-1.iso', 9 * MiB + 11);
    const { result } = await runActivity(uploadVmTools, {
      run: lab.run,
      vip: VIP,
      fisheye,
      packageDir: dir,
    });
    assert.equal(result.status, 'uploaded');
    const state = await simState(lab.sim);
    const chunks = state.requests.filter((r) => r.route === 'fisheye.svt.upload_chunk');
    assert.equal(chunks.length, 3, 'three chunks of 4 MiB, each sent once');
    for (let end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
      const images = (await simState(lab.sim)).images.filter((i) => i.name === iso.name);
      if (images.every((i) => i.sha256) || Date.now() > end) {
        assert.equal(images.length, 1);
        assert.equal(images[0].complete, true);
        assert.equal(images[0].sha256, iso.sha256);
        break;
      }
    }
  });

  it('the simulator really answers next_chunk there (no to_upload)', async () => {
    const client = new FisheyeClient(EndpointResolver.fromFile(lab.endpointMapFile), VIP, {
      username: fisheye.user,
      password: FISHEYE_PW,
    });
    const volume = await client.svtCreateVolume('SMTX_VMTOOLS-7.0.1-1.iso', 10);
    const answer = await client.svtUploadChunk({
      zbsVolumeId: volume.zbs_volume_id,
      imageUuid: volume.image_uuid,
      chunkNum: 0,
      data: Buffer.alloc(10),
    });
    assert.equal(answer.to_upload, undefined);
  });
});
