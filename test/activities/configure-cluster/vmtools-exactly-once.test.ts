// VMTools (SVT) upload when the appliance is slow or answers wrongly: a volume create answered late
// or never leaves exactly one complete image; a chunk answer with an error `ec` is a failure; a
// chunk failing 3 times deletes the volume and uploads once more (seed 002), and only once.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { uploadVmTools } from '../../../src/activities/configure-cluster/index.js';
import {
  fisheye,
  setFaults,
  simState,
  sparseIso,
  startClusterLab,
  VIP,
} from '../deploy-cloudtower/helpers.js';
import { activityEnv, runActivity, runFailing } from '../../helpers/activity.js';
import type { Lab } from '../../helpers/lab.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;

describe('uploadVmTools exactly once', () => {
  let lab: Lab;
  before(async () => {
    lab = await startClusterLab();
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  /** A package directory holding one VMTools ISO. */
  async function packageWith(name: string, size: number) {
    const dir = path.join(lab.dir, `pkg-${name}`);
    await mkdir(dir, { recursive: true });
    const iso = await sparseIso(dir, name, size);
    return { dir, iso, req: { run: lab.run, vip: VIP, fisheye, packageDir: dir } };
  }
  const imagesOf = async (name: string) => (await simState(lab.sim)).images.filter((i) => i.name === name);
  const hashedImagesOf = async (name: string) => {
    for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
      const images = await imagesOf(name);
      if (images.every((i) => i.sha256) || Date.now() > end) return images;
    }
  };
  const count = async (route: string) =>
    (await simState(lab.sim)).requests.filter((r) => r.route === route).length;

  it('slow create: the attempt dies while create_volume is in flight; one complete image remains', async () => {
    const { iso, req } = await packageWith('SMTX_VMTOOLS-6.0.0-1.iso', 10 * MiB + 5);
    await setFaults(lab.sim, [
      { match: 'fisheye.svt.create_volume', kind: 'slow-create', delayMs: 3000, nth: 1 },
    ]);
    try {
      const env = activityEnv();
      const first = env.run(uploadVmTools, req).then(
        () => new Error('the first attempt was expected to be cancelled'),
        (e: unknown) => e,
      );
      for (const end = Date.now() + 10_000; (await imagesOf(iso.name)).length === 0;) {
        assert.ok(Date.now() < end, 'the create reached the simulator');
        await new Promise((r) => setTimeout(r, 20));
      }
      const [orphan] = await imagesOf(iso.name);
      assert.equal(orphan.complete, false);
      env.cancel();
      const second = await runActivity(uploadVmTools, req);
      // The image the run uploaded is named, so `cleanup` can remove it (issue 23 point 6).
      const { imageUuid, ...rest } = second.result;
      assert.deepEqual(rest, { status: 'uploaded', file: iso.name, bytes: iso.size });
      const late = await first;
      assert.ok(late instanceof CancelledFailure, `the first attempt stopped (${String(late)})`);
      const images = await hashedImagesOf(iso.name);
      assert.equal(images.length, 1, `one image: ${JSON.stringify(images.map((i) => i.uuid))}`);
      assert.equal(imageUuid, images[0].uuid, 'the result names the image that stays');
      assert.notEqual(images[0].uuid, orphan.uuid, 'the unreported volume was removed');
      assert.equal(images[0].complete, true);
      assert.equal(images[0].sha256, iso.sha256);
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('lost reply: create_volume took effect, the connection dropped; the retry leaves one image', async () => {
    const { iso, req } = await packageWith('SMTX_VMTOOLS-6.0.1-1.iso', 5 * MiB);
    await setFaults(lab.sim, [{ match: 'fisheye.svt.create_volume', kind: 'lost-reply', nth: 1 }]);
    try {
      const first = await runFailing(uploadVmTools, req);
      assert.equal((await imagesOf(iso.name)).length, 1, 'the first create took effect');
      assert.ok(!first.error.message.includes('HC!r0cks'));
      await runActivity(uploadVmTools, req, { heartbeatDetails: first.heartbeats.at(-1) });
      const images = await hashedImagesOf(iso.name);
      assert.equal(images.length, 1);
      assert.equal(images[0].complete, true);
      assert.equal(images[0].sha256, iso.sha256);
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('a chunk answered with an error ec 3 times: the volume is deleted and uploaded once more', async () => {
    const { iso, req } = await packageWith('SMTX_VMTOOLS-6.0.2-1.iso', 9 * MiB);
    const deletes = await count('fisheye.images.delete');
    const creates = await count('fisheye.svt.create_volume');
    // HTTP 200 with an error envelope: only the `ec` says the chunk was not stored.
    await setFaults(lab.sim, [
      { match: 'chunk:1', kind: 'status', status: 200, ec: 'EZBS_WRITE_FAILED', times: 3 },
    ]);
    try {
      const { result } = await runActivity(uploadVmTools, req);
      assert.equal(result.status, 'uploaded');
      assert.equal((await count('fisheye.images.delete')) - deletes, 1, 'the failed volume was deleted');
      assert.equal((await count('fisheye.svt.create_volume')) - creates, 2, 'created once more');
      const images = await hashedImagesOf(iso.name);
      assert.equal(images.length, 1);
      assert.equal(images[0].complete, true);
      assert.equal(images[0].sha256, iso.sha256);
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('the recreated volume failing too is a retryable failure and leaves no volume behind', async () => {
    const { iso, req } = await packageWith('SMTX_VMTOOLS-6.0.3-1.iso', 6 * MiB);
    const creates = await count('fisheye.svt.create_volume');
    await setFaults(lab.sim, [{ match: 'chunk:1', kind: 'status', status: 200, ec: 'EZBS_WRITE_FAILED' }]);
    try {
      const { error } = await runFailing(uploadVmTools, req);
      assert.ok(error instanceof ApplicationFailure, String(error));
      assert.notEqual(error.nonRetryable, true);
      assert.match(error.message, /chunk 1/);
      assert.match(error.message, /recreated once/);
      assert.equal((await count('fisheye.svt.create_volume')) - creates, 2, 'recreated once, not more');
      assert.equal((await imagesOf(iso.name)).length, 0, 'both volumes deleted');
    } finally {
      await setFaults(lab.sim, []);
    }
  });
});
