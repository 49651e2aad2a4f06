/* eslint-disable @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
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
import type { MockActivityEnvironment } from '@temporalio/testing';
import { locateBackupPackage, uploadBackupPackage } from '../../../src/activities/backup/index.js';
import { locateObsPackage, uploadObsPackage } from '../../../src/activities/obs/index.js';
import type { PackageFile } from '../../../src/activities/support/package-files.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

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
  after(() => assertNoLenientPath(f.sim));

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

  interface UploadCase {
    what: string;
    fileName: (version: string) => string;
    fault: string;
    upload: (pkg: PackageFile, env?: MockActivityEnvironment) => Promise<{ status: string; sent: number }>;
    locate: (packageDir: string) => Promise<PackageFile>;
    /** The appliance's uploads of this package, and the status a complete one has. */
    records: (pkg: PackageFile) => Promise<{ status: string; sha256?: string }[]>;
    complete: string;
    /** What else exists exactly once when the upload is complete. */
    alsoOnce?: (pkg: PackageFile) => Promise<number>;
  }
  const cases: UploadCase[] = [
    {
      what: 'OBS chunked upload',
      fileName: (v) => `Observability-X86_64-v1.4.${v}-release.20250926-24.tar.gz`,
      fault: 'obs.upload.create',
      locate: (packageDir) => runIn(activityEnv(), locateObsPackage, { packageDir }),
      upload: async (pkg, env = activityEnv()) => {
        const out = await runIn(env, uploadObsPackage, { ...f.tower, pkg });
        return { status: out.status, sent: out.partsSent };
      },
      records: obsUploads,
      complete: 'COMMITTED',
    },
    {
      what: 'Backup upload task',
      fileName: (v) => `smtx-backup-dr-x86_64-2.2.${v}.tar.gz`,
      fault: 'cloudtower.graphql.createUploadTask',
      locate: (packageDir) => runIn(activityEnv(), locateBackupPackage, { packageDir }),
      upload: async (pkg, env = activityEnv()) => {
        const out = await runIn(env, uploadBackupPackage, { ...f.tower, pkg });
        return { status: out.status, sent: out.chunksSent };
      },
      records: backupTasks,
      complete: 'SUCCESSED',
      alsoOnce: async (pkg) => {
        const packages = (await f.simState()).cloudtower.applicationPackages as { filename: string }[];
        return packages.filter((p) => p.filename === pkg.name).length;
      },
    },
  ];

  async function assertExactlyOne(c: UploadCase, pkg: PackageFile): Promise<void> {
    const records = await c.records(pkg);
    assert.equal(records.length, 1, `one ${c.what}`);
    assert.equal(records[0].status, c.complete);
    assert.equal(records[0].sha256, sha256);
    if (c.alsoOnce) assert.equal(await c.alsoOnce(pkg), 1, 'one application package');
  }

  for (const [i, c] of cases.entries()) {
    it(`${c.what}, slow-create: cancelled while the create is in flight; the retry continues that upload`, async () => {
      const pkg = await c.locate(await packageDir(c.fileName(`${5 + 2 * i}`)));
      await f.setFaults([{ match: c.fault, kind: 'slow-create', delayMs: SLOW_MS, nth: 1 }]);
      try {
        const env = activityEnv();
        const first = c.upload(pkg, env).then(
          (r) => r as unknown,
          (e: unknown) => e,
        );
        await until('the create to take effect', async () => (await c.records(pkg)).length > 0);
        env.cancel();
        const second = await c.upload(pkg);
        assert.equal(second.status, 'uploaded');
        assert.equal(second.sent, 3);
        // The abandoned attempt stops at its first cancellation check after the late answer.
        const late = await first;
        assert.ok(late instanceof CancelledFailure || late instanceof Error, String(late));
      } finally {
        await f.setFaults([]);
      }
      await assertExactlyOne(c, pkg);
    });

    it(`${c.what}, lost-reply: the create takes effect, its answer is lost; the retry makes no second one`, async () => {
      const pkg = await c.locate(await packageDir(c.fileName(`${6 + 2 * i}`)));
      await f.setFaults([{ match: c.fault, kind: 'lost-reply', nth: 1 }]);
      try {
        await assert.rejects(c.upload(pkg));
        assert.equal((await c.records(pkg)).length, 1, 'the create took effect');
        const out = await c.upload(pkg);
        assert.equal(out.status, 'uploaded');
        assert.equal(out.sent, 3, 'the found upload was at offset 0');
      } finally {
        await f.setFaults([]);
      }
      await assertExactlyOne(c, pkg);
    });
  }
});
