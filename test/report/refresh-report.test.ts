// Issue 23 point 5: a report.html must not outlive its run. A failed run's report was left saying it
// failed after a rerun under the same id (started without --wait) succeeded. `status` rewrites a
// report older than the run's end, once. Stub activities on the test dev server, the real CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import type { BringUpInput } from '../../src/run/input.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { hciBringup } from '../helpers/cli.js';
import { stubActivities, stubRunInput } from '../helpers/stub-activities.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

/** The report's outcome badge (its class names the outcome). */
const badge = (file: string) => /<span class="badge ([\w-]+)">/.exec(readFileSync(file, 'utf8'))?.[1];

describe('the report of a run id follows its latest run', () => {
  it('status rewrites a failed run’s report once a rerun with the same id has succeeded', async () => {
    const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? tmpdir(), 'refresh-report-'));
    const input: BringUpInput = await stubRunInput();
    const { client, connection } = await testClient();
    const taskQueue = uniqueTaskQueue('refresh');
    const id = `test-refresh-${taskQueue}`;
    const file = path.join(dir, 'artifacts', id, 'report.html');
    const cli = (args: string[]) => hciBringup([...args, '--lang', 'en'], { cwd: dir });
    const run = async (stubs: ReturnType<typeof stubActivities>) => {
      const { worker, connection: wc } = await testWorker(taskQueue, { activities: stubs.activities });
      try {
        return await worker.runUntil(async () => {
          const ended = await client.workflow
            .execute(bringUpWorkflow, { taskQueue, workflowId: id, args: [input] })
            .then(
              () => undefined,
              (err: unknown) => err,
            );
          // `status` reads the run's progress query: a worker of the task queue answers it.
          return { ended, status: await cli(['status', id]) };
        });
      } finally {
        await wc.close();
      }
    };
    try {
      const first = await run(
        stubActivities({ configureIpmiAccounts: { failTimes: 1, message: 'BMC refused the account' } }),
      );
      assert.ok(first.ended instanceof WorkflowFailedError, 'fail-fast: the first run fails');
      const written = await cli(['report', id]);
      assert.equal(written.code, 0, written.stderr);
      assert.equal(badge(file), 'failed');

      const second = await run(stubActivities());
      assert.equal(second.ended, undefined, 'the rerun succeeds');
      assert.equal(second.status.code, 0, second.status.stdout + second.status.stderr);
      assert.equal(badge(file), 'succeeded', 'status rewrote the stale report');
      const rewrittenAt = statSync(file).mtimeMs;
      await cli(['status', id]);
      assert.equal(statSync(file).mtimeMs, rewrittenAt, 'a report newer than the run’s end is kept');
    } finally {
      await connection.close();
    }
  });
});
