import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import JSZip from 'jszip';
import { cloudTowerModules } from '../../src/cloudtower/index.js';
import type { InspectorState } from '../../src/cloudtower/store.js';
import { bootstrap, type Bootstrapped } from './client.js';
import { startHarness, type Harness } from './harness.js';
import { seed003 } from './seed-samples.js';
import { shapeDiff } from './shape.js';

const CLUSTER_UUID = '30724c9c-9657-46af-9c55-3857c8f165c1';
const ITEMS = ['master_redundancy_check', 'cluster_mem_usage_check', 'host_power_is_on'];

describe('Inspection center: job, export, status, zip download (seed 003 stage 08)', () => {
  let h: Harness;
  let b: Bootstrapped;
  const api = (path: string) => `${h.url}/api/inspector/api${path}`;
  before(async () => {
    h = await startHarness(cloudTowerModules);
    b = await bootstrap(h);
  });
  after(() => h.close());

  it('runs a job, exports the Word report and downloads an intact zip', async () => {
    const auth = () => ({ authorization: b.token });
    const anon = await got.post(api('/v3/jobs'), { json: {}, throwHttpErrors: false });
    assert.equal(anon.statusCode, 401);
    const badVersion = await got.post(api('/v3/jobs'), {
      json: { version: '1.0.0', cluster_uuids: [CLUSTER_UUID], user_defined_items_names: ITEMS },
      headers: auth(),
      throwHttpErrors: false,
    });
    assert.equal(badVersion.statusCode, 400);
    const job = await got
      .post(api('/v3/jobs'), {
        json: { version: '1.1.1-rc.11', cluster_uuids: [CLUSTER_UUID], user_defined_items_names: ITEMS },
        headers: auth(),
      })
      .json<Record<string, unknown>>();
    assert.deepEqual(shapeDiff(job, seed003.inspectorJob), []);
    const id = String(job.id);

    const options = {
      options: [{ cluster_uuid: CLUSTER_UUID, items_names: ITEMS, graph_duration_months: 6 }],
    };
    const noFormat = await got.post(api(`/v3/jobs/${id}:exportReport`), {
      json: options,
      headers: auth(),
      throwHttpErrors: false,
    });
    assert.equal(noFormat.statusCode, 400);
    const exp = await got
      .post(api(`/v3/jobs/${id}:exportReport?format=word`), { json: options, headers: auth() })
      .json<{ filename: string }>();
    assert.deepEqual(shapeDiff(exp, seed003.inspectorExport), []);
    assert.match(
      exp.filename,
      new RegExp(`^InspectorReport-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-${id}\\.zip$`),
    );

    const status = () =>
      got(api('/v3/export/status'), { searchParams: { filename: exp.filename }, headers: auth() }).json<{
        status: string;
      }>();
    const running = await status();
    assert.deepEqual(shapeDiff(running, seed003.inspectorStatus), []);
    assert.equal(running.status, 'EXPORT_RUNNING');
    const early = await got(api('/v1/export/download'), {
      searchParams: { filename: exp.filename },
      headers: auth(),
      throwHttpErrors: false,
    });
    assert.equal(early.statusCode, 400);
    await h.clock.advance(120 + 30);
    assert.equal((await status()).status, 'EXPORT_SUCCEEDED');

    const zipBytes = await got(api('/v1/export/download'), {
      searchParams: { filename: exp.filename },
      headers: auth(),
    }).buffer();
    const record = (h.state.inspector as InspectorState).exports[0];
    assert.equal(createHash('sha256').update(zipBytes).digest('hex'), record.sha256);
    assert.equal(record.downloads, 1);
    const zip = await JSZip.loadAsync(zipBytes);
    const docxName = exp.filename.replace(/\.zip$/, '.docx');
    assert.deepEqual(Object.keys(zip.files), [docxName]);
    const docx = await JSZip.loadAsync(await zip.file(docxName)!.async('nodebuffer'));
    const xml = await docx.file('word/document.xml')!.async('string');
    assert.match(xml, /CN-BJ-SMTX-Prod-Cls01/);
    // One row per item: `<item> | <target> | <level>` (the simulator's report layout, docs/simulator-cloudtower.md).
    assert.match(xml, /master_redundancy_check \| [^|<]+ \| PASS/);
    assert.ok(docx.file('[Content_Types].xml'));
    const missing = await got(api('/v3/export/status'), {
      searchParams: { filename: 'nope.zip' },
      headers: auth(),
      throwHttpErrors: false,
    });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(Object.keys(JSON.parse(missing.body) as object).sort(), ['code', 'details', 'message']);
  });

  it('fails the export when the job fails', async () => {
    h.faults.script('job:inspector.job', { kind: 'fail' });
    const auth = { authorization: b.token };
    const job = await got
      .post(api('/v3/jobs'), {
        json: { version: '1.1.1-rc.11', cluster_uuids: [CLUSTER_UUID], user_defined_items_names: ITEMS },
        headers: auth,
      })
      .json<{ id: string }>();
    await h.clock.advance(1);
    const exp = await got
      .post(api(`/v3/jobs/${job.id}:exportReport?format=word`), {
        json: { options: [{ cluster_uuid: CLUSTER_UUID, items_names: ITEMS }] },
        headers: auth,
      })
      .json<{ filename: string }>();
    await h.clock.advance(200);
    const st = await got(api('/v3/export/status'), {
      searchParams: { filename: exp.filename },
      headers: auth,
    }).json<{ status: string }>();
    assert.equal(st.status, 'EXPORT_FAILED');
  });
});
