// Issue 23 points 1 and 2, end to end in Chinese (the default language): one failing bring-up (the
// CloudTower installer fails once, the OBS upload is refused) and one succeeding rerun over the same
// site. Every line the operator reads — `start --wait`, `status`, `watch`, the report, `cleanup
// --dry-run`, `approve`, the worker's console — must be Chinese apart from names, ids, paths,
// commands and the appliance's own quoted answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { englishPhrases } from '../helpers/english-phrases.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { uniqueTaskQueue } from '../helpers/temporal.js';
import { startWorkerProcess } from '../helpers/worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of the report: tags and the embedded style and script left out. */
const reportText = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

describe('the operator reads Chinese (issue 23)', () => {
  it(
    'a failing and a succeeding bring-up in zh: no English outside names, ids, paths and remote answers',
    { timeout: 900_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      const taskQueue = uniqueTaskQueue('words');
      process.env.HCI_TASK_QUEUE = taskQueue;
      delete process.env.HCI_LANG;
      const worker = await startWorkerProcess(taskQueue);
      const seen: { what: string; text: string }[] = [];
      const keep = (what: string, text: string) => {
        seen.push({ what, text });
        return text;
      };
      const cli = async (what: string, args: string[]) => {
        const r = await hciBringup(args);
        keep(what, `${r.stdout}\n${r.stderr}`);
        return r;
      };
      const faults = (rules: unknown[]) =>
        fetch(`${env.sim.adminUrl}/__sim/faults`, { method: 'PUT', body: JSON.stringify({ rules }) });
      const base = [
        '--plan',
        env.planFile,
        '--endpoints',
        env.endpointMapFile,
        '--packages',
        env.packageDir,
        '--speed',
        '1000',
        '--obs',
        'auto',
        '--backup',
        'auto',
      ];
      const failing = `words-fail-${taskQueue}`;
      const passing = `words-ok-${taskQueue}`;
      try {
        // 1. The installer fails once, the OBS upload is refused with a 400.
        await faults([
          { match: 'installer', kind: 'fail', progress: 0.3, times: 1 },
          { match: 'obs.upload.part', kind: 'status', status: 400 },
        ]);
        const failed = await cli('start --wait (installer fails)', [
          'start',
          ...base,
          '--id',
          failing,
          '--wait',
        ]);
        assert.equal(failed.code, 3, failed.stdout.slice(-3000) + failed.stderr);
        assert.match(failed.stdout, /安装 CloudTower/);
        await cli('status (failed stage)', ['status', failing]);
        const openReport = path.join(env.dir, 'open-report.html');
        assert.equal((await cli('report (open run)', ['report', failing, '--out', openReport])).code, 0);
        keep('report html (open run)', reportText(openReport));
        assert.equal((await cli('retry', ['retry', failing])).code, 0);
        // OBS fails on its upload: the run waits for a retry of obs; the operator accepts the failure.
        const end = Date.now() + 300_000;
        for (;;) {
          const s = await hciBringup(['status', failing]);
          if (s.code === 3 && /失败/.test(s.stdout) && /obs/.test(s.stdout)) {
            keep('status (obs failed)', s.stdout);
            break;
          }
          assert.ok(Date.now() < end, `OBS never failed:\n${s.stdout.slice(-3000)}`);
          await sleep(1000);
        }
        assert.equal((await cli('skip obs', ['skip', failing, 'obs'])).code, 0);
        const watched = await cli('watch (to the end)', ['watch', failing, '--interval', '300']);
        assert.equal(watched.code, 4, watched.stdout.slice(-3000));
        const obsFix = /可观测性[^\n]*上传[^\n]*/.exec(watched.stdout)?.[0] ?? '';
        assert.match(obsFix, /HTTP 400/);
        assert.doesNotMatch(obsFix, /规划表/, 'an upload refused is not blamed on the workbook');
        const failedReport = path.join(env.dir, 'failed-report.html');
        assert.equal((await cli('report (failed run)', ['report', failing, '--out', failedReport])).code, 0);
        keep('report html (failed run)', reportText(failedReport));
        await cli('cleanup --dry-run (failed run)', ['cleanup', failing, '--dry-run']);

        // 2. The same site again, nothing failing: the rerun finds what is there.
        await faults([]);
        const ok = await cli('start --wait (rerun)', ['start', ...base, '--id', passing, '--wait']);
        assert.equal(ok.code, 0, ok.stdout.slice(-3000) + ok.stderr);
        const okReport = path.join(env.dir, 'ok-report.html');
        assert.equal((await cli('report (rerun)', ['report', passing, '--out', okReport])).code, 0);
        const okText = keep('report html (rerun)', reportText(okReport));
        for (const role of ['管理', '存储', '业务']) assert.match(okText, new RegExp(role), `用途 ${role}`);
        await cli('cleanup --dry-run (rerun)', ['cleanup', passing, '--dry-run']);

        // Point 2: approve on a run that has ended, approve of a component that does not exist.
        const late = await cli('approve (ended)', ['approve', passing, 'obs']);
        assert.equal(late.code, 1, late.stdout + late.stderr);
        assert.match(late.stderr, new RegExp(`运行 ${passing} 已结束（已完成），approve 无法送达`));
        assert.doesNotMatch(late.stderr, /找不到/);
        const foo = await cli('approve foo', ['approve', passing, 'foo']);
        assert.equal(foo.code, 2);
        assert.match(foo.stderr, /foo 不是可批准或跳过的组件；可用的组件: obs, backup, testload/);
        await assertNoLenientPath(env.sim);
      } finally {
        delete process.env.HCI_TASK_QUEUE;
        await worker.stop();
        await env.stop();
      }
      // The worker's console: one line per failed attempt, in Chinese, no stack.
      const workerOut = worker.output();
      keep('worker console', workerOut);
      assert.doesNotMatch(workerOut, /^\s+at /m, 'no stack trace on the worker console');
      assert.match(workerOut, /安装 CloudTower（installCloudTower）第 1 次尝试失败/);

      const allowed = [
        env.plan.clusterName,
        ...env.plan.hosts.map((h) => h.hostname),
        failing,
        passing,
        taskQueue,
      ];
      const findings = [
        ...new Set(
          seen.flatMap(({ what, text }) =>
            englishPhrases(text, allowed).map(
              (f) => `${what}: «${f.phrase}» in: ${f.line.trim().slice(0, 300)}`,
            ),
          ),
        ),
      ];
      assert.ok(findings.length === 0, `English an operator reads in zh:\n${findings.join('\n')}`);
    },
  );
});
