// Issue 23 point 4: README's 快速上手 followed as written, command by command, by a first-time user
// in an empty directory: the commands are read from the README itself, so a README that drifts from
// the program fails here. What stands in for what: `npm run temporal` is the test run's own dev server,
// `npm run sim -- …` is `node dist/scripts/sim.js …` (what the npm script runs after its build),
// `npm run worker` is a worker of the same bundle in this process, and `npx --offline hci-bringup …`
// is `node dist/src/starter.js …`; every other word is the README's. HCI_SITE keeps this run's id and
// task queue apart from other tests on the same server (an environment variable, not a README change).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { siteTaskQueue } from '../../src/config/site.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testWorker } from '../helpers/temporal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shell commands of the README's 快速上手 section, continuation lines joined, comments dropped. */
function quickStartCommands(): string[] {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const from = readme.indexOf('## 快速上手');
  assert.ok(from >= 0, 'README has a 快速上手 section');
  const to = readme.indexOf('\n## ', from + 1);
  const section = readme.slice(from, to < 0 ? undefined : to);
  const commands: string[] = [];
  for (const [, block] of section.matchAll(/```bash\n([\s\S]*?)```/g)) {
    let pending = '';
    for (const raw of block.split('\n')) {
      const line = raw.replace(/\s+#\s.*$/, '').trimEnd();
      if (line.endsWith('\\')) {
        pending += line.slice(0, -1).trim() + ' ';
        continue;
      }
      const full = (pending + line.trim()).trim();
      pending = '';
      if (full) commands.push(full);
    }
  }
  return commands;
}

const words = (command: string, prefix: string) => command.slice(prefix.length).trim().split(/\s+/);

describe('README 快速上手, followed literally', () => {
  it(
    'gets a workbook, rehearses a bring-up to its end without a waiting approval, and every listed command works',
    { timeout: 900_000 },
    async () => {
      const commands = quickStartCommands();
      const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'quick-start-'));
      const site = `qs${randomUUID().slice(0, 6)}`;
      const base = `quick-start-${randomUUID().slice(0, 8)}`;
      process.env.HCI_SITE = site;
      process.env.HCI_TASK_QUEUE = base;
      const cli = (args: string[]) => hciBringup(args, { cwd: dir });
      let sim: ChildProcess | undefined;
      let simAdminUrl: string | undefined;
      let runId: string | undefined;
      const seen = new Set<string>();

      const runCli = async (command: string): Promise<void> => {
        const args = words(command, 'npx --offline hci-bringup').map((w) =>
          w === '<运行ID>' ? (runId ?? assert.fail(`${command} before a run id is known`)) : w,
        );
        seen.add(args[0]);
        // Decisions and retries are for a run that waits or failed; this one succeeded (see below).
        if (args[0] === 'approve' || args[0] === 'retry') return;
        const r = await cli(args);
        const out = r.stdout + r.stderr;
        if (args[0] === 'start') {
          assert.equal(r.code, 0, out.slice(-4000));
          runId = /已启动 (\S+)（/.exec(out)?.[1];
          assert.ok(runId, out.slice(0, 2000));
          assert.match(out, /部署总结: \S+ — 成功/);
          assert.doesNotMatch(out, /等待批准/, 'the rehearsal waits for no approval');
          assert.ok(existsSync(path.join(dir, 'artifacts', runId, 'report.html')), 'the report is written');
          return;
        }
        assert.equal(r.code, 0, `${command}:\n${out.slice(-3000)}`);
        if (args[0] === 'sample-plan') assert.ok(existsSync(path.join(dir, '规划设计表.xlsx')));
        if (args[0] === 'list') assert.ok(out.includes(runId!), out);
        if (args[0] === 'cancel') assert.match(out, /已结束.*无需取消/);
        if (args[0] === 'cleanup') assert.doesNotMatch(out, /temporal workflow/);
        if (args[0] === 'report') assert.match(out, /report\.html/);
      };

      try {
        let i = 0;
        for (; i < commands.length; i++) {
          const command = commands[i];
          if (command === 'npm run temporal') continue; // the test run's dev server
          if (command.startsWith('npm run sim --')) {
            sim = spawn(
              process.execPath,
              [path.join(projectRoot, 'dist', 'scripts', 'sim.js'), ...words(command, 'npm run sim --')],
              {
                cwd: dir,
                stdio: ['ignore', 'pipe', 'pipe'],
              },
            );
            let simOut = '';
            sim.stdout!.on('data', (d: Buffer) => (simOut += d.toString()));
            sim.stderr!.on('data', (d: Buffer) => (simOut += d.toString()));
            const end = Date.now() + 120_000;
            while (!/endpoint map: /.test(simOut)) {
              if (sim.exitCode !== null || Date.now() > end)
                assert.fail(`the simulator did not come up:\n${simOut}`);
              await sleep(200);
            }
            assert.ok(existsSync(path.join(dir, '.cache', 'sim', 'endpoints.json')));
            simAdminUrl = /admin (http:\/\/\S+)/.exec(simOut)?.[1];
            assert.ok(simAdminUrl, `the simulator names its admin URL:\n${simOut}`);
            continue;
          }
          if (command === 'npm run worker') break;
          assert.ok(command.startsWith('npx --offline hci-bringup'), `a command this test knows: ${command}`);
          await runCli(command);
        }
        assert.ok(sim, 'the quick start starts the simulator');
        assert.equal(commands[i], 'npm run worker', 'the quick start starts a worker');
        const { worker, connection } = await testWorker(siteTaskQueue(site, base));
        try {
          await worker.runUntil(async () => {
            for (i++; i < commands.length; i++) await runCli(commands[i]);

            // `cancel` on a run that is still going: it ends cancelled, and cleanup may follow at once.
            const second = `${runId}-cancel`;
            const started = await cli([
              ...['start', '--plan', '规划设计表.xlsx', '--endpoints', '.cache/sim/endpoints.json'],
              ...['--packages', './packages', '--speed', '100', '--id', second],
            ]);
            assert.equal(started.code, 0, started.stderr);
            await sleep(2000);
            const cancelled = await cli(['cancel', second]);
            assert.equal(cancelled.code, 0, cancelled.stderr);
            assert.match(cancelled.stdout, new RegExp(`已请求取消运行 ${second}`));
            assert.match(cancelled.stdout, new RegExp(`运行 ${second}：已取消`));
            assert.match(cancelled.stdout, new RegExp(`cleanup ${second} --dry-run`));
            const dry = await cli(['cleanup', second, '--dry-run']);
            assert.equal(dry.code, 0, dry.stdout + dry.stderr);
          });
        } finally {
          await connection.close();
        }
        for (const c of [
          'sample-plan',
          'sample-packages',
          'validate',
          'start',
          'list',
          'watch',
          'approve',
          'retry',
          'cancel',
          'cleanup',
          'report',
        ])
          assert.ok(seen.has(c), `the quick start shows ${c}`);
        // The simulator is the README's own process: its log is read over its admin URL.
        await assertNoLenientPath({ adminUrl: simAdminUrl! });
      } finally {
        sim?.kill('SIGTERM');
        delete process.env.HCI_SITE;
      }
    },
  );
});
