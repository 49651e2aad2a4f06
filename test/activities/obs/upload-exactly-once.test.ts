/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call -- /__sim/state is untyped JSON */
// Creates of the OBS chunked upload and the Backup upload task whose answer comes late (`slow-create`:
// the attempt is cancelled while the create is in flight) or never (`lost-reply`): the next attempt
// finds the upload the appliance made and continues it, so exactly one exists and the package is
// complete with the file's sha256.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { locateBackupPackage, uploadBackupPackage } from '../../../src/activities/backup/index.js';
import { locateObsPackage, uploadObsPackage } from '../../../src/activities/obs/index.js';
import type { PackageFile } from '../../../src/activities/support/package-files.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';

const MiB = 1024 * 1024;
const SLOW_MS = 3000;

describe('OBS and Backup upload creates answered late or never', () => {
  let f: TowerFixture;
  let scratch: string;
  const data = randomBytes(10 * MiB + 7); // 3 parts / chunks of 4 MiB
  const sha256 = createHash('sha256').update(data).digest('hex');
  before(async () => {
    f = await startTowerFixture(3);
    scratch = path.join(f.scratch, 'packages');
  });
  after(() => f.close());

  /** A package directory holding one file (each test uploads a different version). */
  async function packageDir(name: string): Promise<string> {
    const dir = path.join(scratch, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, name), data);
    return dir;
  }

  async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
    for (const end = Date.now() + 15_000; !(await fn());) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const obsUploads = async (pkg: PackageFile) =>
    (
      (await f.simState()).obs.uploads as { origin_file_name: string; status: string; sha256?: string }[]
    ).filter((u) => u.origin_file_name === pkg.name);
  const backupTasks = async (pkg: PackageFile) =>
    ((await f.simState()).backup.uploadTasks as { name: string; status: string; sha256?: string }[]).filter(
      (t) => t.name === pkg.name,
    );

  /** Runs the step, cancels it once `made` sees the create took effect, then runs the retry. */
  async function cancelledWhileCreating<R>(
    step: (req: never) => Promise<R>,
    req: unknown,
    made: () => Promise<boolean>,
  ): Promise<{ late: unknown; second: R }> {
    const env = activityEnv();
    const first = runIn(env, step, req as never).then(
      (r) => r as unknown,
      (e: unknown) => e,
    );
    await until('the create to take effect', made);
    env.cancel();
    const second = await runIn(activityEnv(), step, req as never);
    return { late: await first, second };
  }

  it('OBS slow-create: cancelled while the create is in flight; the retry continues that upload', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, {
      packageDir: await packageDir('Observability-X86_64-v1.4.5-release.20250926-24.tar.gz'),
    });
    await f.setFaults([{ match: 'obs.upload.create', kind: 'slow-create', delayMs: SLOW_MS, nth: 1 }]);
    try {
      const { late, second } = await cancelledWhileCreating(
        uploadObsPackage,
        { ...f.tower, pkg },
        async () => (await obsUploads(pkg)).length > 0,
      );
      assert.equal(second.status, 'uploaded');
      assert.equal(second.partsSent, 3);
      // The abandoned attempt stops at its first cancellation check after the late answer.
      assert.ok(late instanceof CancelledFailure || late instanceof Error, String(late));
    } finally {
      await f.setFaults([]);
    }
    const uploads = await obsUploads(pkg);
    assert.equal(uploads.length, 1, 'one chunked upload');
    assert.equal(uploads[0].status, 'COMMITTED');
    assert.equal(uploads[0].sha256, sha256);
  });

  it('OBS lost-reply: the create takes effect, its answer is lost; the retry makes no second upload', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, {
      packageDir: await packageDir('Observability-X86_64-v1.4.6-release.20250926-24.tar.gz'),
    });
    await f.setFaults([{ match: 'obs.upload.create', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(runIn(activityEnv(), uploadObsPackage, { ...f.tower, pkg }));
      assert.equal((await obsUploads(pkg)).length, 1, 'the create took effect');
      const out = await runIn(activityEnv(), uploadObsPackage, { ...f.tower, pkg });
      assert.equal(out.status, 'uploaded');
      assert.equal(out.partsSkipped, 0, 'the found upload was at offset 0');
      assert.equal(out.partsSent, 3);
    } finally {
      await f.setFaults([]);
    }
    const uploads = await obsUploads(pkg);
    assert.equal(uploads.length, 1, 'one chunked upload');
    assert.equal(uploads[0].status, 'COMMITTED');
    assert.equal(uploads[0].sha256, sha256);
  });

  it('Backup slow-create: cancelled while createUploadTask is in flight; the retry continues that task', async () => {
    const pkg = await runIn(activityEnv(), locateBackupPackage, {
      packageDir: await packageDir('smtx-backup-dr-x86_64-2.2.5.tar.gz'),
    });
    await f.setFaults([
      { match: 'cloudtower.graphql.createUploadTask', kind: 'slow-create', delayMs: SLOW_MS, nth: 1 },
    ]);
    try {
      const { late, second } = await cancelledWhileCreating(
        uploadBackupPackage,
        { ...f.tower, pkg },
        async () => (await backupTasks(pkg)).length > 0,
      );
      assert.equal(second.status, 'uploaded');
      assert.equal(second.chunksSent, 3);
      assert.ok(late instanceof CancelledFailure || late instanceof Error, String(late));
    } finally {
      await f.setFaults([]);
    }
    const tasks = await backupTasks(pkg);
    assert.equal(tasks.length, 1, 'one upload task');
    assert.equal(tasks[0].status, 'SUCCESSED');
    assert.equal(tasks[0].sha256, sha256);
  });

  it('Backup lost-reply: createUploadTask takes effect, its answer is lost; no second task', async () => {
    const pkg = await runIn(activityEnv(), locateBackupPackage, {
      packageDir: await packageDir('smtx-backup-dr-x86_64-2.2.6.tar.gz'),
    });
    await f.setFaults([{ match: 'cloudtower.graphql.createUploadTask', kind: 'lost-reply', nth: 1 }]);
    try {
      await assert.rejects(runIn(activityEnv(), uploadBackupPackage, { ...f.tower, pkg }));
      assert.equal((await backupTasks(pkg)).length, 1, 'the create took effect');
      const out = await runIn(activityEnv(), uploadBackupPackage, { ...f.tower, pkg });
      assert.equal(out.status, 'uploaded');
      assert.equal(out.chunksSent, 3);
    } finally {
      await f.setFaults([]);
    }
    const tasks = await backupTasks(pkg);
    assert.equal(tasks.length, 1, 'one upload task');
    assert.equal(tasks[0].status, 'SUCCESSED');
    assert.equal(tasks[0].sha256, sha256);
    const packages = (await f.simState()).cloudtower.applicationPackages.filter(
      (p: { filename: string }) => p.filename === pkg.name,
    );
    assert.equal(packages.length, 1, 'one application package');
  });
});
