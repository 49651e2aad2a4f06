// Issue 12 item 7: kill -9 of the worker during the test VMs' OVF import, in a whole bring-up with
// the test load on. Once while `uploadTestVmImage` sends the PAT image's chunks (upload-elf-file),
// once while `createTestVm` waits on CloudTower's create task (the import), once while the FIO
// VM's import-vm has taken effect but its answer has not come back; a new worker each time.
// The run succeeds; each image is uploaded once (at most the in-flight chunk again), each VM is
// created and started once, no upload is left unfinished, and stage 11 still deletes both VMs (the
// killed attempt's VM is known as this run's).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { findTestVmPackages } from '../../src/activities/test-load/test-vm-packages.js';
import { testVmVolumeName } from '../../src/activities/test-load/test-vm-names.js';
import { TOWER_UPLOAD_CHUNK_SIZE } from '../../src/smartx/index.js';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function sha256Of(file: string, start = 0, bytes?: number): Promise<string> {
  const hash = createHash('sha256');
  const end = bytes === undefined ? undefined : start + bytes - 1;
  for await (const chunk of createReadStream(file, { start, end })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function until(what: string, probe: () => boolean, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('kill -9 of the worker during the test VMs’ OVF import', () => {
  it(
    'mid-upload, while the create task runs and before import-vm answers: the run succeeds, each image uploaded once, each VM created and started once',
    { timeout: 600_000 },
    async () => {
      const diskBytes = 24 * 1024 * 1024 + 7; // 4 chunks of 8 MiB per image
      const chunks = Math.ceil(diskBytes / TOWER_UPLOAD_CHUNK_SIZE);
      // Speed 100: CloudTower's create task (the import, 90 s) runs about a second of real time.
      const env = await startBringUpEnv({
        hosts: 3,
        speed: 100,
        sim: {
          // Slow chunks widen the window in which the worker dies mid-upload.
          // The FIO VM's import-vm answers 4 s late (it exists from the request on): a worker killed
          // meanwhile never learns its id nor its task.
          faults: {
            rules: [
              { match: 'cloudtower.rest.upload-elf-file', kind: 'delay', delayMs: 250 },
              { match: 'cloudtower.rest.import-vm', kind: 'slow-create', delayMs: 4000, nth: 2 },
            ],
          },
        },
      });
      writeSampleTestVmPackages(env.packageDir, diskBytes);
      const state = env.sim.state as unknown as Rec;
      const requests = (route: string) =>
        (state.requests as Rec[]).filter((r) => r.route === `cloudtower.rest.${route}`);
      const tower = () => state.cloudtower as Rec;
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('kill9tl');
      let worker: WorkerProcess = await startWorkerProcess(taskQueue);
      try {
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: `e2e-kill9-testload-${taskQueue}`,
          args: [env.input({ components: { obs: 'skip', backup: 'skip', testload: 'auto' } })],
        });

        // 1. Mid-upload of the first image.
        await until('three chunks of the PAT image', () => requests('upload-elf-file').length >= 3);
        await worker.kill9();
        const sentBeforeKill = requests('upload-elf-file').length;
        worker = await startWorkerProcess(taskQueue);

        // 2. Right after the first import-vm was accepted: the activity waits on its task.
        await until('the first import-vm', () => requests('import-vm').some((r) => r.status === 200));
        await worker.kill9();
        const importing = (tower().vms as Rec[]).filter((vm) => vm.entityAsyncStatus === 'CREATING').length;
        worker = await startWorkerProcess(taskQueue);

        // 3. The FIO VM's import-vm took effect, its answer is still on the way.
        const fioVm = () => (tower().vms as Rec[]).some((vm) => String(vm.name).endsWith('-fio-test'));
        await until('the FIO VM listed', fioVm);
        await worker.kill9();
        worker = await startWorkerProcess(taskQueue);

        const summary = await handle.result();
        assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
        assert.equal(summary.stages.find((s) => s.id === 'test-load')?.status, 'done');
        assert.match(summary.created['PAT test VM'] ?? '', /\(created, image uploaded\)/);
        assert.match(summary.created['FIO test VM'] ?? '', /\(created, image uploaded\)/);
        assert.equal(summary.testResults?.length, 4, 'stage 10 ran in the FIO VM');
        // The VM whose create the killed attempt sent is this run's: stage 11 deletes it too.
        assert.match(
          summary.stages.find((s) => s.id === 'cleanup')?.note ?? '',
          /2 of 2 test VM\(s\) deleted/,
        );

        const fired = ((await env.simState()).faults as Rec).fired as Rec[];
        assert.ok(
          fired.some((f) => f.kind === 'slow-create'),
          'the late create-vm answer was played',
        );
        const t = tower();
        const effects = t.effects as Record<string, number>;
        const total = requests('upload-elf-file').length;
        assert.ok(
          total <= 2 * chunks + 1,
          `chunk uploads ${total} for 2 × ${chunks} chunks (${sentBeforeKill} before the kill)`,
        );
        assert.equal(effects['rest:upload-elf-file.task'], 2, 'one upload task per image');
        assert.equal(effects['rest:upload-elf-file.done'], 2, 'each image finished once');
        const uploads = t.elfUploads as Rec[];
        assert.deepEqual(
          uploads.map((u): unknown[] => [u.name, u.status, u.current_chunk]),
          uploads.map((u): unknown[] => [u.name, 'SUCCESSED', chunks]),
          'no upload left unfinished',
        );
        assert.equal((t.vmVolumes as Rec[]).length, 2, 'one volume per imported VM, no leftover');
        // What CloudTower holds is the OVA's disk, byte for byte, despite the chunk sent again.
        const { packages } = await findTestVmPackages(env.packageDir, ['pat', 'fio']);
        assert.equal(packages.length, 2);
        for (const pkg of packages) {
          const upload = uploads.find((u) => u.name === testVmVolumeName(pkg));
          assert.ok(upload, `the upload of ${pkg.name}`);
          assert.equal(
            await sha256Of(upload.file as string),
            await sha256Of(pkg.disk.path, pkg.disk.offset, pkg.disk.size),
            `${pkg.name}: the uploaded disk equals the OVA's`,
          );
        }
        assert.equal(effects['rest:import-vm'], 2, 'each VM imported once');
        assert.equal(effects['rest:create-vm'], 2, 'each VM created once');
        assert.equal(effects['rest:start-vm'], 2, 'each VM started once');
        assert.equal(effects['rest:delete-vm'], 2);
        assert.deepEqual(t.vms, []);
        await assertNoLenientPath(env.sim);
        console.log(
          `test load kill -9 x3: ${total} chunk uploads for 2 × ${chunks} chunks (${sentBeforeKill} before the kill), ` +
            `${importing} VM importing at the second kill, create-vm ${effects['rest:create-vm']}, ` +
            `start-vm ${effects['rest:start-vm']}, ${summary.totalSeconds} s`,
        );
      } finally {
        await worker.stop();
        await connection.close();
        await env.stop();
      }
    },
  );
});
