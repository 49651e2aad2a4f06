// setHostPasswords on hosts where `smartx` has passwordless sudo (NOPASSWD, seen in the field): sudo
// then reads no password from stdin, so a password line fed first would reach chpasswd. The activity
// probes sudo and changes both passwords either way (the password-required case is in
// configure-cluster.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setHostPasswords } from '../../../src/activities/configure-cluster/index.js';
import { SecretValue, SshError, SshSession } from '../../../src/smartx/index.js';
import { simState, startDeployedSim, type DeployedSim } from './helpers.js';
import { recordedText, runActivity } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const HOST_PW = 'N0passwd-H0st!';
const DEFAULT_PW = 'P@ssw0rd!123';

describe('setHostPasswords with NOPASSWD sudo for smartx (simulator)', () => {
  let d: DeployedSim;
  before(async () => {
    d = await startDeployedSim({ smartxSudo: 'nopasswd' });
  });
  after(() => d?.stop());
  after(() => assertNoLenientPath(d.sim));

  it('the old way fails there: the sudo password line reaches chpasswd', async () => {
    const s = await SshSession.connect(
      { address: d.hostIps[2], user: 'smartx', password: DEFAULT_PW },
      d.resolver,
    );
    try {
      assert.equal(await s.sudoMode(), 'nopasswd');
      const r = await s.exec("sudo -S -p '' chpasswd", {
        timeoutMs: 10_000,
        stdin: [new SecretValue(DEFAULT_PW), new SecretValue('nosuchuser:Unused-9')],
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /line 1: missing new password/);
      assert.ok(!r.stderr.includes(DEFAULT_PW));
    } finally {
      s.close();
    }
  });

  it('changes root and smartx on every host; a second run finds them set', async () => {
    const hosts = d.sim.core.topology.hosts.map((h) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      sshUser: 'smartx',
      password: testSecret(HOST_PW),
    }));
    const first = (await runActivity(setHostPasswords, { run: d.run, hosts, concurrency: 3 })).result;
    assert.deepEqual([...first.changed].sort(), hosts.map((h) => h.hostname).sort());
    for (const h of hosts) {
      for (const user of ['smartx', 'root']) {
        const s = await SshSession.connect({ address: h.managementIp, user, password: HOST_PW }, d.resolver);
        // sudo still needs no password (and takes none) after the change.
        if (user === 'smartx') assert.equal((await s.sudo('id -u', { timeoutMs: 10_000 })).stdout, '0\n');
        s.close();
      }
      await assert.rejects(
        SshSession.connect({ address: h.managementIp, user: 'smartx', password: DEFAULT_PW }, d.resolver),
        (e: unknown) => e instanceof SshError && e.kind === 'auth',
      );
    }
    const second = (await runActivity(setHostPasswords, { run: d.run, hosts })).result;
    assert.deepEqual(second.changed, []);
    const changes = (await simState(d.sim)).passwordChanges.filter((c) => c.via === 'chpasswd');
    assert.deepEqual(
      changes.map((c) => `${c.machine} ${c.user}`).sort(),
      hosts.flatMap((h) => [`${h.managementIp} root`, `${h.managementIp} smartx`]).sort(),
    );
    assert.ok(!recordedText().includes(HOST_PW));
  });
});
