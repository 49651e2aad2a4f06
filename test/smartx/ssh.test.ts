// SshSession against a small ssh2 Server on 127.0.0.1: secrets travel on stdin only, never in the
// command line; errors name host and user but not the password; timeouts; log reading from an offset.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import ssh2 from 'ssh2';
import { SshError, SshSession } from '../../src/smartx/ssh.js';
import { SecretValue } from '../../src/smartx/secret.js';
import { resolverFor } from './helpers.js';

const HOST = '10.0.20.11';
const PASSWORD = 'P@ssw0rd!123';
const LOG = 'line one\nline two\nInstall Operation Center Successfully\n';
const execs: { command: string; stdin: string }[] = [];
let server: ssh2.Server;
let port = 0;

before(async () => {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === 'smartx' && ctx.password === PASSWORD) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          const chunks: Buffer[] = [];
          stream.on('data', (d: Buffer) => chunks.push(d));
          stream.on('end', () => {
            const stdin = Buffer.concat(chunks).toString();
            execs.push({ command: info.command, stdin });
            if (info.command.startsWith('sleep')) return; // never answers: exercises the timeout
            const tail = /tail -c \+(\d+) -- '([^']*)'/.exec(info.command);
            if (tail) {
              if (tail[2] !== '/root/nohup.out') {
                stream.exit(44);
                return void stream.end();
              }
              stream.write(Buffer.from(LOG).subarray(Number(tail[1]) - 1));
            } else {
              stream.write(`ran: ${info.command}\n`);
              stream.stderr.write('warn\n');
            }
            stream.exit(0);
            stream.end();
          });
        });
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const connect = (password = PASSWORD) =>
  SshSession.connect(
    { address: HOST, user: 'smartx', password: new SecretValue(password) },
    resolverFor(HOST, { 22: port }),
  );

test('exec returns code, stdout and stderr', async () => {
  const s = await connect();
  try {
    const out = await s.exec('hostname', { timeoutMs: 5000 });
    assert.deepEqual(out, { code: 0, signal: undefined, stdout: 'ran: hostname\n', stderr: 'warn\n' });
  } finally {
    s.close();
  }
});

test('changePasswords sends sudo and chpasswd secrets on stdin, never in the command line', async () => {
  const s = await connect();
  try {
    const out = await s.changePasswords(
      [
        { user: 'root', password: new SecretValue('NewRoot#1') },
        { user: 'smartx', password: 'NewSmartx#2' },
      ],
      { timeoutMs: 5000 },
    );
    assert.equal(out.code, 0);
    const call = execs.at(-1)!;
    assert.equal(call.command, `sudo -S -p '' chpasswd`);
    for (const secret of [PASSWORD, 'NewRoot#1', 'NewSmartx#2']) assert.ok(!call.command.includes(secret));
    assert.equal(call.stdin, `${PASSWORD}\nroot:NewRoot#1\nsmartx:NewSmartx#2\n`);
  } finally {
    s.close();
  }
});

test('sudo wraps the command and feeds the password through stdin', async () => {
  const s = await connect();
  try {
    await s.sudo('sh /usr/share/smartx/tower/preinstall.sh', { timeoutMs: 5000 });
    const call = execs.at(-1)!;
    assert.equal(call.command, `sudo -S -p '' sh -c 'sh /usr/share/smartx/tower/preinstall.sh'`);
    assert.equal(call.stdin, `${PASSWORD}\n`);
  } finally {
    s.close();
  }
});

test('readFileFrom resumes at a byte offset and reports a missing file', async () => {
  const s = await connect();
  try {
    const first = await s.readFileFrom('/root/nohup.out', 0);
    assert.equal(first.data, LOG);
    assert.equal(first.nextOffset, Buffer.byteLength(LOG));
    const again = await s.readFileFrom('/root/nohup.out', 9);
    assert.equal(again.data, LOG.slice(9));
    assert.deepEqual(await s.readFileFrom('/nope.log', 0), { data: '', nextOffset: 0, exists: false });
  } finally {
    s.close();
  }
});

test('a command that outlives its timeout fails with a retryable timeout error', async () => {
  const s = await connect();
  try {
    await assert.rejects(
      s.exec('sleep 100', { timeoutMs: 200 }),
      (e: unknown) => e instanceof SshError && e.kind === 'timeout' && e.retryable,
    );
  } finally {
    s.close();
  }
});

test('wrong password: non-retryable auth error naming host and user, not the password', async () => {
  await assert.rejects(connect('Wr0ng-Secret'), (e: unknown) => {
    assert.ok(e instanceof SshError);
    assert.equal(e.kind, 'auth');
    assert.equal(e.retryable, false);
    assert.match(e.message, /smartx@10\.0\.20\.11/);
    assert.ok(!e.message.includes('Wr0ng-Secret'));
    return true;
  });
});

test('an address missing from the map is refused before any connection', async () => {
  await assert.rejects(
    SshSession.connect(
      { address: '10.0.20.99', user: 'smartx', password: PASSWORD },
      resolverFor(HOST, { 22: port }),
    ),
    /10\.0\.20\.99:22 is not in the endpoint map test-map/,
  );
});
