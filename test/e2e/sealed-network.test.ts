// The Temporal server the bring-ups run on is a port of the real machine: from inside a simulated
// machine (its root, over the simulator's SSH) it must be out of reach, while the test itself, on the
// real machine, talks to it. The simulator's own escape suite covers the other ports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'ssh2';
import { startLab, type Lab } from '../helpers/lab.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, testServerAddress } from '../helpers/temporal.js';

const HOST = '127.1.0.11';
const FRESH_PASSWORD = 'HC!r0cks';

function rootShell(lab: Lab): Promise<Client> {
  const { host, port } = lab.sim.resolve(HOST, 22);
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({ host, port, username: 'root', password: FRESH_PASSWORD, readyTimeout: 10_000 });
  });
}

function run(c: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    c.exec(command, (err, stream) => {
      if (err) return reject(err);
      let out = '';
      stream.on('data', (d: Buffer) => (out += d.toString()));
      stream.stderr.resume();
      stream.on('close', () => resolve(out.trim()));
    });
  });
}

describe('a simulated machine and the Temporal server', () => {
  let lab: Lab;
  let root: Client;
  before(async () => {
    lab = await startLab();
    root = await rootShell(lab);
  });
  after(async () => {
    root?.end();
    await lab?.stop();
  });

  it('answers the test on the real machine, and no connection from inside a machine reaches it', async () => {
    const { connection } = await testClient();
    try {
      const info = await connection.workflowService.getSystemInfo({});
      assert.ok(info.capabilities, 'the dev server answers from the real machine');
    } finally {
      await connection.close();
    }
    const [host, port] = testServerAddress().split(/:(?=\d+$)/);
    const inside = await run(
      root,
      `timeout 5 bash -c 'exec 3<>/dev/tcp/${host === 'localhost' ? '127.0.0.1' : host}/${port}' && echo open || echo closed`,
    );
    assert.equal(inside, 'closed');
    // The machine's own SSH port answers inside (the network is there, only Temporal is not).
    const ssh = lab.sim.resolve(HOST, 22);
    assert.equal(
      await run(root, `timeout 5 bash -c 'exec 3<>/dev/tcp/${ssh.host}/${ssh.port}; head -c 7 <&3'`),
      'SSH-2.0',
    );
    await assertNoLenientPath(lab.sim);
  });
});
