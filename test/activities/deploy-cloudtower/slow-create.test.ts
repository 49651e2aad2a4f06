// Creates whose answer comes late or never (slow-create / lost-reply faults): the attempt dies while
// the create is in flight and the next attempt must find what the appliance made instead of making
// a second one. The VM (Fisheye job), the business VDS and its VLAN.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import * as ct from '../../../src/activities/deploy-cloudtower/index.js';
import { configureBusinessNetworks } from '../../../src/activities/configure-cluster/index.js';
import { fisheye, setFaults, simState, sparseIso, startClusterLab, VIP } from './helpers.js';
import type { Lab } from '../../helpers/lab.js';
import { activityEnv, runActivity } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const MiB = 1024 * 1024;

describe('creates answered late or never', () => {
  let lab: Lab;
  before(async () => {
    lab = await startClusterLab();
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  it('VM: the attempt is cancelled while POST /api/v2/vms is in flight; one VM, the retry finds it', async () => {
    const iso = await sparseIso(lab.dir, 'cloudtower-v6.0.0.oe2003.x86_64.iso', 4 * MiB);
    const { result: image } = await runActivity(ct.uploadCloudTowerIso, {
      run: lab.run,
      vip: VIP,
      fisheye,
      iso,
    });
    const { result: placement } = await runActivity(ct.findCloudTowerVmPlacement, {
      run: lab.run,
      vip: VIP,
      fisheye,
      managementVdsName: 'VDS-MGT',
      managementNetworkName: 'mgt-network',
    });
    const req = {
      run: lab.run,
      vip: VIP,
      fisheye,
      vmName: 'tower-slow',
      imagePath: image.imagePath,
      placement,
    };
    await setFaults(lab.sim, [{ match: 'fisheye.vms.create', kind: 'slow-create', delayMs: 3000, nth: 1 }]);
    try {
      const env = activityEnv();
      const first = env.run(ct.createCloudTowerVm, req).then(
        (r) => r,
        (e: unknown) => e,
      );
      const vmsNamed = async () => (await simState(lab.sim)).vms.filter((v) => v.vm_name === req.vmName);
      // The VM exists (its job ran) while the answer to the POST is still held back.
      for (const end = Date.now() + 10_000; (await vmsNamed()).length === 0 && Date.now() < end;)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal((await vmsNamed()).length, 1, 'the appliance made the VM before answering');
      env.cancel();
      const second = await runActivity(ct.createCloudTowerVm, req);
      assert.equal(second.result.created, false, 'found, not created again');
      const late = await first;
      // The abandoned attempt either stops or, having got its late answer, names the same VM
      // (Temporal drops the result of an attempt that timed out).
      if (!(late instanceof CancelledFailure))
        assert.deepEqual(late, { vmUuid: second.result.vmUuid, created: true }, String(late));
      const vms = await vmsNamed();
      assert.equal(vms.length, 1, 'one VM');
      assert.equal(vms[0].uuid, second.result.vmUuid);
      assert.equal(
        (await simState(lab.sim)).requests.filter((r) => r.route === 'fisheye.vms.create').length,
        1,
      );
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('VDS and VLAN: their creates take effect but the replies are lost; the retry makes no second', async () => {
    const state = await simState(lab.sim);
    const hosts = (state as unknown as { hosts: { uuid: string }[] }).hosts.map((h, i) => ({
      hostUuid: h.uuid,
      storageIp: `127.1.2.${11 + i}`,
    }));
    const req = {
      run: lab.run,
      vip: VIP,
      fisheye,
      networkArchitecture: 'three-separate' as const,
      managementVdsName: 'VDS-MGT',
      businessVds: { name: 'vDS-Slow', nics: ['ens162'], bondMode: 'active-backup' },
      business: [{ networkName: 'VLAN-3100', vlanId: 3100 }],
      hosts,
    };
    await setFaults(lab.sim, [{ match: 'fisheye.vds.create', kind: 'lost-reply', nth: 1 }]);
    try {
      // The create's answer never comes; the attempt waits to see whether it was applied, and it was.
      const { result } = await runActivity(configureBusinessNetworks, req);
      assert.equal(result.vdsCreated, true, 'the VDS of the unanswered create');
    } finally {
      await setFaults(lab.sim, []);
    }
    // A second run finds the VDS; its VLAN create loses its reply, and is found by name afterwards.
    await setFaults(lab.sim, [{ match: 'fisheye.vlans.create', kind: 'lost-reply', nth: 1 }]);
    try {
      const { result } = await runActivity(configureBusinessNetworks, req);
      assert.equal(result.vdsCreated, false, 'the VDS of the lost reply was found');
      assert.equal(result.vlansCount, 1);
    } finally {
      await setFaults(lab.sim, []);
    }
    const after = await simState(lab.sim);
    const vdses = (after as unknown as { vdses: { name: string; uuid: string }[] }).vdses.filter(
      (v) => v.name === 'vDS-Slow',
    );
    assert.equal(vdses.length, 1, 'one VDS');
    const vlans = after.vlans.filter((v) => v.name === 'VLAN-3100');
    assert.equal(vlans.length, 1, 'one VLAN');
    assert.equal(vlans[0].vds_uuid, vdses[0].uuid);
  });
});
