// ISO upload against the simulator: integrity (sha256 on the server), progress heartbeats, reuse,
// resume after a cancelled attempt without resending chunks, and a recreated volume after a chunk
// keeps failing; exactly one image when the volume create answers late or never (slow-create faults).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { uploadCloudTowerIso } from '../../../src/activities/deploy-cloudtower/index.js';
import type { UploadHeartbeat } from '../../../src/activities/deploy-cloudtower/upload-cloud-tower-iso.js';
import { fisheye, setFaults, simState, sparseIso, startClusterLab, VIP } from './helpers.js';
import type { Lab } from '../../helpers/lab.js';
import { activityEnv, runActivity, runFailing } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;

describe('uploadCloudTowerIso', () => {
  let lab: Lab;
  before(async () => {
    lab = await startClusterLab();
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  // The volume is created under the file's name without `.iso` (seed 003's captured request).
  const uploadsOf = async (name: string) =>
    (await simState(lab.sim)).images.filter((i) => i.name === name.replace(/\.iso$/, ''));
  /** The images of `name` once the simulator's background hash has caught up (sha256 known). */
  const hashedUploadsOf = async (name: string) => {
    for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
      const images = await uploadsOf(name);
      if (images.every((i) => i.sha256) || Date.now() > end) return images;
    }
  };
  const req = (iso: { path: string; name: string; size: number }) => ({
    run: lab.run,
    vip: VIP,
    fisheye,
    iso,
  });
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
    const [image] = await hashedUploadsOf(iso.name);
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
    const images = await hashedUploadsOf(iso.name);
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
    assert.equal((await hashedUploadsOf(iso.name))[0].sha256, iso.sha256);
  });

  it('deletes and recreates the volume when a chunk fails 3 times', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v4.8.0.oe2003.x86_64.iso', 20 * MiB);
    await setFaults(lab.sim, [{ match: 'chunk:2', kind: 'fail', status: 500, times: 3 }]);
    try {
      const { result } = await runActivity(uploadCloudTowerIso, { run: lab.run, vip: VIP, fisheye, iso });
      assert.equal(result.volumeRecreated, true);
      const images = await hashedUploadsOf(iso.name);
      assert.equal(images.length, 1, 'the failed volume was deleted');
      assert.equal(images[0].uuid, result.imageUuid);
      assert.equal(images[0].sha256, iso.sha256);
      const deletes = (await simState(lab.sim)).requests.filter((r) => r.route === 'fisheye.images.delete');
      assert.equal(deletes.length, 1);
      assert.equal(images[0].complete, true);
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

  const deletesSoFar = async () =>
    (await simState(lab.sim)).requests.filter((r) => r.route === 'fisheye.images.delete').length;

  it('slow create: the attempt dies while the create is in flight; the next one leaves one complete image', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v5.0.0.oe2003.x86_64.iso', 12 * MiB + 3);
    const deletesBefore = await deletesSoFar();
    // The appliance creates the volume at once but answers 3 s later.
    await setFaults(lab.sim, [
      { match: 'fisheye.images.upload_volume', kind: 'slow-create', delayMs: 3000, nth: 1 },
    ]);
    try {
      const env = activityEnv();
      const beats: unknown[] = [];
      env.on('heartbeat', (d: unknown) => beats.push(d));
      const first = env.run(uploadCloudTowerIso, req(iso)).then(
        () => new Error('the first attempt was expected to be cancelled'),
        (e: unknown) => e,
      );
      for (const end = Date.now() + 10_000; (await uploadsOf(iso.name)).length === 0;) {
        assert.ok(Date.now() < end, 'the create reached the simulator');
        await new Promise((r) => setTimeout(r, 20));
      }
      const [orphan] = await uploadsOf(iso.name);
      assert.equal(orphan.complete, false);
      // The attempt is abandoned (heartbeat timeout / cancel) before it ever learns the volume's id.
      env.cancel();
      assert.equal(beats.length, 0, 'nothing told the next attempt about the volume');
      const second = await runActivity(uploadCloudTowerIso, req(iso));
      assert.ok(
        (await first) instanceof CancelledFailure,
        'the late answer did not revive the first attempt',
      );
      const images = await hashedUploadsOf(iso.name);
      assert.equal(images.length, 1, `one image: ${JSON.stringify(images.map((i) => i.uuid))}`);
      assert.equal(images[0].uuid, second.result.imageUuid);
      assert.notEqual(images[0].uuid, orphan.uuid, 'the unreported volume was removed');
      assert.equal(images[0].complete, true);
      assert.equal(images[0].sha256, iso.sha256);
      assert.equal((await deletesSoFar()) - deletesBefore, 1);
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('lost reply: the create took effect but the connection dropped; the retry leaves one complete image', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v5.0.1.oe2003.x86_64.iso', 9 * MiB);
    await setFaults(lab.sim, [{ match: 'fisheye.images.upload_volume', kind: 'lost-reply', nth: 1 }]);
    try {
      const first = await runFailing(uploadCloudTowerIso, req(iso));
      assert.ok(!first.error.message.includes('HC!r0cks'));
      assert.equal((await uploadsOf(iso.name)).length, 1, 'the first create took effect');
      const second = await runActivity(uploadCloudTowerIso, req(iso), {
        heartbeatDetails: first.heartbeats.at(-1),
      });
      const images = await hashedUploadsOf(iso.name);
      assert.equal(images.length, 1);
      assert.equal(images[0].uuid, second.result.imageUuid);
      assert.equal(images[0].complete, true);
      assert.equal(images[0].sha256, iso.sha256);
    } finally {
      await setFaults(lab.sim, []);
    }
  });
});
