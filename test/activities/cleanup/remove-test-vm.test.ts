/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Cleanup of a stage 09 test VM through CloudTower against the simulator: a running VM is powered
// off, then deleted; delete-vm's answer lost → the retry waits for that delete, never sends a second;
// the guest stops answering SSH; run again, it is already gone; a VM the run found is never touched.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import {
  createTestVm,
  locateTestVmPackages,
  startTestVm,
  uploadTestVmImage,
  waitForTestVmSsh,
} from '../../../src/activities/test-load/index.js';
import { removeLedgerEntry } from '../../../src/activities/cleanup/remove-ledger-entry.js';
import { writeSampleTestVmPackages } from '../../../src/plan/sample-test-vm-packages.js';
import { towerRest } from '../../../src/activities/support/tower-clients.js';
import { CloudTowerVmApi } from '../../../src/smartx/index.js';
import type { LedgerEntry } from '../../../src/run/ledger.js';
import { resolverFor } from '../../../src/activities/support/remote.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, recorded, recordedText, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

/** Whether something accepts TCP connections on the test VM's SSH port. */
async function sshAnswers(f: TowerFixture, ip: string): Promise<boolean> {
  const ep = resolverFor(f.run).resolve(ip, 22);
  return new Promise((resolve) => {
    const s = net.connect({ host: ep.host, port: ep.port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('cleanup: a test VM leaves through CloudTower', () => {
  let f: TowerFixture;
  let vmId: string;
  let ip: string;
  const vmName = 'SIM-CLUSTER-pat-test';
  const entry = (id: string, createdByRun = true): LedgerEntry => ({
    kind: 'test-vm',
    id,
    name: `test VM ${vmName}`,
    where: `cloudtower ${f.cloudtowerIp}`,
    createdByRun,
    step: 'testload/createTestVm',
    removal: 'api',
  });
  const request = (e: LedgerEntry) => ({
    run: f.run,
    vip: f.clusterVip,
    fisheye: { user: 'admin', password: { secretRef: 'plan:fisheye.password' } },
    tower: { cloudtowerIp: f.cloudtowerIp, rootPassword: f.tower.rootPassword },
    entry: e,
    workflowId: 'run-1',
  });

  before(async () => {
    f = await startTowerFixture(3);
    const dir = path.join(f.scratch, 'packages');
    writeSampleTestVmPackages(dir, 1024 * 1024 + 5);
    const [pkg] = (await runIn(activityEnv(), locateTestVmPackages, { packageDir: dir })).packages;
    const vlans = await towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword).getVlans();
    const vlan = vlans.find((l) => l.name === 'default') ?? vlans[0];
    ip = (f.sim.core.topology.testVms ?? [])[0];
    const image = await runIn(activityEnv(), uploadTestVmImage, {
      ...f.tower,
      clusterVip: f.clusterVip,
      pkg,
    });
    const vm = await runIn(activityEnv(), createTestVm, {
      ...f.tower,
      clusterVip: f.clusterVip,
      vmName,
      pkg,
      uploadTaskId: image.uploadTaskId,
      network: {
        name: vlan.name,
        vlanId: vlan.vlan_id ?? 0,
        subnetMask: '255.255.0.0',
        gateway: '127.1.0.1',
      },
      ip,
    });
    assert.equal(vm.created, true);
    vmId = vm.vmId;
    await runIn(activityEnv(), startTestVm, { ...f.tower, vmId, vmName });
    await runIn(activityEnv(), waitForTestVmSsh, { run: f.run, vmName, ip });
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('powers off and deletes once, also when delete-vm answers never; SSH goes with it', async () => {
    assert.equal(await sshAnswers(f, ip), true, 'the running test VM answers SSH');
    await f.setFaults([{ match: 'cloudtower.rest.delete-vm', kind: 'lost-reply', nth: 1 }]);
    const beats = recorded.heartbeats.length;
    try {
      await assert.rejects(runIn(activityEnv(), removeLedgerEntry, request(entry(vmId))));
      // The retry gets the attempt's last heartbeat, as Temporal gives it: the power-off task only.
      const last = recorded.heartbeats.slice(beats).at(-1) as { poweroffTask?: string; deleteTask?: string };
      assert.ok(last?.poweroffTask, 'the power-off task id was heartbeated');
      assert.equal(last.deleteTask, undefined, 'the delete answer never came');
      const out = await runIn(
        activityEnv({ heartbeatDetails: last, attempt: 2 }),
        removeLedgerEntry,
        request(entry(vmId)),
      );
      assert.equal(out.outcome, 'removed');
    } finally {
      await f.setFaults([]);
    }
    const state = await f.simState();
    assert.equal(state.cloudtower.effects['rest:poweroff-vm'], 1, 'powered off once');
    assert.equal(state.cloudtower.effects['rest:delete-vm'], 1, 'deleted once');
    assert.equal(state.cloudtower.vms.length, 0, 'the VM is gone');
    assert.equal(state.cloudtower.vmVolumes.length, 1, 'its volume stays (delete-vm keeps volumes)');
    assert.equal(state.cloudtower.elfUploads.length, 1, 'the image upload stays (found by name next time)');
    assert.equal(await sshAnswers(f, ip), false, 'its guest no longer answers SSH');

    const again = await runIn(activityEnv(), removeLedgerEntry, request(entry(vmId)));
    assert.equal(again.outcome, 'already-gone');
    assert.equal((await f.simState()).cloudtower.effects['rest:delete-vm'], 1);
    assert.ok(!recordedText().includes('HC!r0cks'), 'no password in logs or heartbeats');
  });

  it('a test VM the run found (not created) is refused; delete-vm bodies are strict', async () => {
    await assert.rejects(
      runIn(activityEnv(), removeLedgerEntry, request(entry('someone-elses', false))),
      /not created by this run/,
    );
    const rest = towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword);
    // Nothing matches: nothing to do (an empty answer), as a `where` selecting no VM.
    assert.deepEqual(await new CloudTowerVmApi(rest).deleteVm({ id: 'no-such-vm' }), []);
    await assert.rejects(
      rest.http.call({
        method: 'POST',
        path: '/v2/api/delete-vm',
        json: { where: { id: 'x' }, force: true },
        parse: 'json',
        schema: z.unknown(),
      }),
      /400|force/,
    );
  });
});
