// Ways out of a simulated machine, each tried from inside with a harmless canary: every one must fail
// and leave the real machine unchanged. Canaries live only in this test's scratch directory.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'ssh2';
import type { RunningSimulator } from '../../src/index.js';
import { admin, startTestSim } from '../smtx/helpers.js';
import { connect, exec } from './helpers.js';

const NODE = '127.1.0.11';
const FRESH = 'HC!r0cks';

/** Every file under `dir` (not following links), with its mode. */
function walk(dir: string): { file: string; mode: number }[] {
  const out: { file: string; mode: number }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = lstatSync(file);
    out.push({ file, mode: st.mode });
    if (st.isDirectory()) out.push(...walk(file));
  }
  return out;
}

describe('escapes from a simulated machine', () => {
  let sim: RunningSimulator;
  let root: Client;
  let smartx: Client;
  let scratch: string;
  let canary: string;
  let secret: string;
  let sleeper: ChildProcess;
  const canaryText = 'canary: the real machine\n';
  const secretText = `secret-${process.pid}-never-leaks\n`;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'hci-escape-'));
    canary = path.join(scratch, 'canary');
    secret = path.join(scratch, 'secret');
    writeFileSync(canary, canaryText, { mode: 0o644 });
    writeFileSync(secret, secretText, { mode: 0o600 });
    chmodSync(secret, 0o600);
    sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    sim = await startTestSim({ smartxSudo: 'password' }); // sudo asks smartx's password here
    root = await connect(sim, NODE, 'root', FRESH);
    smartx = await connect(sim, NODE, 'smartx', FRESH);
  });
  after(async () => {
    root?.end();
    smartx?.end();
    sleeper?.kill();
    await sim?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const unchanged = () => {
    assert.equal(readFileSync(canary, 'utf8'), canaryText);
    assert.equal(statSync(canary).mode & 0o7777, 0o644);
    assert.equal(statSync(canary).uid, process.getuid?.());
    assert.equal(readFileSync(secret, 'utf8'), secretText);
  };

  it('root inside is a mapped id: neither real root nor the simulator’s own user', async () => {
    const map = (await exec(root, 'id -u; cat /proc/self/uid_map')).out.trim().split('\n');
    assert.equal(map[0], '0');
    const [inside, outside] = (map[1] ?? '').trim().split(/\s+/).map(Number);
    assert.equal(inside, 0);
    assert.ok(outside !== 0 && outside !== process.getuid?.(), `root inside is ${outside} outside`);
  });

  it('device nodes: chmod and mknod inside change nothing real', async () => {
    const before = statSync('/dev/null').mode;
    assert.notEqual((await exec(root, 'chmod 600 /dev/null')).code, 0);
    assert.notEqual((await exec(root, 'chown 1000 /dev/null')).code, 0);
    assert.notEqual((await exec(root, 'mknod /tmp/mem c 1 1')).code, 0);
    assert.equal(statSync('/dev/null').mode, before);
    assert.equal((await exec(smartx, 'echo x > /dev/null && head -c 4 /dev/zero | wc -c')).out, '4\n');
  });

  it('a link planted at /etc/shadow to a real file: chpasswd does not write it', async () => {
    const r = await exec(
      root,
      `rm /etc/shadow && ln -s ${canary} /etc/shadow && echo 'smartx:N3w!pass' | chpasswd`,
    );
    assert.equal(r.code, 0, r.err);
    unchanged();
    // The shadow was replaced inside the machine (the link is gone) and the new password works.
    assert.equal((await exec(root, 'test -L /etc/shadow || stat -c %a:%G /etc/shadow')).out, '640:shadow\n');
    const c = await connect(sim, NODE, 'smartx', 'N3w!pass');
    assert.equal((await exec(c, "sudo -S -p '' id -u", { stdin: 'N3w!pass\n' })).out, '0\n');
    c.end();
  });

  it('a link at /etc/resolv.conf to a 0600 real file does not leak through /__sim/state', async () => {
    assert.equal((await exec(root, `ln -sf ${secret} /etc/resolv.conf`)).code, 0);
    const state = JSON.stringify((await admin(sim, 'GET', '/__sim/state')).body);
    assert.ok(!state.includes('never-leaks'));
    assert.notEqual((await exec(root, `cat ${secret}`)).code, 0);
    unchanged();
  });

  it('a FIFO planted where the simulator reads or writes does not hang it', async () => {
    const r = await exec(root, 'rm -f /etc/resolv.conf /etc/shadow && mkfifo /etc/resolv.conf /etc/shadow');
    assert.equal(r.code, 0, r.err);
    const t0 = Date.now();
    const state = await admin(sim, 'GET', '/__sim/state');
    assert.equal(state.status, 200);
    const pw = await exec(root, "echo 'smartx:An0ther!pw' | chpasswd");
    assert.equal(pw.code, 0, pw.err);
    assert.ok(Date.now() - t0 < 8000, `took ${Date.now() - t0} ms`);
    assert.equal((await exec(root, 'test -p /etc/shadow || echo replaced')).out, 'replaced\n');
  });

  it('a setuid copy of bash made inside gives no privilege (nosuid) and never lands on the real disk', async () => {
    assert.equal((await exec(root, 'cp /bin/bash /tmp/b && chmod 4755 /tmp/b')).code, 0);
    assert.equal((await exec(smartx, '/tmp/b -p -c "id -u"')).out, '1000\n');
    const setuid = walk(sim.stateDir).filter((f) => f.mode & 0o6000);
    assert.deepEqual(setuid, [], 'no setuid file under the state directory');
    assert.equal(statSync(sim.stateDir).mode & 0o777, 0o700, 'the state directory is private');
  });

  it('mount, chroot and unshare of a mount namespace fail for root inside', async () => {
    for (const cmd of [
      'mount -t tmpfs none /mnt',
      `mount --bind / /mnt`,
      'unshare -m true',
      'chroot /tmp /bin/true',
    ])
      assert.notEqual((await exec(root, cmd)).code, 0, cmd);
  });

  it('writes under /proc/sys and /sys fail', async () => {
    const realHostname = readFileSync('/proc/sys/kernel/hostname', 'utf8');
    for (const cmd of [
      'echo evil > /proc/sys/kernel/hostname',
      'echo 1 > /proc/sys/kernel/sysrq',
      'echo 1 > /proc/sysrq-trigger',
      'echo x > /sys/kernel/uevent_helper',
    ])
      assert.notEqual((await exec(root, cmd)).code, 0, cmd);
    assert.equal(readFileSync('/proc/sys/kernel/hostname', 'utf8'), realHostname);
  });

  it('a real process can be neither signalled nor traced from inside', async () => {
    const pid = sleeper.pid!;
    assert.notEqual((await exec(root, `kill -9 ${pid}`)).code, 0);
    assert.notEqual((await exec(root, `cat /proc/${pid}/mem`)).code, 0);
    assert.notEqual((await exec(root, `ls /proc/${pid}/root/`)).code, 0);
    const strace = await exec(root, `command -v strace && strace -p ${pid}`);
    assert.notEqual(strace.code, 0);
    assert.equal(sleeper.exitCode, null);
    assert.equal(sleeper.signalCode, null);
    assert.ok(readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(sleep)'));
  });

  it('a hard link to a file outside the tree cannot be made', async () => {
    assert.notEqual((await exec(root, `ln ${canary} /tmp/h`)).code, 0);
    assert.notEqual((await exec(root, `ln ${process.execPath} /tmp/node`)).code, 0);
    unchanged();
  });
  /** Whether a TCP connection from inside the machine (bash's /dev/tcp, as `who`) to host:port succeeds. */
  const reachesFromInside = async (who: Client, host: string, port: number) => {
    const r = await exec(
      who,
      `timeout 5 bash -c 'exec 3<>/dev/tcp/${host}/${port}' && echo open || echo closed`,
    );
    return r.out.trim() === 'open';
  };

  it('the network: the admin API and any other port of the real machine are out of reach', async () => {
    const real = net.createServer((s) => {
      accepted++;
      s.destroy();
    });
    let accepted = 0;
    await new Promise<void>((resolve) => real.listen(0, '127.0.0.1', resolve));
    try {
      const realPort = (real.address() as net.AddressInfo).port;
      assert.equal(await reachesFromInside(root, '127.0.0.1', realPort), false);
      assert.equal(await reachesFromInside(smartx, '127.0.0.1', realPort), false);
      const adminUrl = new URL(sim.adminUrl);
      assert.equal(await reachesFromInside(root, adminUrl.hostname, Number(adminUrl.port)), false);
      assert.equal(accepted, 0, 'nothing reached the real port');
      // Only the site's loopback exists: no other interface, no route out.
      const links = (await exec(root, 'ip -o link show')).out.trim().split('\n');
      assert.deepEqual(
        links.map((l) => l.split(':')[1]?.trim()),
        ['lo'],
      );
      assert.equal((await exec(root, 'ip route show; ip -6 route show | grep -v "^::1 "')).out.trim(), '');
      // Root inside cannot add a way out either.
      assert.notEqual((await exec(root, 'ip link add x type veth peer name y')).code, 0);
    } finally {
      real.close();
    }
  });

  it('the network: the simulated appliances answer inside at their addresses; the agent only there', async () => {
    const ssh = sim.resolve(NODE, 22);
    const banner = await exec(
      root,
      `timeout 5 bash -c 'exec 3<>/dev/tcp/${ssh.host}/${ssh.port}; head -c 8 <&3'`,
    );
    assert.equal(banner.out, 'SSH-2.0-');
    const api = sim.resolve(NODE, 80);
    assert.equal(await reachesFromInside(smartx, api.host, api.port), true);
    // The agent's port is bound inside the site's network only: from the real machine it is closed.
    const [port] = (await exec(root, 'cat /etc/sim/agent')).out.trim().split(' ');
    assert.ok(Number(port) > 0);
    const outside = await new Promise<string>((resolve) => {
      const c = net.connect(Number(port), '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve('open')));
      c.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    assert.equal(outside, 'ECONNREFUSED');
  });
});
