// An attempt of setHostPasswords the server timed out may still run on its worker while the retry
// runs: the retry's planned-password login is refused, then the old attempt changes the password, and
// the retry's default-password login is refused too. Seen at 50 concurrent bring-ups on a saturated
// machine (docs/benchmarks.md, "Fleet: worker memory per run"). The retry must find the planned
// password then, not fail the run as "changed by hand".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setHostPasswords } from '../../../src/activities/configure-cluster/index.js';
import { startDeployedSim, type DeployedSim } from './helpers.js';
import { runActivity } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const HOST_PW = 'R4ce-H0st-Pw!';

describe('setHostPasswords while an earlier attempt changes the password (simulator)', () => {
  let d: DeployedSim;
  // The host whose password "the old attempt" changes right after our first login is refused.
  let raced: string | undefined;
  before(async () => {
    d = await startDeployedSim({
      logger: (event, detail) => {
        const machine = (detail as { machine?: string } | undefined)?.machine;
        if (event !== 'ssh-auth-rejected' || !machine || machine !== raced) return;
        raced = undefined;
        for (const user of ['root', 'smartx']) d.sim.ssh.accounts.set(machine, user, HOST_PW);
      },
    });
  });
  after(() => d?.stop());
  after(() => assertNoLenientPath(d.sim));

  it('counts the host as set when the planned password works after both logins were refused', async () => {
    const [target, ...others] = d.sim.core.topology.hosts;
    raced = target.managementIp;
    const hosts = [target, ...others].map((h) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      sshUser: 'smartx',
      password: testSecret(HOST_PW),
    }));
    const { result } = await runActivity(setHostPasswords, { run: d.run, hosts, concurrency: 1 });
    assert.equal(raced, undefined, 'the race happened: a planned-password login was refused first');
    assert.deepEqual(result.alreadySet, [target.hostname]);
    assert.deepEqual([...result.changed].sort(), others.map((h) => h.hostname).sort());
  });
});
