// `hci-bringup codec-server` over real HTTP, against the encrypted payloads of a run the CLI started on
// the dev server: decode gives the plain input, encode round-trips, a wrong token is refused, CORS
// answers only the Web UI's origin, and the official `temporal workflow show --codec-endpoint` reads it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/dev-server.js';
import { startBringUpEnv } from '../helpers/bringup-env.js';
import { hciBringup, temporalCli } from '../helpers/cli.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, uniqueTaskQueue } from '../helpers/temporal.js';

const TOKEN = 'codec-test-token-3f9a';
// Encryption is optional (plain JSON by default): this file is the customer who sets a key, for the
// client, the CLI it starts and the codec server alike.
process.env.HCI_PAYLOAD_KEY = randomBytes(32).toString('base64');
const UI = 'http://localhost:8233';

/** The codec server as the operator runs it (own process, same key), on a free port. */
async function startCodecServer(env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist', 'src', 'starter.js'), 'codec-server', '--port', '0', '--lang', 'en'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`codec-server did not start: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`codec-server exited ${code}: ${out}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, output: () => out, stop };
}

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('codec-server', () => {
  it(
    'decodes the encrypted payloads of a real run for the Web UI and the temporal CLI',
    { timeout: 120_000 },
    async () => {
      const env = await startBringUpEnv({ hosts: 3, speed: 1000 });
      // No worker polls this queue: the run and its encrypted input are recorded, nothing runs.
      const taskQueue = uniqueTaskQueue('codec');
      process.env.HCI_TASK_QUEUE = taskQueue;
      const { client, connection } = await testClient();
      const id = `codec-${taskQueue}`;
      const server = await startCodecServer({ ...process.env, HCI_CODEC_TOKEN: TOKEN });
      try {
        const dir = path.join(env.dir, 'packages');
        assert.equal((await hciBringup(['sample-packages', '--out', dir])).code, 0);
        const started = await hciBringup([
          ...['start', '--plan', env.planFile, '--endpoints', env.endpointMapFile],
          ...['--packages', dir, '--id', id, '--lang', 'en'],
        ]);
        assert.equal(started.code, 0, started.stderr);

        const history = await client.workflow.getHandle(id).fetchHistory();
        const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
        assert.equal(input.length, 1);
        const encrypted: JsonPayload = {
          metadata: Object.fromEntries(
            Object.entries(input[0].metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(input[0].data ?? []).toString('base64'),
        };
        assert.equal(unb64(encrypted.metadata.encoding), 'binary/encrypted', 'the history holds ciphertext');
        assert.ok(!unb64(encrypted.data).includes(env.plan.clusterName));

        const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
          fetch(`${server.url}${route}`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Namespace': 'default',
              Authorization: `Bearer ${TOKEN}`,
              Origin: UI,
              ...headers,
            },
            body: JSON.stringify(body),
          });

        const decoded = await post('/decode', { payloads: [encrypted] });
        assert.equal(decoded.status, 200);
        assert.equal(decoded.headers.get('access-control-allow-origin'), UI);
        const plain = ((await decoded.json()) as { payloads: JsonPayload[] }).payloads;
        assert.equal(plain.length, 1);
        assert.equal(unb64(plain[0].metadata.encoding), 'json/plain');
        const runInput = JSON.parse(unb64(plain[0].data)) as { plan: { clusterName: string } };
        assert.equal(runInput.plan.clusterName, env.plan.clusterName);

        // The namespace-templated path the temporal CLI uses, and a round trip through /encode.
        const reencoded = await post('/default/encode', {
          payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"hello"') }],
        });
        assert.equal(reencoded.status, 200);
        const cipher = ((await reencoded.json()) as { payloads: JsonPayload[] }).payloads[0];
        assert.equal(unb64(cipher.metadata.encoding), 'binary/encrypted');
        const back = (
          (await (await post('/decode', { payloads: [cipher] })).json()) as { payloads: JsonPayload[] }
        ).payloads[0];
        assert.equal(unb64(back.data), '"hello"');

        const wrong = await post('/decode', { payloads: [encrypted] }, { Authorization: 'Bearer wrong' });
        assert.equal(wrong.status, 401);
        assert.doesNotMatch(await wrong.text(), new RegExp(env.plan.clusterName));
        const none = await post('/decode', { payloads: [encrypted] }, { Authorization: '' });
        assert.equal(none.status, 401);
        assert.equal(
          (await post('/decode', { nope: 1 })).status,
          400,
          'a body that is not {payloads} is refused',
        );

        const preflight = (origin: string) =>
          fetch(`${server.url}/decode`, {
            method: 'OPTIONS',
            headers: {
              Origin: origin,
              'Access-Control-Request-Method': 'POST',
              'Access-Control-Request-Headers': 'x-namespace, content-type, authorization',
            },
          });
        const allowed = await preflight(UI);
        assert.ok(allowed.status >= 200 && allowed.status < 300, `preflight status ${allowed.status}`);
        assert.equal(allowed.headers.get('access-control-allow-origin'), UI);
        assert.equal(
          allowed.headers.get('access-control-allow-headers'),
          'X-Namespace, Content-Type, Authorization',
        );
        assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
        const other = await preflight('http://evil.example:8233');
        assert.equal(other.headers.get('access-control-allow-origin'), null);
        assert.equal(other.headers.get('access-control-allow-headers'), null);

        // The official CLI, pointed at the codec server, shows the run's input in plain JSON.
        const shown = await temporalCli([
          ...['workflow', 'show', '--workflow-id', id, '--output', 'json'],
          ...['--codec-endpoint', server.url, '--codec-auth', `Bearer ${TOKEN}`],
        ]);
        const shownInput = (
          JSON.parse(shown) as {
            events: { workflowExecutionStartedEventAttributes?: { input: { payloads: JsonPayload[] } } }[];
          }
        ).events[0].workflowExecutionStartedEventAttributes!.input.payloads[0];
        assert.equal(unb64(shownInput.metadata.encoding), 'json/plain');
        assert.equal(
          (JSON.parse(unb64(shownInput.data)) as { plan: { clusterName: string } }).plan.clusterName,
          env.plan.clusterName,
        );
        assert.doesNotMatch(shown, new RegExp(b64('binary/encrypted')));

        // The log names routes and counts, never the token or a payload.
        assert.doesNotMatch(server.output(), new RegExp(TOKEN));
        assert.doesNotMatch(server.output(), new RegExp(env.plan.clusterName));
        await assertNoLenientPath(env.sim);
      } finally {
        await client.workflow
          .getHandle(id)
          .terminate('test over')
          .catch(() => undefined);
        delete process.env.HCI_TASK_QUEUE;
        await server.stop();
        await connection.close();
        await env.stop();
      }
    },
  );

  it(
    'refuses to start without a payload key: payloads are plain JSON then',
    { timeout: 30_000 },
    async () => {
      await assert.rejects(
        startCodecServer({ ...process.env, HCI_PAYLOAD_KEY: '', HCI_PAYLOAD_KEY_FILE: '' }),
        /exited 2: .*no payload key is configured.*HCI_PAYLOAD_KEY/s,
      );
    },
  );
});
