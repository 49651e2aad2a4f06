import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadPlan } from '../../src/plan/index.js';
import { secretsOf } from '../../src/run/run-plan.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { bringUpStageKey, clusterNameKey } from '../../src/workflows/search-attributes.js';
import type { RehearsalOptions as EnvOptions } from '../../scripts/lib/rehearsal.js';
import { withSite } from '../helpers/e2e.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

/** Runs stages 1–5 of the sample plan on the simulator and checks the simulator's state. */
async function runPart1(
  hosts: number,
  speed: number,
  expireTokens = false,
  site: Pick<EnvOptions, 'networkArchitecture' | 'storageArchitecture'> = {},
  smartxSudo: 'password' | 'nopasswd' = 'password',
): Promise<void> {
  // Sessions that expire in the middle of the run must be renewed and the call repeated, not failed.
  const faults = expireTokens
    ? {
        rules: [
          { match: 'fisheye.vms.get', kind: 'expire-tokens' as const, nth: 2 },
          { match: 'cloudtower.rest.get-clusters', kind: 'expire-tokens' as const, nth: 1 },
        ],
      }
    : undefined;
  await withSite(
    `part1-${hosts}`,
    { hosts, speed, sim: { faults, smartxSudo }, ...site },
    async ({ env, client, taskQueue, worker }) => {
      const input = env.input({ stopAfter: 'attach-cluster' });
      const handle = await client.workflow.start(bringUpWorkflow, {
        taskQueue,
        workflowId: `e2e-part1-${hosts}-${taskQueue}`,
        args: [input],
        typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
      });
      const summary = await worker.runUntil(handle.result());
      assert.equal(summary.outcome, 'stopped', JSON.stringify(summary, null, 2));
      for (const id of [
        'prepare',
        'deploy-cluster',
        'configure-cluster',
        'deploy-cloudtower',
        'attach-cluster',
      ]) {
        assert.equal(summary.stages.find((s) => s.id === id)?.status, 'done', `stage ${id}`);
      }
      assert.ok(summary.serials.cluster, 'cluster serial');
      assert.ok(summary.serials.CloudTower, 'CloudTower serial');

      const state = await env.simState();
      if (expireTokens) {
        const fired = arr((state.faults as Rec).fired).map((f) => String(f.kind));
        assert.equal(fired.filter((k) => k === 'expire-tokens').length, 2, 'both token expiries happened');
      }
      // The workbook's SSH passwords are set on every host for root and smartx, whatever sudo asks.
      const changes = arr(state.passwordChanges);
      for (const h of env.plan.hosts) {
        for (const user of ['root', 'smartx']) {
          assert.ok(
            changes.some((c) => c.machine === h.managementIp && c.user === user),
            `${user} password changed on ${h.managementIp} (smartx sudo: ${smartxSudo})`,
          );
        }
      }
      const cluster = state.cluster as Rec;
      assert.equal(cluster.deployed, true);
      // ZooKeeper quorum (FACTS.md): 3 masters below 5 hosts, 5 from 5 hosts on.
      assert.equal(cluster.masters, hosts >= 5 ? 5 : 3, 'master count');
      assert.equal(cluster.deployRequests, 1, 'one deploy request');
      const vms = arr(state.vms).filter((vm) => vm.name === 'cloudtower' || vm.vm_name === 'cloudtower');
      assert.equal(vms.length, 1, 'one CloudTower VM');
      const isos = arr(state.images).filter((img) => String(img.name).startsWith('cloudtower'));
      assert.equal(isos.length, 1, 'one CloudTower image');
      assert.equal(arr(state.installerRuns).length, 1, 'one installer run');
      const tower = state.cloudtower as Rec;
      assert.equal(arr(tower.datacenters).length, 1, 'one datacenter');
      assert.equal(arr(tower.connectedClusters).length, 1, 'one connected cluster');
      if (site.networkArchitecture === 'storage-separate') {
        // 存储独立: no business VDS; the business VLANs sit on the management VDS.
        const mgmt = arr(state.vdses).find((v) => v.name === env.plan.networks.management.vdsName);
        assert.ok(mgmt, 'management VDS');
        const onMgmt = arr(state.vlans)
          .filter((v) => (v.vds_uuid ?? v.vdsUuid) === mgmt.uuid)
          .map((v) => String(v.name));
        for (const b of env.plan.networks.business)
          assert.ok(onMgmt.includes(b.networkName), `${b.networkName} on the management VDS`);
        assert.ok(!summary.created['business VDS']?.includes('created'), 'no business VDS created');
      }
      const vdsNames = arr(state.vdses).map((v) => String(v.name));
      assert.equal(new Set(vdsNames).size, vdsNames.length, `no duplicate VDS: ${vdsNames.join(', ')}`);
      const vlanKeys = arr(state.vlans).map((v) => `${String(v.vds_uuid ?? v.vdsUuid)}/${String(v.name)}`);
      assert.equal(new Set(vlanKeys).size, vlanKeys.length, 'no duplicate VLAN');

      // Serials written back into the workbook.
      const reread = await loadPlan(env.planFile);
      assert.equal(reread.plan?.clusterSerial, summary.serials.cluster);
      assert.equal(reread.plan?.cloudtower.serial, summary.serials.CloudTower);

      const desc = await handle.describe();
      assert.equal(desc.typedSearchAttributes.get(bringUpStageKey), 'done');

      // History: small (polling lives in activities) and never a password in clear.
      const history = await handle.fetchHistory();
      const events = history.events?.length ?? 0;
      assert.ok(events < 2000, `history has ${events} events`);
      const raw = JSON.stringify(history);
      for (const secret of new Set(secretsOf(env.plan))) {
        assert.ok(!raw.includes(secret), 'a plan password appears in the recorded history');
        assert.ok(
          !raw.includes(Buffer.from(secret).toString('base64')),
          'a plan password appears base64-encoded in history',
        );
      }
      console.log(
        `part 1 with ${hosts} hosts: ${summary.totalSeconds} s workflow time, ${events} history events`,
      );
    },
  );
}

describe('bring-up part 1 (stages 1-5) end to end on the simulator', () => {
  after(() => undefined);
  it('3-host sample plan, with sessions expiring mid-run', { timeout: 300_000 }, () =>
    runPart1(3, 2000, true),
  );
  it('5-host sample plan (5 masters)', { timeout: 300_000 }, () => runPart1(5, 2000));
  it('16-host sample plan', { timeout: 400_000 }, () => runPart1(16, 2000));
  it(
    '4-host 存储独立 (storage separate) all-flash plan, smartx with NOPASSWD sudo',
    { timeout: 300_000 },
    () =>
      runPart1(
        4,
        2000,
        false,
        { networkArchitecture: 'storage-separate', storageArchitecture: 'all-flash-untiered' },
        'nopasswd',
      ),
  );
});
