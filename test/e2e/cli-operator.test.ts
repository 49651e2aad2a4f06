// The operator's CLI against a real dev server and the simulator: the package check refuses before
// any request reaches the site, sample-packages makes a rehearsal folder that passes, `list` finds a
// run started here, and client errors come back as operator messages naming the run.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunRow } from '../../src/cli/commands/list.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the operator CLI on a rehearsal site', () => {
  it(
    'refuses a start without packages before touching the site; sample-packages fixes it; list shows the run',
    { timeout: 180_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      // No worker polls this queue: the run is recorded but nothing reaches the simulator.
      const taskQueue = uniqueTaskQueue('cli-op');
      process.env.HCI_TASK_QUEUE = taskQueue;
      const { client, connection } = await testClient();
      const id = `cli-list-${taskQueue}`;
      const requests = async () => ((await env.simState()).requests as unknown[]).length;
      const base = ['--plan', env.planFile, '--endpoints', env.endpointMapFile, '--speed', '1000'];
      try {
        assert.equal(await requests(), 0, 'no request before the test');

        const empty = mkdtempSync(path.join(env.dir, 'empty-'));
        const refused = await hciBringup(['start', ...base, '--packages', empty, '--id', id, '--lang', 'en']);
        assert.equal(refused.code, 2, refused.stdout + refused.stderr);
        assert.match(refused.stderr, /lacks these packages; nothing was started/);
        assert.match(refused.stderr, /CloudTower ISO: needs cloudtower-\*\.iso/);
        assert.match(refused.stderr, /VMTools ISO: needs SMTX_VMTOOLS-\*\.iso/);
        assert.match(refused.stderr, /sample-packages --out /);
        const zh = await hciBringup(['start', ...base, '--packages', path.join(env.dir, 'nope'), '--id', id]);
        assert.equal(zh.code, 2);
        assert.match(zh.stderr, /安装包目录不存在或无法读取/);
        assert.equal(await requests(), 0, 'the simulator saw no request');
        await assert.rejects(client.workflow.getHandle(id).describe(), /not found/i, 'no run was started');

        const dir = path.join(env.dir, 'rehearsal-packages');
        const written = await hciBringup(['sample-packages', '--out', dir, '--lang', 'en']);
        assert.equal(written.code, 0, written.stderr);
        assert.match(written.stdout, /cloudtower-v4\.6\.2\.oe2003\.x86_64\.iso/);
        const validated = await hciBringup(['validate', env.planFile, '--packages', dir, '--lang', 'en']);
        assert.equal(validated.code, 0, validated.stdout);
        assert.match(validated.stdout, /all needed packages are in/);
        const validatedEmpty = await hciBringup(['validate', env.planFile, '--packages', empty, '--json']);
        assert.equal(validatedEmpty.code, 2);
        const json = JSON.parse(validatedEmpty.stdout) as { valid: boolean; packages: { ok: boolean } };
        assert.equal(json.valid, true);
        assert.equal(json.packages.ok, false);

        const started = await hciBringup(['start', ...base, '--packages', dir, '--id', id, '--lang', 'en']);
        assert.equal(started.code, 0, started.stderr);
        assert.match(started.stdout, new RegExp(`follow it: npx --offline hci-bringup watch ${id}`));

        // Visibility is eventually consistent: the new run shows up within a moment.
        let row: RunRow | undefined;
        for (let i = 0; i < 50 && !row; i++) {
          const listed = await hciBringup(['list', '--json', '--limit', '500']);
          assert.equal(listed.code, 0, listed.stderr);
          row = (JSON.parse(listed.stdout) as RunRow[]).find((r) => r.workflowId === id);
          if (!row) await sleep(200);
        }
        assert.ok(row, 'list shows the run');
        assert.equal(row.cluster, env.plan.clusterName);
        assert.equal(row.stage, 'pending');
        assert.equal(row.site, '', 'started without --site');
        assert.equal(row.state, 'RUNNING');
        assert.ok(Math.abs(Date.parse(row.started) - Date.now()) < 120_000);
        const table = await hciBringup(['list', '--limit', '500']);
        assert.equal(table.code, 0);
        assert.match(table.stdout, /^运行 ID +集群 +站点 +阶段 +状态 +开始时间/);
        assert.match(
          table.stdout,
          new RegExp(`${id} +${env.plan.clusterName} +- +未开始 \\(pending\\) +运行中`),
        );

        const again = await hciBringup(['start', ...base, '--packages', dir, '--id', id]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, new RegExp(`运行 ${id} 已在进行中.*error: run ${id} is already running`));

        const lost = await hciBringup(['status', `${id}-typo`, '--lang', 'en']);
        assert.equal(lost.code, 1);
        assert.match(lost.stderr, new RegExp(`找不到运行 ${id}-typo.*error: no run ${id}-typo`));
        assert.match(lost.stderr, /npx --offline hci-bringup list/);
        assert.doesNotMatch(lost.stderr, /workflow not found for ID/);
        const retried = await hciBringup(['retry', `${id}-typo`]);
        assert.equal(retried.code, 1);
        assert.match(retried.stderr, /找不到运行/);

        assert.equal(await requests(), 0, 'still no request: no worker ran the recorded run');
        await assertNoLenientPath(env.sim);
      } finally {
        await client.workflow
          .getHandle(id)
          .terminate('test over')
          .catch(() => undefined);
        delete process.env.HCI_TASK_QUEUE;
        await connection.close();
        await env.stop();
      }
    },
  );
});
