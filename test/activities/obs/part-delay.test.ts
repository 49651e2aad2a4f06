/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- /__sim/state is untyped JSON */
// A `delay` fault on an upload part (OBS `chunk:obs:<n>`, Backup `chunk:backup:<n>`) makes the
// appliance slow, not broken: the part is stored after the pause and the upload completes intact.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { locateBackupPackage, uploadBackupPackage } from '../../../src/activities/backup/index.js';
import { locateObsPackage, uploadObsPackage } from '../../../src/activities/obs/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;
const DELAY_MS = 1500;

describe('delay faults on upload parts delay, then store', () => {
  let f: TowerFixture;
  let dir: string;
  const data = randomBytes(10 * MiB + 99); // 3 parts of 4 MiB
  before(async () => {
    f = await startTowerFixture(3);
    dir = path.join(f.scratch, 'packages');
    await mkdir(dir);
    await writeFile(path.join(dir, 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz'), data);
    await writeFile(path.join(dir, 'smtx-backup-dr-x86_64-2.2.1.tar.gz'), data);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  const fired = async () =>
    ((await (await fetch(`${f.sim.adminUrl}/__sim/faults`)).json()) as { counters: { fired: number }[] })
      .counters[0].fired;

  it('OBS: part 2 answers after the pause and the upload completes', async () => {
    const pkg = await runIn(activityEnv(), locateObsPackage, { packageDir: dir });
    await f.setFaults([{ match: 'chunk:obs:2', kind: 'delay', delayMs: DELAY_MS, nth: 1 }]);
    try {
      const started = Date.now();
      const out = await runIn(activityEnv(), uploadObsPackage, { ...f.tower, pkg });
      assert.equal(out.status, 'uploaded');
      assert.equal(out.partsSent, 3, 'no part sent twice: the delayed one was stored');
      assert.ok(Date.now() - started >= DELAY_MS, 'the pause happened');
      assert.equal(await fired(), 1);
      const uploads = (await f.simState()).obs.uploads;
      assert.equal(uploads.length, 1);
      assert.equal(uploads[0].sha256, createHash('sha256').update(data).digest('hex'));
    } finally {
      await f.setFaults([]);
    }
  });

  it('Backup: chunk 2 answers after the pause and the upload completes', async () => {
    const pkg = await runIn(activityEnv(), locateBackupPackage, { packageDir: dir });
    await f.setFaults([{ match: 'chunk:backup:2', kind: 'delay', delayMs: DELAY_MS, nth: 1 }]);
    try {
      const started = Date.now();
      await runIn(activityEnv(), uploadBackupPackage, { ...f.tower, pkg });
      assert.ok(Date.now() - started >= DELAY_MS, 'the pause happened');
      assert.equal(await fired(), 1);
      const state = await f.simState();
      const tasks = state.backup.uploadTasks;
      assert.equal(tasks.length, 1, 'one upload task');
      assert.equal(tasks[0].status, 'SUCCESSED');
      assert.equal(Object.keys(tasks[0].chunks).length, 3);
    } finally {
      await f.setFaults([]);
    }
  });
});
