/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
// Issue 13 item 1: the OBS package parts and the Backup package chunks cross the site link like the
// ISO chunks do: the simulator answers a part only once its bytes would have crossed the link at the
// site bandwidth (simulated time). Here the link is 8 Mbit/s (1 MB/s) over the harness's manual clock,
// so a 4 MiB part (4,194,304 bytes) is answered between 4 and 5 simulated seconds after it arrived.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { cloudTowerModules } from '../../src/cloudtower/index.js';
import type { BackupState, ObsState } from '../../src/cloudtower/store.js';
import { bootstrap, gql, multipartBody, OVM_BASIC, type Bootstrapped } from './client.js';
import { deployedClusterState, startHarness, type Harness } from './harness.js';

const PART = 4 * 1024 * 1024;
const MBPS = 8;
const UPLOAD_QUERY =
  'mutation uploadCloudTowerApplicationPackage($data: UploadCloudTowerApplicationPackageInput!) {\n  uploadCloudTowerApplicationPackage(data: $data) {\n    id\n    status\n    current_chunk\n    chunk_size\n    __typename\n  }\n}\n';

/** Resolves once a handler sleeps on the clock (its body has arrived over loopback). */
async function untilSleeping(h: Harness): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (h.clock.sleeping === 0) {
    if (Date.now() > deadline) throw new Error('no handler waited on the site link');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Sends one upload request and checks it is answered only after its bytes crossed the link: still
 * pending 4 simulated seconds later, answered once 5 have passed.
 */
async function pacedAnswer<T>(h: Harness, send: () => Promise<T>): Promise<T> {
  let answered = false;
  const pending = send().then((r) => {
    answered = true;
    return r;
  });
  await untilSleeping(h);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(answered, false, 'answered before the bytes crossed the site link');
  await h.clock.advance(4);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(answered, false, 'answered after 4 s: a 4 MiB part takes 4.19 s at 8 Mbit/s');
  await h.clock.advance(1);
  return pending;
}

describe('site link: OBS and Backup package uploads are paced at the site bandwidth', () => {
  let h: Harness;
  let b: Bootstrapped;
  before(async () => {
    h = await startHarness(cloudTowerModules, deployedClusterState(), MBPS);
    b = await bootstrap(h);
  });
  after(() => h.close());

  it('an OBS package part (ovm-operator chunked upload) is answered after it crossed the link', async () => {
    const ovm = (p: string) => `${h.url}/api/ovm-operator/api${p}`;
    const headers = { authorization: OVM_BASIC, cookie: b.cookie };
    const created = await got
      .post(ovm('/v3/chunkedUploads'), {
        json: { origin_file_name: 'Observability-X86_64-v1.4.2-release.20250926-24.tar.gz' },
        headers,
      })
      .json<{ id: string }>();
    const { body, contentType } = multipartBody([
      { name: 'file', value: randomBytes(PART), filename: 'blob', contentType: 'application/octet-stream' },
      { name: 'id', value: created.id },
    ]);
    const res = await pacedAnswer(h, () =>
      got.post(ovm('/v1/chunkedUploads'), {
        body,
        headers: { ...headers, 'content-type': contentType },
        retry: { limit: 0 },
      }),
    );
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body).offset, PART);
    assert.equal((h.state.obs as ObsState).uploads[0].offset, PART);
  });

  it('a Backup package chunk (GraphQL multipart) is answered after it crossed the link', async () => {
    const data = randomBytes(PART);
    const created = await gql(
      h,
      'createUploadTask',
      {
        data: {
          status: 'INITIALIZING',
          current_chunk: 1,
          chunk_size: PART,
          resource_type: 'CLOUDTOWER_APPLICATION_PACKAGE',
          size: data.length,
          args: { name: 'smtx-backup-dr-x86_64-2.2.1.tar.gz', package_name: 'iomesh-backup' },
          started_at: new Date(h.clock.now()).toISOString(),
        },
      },
      { cookie: b.cookie },
    );
    const taskId: string = created.json.data.createUploadTask.id;
    const operations = JSON.stringify({
      operationName: 'uploadCloudTowerApplicationPackage',
      variables: { data: { upload_task_id: taskId, file: null, current_chunk: 1 } },
      query: UPLOAD_QUERY,
    });
    const { body, contentType } = multipartBody([
      { name: 'operations', value: operations },
      { name: 'map', value: '{"1":["variables.data.file"]}' },
      { name: '1', value: data, filename: 'blob', contentType: 'application/octet-stream' },
    ]);
    const res = await pacedAnswer(h, () =>
      got.post(`${h.url}/api`, {
        body,
        headers: { 'content-type': contentType, cookie: b.cookie },
        retry: { limit: 0 },
      }),
    );
    assert.equal(res.statusCode, 200);
    const answer = JSON.parse(res.body);
    assert.equal(answer.data.uploadCloudTowerApplicationPackage.status, 'SUCCESSED');
    const task = (h.state.backup as BackupState).uploadTasks.find((t) => t.id === taskId);
    assert.equal(task?.status, 'SUCCESSED');
  });
});
