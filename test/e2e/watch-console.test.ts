// `hci-bringup watch` as a console, in a log (not a TTY), on a real run: it stays through a failed
// stage, the operator's retry and the approval wait until the run ends, and shows per-stage times
// without the operator's waits, per-host rows, the approval deadline and what `skip` would skip.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function watchProcess(id: string) {
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist', 'src', 'starter.js'), 'watch', id, '--lang', 'en', '--interval', '200'],
    { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  const until = async (re: RegExp, what: string, ms = 180_000) => {
    const end = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > end) throw new Error(`watch never showed ${what}:\n${out.slice(-3000)}`);
      if (child.exitCode !== null)
        throw new Error(`watch exited ${child.exitCode} before ${what}:\n${out.slice(-3000)}`);
      await sleep(200);
    }
  };
  return { output: () => out, exited, until, kill: () => child.kill('SIGTERM') };
}

describe('`hci-bringup watch` follows a run to its end', () => {
  it(
    'stays through a failed stage, the retry and the approval; times, hosts, deadline, skip',
    { timeout: 400_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      const taskQueue = uniqueTaskQueue('watch');
      process.env.HCI_TASK_QUEUE = taskQueue;
      const { worker, connection } = await testWorker(taskQueue);
      const id = `watch-${taskQueue}`;
      const faults = (rules: unknown[]) =>
        fetch(`${env.sim.adminUrl}/__sim/faults`, { method: 'PUT', body: JSON.stringify({ rules }) });
      try {
        await worker.runUntil(async () => {
          // The appliance rejects the VM lookup of create-vm: a 400 fails stage 4 at once, the run waits.
          await faults([
            {
              match: 'fisheye.vms.list',
              kind: 'status',
              status: 400,
              ec: 'EINVALID_ARGUMENT',
              message: 'unsupported filter',
            },
          ]);
          const started = await hciBringup([
            ...[
              'start',
              '--plan',
              env.planFile,
              '--endpoints',
              env.endpointMapFile,
              '--packages',
              env.packageDir,
            ],
            ...[
              '--speed',
              '1000',
              '--obs',
              'ask',
              '--backup',
              'skip',
              '--approval-timeout',
              '3600',
              '--id',
              id,
            ],
          ]);
          assert.equal(started.code, 0, started.stderr);
          const watch = watchProcess(id);
          try {
            await watch.until(/deploy CloudTower +failed/, 'the failed stage');
            await watch.until(/after fixing the cause: npx --offline hci-bringup retry/, 'how to retry');
            await watch.until(/still following/, 'that it keeps following');
            // Issue 14 item 3: the operator's language everywhere, the failed step and its error
            // included (by --lang and by HCI_LANG, the default being Chinese).
            process.env.HCI_LANG = 'zh';
            const failedZh = await hciBringup(['status', id]);
            delete process.env.HCI_LANG;
            assert.equal(failedZh.code, 3, failedZh.stderr);
            assert.match(failedZh.stdout, /部署 CloudTower +失败 .*创建 CloudTower 虚拟机/);
            assert.match(
              failedZh.stdout,
              /创建 CloudTower 虚拟机 \(deploy-cloudtower\/create-vm\)：.*设备拒绝了请求（.*unsupported filter.*）。处理：检查生成该请求的规划表取值。/,
            );
            assert.match(failedZh.stdout, /修复问题后执行: npx --offline hci-bringup retry/);
            assert.doesNotMatch(failedZh.stdout, /\[\[msg:|Fix:|rejected the request| done | failed /);
            const failedEn = await hciBringup(['status', id, '--lang', 'en']);
            assert.match(
              failedEn.stdout,
              /create the CloudTower VM \(deploy-cloudtower\/create-vm\): .*Fix: /,
            );
            assert.doesNotMatch(failedEn.stdout, /\[\[msg:/);
            await sleep(1500); // a visible operator wait, which the stage time must not include
            await faults([]);
            assert.equal((await hciBringup(['retry', id])).code, 0);

            await watch.until(/awaiting approval of obs/, 'the approval wait');
            await watch.until(
              /deadline \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(then the run will skip\)/,
              'the deadline',
            );
            await watch.until(
              /skip would leave out stage 7, Observability \(127\.1\.1\.3\)/,
              'what skip skips',
            );
            assert.equal((await hciBringup(['skip', id, 'obs'])).code, 0);
            assert.equal(await watch.exited, 0, watch.output().slice(-3000));
          } finally {
            watch.kill();
          }
          const out = watch.output();
          assert.match(out, /Bring-up summary: SIM-SMTX-Cls01 — succeeded/);
          // Per-host rows from the per-host steps' inputs and results.
          for (const [n, ip] of [
            ['01', '11'],
            ['02', '12'],
            ['03', '13'],
          ])
            assert.match(out, new RegExp(`SIM-SMTX-Node-${n} +127\\.1\\.0\\.${ip} +scanned +changed`));
          assert.match(out, /host +management IP +host scan +root\/smartx password/);
          // The failed stage's time and its retry wait are shown apart.
          const cloudtower = /deploy CloudTower +done +(\S+ s|\d+m\d\ds) +waited for retry (\S+) s/.exec(out);
          assert.ok(cloudtower, `stage line with the retry wait apart:\n${out.slice(-3000)}`);
          assert.ok(Number(cloudtower[2]) >= 1.5, 'the retry wait covers the pause before retry');
          assert.match(out, /approval wait for obs: (\S+ s|\d+m\d\ds) → skipped/);
          assert.match(out, /Observability \(OBS\) +skipped/);
          // A log gets changes only: the header printed once, not once per poll.
          assert.equal(out.match(/^ {3}stage +status +time/gm)?.length, 1, 'the table header printed once');

          const zh = await hciBringup(['status', id]);
          assert.equal(zh.code, 0, zh.stderr);
          assert.match(zh.stdout, /运行 \S+ {2}\[已完成\]/);
          assert.match(zh.stdout, /批准等待 obs: (\S+ s|\d+m\d\ds) → 已跳过/);
          assert.match(zh.stdout, /SIM-SMTX-Node-01 +127\.1\.0\.11 +已扫描 +已修改/);
          await assertNoLenientPath(env.sim);
        });
      } finally {
        delete process.env.HCI_TASK_QUEUE;
        await connection.close();
        await env.stop();
      }
    },
  );
});
