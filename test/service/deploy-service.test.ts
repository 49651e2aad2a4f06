// The deploy service's HTTP API (seed 004) over real HTTP, against a real part-1 bring-up on the
// simulator, with the live checks run as activities on the run's worker.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { secretsOf } from '../../src/run/run-plan.js';
import { startDeployService, type RunningDeployService } from '../../src/service/server.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { clusterNameKey } from '../../src/workflows/search-attributes.js';
import { hciBringup } from '../helpers/cli.js';
import { withSite } from '../helpers/e2e.js';

const TOKEN = 'svc-test-token-1f3a';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
  text: string;
}

/** Every answer body of the test, to prove afterwards that none carries a secret. */
const seen: string[] = [];

async function get(
  service: RunningDeployService,
  route: string,
  token: string | null = TOKEN,
): Promise<Answer> {
  const res = await fetch(`${service.url}${route}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  seen.push(text);
  let body: Json = {};
  if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text) as Json;
  return { status: res.status, body, text };
}

const checksOf = (a: Answer) => a.body.checks as { name: string; status: string; message: string }[];

/** Where docs/deploy-service.md's examples come from (written when HCI_SERVICE_EXAMPLES names a folder). */
function keepExample(name: string, a: Answer): void {
  const dir = process.env.HCI_SERVICE_EXAMPLES;
  if (dir) writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(a.body, null, 2));
}

describe('deploy service HTTP API', () => {
  it('serve refuses a non-loopback address without --allow-remote', async () => {
    const r = await hciBringup(['serve', '--host', '10.0.0.1', '--lang', 'en']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /not a loopback address/);
  });

  it(
    'serve as the operator runs it: HCI_API_TOKEN from the environment, metrics, 404 JSON',
    { timeout: 60_000 },
    async () => {
      const child = spawn(
        process.execPath,
        [path.join(projectRoot, 'dist', 'src', 'starter.js'), 'serve', '--port', '0', '--lang', 'en'],
        { env: { ...process.env, HCI_API_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        let out = '';
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
          const seen = (d: Buffer) => {
            out += d.toString();
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          };
          child.stdout.on('data', seen);
          child.stderr.on('data', seen);
          child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
        });
        assert.match(out, /auth: bearer token/);
        const service = { url, close: () => Promise.resolve() };
        assert.equal((await get(service, '/metrics', null)).status, 401);
        const metrics = await get(service, '/metrics');
        assert.equal(metrics.status, 200);
        assert.match(metrics.text, /^# TYPE hci_deploy_deployments gauge$/m);
        const none = await get(service, '/internal/v1/deploy/health/never-started');
        assert.equal(none.status, 404);
        assert.deepEqual(none.body, { error: 'no deployment never-started' });
        assert.equal((await get(service, '/internal/v1/other')).status, 404);
      } finally {
        child.kill('SIGTERM');
      }
    },
  );

  it(
    'info, health, logs and metrics of a part-1 run; 401, 404, 400; a stopped host and a fault make it unhealthy',
    { timeout: 400_000 },
    () =>
      withSite('svc', { hosts: 3, speed: 2000 }, async ({ env, client, taskQueue, worker }) => {
        const running = worker.run();
        let service: RunningDeployService | undefined;
        try {
          const input = env.input({ stopAfter: 'attach-cluster' });
          const id = `svc-part1-${taskQueue}`;
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: id,
            args: [input],
            typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
          });
          const summary = await handle.result();
          assert.equal(summary.outcome, 'stopped');

          service = await startDeployService({
            client,
            host: '127.0.0.1',
            port: 0,
            token: TOKEN,
            checkTimeoutMs: 8_000,
          });
          const enc = encodeURIComponent(id);

          // Auth: none, wrong, right.
          assert.equal((await get(service, `/internal/v1/deploy/info/${enc}`, null)).status, 401);
          const wrong = await get(service, `/internal/v1/deploy/info/${enc}`, 'nope');
          assert.equal(wrong.status, 401);
          assert.match(String(wrong.body.error), /unauthorized/);
          assert.equal((await get(service, '/metrics', null)).status, 401);

          // 404 and 400, JSON bodies.
          const missing = await get(service, '/internal/v1/deploy/info/no-such-run');
          assert.equal(missing.status, 404);
          assert.match(String(missing.body.error), /no deployment no-such-run/);
          for (const q of ['lines=0', 'lines=1001', 'lines=abc', 'color=red']) {
            const bad = await get(service, `/internal/v1/deploy/logs/${enc}?${q}`);
            assert.equal(bad.status, 400, q);
            assert.equal(typeof bad.body.error, 'string', q);
          }
          assert.equal((await get(service, `/internal/v1/deploy/info/bad%20id`)).status, 400);
          assert.equal((await get(service, `/internal/v1/deploy/logs/${enc}?pod_name=nobody`)).status, 404);

          // info: 3 hosts + CloudTower (OBS and Backup come after the stop-after stage).
          const info = await get(service, `/internal/v1/deploy/info/${enc}`);
          keepExample('info', info);
          assert.equal(info.status, 200);
          assert.equal(info.body.deployment_id, id);
          assert.equal(info.body.status, 'succeeded');
          assert.equal(info.body.replicas, 4);
          assert.equal(info.body.ready_replicas, 4);
          assert.ok(!Number.isNaN(Date.parse(String(info.body.updated_at))));
          const details = info.body.details as { pods: Json[]; stages: Json[] };
          assert.deepEqual(
            details.pods.map((p) => p.name),
            [...env.plan.hosts.map((h) => h.hostname), 'cloudtower'],
          );
          assert.ok(details.pods.every((p) => p.phase === 'Running' && p.ready === true));
          assert.equal(details.stages.find((s) => s.id === 'attach-cluster')?.status, 'done');

          // logs: the run's own events, newest last, bounded by `lines`.
          const logs = await get(service, `/internal/v1/deploy/logs/${enc}?lines=500`);
          assert.equal(logs.status, 200);
          const entries = logs.body.logs as Json[];
          const messages = entries.map((l) => String(l.message));
          assert.ok(messages.includes('run started (bringUpWorkflow)'));
          assert.ok(messages.includes('stage deploy-cloudtower started'));
          assert.ok(messages.includes('stage attach-cluster done'));
          assert.ok(messages.some((m) => m.startsWith('step done: ')));
          assert.equal(messages.at(-1), 'run ended: completed');
          const five = await get(service, `/internal/v1/deploy/logs/${enc}?lines=5`);
          assert.equal((five.body.logs as Json[]).length, 5);
          keepExample('logs', five);
          assert.equal(
            ((await get(service, `/internal/v1/deploy/logs/${enc}`)).body.logs as Json[]).length,
            Math.min(100, entries.length),
          );
          // A machine's log over SSH: the CloudTower installer's nohup.out.
          const tower = await get(service, `/internal/v1/deploy/logs/${enc}?pod_name=cloudtower&lines=3`);
          keepExample('logs-cloudtower', tower);
          assert.equal(tower.status, 200, tower.text);
          const towerLines = tower.body.logs as Json[];
          assert.equal(towerLines.length, 3);
          assert.ok(towerLines.every((l) => l.pod_name === 'cloudtower'));
          assert.ok(
            towerLines.some((l) => String(l.message).includes('Install Operation Center Successfully')),
            tower.text,
          );

          // health: everything the run built answers.
          const healthy = await get(service, `/internal/v1/deploy/health/${enc}`);
          keepExample('health', healthy);
          assert.equal(healthy.status, 200);
          assert.equal(healthy.body.healthy, true, healthy.text);
          assert.match(
            checksOf(healthy).find((c) => c.name === 'http:vip')!.message,
            /^HTTP 200 from https:/,
          );
          assert.equal(checksOf(healthy).find((c) => c.name === 'pod_status')!.message, '4/4 pods running');
          const names = checksOf(healthy).map((c) => c.name);
          for (const n of [
            'pod_status',
            'fisheye_api',
            'http:vip',
            'http:cloudtower',
            'resource_usage',
            'process:cloudtower',
          ])
            assert.ok(names.includes(n), `check ${n} in ${names.join(', ')}`);
          const host0 = env.plan.hosts[0];
          assert.ok(
            names.includes(`tcp:${host0.hostname}:22`) && names.includes(`process:${host0.hostname}`),
          );
          assert.match(
            checksOf(healthy).find((c) => c.name === 'resource_usage')!.message,
            /^CPU: \d+%, Memory: \d+%$/,
          );

          // A host stops (its ports close) and Fisheye's login answers 503: unhealthy, and says which.
          await env.sim.core.closePorts(host0.managementIp);
          const faults = await fetch(`${env.sim.adminUrl}/__sim/faults`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              rules: [
                { match: 'fisheye.sessions.create', kind: 'status', status: 503 },
                // Something answers at the VIP, but not the product's page: a 404 is not healthy.
                { match: 'ui.vip', kind: 'status', status: 404 },
              ],
            }),
          });
          assert.equal(faults.status, 200);
          const sick = await get(service, `/internal/v1/deploy/health/${enc}`);
          keepExample('health-unhealthy', sick);
          assert.equal(sick.status, 200);
          assert.equal(sick.body.healthy, false);
          const status = (n: string) => checksOf(sick).find((c) => c.name === n)?.status;
          assert.equal(status('fisheye_api'), 'unhealthy');
          assert.equal(status(`tcp:${host0.hostname}:22`), 'unhealthy');
          assert.equal(status(`process:${host0.hostname}`), 'unhealthy');
          assert.equal(status(`tcp:${env.plan.hosts[1].hostname}:22`), 'healthy');
          assert.equal(status('http:cloudtower'), 'healthy');
          assert.match(String(sick.body.message), /fisheye_api/);
          // Issue 23: a 404 from the VIP is unhealthy, and a built unit whose checks fail is not
          // counted as running (no "4/4 pods running" next to a refused connection).
          assert.equal(status('http:vip'), 'unhealthy');
          assert.match(checksOf(sick).find((c) => c.name === 'http:vip')!.message, /HTTP 404/);
          assert.equal(status('pod_status'), 'unhealthy');
          assert.equal(
            checksOf(sick).find((c) => c.name === 'pod_status')!.message,
            `3/4 pods running; built but not answering: ${host0.hostname}`,
          );
          await fetch(`${env.sim.adminUrl}/__sim/faults`, {
            method: 'PUT',
            body: JSON.stringify({ rules: [] }),
          });

          // metrics: from Temporal, so a restarted service reports the same.
          const metrics = await get(service, '/metrics');
          assert.equal(metrics.status, 200);
          const line = (text: string, re: RegExp) => text.split('\n').find((l) => re.test(l));
          const succeeded = line(
            metrics.text,
            /^hci_deploy_deployments\{kind="bringup",result="succeeded"\} /,
          );
          assert.ok(succeeded && Number(succeeded.split(' ')[1]) >= 1, metrics.text);
          assert.ok(
            Number(line(metrics.text, /^hci_deploy_health_checks\{result="healthy"\} /)?.split(' ')[1]) >= 1,
          );
          assert.ok(
            Number(line(metrics.text, /^hci_deploy_health_checks\{result="unhealthy"\} /)?.split(' ')[1]) >=
              1,
          );
          assert.match(metrics.text, /^hci_deploy_rollbacks\{kind="bringup"\} 0$/m);
          assert.match(
            metrics.text,
            /^hci_deploy_duration_seconds_count\{kind="bringup",result="succeeded"\} \d+$/m,
          );
          await service.close();
          service = await startDeployService({ client, host: '127.0.0.1', port: 0, token: TOKEN });
          const again = await get(service, '/metrics');
          // Counted from Temporal, not kept by the process: the new service starts from every run
          // the old one counted (other test files' bring-ups may end meanwhile, so at least as many).
          const countOf = (l: string | undefined) => Number(l?.split(' ')[1]);
          const after = line(again.text, /^hci_deploy_deployments\{kind="bringup",result="succeeded"\} /);
          assert.ok(
            countOf(after) >= countOf(succeeded),
            `a restarted service counts every run the old one did: ${after} after ${succeeded}`,
          );
          if (process.env.HCI_SERVICE_EXAMPLES)
            writeFileSync(path.join(process.env.HCI_SERVICE_EXAMPLES, 'metrics.txt'), again.text);

          // No secret in any answer: the workbook's passwords, the factory password, the token.
          const all = seen.join('\n');
          for (const secret of new Set([...secretsOf(env.plan), 'HC!r0cks', TOKEN]))
            assert.ok(!all.includes(secret), 'a secret appears in an answer of the service');
        } finally {
          await service?.close();
          worker.shutdown();
          await running;
        }
      }),
  );
});
