// The VM network of CloudTower (and OBS, Backup) carries the planned VLAN, against the real simulator:
// a tagged management VLAN (1020, as in reference/deploy-cluster-payload-converged.json) with only the
// VLAN 0 "default" VM network is a bilingual error before any VM exists; a row-5 extra management
// network is created once on the management VDS with its VLAN and used; a network of that name with
// another VLAN is refused. OBS/Backup pick the same network from CloudTower's get-vlans.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { localizeText } from '../../../src/i18n/index.js';
import { findCloudTowerVmPlacement } from '../../../src/activities/deploy-cloudtower/find-cloud-tower-vm-placement.js';
import { pickTowerVmNetwork } from '../../../src/activities/support/pick-tower-vm-network.js';
import {
  configureClusterSettings,
  initializeFisheye,
} from '../../../src/activities/configure-cluster/index.js';
import type { TowerVlan } from '../../../src/smartx/index.js';
import { simState, startDeployedSim, type DeployedSim } from '../configure-cluster/helpers.js';
import { runActivity } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const fisheye = { user: 'root', password: testSecret('Vm-N3twork-Pw!') };
const MGMT_VLAN = 1020;

/** The deploy payload with its management network tagged with VLAN 1020. */
function taggedManagement(p: Record<string, unknown>): Record<string, unknown> {
  const networks = p.networks as { network_type: string; mode: { network_identities: number[] } }[];
  for (const n of networks) if (n.network_type === 'mgt') n.mode.network_identities = [MGMT_VLAN];
  return p;
}

async function precheckFailure(promise: Promise<unknown>): Promise<string> {
  let message = '';
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'PrecheckFailed', err.message);
    assert.equal(err.nonRetryable, true);
    message = err.message;
    return true;
  });
  return message;
}

/** The failure as a Chinese-reading operator sees it: all Chinese (issue 23), no English fix left. */
function saysInChinese(message: string): string {
  const zh = localizeText(message, 'zh');
  assert.match(zh, /修复|处理/, zh);
  assert.doesNotMatch(zh, /Fix:|\[\[msg:/, zh);
  return zh;
}

describe('CloudTower VM network with the planned VLAN (simulator)', () => {
  let d: DeployedSim;
  const base = () => ({
    run: d.run,
    vip: d.vip,
    fisheye,
    managementVdsName: 'VDS-MGT',
    managementNetworkName: 'mgt-network',
  });

  before(async () => {
    d = await startDeployedSim({}, taggedManagement);
    await runActivity(initializeFisheye, { run: d.run, hostIp: d.hostIps[0], fisheye });
    const vipOnly = { dnsServers: [], ntpServers: [] };
    await runActivity(configureClusterSettings, {
      run: d.run,
      hostIp: d.hostIps[0],
      vip: d.vip,
      fisheye,
      ...vipOnly,
    });
  });
  after(async () => {
    await d?.stop();
  });
  after(() => assertNoLenientPath(d.sim));

  it('the deployed cluster has the tagged management network and the VLAN 0 "default" VM network', async () => {
    const state = await simState(d.sim);
    assert.equal(state.vlans.find((v) => v.name === 'mgt-network')?.vlan_id, MGMT_VLAN);
    assert.equal(state.vlans.find((v) => v.name === 'default')?.vlan_id, 0);
  });

  it('row 4 tagged 1020, only "default" (VLAN 0) to land on: a bilingual error, no VM, no network made', async () => {
    const before = await simState(d.sim);
    const message = await precheckFailure(
      runActivity(findCloudTowerVmPlacement, {
        ...base(),
        vmNetwork: { row: 4 as const, name: 'mgt-network', vlanId: MGMT_VLAN },
      }),
    );
    assert.match(saysInChinese(message), /规划的管理 VLAN 是 1020/);
    assert.match(message, /VLAN 0/);
    assert.match(message, /1020/);
    assert.match(message, /row 5/);
    assert.match(message, /虚拟网络!D4\/F4/);
    const after = await simState(d.sim);
    assert.equal(after.vms.length, 0);
    assert.equal(after.vlans.length, before.vlans.length);
  });

  it('row 4 untagged (VLAN 0): the "default" VM network, as seed 003 does', async () => {
    const { result } = await runActivity(findCloudTowerVmPlacement, {
      ...base(),
      vmNetwork: { row: 4 as const, name: 'mgt-network', vlanId: 0 },
    });
    const state = await simState(d.sim);
    assert.equal(result.vlanUuid, state.vlans.find((v) => v.name === 'default')?.uuid);
    assert.equal(result.vlanId, 0);
    assert.equal(result.networkCreated, false);
  });

  it('row 5: created once on the management VDS with its VLAN, then found by name and VLAN', async () => {
    const req = { ...base(), vmNetwork: { row: 5 as const, name: 'VM-MGT-1030', vlanId: 1030 } };
    const first = await runActivity(findCloudTowerVmPlacement, req);
    const state = await simState(d.sim);
    const mgmtVds = state.vdses.find((v) => v.name === 'VDS-MGT')!;
    const made = state.vlans.filter((v) => v.name === 'VM-MGT-1030');
    assert.equal(made.length, 1);
    assert.equal(made[0].vlan_id, 1030);
    assert.equal(made[0].vds_uuid, mgmtVds.uuid);
    assert.equal(made[0].type, 3, 'a VM network');
    assert.deepEqual(
      { vlanUuid: first.result.vlanUuid, vlanId: first.result.vlanId, created: first.result.networkCreated },
      { vlanUuid: made[0].uuid, vlanId: 1030, created: true },
    );
    const second = await runActivity(findCloudTowerVmPlacement, req);
    assert.equal(second.result.vlanUuid, made[0].uuid);
    assert.equal(second.result.networkCreated, false);
    const again = await simState(d.sim);
    assert.equal(again.vlans.filter((v) => v.name === 'VM-MGT-1030').length, 1, 'not created twice');
    assert.equal(
      again.requests.filter((r) => r.route === 'fisheye.vlans.create').length,
      1,
      'one POST …/vlans in all',
    );
  });

  it('row 5: a network of that name with another VLAN, or a system network of that name, is refused', async () => {
    const wrongVlan = await precheckFailure(
      runActivity(findCloudTowerVmPlacement, {
        ...base(),
        vmNetwork: { row: 5 as const, name: 'VM-MGT-1030', vlanId: 1031 },
      }),
    );
    assert.match(saysInChinese(wrongVlan), /VM-MGT-1030.*VLAN 是 1030.*1031/);
    assert.match(wrongVlan, /VM-MGT-1030.*VLAN 1030.*1031/);
    const system = await precheckFailure(
      runActivity(findCloudTowerVmPlacement, {
        ...base(),
        vmNetwork: { row: 5 as const, name: 'mgt-network', vlanId: MGMT_VLAN },
      }),
    );
    assert.match(system, /system network/);
    assert.match(saysInChinese(system), /系统网络/);
    const state = await simState(d.sim);
    assert.equal(state.vms.length, 0, 'no VM was created by any of this');
  });
});

describe('OBS/Backup pick the planned VM network from get-vlans', () => {
  const cluster = { name: 'SIM', vdses: [{ id: 'vds-mgt' }] };
  const vlans: TowerVlan[] = [
    { id: 'v-default', name: 'default', vlan_id: 0, vds: { id: 'vds-mgt', name: 'VDS-MGT' } },
    { id: 'v-1030', name: 'VM-MGT-1030', vlan_id: 1030, vds: { id: 'vds-mgt', name: 'VDS-MGT' } },
    { id: 'v-other', name: 'VM-MGT-1030', vlan_id: 1030, vds: { id: 'vds-x', name: 'other cluster' } },
  ];

  it('the planned name on this cluster with the planned VLAN; "default" when none is planned', () => {
    assert.equal(pickTowerVmNetwork('s', cluster, vlans, { name: 'VM-MGT-1030', vlanId: 1030 }).id, 'v-1030');
    assert.equal(pickTowerVmNetwork('s', cluster, vlans, undefined).id, 'v-default');
    assert.equal(pickTowerVmNetwork('s', cluster, vlans, { name: 'default', vlanId: 0 }).id, 'v-default');
  });

  it('another VLAN than planned, or no such network, is a bilingual precheck failure', () => {
    for (const want of [
      { name: 'default', vlanId: 1020 },
      { name: 'VM-MISSING', vlanId: 5 },
    ]) {
      assert.throws(
        () => pickTowerVmNetwork('deploy Observability instance', cluster, vlans, want),
        (err: unknown) => {
          assert.ok(err instanceof ApplicationFailure);
          assert.equal(err.type, 'PrecheckFailed');
          assert.ok(err.message.includes(want.name), err.message);
          assert.match(saysInChinese(err.message), /虚拟机网络/);
          return true;
        },
      );
    }
  });
});
