// End to end on the simulator: the VM network of CloudTower, OBS and Backup carries the planned VLAN.
// A tagged management VLAN (1020, as in reference/deploy-cluster-payload-converged.json) with no
// VM network on it stops the run at deploy-cloudtower with a bilingual error before any VM or ISO;
// with the extra management network planned in 虚拟网络 row 5, that network is created once on the
// management VDS with its VLAN and CloudTower, OBS and Backup all land on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { clusterNameKey } from '../../src/workflows/search-attributes.js';
import { withSite } from '../helpers/e2e.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);
const MGMT_VLAN = 1020;
const EXTRA = { networkName: 'VM-MGT-1030', vlanId: 1030 };

describe('VM network with the planned VLAN, end to end on the simulator', () => {
  it(
    'tagged management VLAN 1020 without a VM network on it: stops before the ISO and the VM',
    { timeout: 300_000 },
    () =>
      withSite(
        'vlan-tagged',
        { hosts: 3, speed: 2000, plan: { managementVlan: MGMT_VLAN } },
        async ({ env, client, taskQueue, worker }) => {
          assert.equal(env.plan.networks.management.vlanId, MGMT_VLAN);
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: `e2e-vlan-tagged-${taskQueue}`,
            args: [env.input({ stopAfter: 'deploy-cloudtower' })],
            typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
          });
          let message = '';
          await worker.runUntil(
            assert.rejects(handle.result(), (err: unknown) => {
              assert.ok(err instanceof WorkflowFailedError, String(err));
              message = err.cause?.message ?? '';
              return true;
            }),
          );
          assert.match(message, /deploy-cloudtower\/vm-placement/);
          assert.match(message, /VLAN 0/);
          assert.match(message, /1020/);
          assert.match(message, /[\u4e00-\u9fff]/, 'a Chinese half');
          assert.match(message, /row 5/);
          const state = await env.simState();
          assert.equal(arr(state.vms).length, 0, 'no VM created');
          const isos = arr(state.images).filter((i) => String(i.name).startsWith('cloudtower'));
          assert.equal(isos.length, 0, 'the ISO upload did not start');
          const mgt = arr(state.vlans).find((v) => v.type === 1 || v.network_type === 'mgt');
          assert.equal(mgt?.vlan_id, MGMT_VLAN, 'the cluster was deployed with the tagged management VLAN');
        },
      ),
  );

  it(
    'row 5 planned: created once on the management VDS; CloudTower, OBS and Backup on it',
    { timeout: 400_000 },
    () =>
      withSite(
        'vlan-row5',
        { hosts: 3, speed: 1000, plan: { managementVlan: MGMT_VLAN, extraManagement: EXTRA } },
        async ({ env, client, taskQueue, worker }) => {
          assert.equal(env.plan.networks.extraManagement?.vlanId, EXTRA.vlanId);
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: `e2e-vlan-row5-${taskQueue}`,
            args: [env.input({ components: { obs: 'auto', backup: 'auto' } })],
            typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
          });
          const summary = await worker.runUntil(handle.result());
          assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));

          const state = await env.simState();
          const mgmtVds = arr(state.vdses).find((v) => v.name === env.plan.networks.management.vdsName);
          assert.ok(mgmtVds, 'management VDS');
          const extra = arr(state.vlans).filter((v) => v.name === EXTRA.networkName);
          assert.equal(extra.length, 1, 'the row-5 network exists once');
          assert.equal(extra[0].vlan_id, EXTRA.vlanId);
          assert.equal(extra[0].vds_uuid, mgmtVds.uuid, 'on the management VDS');

          const vm = arr(state.vms).find((v) => v.vm_name === 'cloudtower' || v.name === 'cloudtower');
          assert.ok(vm, 'CloudTower VM');
          const nics = arr(vm.nics);
          assert.equal(nics[0]?.vlan_uuid, extra[0].uuid, 'CloudTower NIC on the row-5 network');

          // OBS and Backup name the network by its CloudTower id: the one whose local id ends in its uuid.
          const raw = JSON.stringify({ obs: state.obs, backup: state.backup, cloudtower: state.cloudtower });
          const towerIds = Object.entries(
            ((state.cloudtower as Rec).networkIds ?? {}) as Record<string, string>,
          )
            .filter(([local]) => local.endsWith(`_${String(extra[0].uuid)}`))
            .map(([, id]) => id);
          assert.equal(towerIds.length, 1, `CloudTower id of the row-5 network in ${raw.slice(0, 400)}`);
          const obs = arr((state.obs as Rec).instances);
          assert.equal(obs.length, 1);
          assert.equal((obs[0].vm_spec as Rec).vlan_id, towerIds[0], 'OBS on the row-5 network');
          assert.ok(
            raw.includes(`"management_network_vlan":"${towerIds[0]}"`),
            'Backup on the row-5 network',
          );
        },
      ),
  );
});
