/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call -- /__sim/state is untyped JSON */
// The test load component end to end: its child workflow on the real dev server with the real
// activities against the simulator (CloudTower up, cluster connected) — both images imported, the
// VMs created, started and answering SSH on their test addresses; run again, nothing is created twice.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSampleTestVmPackages } from '../../src/plan/sample-test-vm-packages.js';
import { towerRest } from '../../src/activities/support/tower-clients.js';
import { testLoadWorkflow, type TestLoadInput } from '../../src/workflows/components/test-load.js';
import { startTowerFixture, type TowerFixture } from '../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

describe('test load component (stage 09) on the simulator', () => {
  let f: TowerFixture;
  let input: TestLoadInput;
  before(async () => {
    f = await startTowerFixture(3);
    const packageDir = path.join(f.scratch, 'packages');
    writeSampleTestVmPackages(packageDir, 5 * 1024 * 1024 + 17);
    const vlans = await towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword).getVlans();
    const vlan = vlans.find((l) => l.name === 'default') ?? vlans[0];
    const [pat, fio] = f.sim.core.topology.testVms!;
    input = {
      run: f.run,
      packageDir,
      cloudtowerIp: f.cloudtowerIp,
      rootPassword: f.tower.rootPassword,
      clusterVip: f.clusterVip,
      network: { subnetMask: '255.255.0.0', gateway: '127.1.0.1' },
      clusterName: 'SIM-CLUSTER',
      testNetwork: {
        name: vlan.name,
        vlanId: vlan.vlan_id ?? 0,
        subnetMask: '255.255.0.0',
        gateway: '127.1.0.1',
      },
      addresses: { pat, fio },
    };
  });
  after(() => f.close());

  async function runChild(id: string) {
    const { client, connection } = await testClient();
    const taskQueue = uniqueTaskQueue('test-load');
    const { worker, connection: wc } = await testWorker(taskQueue);
    try {
      return await worker.runUntil(
        client.workflow.execute(testLoadWorkflow, {
          taskQueue,
          workflowId: `${id}-${taskQueue}`,
          args: [input],
        }),
      );
    } finally {
      await wc.close();
      await connection.close();
    }
  }

  it('imports PAT and FIO, starts them and reaches them over SSH; a re-run creates nothing twice', async () => {
    const first = await runChild('test-load');
    assert.deepEqual(first.notes, []);
    assert.deepEqual(
      first.testVms.map((v) => [v.role, v.vmName, v.ip, v.hostname]),
      [
        ['pat', 'SIM-CLUSTER-pat-test', input.addresses.pat, 'testvm'],
        ['fio', 'SIM-CLUSTER-fio-test', input.addresses.fio, 'testvm'],
      ],
    );
    assert.match(first.created['PAT test VM'], /\(created, image uploaded\)/);
    const state = await f.simState();
    assert.equal(state.cloudtower.vms.length, 2);
    assert.ok(state.cloudtower.vms.every((vm: { status: string }) => vm.status === 'RUNNING'));

    const second = await runChild('test-load-again');
    assert.match(second.created['FIO test VM'], /\(existing, image already-present\)/);
    const after = await f.simState();
    assert.equal(after.cloudtower.effects['rest:create-vm'], 2, 'no VM created twice');
    assert.equal(after.cloudtower.effects['rest:start-vm'], 2, 'no VM started twice');
    assert.equal(after.cloudtower.elfUploads.length, 2, 'no image uploaded twice');
    await assertNoLenientPath(f.sim);
  });
});
