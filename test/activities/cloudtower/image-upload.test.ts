// ISO upload against the simulator: integrity (sha256 on the server), progress heartbeats, reuse,
// resume after a cancelled attempt without resending chunks, and a recreated volume after a chunk
// keeps failing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { uploadCloudTowerIso } from '../../../src/activities/cloudtower/index.js';
import type { UploadHeartbeat } from '../../../src/activities/cloudtower/image-upload.js';
import {
  fisheye,
  runActivity,
  runFailing,
  setFaults,
  simState,
  sparseIso,
  startLab,
  VIP,
  type Lab,
} from './helpers.js';

const MiB = 1024 * 1024;

describe('uploadCloudTowerIso', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.stop());

  const uploadsOf = async (name: string) => (await simState(lab.sim)).images.filter((i) => i.name === name);
  const chunkPosts = async () =>
    (await simState(lab.sim)).requests.filter((r) => r.route === 'fisheye.images.upload_chunk').length;

  it('uploads a 100 MB ISO intact with progress heartbeats, then reuses it', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.6.2.oe2003.x86_64.iso', 100 * MiB + 12345);
    const { result, heartbeats } = await runActivity(uploadCloudTowerIso, {
      run: lab.run,
      vip: VIP,
      fisheye,
      iso,
    });
    assert.equal(result.reused, false);
    assert.equal(result.volumeRecreated, false);
    assert.equal(result.bytesSent, iso.size);
    assert.match(result.imagePath, /^iscsi:\/\//);
    const [image] = await uploadsOf(iso.name);
    assert.equal(image.complete, true);
    assert.equal(image.sha256, iso.sha256, 'the server holds exactly the bytes of the file');
    const beats = heartbeats as UploadHeartbeat[];
    assert.ok(beats.length >= 26, `one heartbeat per chunk (${beats.length})`);
    assert.equal(beats[0].percent, 0);
    assert.equal(beats.at(-1)?.percent, 100);
    assert.ok(
      beats.every(
        (b) => b.imageUuid === result.imageUuid && b.bytesTotal === iso.size && b.bytesPerSecond >= 0,
      ),
    );
    assert.ok(!JSON.stringify(beats).includes('HC!r0cks'));

    const before = await chunkPosts();
    const again = await runActivity(uploadCloudTowerIso, { run: lab.run, vip: VIP, fisheye, iso });
    assert.deepEqual(
      { reused: again.result.reused, imageUuid: again.result.imageUuid, bytesSent: again.result.bytesSent },
      { reused: true, imageUuid: result.imageUuid, bytesSent: 0 },
    );
    assert.equal((await uploadsOf(iso.name)).length, 1, 'no second image');
    assert.equal(await chunkPosts(), before, 'no chunk sent on reuse');
  });

  it('resumes the volume of a cancelled attempt without sending its chunks again', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.7.0.oe2003.x86_64.iso', 64 * MiB + 7);
    const postsBefore = await chunkPosts();
    const first = await runFailing(
      uploadCloudTowerIso,
      { run: lab.run, vip: VIP, fisheye, iso },
      {
        onHeartbeat: (d, env) => {
          if ((d as UploadHeartbeat).chunksLeft === 17 - 6) env.cancel();
        },
      },
    );
    assert.ok(first.error instanceof CancelledFailure, `cancelled (${first.error.message})`);
    const last = first.heartbeats.at(-1) as UploadHeartbeat;
    assert.equal(last.chunksTotal, 17);
    assert.equal(last.chunksLeft, 11);
    const sentFirst = (await chunkPosts()) - postsBefore;
    assert.equal(sentFirst, 6);

    const second = await runActivity(
      uploadCloudTowerIso,
      { run: lab.run, vip: VIP, fisheye, iso },
      { heartbeatDetails: last },
    );
    assert.equal(second.result.imageUuid, last.imageUuid, 'same volume');
    assert.equal(second.result.reused, false);
    assert.equal((await chunkPosts()) - postsBefore, 17, 'every chunk sent exactly once over both attempts');
    assert.equal(second.result.bytesSent, iso.size - 6 * 4 * MiB);
    const images = await uploadsOf(iso.name);
    assert.equal(images.length, 1);
    assert.equal(images[0].sha256, iso.sha256);
  });

  it('starts over when the server no longer knows the volume of the previous attempt', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.7.1.oe2003.x86_64.iso', 10 * MiB);
    const stale: UploadHeartbeat = {
      isoName: iso.name,
      imageUuid: 'gone-volume',
      zbsVolumeId: 'gone',
      imagePath: 'iscsi://gone/1',
      chunkSize: 4 * MiB,
      chunksTotal: 3,
      chunksLeft: 2,
      nextChunk: 1,
      bytesSent: 4 * MiB,
      bytesTotal: iso.size,
      percent: 40,
      bytesPerSecond: 1,
      volumeRecreated: false,
    };
    const { result } = await runActivity(
      uploadCloudTowerIso,
      { run: lab.run, vip: VIP, fisheye, iso },
      { heartbeatDetails: stale },
    );
    assert.notEqual(result.imageUuid, 'gone-volume');
    assert.equal((await uploadsOf(iso.name))[0].sha256, iso.sha256);
  });

  it('deletes and recreates the volume when a chunk fails 3 times', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.8.0.oe2003.x86_64.iso', 20 * MiB);
    await setFaults(lab.sim, [{ match: 'chunk:2', kind: 'fail', status: 500, times: 3 }]);
    try {
      const { result } = await runActivity(uploadCloudTowerIso, { run: lab.run, vip: VIP, fisheye, iso });
      assert.equal(result.volumeRecreated, true);
      const images = await uploadsOf(iso.name);
      assert.equal(images.length, 1, 'the failed volume was deleted');
      assert.equal(images[0].uuid, result.imageUuid);
      assert.equal(images[0].sha256, iso.sha256);
      const deletes = (await simState(lab.sim)).requests.filter((r) => r.route === 'fisheye.images.delete');
      assert.equal(deletes.length, 1);
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('fails (retryable) when the recreated volume fails too', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.9.0.oe2003.x86_64.iso', 8 * MiB);
    await setFaults(lab.sim, [{ match: 'chunk:1', kind: 'fail', status: 500 }]);
    try {
      const { error } = await runFailing(uploadCloudTowerIso, { run: lab.run, vip: VIP, fisheye, iso });
      assert.match(error.message, /chunk 1/);
      assert.match(error.message, /recreated once/);
      assert.notEqual((error as { nonRetryable?: boolean }).nonRetryable, true);
      assert.ok(!error.message.includes('HC!r0cks'));
      assert.equal((await uploadsOf(iso.name)).length, 0, 'both volumes deleted');
    } finally {
      await setFaults(lab.sim, []);
    }
  });
});
