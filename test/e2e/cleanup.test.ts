// Issue 12 item 5: `hci-bringup cleanup <run id>` after a run that failed in stage 4 and was left.
// A first run deploys the cluster (stages 1–3) and the test then makes a VM of the customer's
// through the real activities: both exist before the failing run, which only finds them. The
// failing run uploads the ISO, creates the CloudTower VM and fails at its NIC update. Then:
// `--dry-run` lists (and removes nothing), a real cleanup with the worker killed -9 mid-delete
// removes the run's VM and ISO exactly once, and everything that existed before the run survives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCloudTowerVm, findCloudTowerVmPlacement } from '../../src/activities/index.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import type { CleanupProgress } from '../../src/workflows/cleanup/types.js';
import { plannedVmNetwork } from '../../src/plan/vm-network.js';
import { runActivity } from '../helpers/activity.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

async function until(what: string, probe: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cleanup of a run that failed in stage 4', () => {
  it(
    'lists with --dry-run, removes only what the run created (newest first), exactly once under kill -9',
    { timeout: 600_000 },
    async () => {
      const env = await startBringUpEnv({
        hosts: 3,
        speed: 100,
        isoBytes: 24 * 1024 * 1024 + 17,
        sim: {
          // The delete job is slow enough for the worker to die while it is awaited.
          smtx: { jobSecondsByKind: { VM_DELETE: 600, VM_STOP: 50 } },
          faults: {
            rules: [
              {
                match: 'fisheye.vms.update',
                kind: 'status',
                status: 400,
                ec: 'EINVALID_ARGUMENT',
                message: 'nics.0.ip_address: refused (test fault)',
              },
            ],
          },
        },
      });
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('cleanup');
      let worker: WorkerProcess = await startWorkerProcess(taskQueue);
      const requests = async (route: string) =>
        arr((await env.simState()).requests).filter((r) => r.route === route && r.status === 200).length;
      try {
        const before = `e2e-cleanup-before-${taskQueue}`;
        const first = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: before,
          args: [env.input({ stopAfter: 'configure-cluster' })],
        });
        assert.equal((await first.result()).outcome, 'stopped');

        // A VM of the customer's, made before the failing run (the real activities, the real API).
        const base = env.input();
        const access = { run: base.run, vip: base.plan.vip, fisheye: base.plan.fisheye };
        const placement = (
          await runActivity(findCloudTowerVmPlacement, {
            ...access,
            managementVdsName: base.plan.networks.management.vdsName,
            managementNetworkName: base.plan.networks.management.networkName,
            vmNetwork: plannedVmNetwork(base.plan),
          })
        ).result;
        const customer = (
          await runActivity(createCloudTowerVm, {
            ...access,
            vmName: 'customer-vm',
            imagePath: '',
            placement,
          })
        ).result;
        assert.equal(customer.created, true);

        const id = `e2e-cleanup-${taskQueue}`;
        const failing = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: id,
          args: [base],
        });
        await assert.rejects(failing.result());
        assert.equal((await failing.describe()).status.name, 'FAILED');
        const atFailure = await env.simState();
        const towerVm = arr(atFailure.vms).find((vm) => vm.vm_name === 'cloudtower');
        assert.ok(towerVm, 'the failing run created the CloudTower VM');
        const isos = arr(atFailure.images).filter((i) => String(i.name).startsWith('cloudtower'));
        assert.equal(isos.length, 1);

        // --dry-run: the plan, newest first; nothing removed.
        const dry = await hciBringup(['cleanup', id, '--dry-run', '--json', '--lang', 'en']);
        assert.equal(dry.code, 0, dry.stderr + dry.stdout);
        const plan = JSON.parse(dry.stdout) as CleanupProgress;
        assert.equal(plan.dryRun, true);
        assert.deepEqual(
          plan.remove.map((i) => [i.entry.kind, i.state]),
          [
            ['vm', 'planned'],
            ['image', 'planned'],
            ['upload-volumes', 'planned'],
          ],
        );
        assert.equal(plan.remove[0].entry.id, towerVm.uuid);
        assert.equal(plan.remove[1].entry.id, isos[0].uuid);
        // The cluster and the business networks existed before this run: kept, never planned.
        const keptKinds = plan.kept.map((e) => e.kind);
        assert.ok(keptKinds.includes('cluster') && keptKinds.includes('vds'), JSON.stringify(plan.kept));
        assert.ok(!plan.remove.some((i) => i.entry.id === customer.vmUuid));
        const afterDry = await env.simState();
        assert.equal(arr(afterDry.vms).length, 2, 'dry run removed nothing');
        assert.equal((await requests('fisheye.vms.delete')) + (await requests('fisheye.images.delete')), 0);
        const human = await hciBringup(['cleanup', id, '--dry-run', '--lang', 'en']);
        assert.equal(human.code, 0, human.stderr);
        assert.match(
          human.stdout,
          /created by run .*, removed in this order:\n {2}1\. CloudTower VM cloudtower/,
        );
        assert.match(human.stdout, /existed before the run, kept:\n.*SMTX OS cluster/);
        assert.match(human.stdout, /--dry-run: nothing was removed/);

        // The real cleanup; the worker dies while the VM's delete job runs.
        const real = hciBringup(['cleanup', id, '--lang', 'en']);
        await until('the VM delete request', async () => (await requests('fisheye.vms.delete')) > 0);
        await worker.kill9();
        worker = await startWorkerProcess(taskQueue);
        const done = await real;
        assert.equal(done.code, 0, done.stderr + done.stdout);
        assert.match(done.stdout, /removed: CloudTower VM cloudtower/);
        assert.match(done.stdout, /cleanup done: 2 removed, 1 already gone, 0 failed/);

        const after = await env.simState();
        assert.ok(!arr(after.vms).some((vm) => vm.vm_name === 'cloudtower'), 'the run’s VM is gone');
        assert.ok(!arr(after.images).some((i) => String(i.name).startsWith('cloudtower')), 'its ISO too');
        assert.ok(
          arr(after.vms).some((vm) => vm.uuid === customer.vmUuid),
          'the customer’s VM survived',
        );
        assert.equal((after.cluster as Rec).deployed, true, 'the cluster is left as it was');
        assert.ok(arr(after.vdses).length > 0, 'the business VDS is left as it was');
        assert.equal(await requests('fisheye.vms.delete'), 1, 'one delete despite the kill');
        assert.equal(await requests('fisheye.images.delete'), 1, 'one image delete');

        // Again: everything is gone already; nothing is sent twice.
        const again = await hciBringup(['cleanup', id, '--json']);
        assert.equal(again.code, 0, again.stderr);
        const second = JSON.parse(again.stdout) as CleanupProgress;
        assert.deepEqual(
          second.remove.map((i) => i.state),
          ['already-gone', 'already-gone', 'already-gone'],
        );
        assert.equal(await requests('fisheye.vms.delete'), 1);

        // The first run succeeded (stopped after stage 03 as asked): cleanup warns, lists what it
        // changed (the VMTools ISO it uploaded to remove, host passwords and IPMI accounts as manual
        // work) and removes nothing without --force (issue 23 point 6).
        const svt = async () =>
          arr((await env.simState()).images).filter((i) => /vmtools|svt/i.test(String(i.name)));
        assert.equal((await svt()).length, 1, 'the first run uploaded the VMTools ISO');
        const look = await hciBringup(['cleanup', before, '--dry-run', '--lang', 'en']);
        assert.equal(look.code, 0, look.stderr + look.stdout);
        assert.match(look.stderr, /warning: run .* succeeded\. Cleanup removes what it created/);
        assert.match(look.stdout, /removed in this order:\n {2}1\. VMTools ISO image \(SMTX_VMTOOLS-/);
        assert.match(look.stdout, /manual work \(never attempted\):[^]*root\/smartx passwords of host /);
        assert.match(look.stdout, /manual work \(never attempted\):[^]*IPMI \(BMC\) account /);
        assert.match(look.stdout, /a real cleanup of this successful run needs --force/);
        const refused = await hciBringup(['cleanup', before]);
        assert.equal(refused.code, 1, refused.stdout);
        assert.match(refused.stderr, /已拒绝：清理成功完成的运行需加 --force/);
        assert.equal((await svt()).length, 1, 'nothing removed without --force');
        const forced = await hciBringup(['cleanup', before, '--force', '--lang', 'en']);
        assert.equal(forced.code, 0, forced.stderr + forced.stdout);
        assert.match(forced.stdout, /removed: VMTools ISO image/);
        assert.equal((await svt()).length, 0, 'the VMTools ISO the run uploaded is gone');
        assert.equal(((await env.simState()).cluster as Rec).deployed, true, 'the cluster stays');
        await assertNoLenientPath(env.sim);
      } finally {
        await worker.stop();
        await connection.close();
        await env.stop();
      }
    },
  );

  it('is refused while the run is still running: cancel it first', { timeout: 60_000 }, async () => {
    const { client, connection } = await testClient();
    try {
      // No worker serves this queue: the run stays RUNNING, as an open bring-up would.
      const id = `e2e-cleanup-running-${uniqueTaskQueue('idle')}`;
      const handle = await client.workflow.start(bringUpWorkflow, {
        taskQueue: uniqueTaskQueue('idle'),
        workflowId: id,
        args: [{} as never],
      });
      try {
        const r = await hciBringup(['cleanup', id, '--lang', 'en']);
        assert.equal(r.code, 1, r.stdout);
        assert.match(r.stderr, /is still running and cannot be cleaned up\. Cancel it first/);
        // Issue 23 point 4: the hint is our own command, not the `temporal` binary.
        assert.ok(r.stderr.includes(`npx --offline hci-bringup cancel ${id}`), r.stderr);
        assert.doesNotMatch(r.stderr, /temporal workflow/);
        const zh = await hciBringup(['cleanup', id, '--dry-run', '--lang', 'zh']);
        assert.equal(zh.code, 1);
        assert.match(zh.stderr, /仍在进行，不能清理/);
      } finally {
        await handle.terminate('test done');
      }
    } finally {
      await connection.close();
    }
  });
});
