import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function until(what: string, probe: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kill -9 of the worker at several points of a bring-up', () => {
  it(
    'mid-upload, between create-VM and its job, and mid-install: the run completes with exactly-once effects',
    { timeout: 600_000 },
    async () => {
      const isoBytes = 200 * 1024 * 1024 + 4321; // 25 chunks of 8 MiB
      const env = await startBringUpEnv({
        hosts: 3,
        speed: 100,
        isoBytes,
        sim: {
          smtx: {
            deploySeconds: 200,
            jobSecondsByKind: { VM_CREATE: 800, VM_UPDATE: 10, NETWORK_CREATE_VDS: 8 },
          },
          installerSeconds: 1500,
          // Slow chunks widen the window in which the worker dies mid-upload.
          faults: { rules: [{ match: 'fisheye.images.upload_chunk', kind: 'delay', delayMs: 300 }] },
        },
      });
      const state = env.sim.state;
      const chunkPosts = () => state.requests.filter((r) => r.route === 'fisheye.images.upload_chunk').length;
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('kill9');
      let worker: WorkerProcess = await startWorkerProcess(taskQueue);
      try {
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: `e2e-kill9-${taskQueue}`,
          args: [env.input({ stopAfter: 'attach-cluster' })],
        });

        await until('a quarter of the ISO chunks', () => chunkPosts() >= 6).catch((err: Error) => {
          // Where the run stands, for a failure that is not about the kill itself.
          const routes = state.requests.slice(-15).map((r) => `${r.method} ${r.path} ${r.status}`);
          throw new Error(`${err.message}\n${routes.join('\n')}\n${worker.output().slice(-4000)}`);
        });
        await worker.kill9();
        const sentBeforeKill = chunkPosts();
        worker = await startWorkerProcess(taskQueue);

        await until('the CloudTower VM create request', () =>
          state.requests.some((r) => r.route === 'fisheye.vms.create'),
        );
        await worker.kill9();
        worker = await startWorkerProcess(taskQueue);

        await until('the CloudTower installer to run', () => arr(state.installerRuns).length > 0);
        await new Promise((r) => setTimeout(r, 1500));
        await worker.kill9();
        worker = await startWorkerProcess(taskQueue);

        const summary = await handle.result();
        assert.equal(summary.outcome, 'stopped', JSON.stringify(summary));

        const snapshot = await env.simState();
        const vms = arr(snapshot.vms).filter((vm) => (vm.name ?? vm.vm_name) === 'cloudtower');
        assert.equal(vms.length, 1, 'one CloudTower VM');
        const isos = arr(snapshot.images).filter((img) => String(img.name).startsWith('cloudtower'));
        assert.equal(isos.length, 1, `one CloudTower image: ${JSON.stringify(isos.map((i) => i.name))}`);
        const isoFile = path.join(env.packageDir, 'cloudtower-v4.6.2.oe2003.x86_64.iso');
        assert.equal(isos[0].sha256, await sha256Of(isoFile), 'image sha256 equals the ISO file');
        const chunks = Math.ceil(isoBytes / (8 * 1024 * 1024));
        const total = chunkPosts();
        // Resumed from the server's to_upload: at most the in-flight chunks are sent twice.
        assert.ok(
          total <= chunks + 3,
          `chunk uploads ${total} for ${chunks} chunks (${sentBeforeKill} before the kill)`,
        );
        assert.equal(arr(snapshot.installerRuns).length, 1, 'one installer run');
        const tower = snapshot.cloudtower as Rec;
        assert.equal(arr(tower.datacenters).length, 1, 'one datacenter');
        assert.equal(arr(tower.connectedClusters).length, 1, 'one cluster connection');
        assert.equal((snapshot.cluster as Rec).deployRequests, 1, 'one deploy');
        await assertNoLenientPath(env.sim);
        console.log(`kill -9 x3: ${total} chunk uploads for ${chunks} chunks, ${summary.totalSeconds} s`);
      } finally {
        await worker.stop();
        await connection.close();
        await env.stop();
      }
    },
  );

  it(
    'right after the deploy POST, the installer still idle: the resumed attempt posts at once, is refused, follows; one deploy',
    { timeout: 600_000 },
    async () => {
      // The accepted task shows idle for 30 s (simulated 3000 s at speed 100), longer than the
      // heartbeat timeout and the retry's backoff: the resumed attempt meets hosts that look exactly
      // as if no POST had arrived.
      const env = await startBringUpEnv({
        hosts: 3,
        speed: 100,
        sim: { smtx: { deploySeconds: 4500, deploy: { idleAfterPostSeconds: 3000 } } },
      });
      const state = env.sim.state;
      const posts = () => state.requests.filter((r) => r.route === 'deployment.cluster.deploy');
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('kill9-deploy');
      let worker: WorkerProcess = await startWorkerProcess(taskQueue);
      try {
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: `e2e-kill9-deploy-${taskQueue}`,
          args: [env.input({ stopAfter: 'deploy-cluster' })],
        });
        await until('the deploy POST', () => posts().length > 0);
        await worker.kill9();
        worker = await startWorkerProcess(taskQueue);

        const summary = await handle.result();
        assert.equal(summary.outcome, 'stopped', JSON.stringify(summary));
        const all = posts();
        assert.equal(all.length, 2, `the resumed attempt posted once: ${JSON.stringify(all)}`);
        assert.equal(all[0].status, 200, "the killed attempt's POST was accepted");
        assert.equal(all[1].status, 400, 'the second POST was refused: the deploy task existed');
        // It came while the installer still said idle (simulated ms: the log's clock).
        const apart = (all[1].at - all[0].at) / 1000;
        assert.ok(apart < 3000, `second POST ${apart} simulated s after the first, inside the idle phase`);
        const cluster = (await env.simState()).cluster as Rec;
        assert.equal(cluster.deployAccepted, 1, 'one deploy');
        assert.equal(cluster.deployed, true);
        await assertNoLenientPath(env.sim);
        console.log(`kill -9 after the deploy POST: second POST ${apart} simulated s after the first`);
      } finally {
        await worker.stop();
        await connection.close();
        await env.stop();
      }
    },
  );
});
