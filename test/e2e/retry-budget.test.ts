// Issue 23 point 3: a step that keeps failing (a persistent HTTP 500 on the OBS upload) is retried
// within a budget of time, shows one line that updates (attempt, last error, when it gives up) and
// gives up at the end of that budget with the failure and the fix. The real child workflow, the real
// activities, the simulator with CloudTower up; the budget is the run's timing profile, shortened.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { writeSamplePackages } from '../../src/plan/sample-packages.js';
import { obsWorkflow, type ObsInput } from '../../src/workflows/components/obs.js';
import { fetchRunView } from '../../src/report/run-view.js';
import { renderActivity } from '../../src/cli/render.js';
import { nextFrame } from '../../src/cli/follow-run.js';
import { describeError } from '../../src/workflows/describe-error.js';
import { localizeText } from '../../src/i18n/index.js';
import { startTowerFixture, type TowerFixture } from '../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a step that keeps failing (retry budget in time)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());

  it(
    'shows one updating line and gives up within its budget with the failure and the fix',
    { timeout: 240_000 },
    async () => {
      const packageDir = path.join(f.scratch, 'packages');
      writeSamplePackages(packageDir, { backup: false });
      // One upload attempt may take 10 s (+10 s margin), all attempts 2 × that: 40 s.
      const timing = { ...f.run.timing, packageUploadHours: 10 / 3600, retryBudgetFactor: 2 };
      const input: ObsInput = {
        ...f.tower,
        run: { ...f.run, timing },
        packageDir,
        clusterVip: f.clusterVip,
        network: { subnetMask: '255.255.0.0', gateway: '127.1.0.1' },
        obsIp: f.obsIp,
        ntpServers: ['127.0.0.1'],
      };
      await f.setFaults([{ match: 'obs.upload.create', kind: 'status', status: 500 }]);
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('retry-budget');
      const { worker, connection: wc } = await testWorker(taskQueue);
      const workflowId = `retry-budget-${taskQueue}`;
      try {
        await worker.runUntil(async () => {
          const startedMs = Date.now();
          const handle = await client.workflow.start(obsWorkflow, { taskQueue, workflowId, args: [input] });
          const logLines: string[] = [];
          const attempts = new Set<number>();
          let printed = '';
          let previous: string[] = [];
          let live = '';
          let closed = false;
          while (!closed) {
            const view = await fetchRunView(client, workflowId);
            closed = view.status !== 'RUNNING';
            const upload = view.activities.find((a) => a.activity === 'uploadObsPackage' && a.lastFailure);
            if (upload) {
              attempts.add(upload.attempt);
              const line = renderActivity(upload, 'zh', { live: false });
              logLines.push(line);
              printed += nextFrame(line, previous, false);
              previous = [line];
              live = renderActivity(upload, 'zh', { live: true, nowMs: Date.now() });
            }
            await sleep(500);
          }
          const elapsed = (Date.now() - startedMs) / 1000;

          // Many attempts, one line in a log: the attempt counter and countdown only where it redraws.
          assert.ok(attempts.size >= 3, `several attempts seen: ${[...attempts].join(', ')}`);
          assert.equal(printed.trimEnd().split('\n').length, 1, `a log prints the line once:\n${printed}`);
          const [line] = logLines;
          assert.match(
            line,
            /上传 OBS 安装包 — uploadObsPackage {2}上次失败: 设备繁忙或无法连接（.*服务端错误.* {2}\(正在自动重试，最迟 \d\d:\d\d:\d\dZ 放弃\)$/,
          );
          assert.doesNotMatch(line, /\uFFFD|第 \d+ 次尝试/);
          assert.match(live, /\(第 \d+ 次尝试\).*\(正在自动重试，(\d+\.\d s|\dm\d\ds) 后放弃\)$/);

          // It gave up within its budget (40 s, plus a last attempt's backoff and the poll), not hours.
          assert.ok(elapsed < 40 + 20, `gave up after ${elapsed.toFixed(1)} s`);
          const err = await handle.result().then(
            () => assert.fail('the upload cannot succeed'),
            (e: unknown) => e,
          );
          assert.ok(err instanceof WorkflowFailedError);
          const message = describeError(err.cause);
          assert.match(message, /Gave up: the step kept failing for its whole retry budget\. Fix: /);
          const zh = localizeText(message, 'zh');
          assert.match(zh, /500/);
          assert.match(zh, /已放弃：该步骤在整个重试时限内一直失败。处理：确认设备已正常运行/);
          assert.doesNotMatch(zh, /retried automatically|正在自动重试/);
        });
        await assertNoLenientPath(f.sim);
      } finally {
        await f.setFaults([]);
        await wc.close();
        await connection.close();
      }
    },
  );
});
