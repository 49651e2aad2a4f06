/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 7 against the real simulator: job, word export, zip download (intact, atomically placed).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { runInspection } from '../../../src/activities/inspection/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('stage 7 inspection (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('starts the job, exports word, downloads the zip intact', async () => {
    const artifactsDir = path.join(f.scratch, 'artifacts');
    const heartbeats: unknown[] = [];
    const env = activityEnv();
    env.on('heartbeat', (d: unknown) => heartbeats.push(d));
    const out = await runIn(env, runInspection, { ...f.tower, clusterVip: f.clusterVip, artifactsDir });
    const state = await f.simState();
    assert.equal(state.inspector.jobs.length, 1);
    const job = state.inspector.jobs[0];
    assert.equal(job.version, '1.1.1-rc.11');
    assert.equal(job.user_defined_items_names.length, 82);
    assert.equal(out.jobId, job.id);
    const exp = state.inspector.exports[0];
    assert.equal(exp.format, 'word');
    assert.equal(exp.options[0].graph_duration_months, 6);
    assert.equal(exp.options[0].cluster_uuid, job.cluster_uuids[0]);
    assert.equal(exp.status, 'EXPORT_SUCCEEDED');

    assert.equal(path.dirname(out.path), artifactsDir);
    assert.equal(path.basename(out.path), exp.filename);
    const bytes = await readFile(out.path);
    assert.equal(bytes.length, out.bytes);
    assert.equal(out.bytes, exp.size);
    const sha = createHash('sha256').update(bytes).digest('hex');
    assert.equal(sha, out.sha256);
    assert.equal(sha, exp.sha256, 'sha256 equals the simulator record');
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    assert.ok(names.length > 0);
    if (Array.isArray(exp.entries)) assert.deepEqual(names.sort(), [...exp.entries].sort());
    // Only the final file is left (the temp file was renamed).
    assert.deepEqual(await readdir(artifactsDir), [exp.filename]);
    assert.ok(heartbeats.some((h) => (h as { jobId?: string }).jobId === job.id));
    assert.ok(!JSON.stringify(heartbeats).includes('HC!r0cks'));
  });

  it('a retry reuses the job from the heartbeat', async () => {
    const before = (await f.simState()).inspector.jobs.length;
    const jobId = (await f.simState()).inspector.jobs[0].id;
    const env = activityEnv({ heartbeatDetails: { jobId } });
    const out = await runIn(env, runInspection, {
      ...f.tower,
      clusterVip: f.clusterVip,
      artifactsDir: path.join(f.scratch, 'artifacts2'),
    });
    assert.equal(out.jobId, jobId);
    assert.equal((await f.simState()).inspector.jobs.length, before, 'no second job');
  });
});
