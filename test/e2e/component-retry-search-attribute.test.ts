// Issue 23 point 5, end to end: README's query `BringUpStage STARTS_WITH "failed:"` lists a failed
// component (its child run and the bring-up) while the run waits for the operator, and no longer
// once `hci-bringup retry` fixed it: the failed child stays open and the retry reruns it in the same
// execution, which ends `done`. A failure nobody retried stays listed after the run ended.
// The simulator's OBS install task fails once (fault point `job:obs.install`); the rerun installs.
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import { describe, it } from 'node:test';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { bringUpStageKey } from '../../src/workflows/search-attributes.js';
import { hciBringup } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';
import { untilPhase } from '../helpers/stub-run.js';

const FAILED_QUERY = 'BringUpStage STARTS_WITH "failed:"';
const sim = { faults: { rules: [{ match: 'job:obs.install', kind: 'fail' as const, times: 1 }] } };

/** The executions of run `id` (itself and its children) README's query lists now. */
async function listedFailed(client: Client, id: string): Promise<string[]> {
  const ids: string[] = [];
  const query = `${FAILED_QUERY} AND WorkflowId STARTS_WITH "${id}"`;
  for await (const info of client.workflow.list({ query })) ids.push(info.workflowId);
  const { count } = await client.workflow.count(query);
  assert.equal(count, ids.length, 'count and list agree');
  return ids.sort();
}

/** Visibility is eventually consistent: polls until the listed executions are `want`. */
async function untilListed(client: Client, id: string, want: string[], ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  let got: string[] = [];
  while (Date.now() < deadline) {
    got = await listedFailed(client, id);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(got, want, `the query ${FAILED_QUERY} lists`);
}

describe('a component search attribute shows its latest outcome', () => {
  it(
    'a failed OBS is listed as failed until `retry` fixes it, then none of the run is',
    { timeout: 300_000 },
    async () => {
      await withSite(
        'childsa',
        { hosts: 3, speed: 1000, sim },
        async ({ env, client, taskQueue, worker }) => {
          const id = `e2e-childsa-${taskQueue}`;
          const child = `${id}/obs`;
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: id,
            args: [
              env.input({
                components: { obs: 'auto', backup: 'skip', retryWindowSeconds: 3600 },
                onFailure: 'wait-for-retry',
              }),
            ],
          });
          const { summary, failedChild } = await worker.runUntil(async () => {
            await untilPhase(handle, 'failed:observability');
            await untilListed(client, id, [id, child]);
            const before = await client.workflow.getHandle(child).describe();
            assert.equal(before.status.name, 'RUNNING', 'the failed child waits for the retry');
            const retried = await hciBringup(['retry', id, '--lang', 'en']);
            assert.equal(retried.code, 0, retried.stderr + retried.stdout);
            return { summary: await handle.result(), failedChild: before };
          });

          assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
          const obs = summary.stages.find((s) => s.id === 'observability');
          assert.equal(obs?.status, 'done');
          assert.equal(obs?.note, 'rerun by operator retry');
          assert.equal(summary.addresses['Observability'], env.plan.obs.ip, 'the rerun deployed OBS');
          assert.match(summary.created['OBS instance'] ?? '', /\(created, /);
          const fired = ((await env.simState()).faults as { fired: { point: string }[] }).fired;
          assert.deepEqual(
            fired.map((f) => f.point),
            ['job:obs.install'],
            'the install failed once',
          );

          await untilListed(client, id, []);
          const after = await client.workflow.getHandle(child).describe();
          assert.equal(after.runId, failedChild.runId, 'the retry ran in the failed child execution');
          assert.equal(after.status.name, 'COMPLETED');
          assert.equal(after.typedSearchAttributes.get(bringUpStageKey), 'done');
          // One execution of the child in all: no closed run left behind with `failed:observability`.
          const runs = await client.workflow.count(`WorkflowId = "${child}"`);
          assert.equal(runs.count, 1);
        },
      );
    },
  );

  it(
    'a failed OBS not retried within the window: the child ends failed and stays listed',
    { timeout: 300_000 },
    async () => {
      await withSite(
        'childwin',
        { hosts: 3, speed: 1000, sim },
        async ({ env, client, taskQueue, worker }) => {
          const id = `e2e-childwin-${taskQueue}`;
          const child = `${id}/obs`;
          const summary = await worker.runUntil(
            client.workflow.execute(bringUpWorkflow, {
              taskQueue,
              workflowId: id,
              args: [
                env.input({
                  components: { obs: 'auto', backup: 'skip', retryWindowSeconds: 2 },
                  onFailure: 'wait-for-retry',
                }),
              ],
            }),
          );
          assert.equal(summary.outcome, 'completed-with-failures', JSON.stringify(summary, null, 2));
          assert.match(summary.failures?.[0]?.error ?? '', /^observability: /);
          assert.ok(summary.warnings.includes('no retry of obs within 2 s: the run ended with it failed'));

          const desc = await client.workflow.getHandle(child).describe();
          assert.equal(desc.status.name, 'FAILED');
          assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'failed:observability');
          // The bring-up itself ended `done-with-failures`; the failed component is what stays listed.
          await untilListed(client, id, [child]);
        },
      );
    },
  );
});
