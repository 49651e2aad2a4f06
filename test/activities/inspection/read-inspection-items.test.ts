/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 10 reliability against the real simulator: the items of an inspection report are read, and
// an item made to fail after the first inspection shows up as new when the two are compared.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { readInspectionItems, runInspection } from '../../../src/activities/inspection/index.js';
import { compareInspections } from '../../../src/run/inspection-items.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('stage 10 reliability: inspection items (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('reads the items; an item failing after the load is listed as new', async () => {
    const artifactsDir = path.join(f.scratch, 'artifacts');
    const req = { ...f.tower, clusterVip: f.clusterVip, artifactsDir };
    const first = await runIn(activityEnv(), runInspection, req);
    const beforeItems = await runIn(activityEnv(), readInspectionItems, { path: first.path });
    // The 74 exported items of seed 003 §08, all passing on a healthy simulated cluster.
    assert.equal(beforeItems.checked, 74);
    assert.deepEqual(beforeItems.failing, []);

    await f.setFaults([{ match: 'inspector:item:host_service_health', kind: 'fail' }]);
    const second = await runIn(activityEnv(), runInspection, req);
    assert.notEqual(second.jobId, first.jobId);
    assert.notEqual(second.path, first.path, 'the second report is kept beside the first');
    assert.equal(path.dirname(second.path), artifactsDir);
    const afterItems = await runIn(activityEnv(), readInspectionItems, { path: second.path });
    assert.equal(afterItems.checked, 74);
    const state = await f.simState();
    // Items are checked on the cluster: the report names it as CloudTower does.
    const clusterName = (state.cloudtower.connectedClusters as { name: string }[])[0]?.name;
    assert.deepEqual(afterItems.failing, [
      { name: 'host_service_health', target: clusterName, level: 'CRITICAL' },
    ]);

    const cmp = compareInspections(beforeItems, afterItems);
    assert.deepEqual(cmp.before, { checked: 74, failing: 0 });
    assert.deepEqual(cmp.after, { checked: 74, failing: 1 });
    assert.deepEqual(
      cmp.newFailures.map((i) => i.name),
      ['host_service_health'],
    );
  });

  it('refuses a report without item rows, and a missing file', async () => {
    const docx = new JSZip();
    docx.file(
      'word/document.xml',
      '<w:document><w:body><w:p><w:r><w:t>nothing</w:t></w:r></w:p></w:body></w:document>',
    );
    const zip = new JSZip();
    zip.file('r.docx', await docx.generateAsync({ type: 'nodebuffer' }));
    const file = path.join(f.scratch, 'empty-report.zip');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
    await assert.rejects(
      runIn(activityEnv(), readInspectionItems, { path: file }),
      /lists no inspection items/,
    );
    await assert.rejects(
      runIn(activityEnv(), readInspectionItems, { path: path.join(f.scratch, 'gone.zip') }),
      /is gone/,
    );
  });
});
