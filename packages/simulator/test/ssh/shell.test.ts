// The simulated machines' shells are real bash: one test per feature a client may rely on, the
// isolation of each machine's files from the real machine and from each other, accounts and sudo
// policies per machine, and SSH refused where isolation is unavailable.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'ssh2';
import { sessionLauncherPid, type RunningSimulator } from '../../src/index.js';
import { startTestSim } from '../smtx/helpers.js';
import { connect, exec } from './helpers.js';

const NODE = '127.1.0.11';

const parentOf = (pid: string) =>
  Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);

/** PIDs of this process's machine inits (children of the `unshare` it or its launcher started). */
function machineInits(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Started by this process's launcher (sandbox/launcher.ts): launcher → nsenter → init.
      const grandparent = parentOf(String(parentOf(pid)));
      if (
        (grandparent === process.pid || grandparent === sessionLauncherPid()) &&
        !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('unshare')
      )
        out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}
const FRESH = 'HC!r0cks';

describe('a host shell is bash', () => {
  let sim: RunningSimulator;
  let c: Client;
  before(async () => {
    // These tests exercise sudo asking smartx's password (the non-default policy).
    sim = await startTestSim({ smartxSudo: 'password' });
    c = await connect(sim, NODE, 'smartx', FRESH);
  });
  after(async () => {
    c?.end();
    await sim?.stop();
  });
  const run = (command: string, stdin?: string) => exec(c, command, { stdin });

  it('bash -lc and sh -c run their script; the session starts in the home directory', async () => {
    assert.deepEqual(await run(`bash -lc 'echo "$0 $HOME"; pwd'`), {
      code: 0,
      out: 'bash /home/smartx\n/home/smartx\n',
      err: '',
    });
    assert.equal((await run(`sh -c 'echo $(( 6 * 7 ))'`)).out, '42\n');
  });

  it('command substitution and variables', async () => {
    assert.equal((await run('x=$(echo sub); y="${x}-$(whoami)"; echo "$y"')).out, 'sub-smartx\n');
    assert.equal((await run('echo "$USER $LOGNAME $(id -u)"')).out, 'smartx smartx 1000\n');
  });

  it('touch, globs and loops', async () => {
    const r = await run(
      'mkdir -p g && cd g && touch a.log b.log c.txt && for f in *.log; do echo "[$f]"; done',
    );
    assert.equal(r.out, '[a.log]\n[b.log]\n');
    assert.equal((await run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i')).out, '3\n');
  });

  it('awk, sed, grep and pipes', async () => {
    assert.equal((await run(`printf 'a 1\\nb 2\\nc 3\\n' | awk '{ s += $2 } END { print s }'`)).out, '6\n');
    assert.equal(
      (await run(`echo 'nameserver 1.1.1.1' | sed 's/1\\.1\\.1\\.1/10.0.0.1/'`)).out,
      'nameserver 10.0.0.1\n',
    );
    assert.equal((await run(`printf 'x\\nInstall ok\\ny\\n' | grep -c Install`)).out, '1\n');
    assert.equal((await run('echo hidden | grep -q nothing')).code, 1);
  });

  it('here-documents and stdin', async () => {
    assert.equal((await run("cat <<'EOF'\n$HOME stays\nEOF")).out, '$HOME stays\n');
    assert.equal((await run('cat <<EOF\n$HOME expands\nEOF')).out, '/home/smartx expands\n');
    assert.equal((await run('read a; read b; echo "$b/$a"', 'one\ntwo\n')).out, 'two/one\n');
  });

  // In a pipeline sudo's stdin is the pipe: the password goes to a first sudo, whose timestamp the
  // second one (same parent shell) reuses.
  it('redirects are opened with the caller’s rights (sudo does not lift them), tee under sudo works', async () => {
    const denied = await run("sudo -S -p '' echo x > /etc/resolv.conf", `${FRESH}\n`);
    assert.equal(denied.code, 1);
    assert.match(denied.err, /\/etc\/resolv\.conf: Permission denied/);
    const ok = await run(
      "sudo -S -p '' true && echo 'nameserver 10.0.0.1' | sudo tee /etc/resolv.conf > /dev/null",
      `${FRESH}\n`,
    );
    assert.equal(ok.code, 0, ok.err);
    assert.equal((await run('cat /etc/resolv.conf')).out, 'nameserver 10.0.0.1\n');
    assert.equal((await run('echo a > f.txt && echo b >> f.txt 2>/dev/null && cat f.txt')).out, 'a\nb\n');
  });

  it('exit codes: of the last command, of exit N, 127 for an unknown command, of a pipeline', async () => {
    assert.equal((await run('false')).code, 1);
    assert.equal((await run('exit 44')).code, 44);
    const unknown = await run('no-such-command');
    assert.equal(unknown.code, 127);
    assert.match(unknown.err, /no-such-command: command not found/);
    assert.equal((await run('set -o pipefail; false | true')).code, 1);
  });

  it('hostname and the machine’s own processes (pgrep/ps see only this machine)', async () => {
    assert.equal((await run('hostname')).out, 'node-01\n');
    const ps = await run('ps -eo args');
    assert.ok(!ps.out.includes('node '), ps.out); // the simulator itself is not a process of the machine
  });
});

describe('isolation', () => {
  let sim: RunningSimulator;
  before(async () => {
    // These tests exercise sudo asking smartx's password (the non-default policy).
    sim = await startTestSim({ smartxSudo: 'password' });
  });
  after(() => sim?.stop());

  it('root of a machine reads and writes only its own tree', async () => {
    const root = await connect(sim, NODE, 'root', FRESH);
    try {
      const marker = `/etc/hci-sim-isolation-${process.pid}`;
      assert.equal((await exec(root, `echo inside > ${marker} && cat ${marker}`)).out, 'inside\n');
      assert.ok(!existsSync(marker), 'the real /etc is untouched');
      const bashrc = await exec(root, 'cat /root/.bashrc');
      assert.equal(bashrc.code, 1);
      if (existsSync('/root/.bashrc')) assert.ok(!bashrc.out.includes(readFileSync('/root/.bashrc', 'utf8')));
      assert.match((await exec(root, `ls ${process.cwd()}`)).err, /No such file or directory/);
      assert.match((await exec(root, 'touch /usr/x')).err, /Read-only file system/);
      // Root keeps no capability to leave the tree: no mount, no chroot.
      assert.notEqual((await exec(root, 'mount -t tmpfs none /mnt')).code, 0);
      assert.notEqual((await exec(root, 'mkdir -p /tmp/j && chroot /tmp/j /bin/true')).code, 0);
      // Another machine does not see this one's files.
      const other = await connect(sim, '127.1.0.12', 'root', FRESH);
      assert.equal((await exec(other, `test -e ${marker}`)).code, 1);
      other.end();
    } finally {
      root.end();
    }
  });

  it('a non-root account is held by file permissions', async () => {
    const c = await connect(sim, NODE, 'smartx', FRESH);
    try {
      assert.match((await exec(c, 'echo x > /etc/x')).err, /Permission denied/);
      assert.match((await exec(c, 'cat /etc/shadow')).err, /Permission denied/);
      assert.match((await exec(c, 'ls /root')).err, /Permission denied/);
    } finally {
      c.end();
    }
  });

  it('stopping the simulator ends the machines and removes their trees', async () => {
    const others = machineInits(); // machines of the other simulators of this file
    const s2 = await startTestSim();
    let stopped = false;
    try {
      const c = await connect(s2, NODE, 'smartx', FRESH);
      assert.equal((await exec(c, 'test -f /etc/passwd && echo $$')).code, 0);
      c.end();
      // The tree lives inside the machine (a tmpfs of its mount namespace): on the real disk its
      // directory holds only the empty mount points.
      const dir = `${s2.stateDir}/machines/${NODE}`;
      assert.ok(existsSync(dir));
      assert.deepEqual(readdirSync(`${dir}/root`), []);
      assert.ok(!existsSync(`${dir}/root/etc/passwd`));
      const inits = machineInits().filter((pid) => !others.includes(pid));
      assert.ok(inits.length > 0);
      await s2.stop();
      stopped = true;
      assert.ok(!existsSync(`${s2.stateDir}/machines`));
      // SIGKILL is delivered at once; the kernel may take a moment to tear a PID namespace down.
      const alive = () =>
        inits.filter(
          (pid) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')),
        );
      for (let i = 0; i < 50 && alive().length; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(alive(), [], 'every machine process ended');
    } finally {
      if (!stopped) await s2.stop();
    }
  });
});

describe('accounts and sudo policies', () => {
  it('smartx has NOPASSWD by default (-S reads nothing); with smartxSudo password it asks', async () => {
    const withPw = await startTestSim({ smartxSudo: 'password' });
    const noPw = await startTestSim();
    try {
      const a = await connect(withPw, NODE, 'smartx', FRESH);
      const strict = await exec(a, 'sudo -n true');
      assert.deepEqual([strict.code, strict.err], [1, 'sudo: a password is required\n']);
      assert.equal(
        (await exec(a, "sudo -S -p '' sh -c 'id -u; cat'", { stdin: `${FRESH}\nrest\n` })).out,
        '0\nrest\n',
      );
      a.end();
      const b = await connect(noPw, NODE, 'smartx', FRESH);
      assert.equal((await exec(b, 'sudo -n true')).code, 0);
      // NOPASSWD: the first line is not taken as a password, it reaches the command.
      assert.equal(
        (await exec(b, "sudo -S -p '' sh -c 'id -u; cat'", { stdin: `${FRESH}\nrest\n` })).out,
        `0\n${FRESH}\nrest\n`,
      );
      b.end();
    } finally {
      await withPw.stop();
      await noPw.stop();
    }
  });

  it('the CloudTower VM has cloudtower (no root login), OBS has o11y on 10022, both with password sudo', async () => {
    const sim = await startTestSim();
    try {
      await sim.core.openPorts('127.1.1.2', 'cloudtower', [22]);
      await sim.core.openPorts('127.1.1.3', 'obs', [10022]);
      await assert.rejects(connect(sim, '127.1.1.2', 'root', FRESH), /authentication/i);
      const ct = await connect(sim, '127.1.1.2', 'cloudtower', FRESH);
      assert.equal((await exec(ct, 'whoami; sudo -n true')).code, 1);
      ct.end();
      const obs = await connect(sim, '127.1.1.3', 'o11y', FRESH, 10022);
      assert.equal((await exec(obs, "sudo -S -p '' whoami", { stdin: `${FRESH}\n` })).out, 'root\n');
      assert.equal((await exec(obs, "sudo -S -p '' nerdctl ps", { stdin: `${FRESH}\n` })).code, 0);
      obs.end();
    } finally {
      await sim.stop();
    }
  });
});

describe('without isolation', () => {
  it('refuses SSH sessions and says why; never runs a command on the real machine', async () => {
    const sim = await startTestSim({
      unshareCommand: '/nonexistent/unshare',
      withoutIsolation: 'refuse-sessions',
    });
    try {
      assert.equal(sim.ssh.isolation.ok, false);
      const c = await connect(sim, NODE, 'smartx', FRESH);
      const marker = `/tmp/hci-sim-refused-${process.pid}`;
      await assert.rejects(exec(c, `touch ${marker}`));
      assert.ok(!existsSync(marker));
      c.end();
      const events = sim.core.events.map((e) => e.event);
      assert.ok(events.includes('ssh-isolation-unavailable'));
      assert.ok(events.includes('ssh-session-refused'));
    } finally {
      await sim.stop();
    }
  });
});
