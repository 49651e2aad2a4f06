// The session launcher: processes started by a small helper process, with their stdio connected
// straight to the simulator (socket pairs), their exit reported, and signals reaching them or their
// process group, also when sent before they run.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Launcher, type LaunchedProcess } from '../../src/ssh/sandbox/launcher.js';

const launcher = new Launcher();
after(() => launcher.stop());

async function finished(
  child: LaunchedProcess,
  stdin = '',
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(stdin);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('close', (c: number | null, s: string | null) => resolve([c, s])),
  );
  return { code, signal, out, err };
}

describe('the session launcher', () => {
  it('runs a process with its stdin, stdout, stderr and exit status', async () => {
    const child = launcher.launch('/bin/sh', ['-c', 'tr a-z A-Z; echo oops >&2; exit 3']);
    const r = await finished(child, 'hello\nworld\n');
    assert.deepEqual(r, { code: 3, signal: null, out: 'HELLO\nWORLD\n', err: 'oops\n' });
    assert.ok(child.pid! > 0 && child.pid !== process.pid);
  });

  it('a megabyte each way, and many at once', async () => {
    const big = 'x'.repeat(1 << 20);
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        finished(launcher.launch('/bin/sh', ['-c', `cat; echo ${i}`]), i === 0 ? big : ''),
      ),
    );
    assert.equal(runs[0].out, `${big}0\n`);
    for (const [i, r] of runs.entries()) {
      assert.equal(r.code, 0);
      if (i > 0) assert.equal(r.out, `${i}\n`);
    }
  });

  it('close waits for a background job holding stdout, as a session does', async () => {
    const started = Date.now();
    const r = await finished(launcher.launch('/bin/sh', ['-c', '(sleep 0.5; echo late) & echo now']));
    assert.equal(r.out, 'now\nlate\n');
    assert.ok(Date.now() - started >= 450);
  });

  it('signals reach the whole group when detached, also when sent before it runs', async () => {
    const child = launcher.launch('/bin/sh', ['-c', 'sleep 30 & sleep 30; echo never'], { detached: true });
    child.kill('SIGTERM');
    const r = await finished(child);
    assert.equal(r.signal, 'SIGTERM');
    assert.equal(r.out, '');
  });

  it('a detached group is signalled after its leader exited, while a background job holds stdout', async () => {
    const child = launcher.launch('/bin/sh', ['-c', 'sleep 30 & echo up'], { detached: true });
    await new Promise((resolve) => child.once('exit', resolve));
    const started = Date.now();
    child.kill('SIGTERM');
    const r = await finished(child);
    assert.equal(r.code, 0, 'the leader itself ended well');
    assert.equal(r.out, 'up\n');
    assert.ok(Date.now() - started < 10_000, 'the background sleep was ended, not waited for');
  });

  it('a program that cannot start: error, then close', async () => {
    const child = launcher.launch('/no/such/program', []);
    const error = new Promise<Error>((resolve) => child.once('error', resolve));
    const r = await finished(child);
    assert.match((await error).message, /ENOENT/);
    assert.equal(r.code, null);
  });
});
