/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- /__sim/state is untyped JSON */
// Stage 6 against the real simulator: default storage policy and the storage-capacity alert.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  capacityNoticeThreshold,
  CAPACITY_RULE_NAME,
} from '../../../src/activities/configure-cloudtower/configure-capacity-alert.js';
import {
  configureCapacityAlert,
  configureDefaultStoragePolicy,
} from '../../../src/activities/configure-cloudtower/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('capacity NOTICE threshold', () => {
  it('is floor(((n-1)/n - 0.05) * 100) in integers', () => {
    assert.equal(capacityNoticeThreshold(3), 61);
    assert.equal(capacityNoticeThreshold(4), 70);
    assert.equal(capacityNoticeThreshold(16), 88);
    assert.equal(capacityNoticeThreshold(2), 45);
    assert.equal(capacityNoticeThreshold(5), 75);
    // Cross-check against the float formula where no rounding edge is involved.
    for (let n = 2; n <= 64; n++) assert.equal(capacityNoticeThreshold(n), Math.floor((95 * n - 100) / n));
    assert.throws(() => capacityNoticeThreshold(1), /at least 2/);
    assert.throws(() => capacityNoticeThreshold(2.5), /integer/);
  });
});

describe('stage 6 through CloudTower (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('sets REPLICA_2_THIN_PROVISION and verifies the answer', async () => {
    const out = await activityEnv().run(configureDefaultStoragePolicy, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.deepEqual(out, { policy: 'REPLICA_2_THIN_PROVISION', changed: true });
    const state = await f.simState();
    assert.equal(state.cluster.defaultStoragePolicy, 'REPLICA_2_THIN_PROVISION');
    const settings: Record<string, unknown>[] = Object.values(state.cloudtower.clusterSettings);
    assert.equal(settings.length, 1);
    assert.equal(settings[0].default_storage_policy_replica_num, 2);
    assert.equal(settings[0].default_storage_policy_thin_provision, true);
    assert.equal(settings[0].default_storage_policy_ec_k, null);
  });

  it('sets NOTICE 61 / CRITICAL 90 on the cluster rule, keeps the global values, one write as seed 003, then none', async () => {
    const first = await activityEnv().run(configureCapacityAlert, {
      ...f.tower,
      clusterVip: f.clusterVip,
      hostCount: 3,
    });
    assert.deepEqual(first, { notice: 61, critical: 90, changed: true });
    let state = await f.simState();
    const rule = state.cloudtower.alertRules.find((r: { name: string }) => r.name === CAPACITY_RULE_NAME);
    assert.equal(rule.alert_rules.length, 1);
    const clusterRule = rule.alert_rules[0];
    assert.equal(clusterRule.customized, true);
    const v = (list: { severity: string; value: number }[], s: string) =>
      list.find((t) => t.severity === s)?.value;
    assert.equal(v(clusterRule.thresholds, 'NOTICE'), 61);
    assert.equal(v(clusterRule.thresholds, 'CRITICAL'), 90);
    assert.equal(v(rule.thresholds, 'NOTICE'), 80, 'global NOTICE unchanged');
    assert.equal(v(rule.thresholds, 'CRITICAL'), 90, 'global CRITICAL unchanged');
    const updates = state.cloudtower.effects['graphql:updateGlobalAlertRule'];
    // Seed 003 §06 makes one write: list, then one updateGlobalAlertRule (no probing write first).
    assert.equal(updates, 1, 'one updateGlobalAlertRule for the first run');

    const again = await activityEnv().run(configureCapacityAlert, {
      ...f.tower,
      clusterVip: f.clusterVip,
      hostCount: 3,
    });
    assert.deepEqual(again, { notice: 61, critical: 90, changed: false });
    state = await f.simState();
    // The old expectation allowed a probing write here; seed 003 has none: nothing is written.
    assert.equal(state.cloudtower.effects['graphql:updateGlobalAlertRule'], updates);
    const after2 = state.cloudtower.alertRules.find((r: { name: string }) => r.name === CAPACITY_RULE_NAME);
    assert.equal(v(after2.alert_rules[0].thresholds, 'NOTICE'), 61);

    // A plan with 4 hosts changes it to 70.
    const four = await activityEnv().run(configureCapacityAlert, {
      ...f.tower,
      clusterVip: f.clusterVip,
      hostCount: 4,
    });
    assert.deepEqual(four, { notice: 70, critical: 90, changed: true });
    state = await f.simState();
    assert.equal(state.cloudtower.effects['graphql:updateGlobalAlertRule'], updates + 1, 'one more write');
  });

  it('names the VIP and the fix when CloudTower does not manage that cluster', async () => {
    await assert.rejects(
      activityEnv().run(configureDefaultStoragePolicy, {
        ...f.tower,
        clusterVip: '127.1.0.99',
      }),
      (err: unknown) => {
        assert.ok(err instanceof ApplicationFailure);
        assert.equal(err.type, 'PrecheckFailed');
        assert.equal(err.nonRetryable, true);
        assert.match(err.message, /127\.1\.0\.99/);
        assert.match(err.message, /Fix:/);
        assert.ok(!err.message.includes('HC!r0cks'));
        return true;
      },
    );
  });

  it('refuses a bad host count before touching CloudTower', async () => {
    await assert.rejects(
      activityEnv().run(configureCapacityAlert, {
        ...f.tower,
        clusterVip: f.clusterVip,
        hostCount: 0,
      }),
      /hostCount/,
    );
  });
});
