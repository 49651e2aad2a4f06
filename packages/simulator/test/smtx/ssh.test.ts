/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- JSON from the wire, checked by the assertions */
// SSH behaviour over real ssh2 connections: host passwords after deploy and chpasswd; the
// CloudTower VM path from ISO upload to a running installer and HTTPS 443 coming up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'ssh2';
import type { RunningSimulator } from '../../src/index.js';
import { connect, exec } from '../ssh/helpers.js';
import { admin, call, deployCluster, login, startTestSim, waitFor, waitJob } from './helpers.js';

/** An interactive login shell with a pty: what is typed, and waiting for the screen to show something. */
function shell(
  c: Client,
): Promise<{ write(t: string): void; until(re: RegExp): Promise<void>; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    c.shell({ term: 'xterm' }, (err, stream) => {
      if (err) return reject(err);
      let screen = '';
      let code = -1;
      stream.on('data', (d: Buffer) => (screen += d.toString()));
      stream.on('exit', (x: number) => (code = x));
      const closed = new Promise<number>((r) => stream.on('close', () => r(code)));
      resolve({
        write: (t) => stream.write(t),
        until: async (re) => {
          await waitFor(`screen ${re}`, async () => re.test(screen), 10_000);
          screen = '';
        },
        closed,
      });
    });
  });
}

describe('host SSH', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim({ smartxSudo: 'password', smtx: { deploySeconds: 60 } }); // sudo asks smartx's password
    await deployCluster(sim);
  });
  after(() => sim.stop());

  it('accepts smartx with the default password after deploy and really changes passwords', async () => {
    const c = await connect(sim, '127.1.0.11', 'smartx', 'P@ssw0rd!123');
    const denied = await exec(c, "echo 'root:N3w!pass' | chpasswd");
    assert.equal(denied.code, 1);
    const r = await exec(c, "sudo -S -p '' chpasswd", {
      stdin: 'P@ssw0rd!123\nsmartx:N3w!pass\nroot:N3w!pass\n',
    });
    assert.equal(r.code, 0, r.err);
    c.end();
    await assert.rejects(connect(sim, '127.1.0.11', 'smartx', 'P@ssw0rd!123'), /authentication/i);
    const c2 = await connect(sim, '127.1.0.11', 'smartx', 'N3w!pass');
    assert.equal((await exec(c2, 'whoami')).out, 'smartx\n');
    c2.end();
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    assert.equal(state.passwordChanges.length, 2);
    assert.ok(!JSON.stringify(state).includes('N3w!pass'));
  });

  it('sudo parses its options and takes the password from stdin; tail, head, mv, cp, if work like GNU/bash', async () => {
    const c = await connect(sim, '127.1.0.13', 'smartx', 'P@ssw0rd!123');
    const pw = 'P@ssw0rd!123\n';
    // -S -p '' is not "run the command ''": the command runs, and gets the stdin after the password.
    const s1 = await exec(c, "sudo -S -p '' -E -H -u root -- sh -c 'whoami; cat'", { stdin: `${pw}rest\n` });
    assert.deepEqual([s1.code, s1.out, s1.err], [0, 'root\nrest\n', '']);
    const s2 = await exec(c, 'sudo -Sp "" -u smartx whoami', { stdin: pw });
    assert.deepEqual([s2.code, s2.out], [0, 'smartx\n']);
    const nonInteractive = await exec(c, 'sudo -n -S whoami', { stdin: pw });
    assert.deepEqual([nonInteractive.code, nonInteractive.err], [1, 'sudo: a password is required\n']);
    const bad = await exec(c, "sudo -S -p '' whoami", { stdin: 'wrong\n' });
    assert.equal(bad.code, 1);
    assert.equal(bad.out, '');
    // Real sudo (Debian 1.9): the wrong line, then no more lines on stdin.
    assert.match(bad.err, /Sorry, try again\.\n[\s\S]*sudo: 1 incorrect password attempt/);
    const noPw = await exec(c, 'sudo whoami');
    assert.equal(noPw.code, 1);
    assert.match(noPw.err, /a terminal is required to read the password; either use the -S option/);
    assert.match((await exec(c, 'sudo -S -q whoami', { stdin: pw })).err, /invalid option -- 'q'/);
    // The prompt goes to stderr with -S (not mixed into the output).
    const prompted = await exec(c, 'sudo -S whoami', { stdin: pw });
    assert.deepEqual([prompted.out, prompted.err], ['root\n', '[sudo] password for smartx: ']);

    assert.equal((await exec(c, "printf 'one\\ntwo\\nthree\\n' > log.txt")).code, 0);
    assert.equal((await exec(c, 'tail -c +5 -- log.txt')).out, 'two\nthree\n');
    assert.equal((await exec(c, 'tail -c 6 log.txt')).out, 'three\n');
    assert.equal((await exec(c, 'tail -n +2 log.txt')).out, 'two\nthree\n');
    assert.equal((await exec(c, 'tail -n 1 log.txt')).out, 'three\n');
    assert.equal((await exec(c, 'tail -c +5 log.txt | head -c 3')).out, 'two');
    assert.equal((await exec(c, 'head -n -1 log.txt')).out, 'one\ntwo\n');

    const cond = 'if [ -s log.txt ]; then echo has; elif [ -e log.txt ]; then echo empty; else exit 44; fi';
    assert.equal((await exec(c, cond)).out, 'has\n');
    assert.equal(
      (await exec(c, 'if [ -e nope ]; then echo yes; else exit 44; fi; echo not-reached')).code,
      44,
    );
    assert.equal((await exec(c, 'if true; then echo a\nfi')).out, 'a\n');

    assert.equal((await exec(c, 'cp log.txt copy.txt && mkdir old && mv log.txt old/')).code, 0);
    assert.equal((await exec(c, 'cat copy.txt old/log.txt')).out, 'one\ntwo\nthree\n'.repeat(2));
    const gone = await exec(c, 'cat log.txt');
    assert.equal(gone.code, 1);
    assert.match(gone.err, /No such file/);
    assert.equal((await exec(c, 'mv old/log.txt /tmp/moved.txt && test -f /tmp/moved.txt')).code, 0);
    assert.match((await exec(c, 'mv /tmp/moved.txt /etc/moved.txt')).err, /Permission denied/);
    assert.match((await exec(c, 'mv nope.txt x.txt')).err, /cannot stat 'nope.txt'/);
    c.end();
  });

  it('drops an SSH session on an injected fault', async () => {
    await admin(sim, 'PUT', '/__sim/faults', { rules: [{ match: 'ssh:exec:host', kind: 'drop', nth: 1 }] });
    const c = await connect(sim, '127.1.0.12', 'smartx', 'P@ssw0rd!123');
    await assert.rejects(
      exec(c, 'whoami').then((r) => (r.code === -1 ? Promise.reject(new Error('dropped')) : r)),
      /dropped|closed|No response|Unable to exec/i,
    );
    const c2 = await connect(sim, '127.1.0.12', 'smartx', 'P@ssw0rd!123');
    assert.equal((await exec(c2, 'hostname')).out, 'node-02\n');
    c2.end();
  });
});

describe('CloudTower VM: ISO, VM, network, installer, HTTPS', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim({
      speed: 500,
      installerSeconds: 3000,
      smtx: { deploySeconds: 60, guestInstallSeconds: 120, chunkSize: 1024 },
    });
    await deployCluster(sim);
  });
  after(() => sim.stop());

  it('goes from upload to a finished install, resolv.conf edits stick, HTTPS answers', async () => {
    const ip = '127.1.0.11';
    const token = await login(sim, ip);
    const iso = Buffer.alloc(2500, 7);
    const vol = await call(
      sim,
      ip,
      'POST',
      `/api/v2/images/upload/volume?description=&name=cloudtower.iso&device=nfs&task_id=1&size=${iso.length}`,
      { token },
    );
    assert.deepEqual(vol.body.data.to_upload, [0, 1, 2]);
    for (const n of [0, 1, 2]) {
      const part = iso.subarray(n * 1024, Math.min(iso.length, (n + 1) * 1024));
      const body = Buffer.concat([
        Buffer.from(
          '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n',
        ),
        part,
        Buffer.from('\r\n--XyZ--\r\n'),
      ]);
      const q = `zbs_volume_id=${vol.body.data.zbs_volume_id}&chunk_num=${n}&image_uuid=${vol.body.data.image_uuid}`;
      const r = await call(sim, ip, 'POST', `/api/v2/images/upload?${q}`, {
        token,
        body,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    // Only an image whose upload finished (hashed in the background after the last chunk) boots.
    await waitFor('image hashed', async () => {
      const images = (await admin(sim, 'GET', '/__sim/state')).body.images as { hashed: boolean }[];
      return images.some((i) => i.hashed);
    });
    const state0 = (await admin(sim, 'GET', '/__sim/state')).body;
    const vlan = state0.vlans.find((v: { name: string }) => v.name === 'default');
    const policy = (await call(sim, ip, 'GET', '/api/v2/storage_policies', { token })).body.data[0].uuid;
    const create = await call(sim, ip, 'POST', '/api/v2/vms', {
      token,
      json: {
        vm_name: 'cloudtower',
        vcpu: 8,
        memory: 20401094656,
        cpu: { topology: { sockets: 8, cores: 1 } },
        nics: [{ ovs: 'ovsbr-x', model: 'virtio', mirror: false, vlan_uuid: vlan.uuid, link: 'up' }],
        disks: [
          {
            type: 'disk',
            bus: 'virtio',
            storage_policy_uuid: policy,
            name: 'cloudtower-os',
            quota_policy: null,
            size_in_byte: 429496729600,
          },
          { type: 'cdrom', bus: 'ide', path: vol.body.data.image_path, disabled: false },
        ],
        ha: true,
        status: 'running',
      },
    });
    const job = await waitJob(sim, ip, token, create.body.data.job_id);
    const vmUuid = Object.keys(job.resources)[0];
    const early = await call(sim, ip, 'PUT', `/api/v2/vms/${vmUuid}`, {
      token,
      json: {
        nics: [
          { vlan_uuid: vlan.uuid, ip_address: '127.1.1.2', subnet_mask: '255.255.0.0', gateway: '127.1.0.1' },
        ],
      },
    });
    assert.equal(
      (await waitJob(sim, ip, token, early.body.data.job_id)).state,
      'failed',
      'no guest agent yet',
    );
    await assert.rejects(connect(sim, '127.1.1.2', 'cloudtower', 'HC!r0cks'), /ECONNREFUSED/);
    await waitFor(
      'guest agent',
      async () =>
        (await call(sim, ip, 'GET', `/api/v2/vms/${vmUuid}`, { token })).body.data.guest_info?.ga_state ===
        'Running',
    );
    // Its OS is up with the guest agent: the machine runs before anyone logs in (the first session
    // does not pay for starting it).
    await waitFor('the CloudTower machine started', async () =>
      sim.core.events.some(
        (e) =>
          e.event === 'ssh-machine-started' && (e.detail as { machine?: string }).machine === '127.1.1.2',
      ),
    );
    assert.ok(sim.core.events.some((e) => e.event === 'machine-booted'));
    const vm = (await call(sim, ip, 'GET', `/api/v2/vms/${vmUuid}`, { token })).body.data;
    const upd = await call(sim, ip, 'PUT', `/api/v2/vms/${vmUuid}`, {
      token,
      json: {
        nics: [
          {
            vlan_uuid: vlan.uuid,
            ovs: 'ovsbr-x',
            model: 'virtio',
            mac_address: vm.nics[0].mac_address,
            mirror: false,
            gateway: '127.1.0.1',
            subnet_mask: '255.255.0.0',
            ip_address: '127.1.1.2',
            link: 'up',
          },
        ],
      },
    });
    assert.equal((await waitJob(sim, ip, token, upd.body.data.job_id)).state, 'done');

    const c = await connect(sim, '127.1.1.2', 'cloudtower', 'HC!r0cks');
    // Redirect denied to a non-root shell; tee under sudo works and sticks.
    assert.equal((await exec(c, "sudo echo 'nameserver 10.0.0.114' > /etc/resolv.conf")).code, 1);
    // The second sudo of the line asks no password: the first one left sudo's timestamp.
    assert.equal(
      (
        await exec(
          c,
          "sudo -S -p '' true && printf 'nameserver 10.0.0.114\\nnameserver 10.0.0.1\\n' | sudo tee /etc/resolv.conf > /dev/null",
          { stdin: 'HC!r0cks\n' },
        )
      ).code,
      0,
    );
    assert.equal((await exec(c, 'cat /etc/resolv.conf')).out, 'nameserver 10.0.0.114\nnameserver 10.0.0.1\n');
    // The seed's command, typed into an interactive shell (a pty, so nohup writes nohup.out). sudo
    // asks once for the terminal; the line's later sudo calls reuse that tty's timestamp. In the
    // background sudo could not read the terminal, so the password is given to a foreground sudo first.
    const sh = await shell(c);
    await sh.until(/\$ $/);
    sh.write('sudo -v\n');
    await sh.until(/\[sudo\] password for cloudtower: $/);
    sh.write('HC!r0cks\n');
    await sh.until(/\$ $/);
    sh.write(
      'sudo sh /usr/share/smartx/tower/preinstall.sh && sudo nohup sudo /usr/share/smartx/tower/installer/binary/installer deploy &\n',
    );
    await waitFor('nohup.out', async () => (await exec(c, 'test -s nohup.out')).code === 0);
    sh.write('exit\n');
    assert.equal(await sh.closed, 0);
    c.end();
    const c2 = await connect(sim, '127.1.1.2', 'cloudtower', 'HC!r0cks');
    assert.equal((await exec(c2, 'pgrep -f installer')).code, 0);
    // nohup ran as root: nohup.out is root's (0600), so reading it takes sudo, as the seed says.
    assert.match((await exec(c2, 'tail -n 5 nohup.out')).err, /Permission denied/);
    const asRoot = (cmd: string) => exec(c2, `sudo -S -p '' ${cmd}`, { stdin: 'HC!r0cks\n' });
    const size1 = Number((await asRoot('stat -c %s nohup.out')).out);
    await waitFor(
      'installer log',
      async () => (await asRoot('tail -n 5 nohup.out')).out.includes('Install Operation Center Successfully'),
      20_000,
    );
    assert.ok(Number((await asRoot('wc -c nohup.out')).out.split(' ')[0]) > size1);
    // The installer ends after its last line (a loaded machine may take a moment to reap it).
    await waitFor('the installer ended', async () => (await exec(c2, 'pgrep -f installer')).code === 1);
    c2.end();
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    assert.equal(state.installerRuns.length, 1);
    assert.equal(state.installerRuns[0].status, 'succeeded');
    assert.equal(
      state.machineFiles['127.1.1.2']['/etc/resolv.conf'],
      'nameserver 10.0.0.114\nnameserver 10.0.0.1\n',
    );
    const https = await call(sim, '127.1.1.2', 'POST', '/api', {
      json: {
        operationName: 'checkTowerIsSetup',
        variables: {},
        query: 'query checkTowerIsSetup { userCreated { created } }',
      },
    });
    assert.ok(https.status < 500, `HTTPS answers (status ${https.status})`);
  });

  it('pkill stops a nohup installer: it writes no more and never reports success', async () => {
    await admin(sim, 'PUT', '/__sim/faults', { rules: [] });
    const c = await connect(sim, '127.1.1.2', 'cloudtower', 'HC!r0cks');
    const pw = { stdin: 'HC!r0cks\n' };
    const log = '/home/cloudtower/kill-test.out';
    const start = await exec(
      c,
      `sudo -S -p '' sh -c 'nohup /usr/share/smartx/tower/installer/binary/installer deploy > ${log} 2>&1 &'`,
      pw,
    );
    assert.equal(start.code, 0, start.err);
    await waitFor('installer output', async () => Number((await exec(c, `stat -c %s ${log}`)).out) > 0);
    const listed = await exec(c, "pgrep -fa '[/]usr/share/smartx/tower/installer/binary/installer deploy'");
    assert.equal(listed.out.trim().split('\n').length, 1, listed.out);
    // Not allowed without root; as root it works.
    assert.match((await exec(c, 'pkill -f installer')).err, /Operation not permitted/);
    assert.equal(
      (await exec(c, "sudo -S -p '' pkill -f '[/]installer/binary/installer deploy'", pw)).code,
      0,
    );
    const size = Number((await exec(c, `stat -c %s ${log}`)).out);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(Number((await exec(c, `stat -c %s ${log}`)).out), size);
    assert.doesNotMatch((await exec(c, `cat ${log}`)).out, /Successfully|Failed/);
    assert.equal((await exec(c, 'pgrep -f installer/binary')).code, 1);
    const state = (await admin(sim, 'GET', '/__sim/state')).body;
    assert.equal(state.installerRuns.at(-1).status, 'killed-sigterm');
    c.end();
  });

  it('an installer fault fails the run with its log line', async () => {
    // A second VM machine is not needed: the installer refuses to run concurrently but records the run.
    const c = await connect(sim, '127.1.1.2', 'cloudtower', 'HC!r0cks');
    await admin(sim, 'PUT', '/__sim/faults', {
      rules: [{ match: 'installer', kind: 'fail', progress: 0.3 }],
    });
    const r = await exec(c, "sudo -S -p '' /usr/share/smartx/tower/installer/binary/installer deploy", {
      stdin: 'HC!r0cks\n',
    });
    assert.equal(r.code, 1);
    assert.match(r.out, /Install Operation Center Failed/);
    c.end();
  });
});
