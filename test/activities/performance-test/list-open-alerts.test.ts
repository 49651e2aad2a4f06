// Stage 10's alert snapshot against the real simulator: the cluster's open alerts in compact form,
// before and after an alert is raised (the `alert:raise` fault point), and what is new between them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listOpenAlerts } from '../../../src/activities/performance-test/index.js';
import { newAlerts } from '../../../src/run/inspection-items.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('stage 10 reliability: open alerts (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('lists the open alerts of the cluster at the VIP; a new one shows up as new', async () => {
    const req = { ...f.tower, clusterVip: f.clusterVip };
    await f.setFaults([{ match: 'alert:raise', kind: 'fail', nth: 2 }]);
    const before = await runIn(activityEnv(), listOpenAlerts, req);
    assert.deepEqual(before, { count: 0, alerts: [] });
    const after = await runIn(activityEnv(), listOpenAlerts, req);
    assert.equal(after.count, 1);
    const state = (await f.simState()) as { cloudtower: { connectedClusters: { name: string }[] } };
    const clusterName = state.cloudtower.connectedClusters[0]?.name;
    const [alert] = after.alerts;
    assert.equal(alert?.severity, 'CRITICAL');
    assert.equal(alert?.object, clusterName, 'no host or VM: the cluster is the object');
    assert.match(alert?.message ?? '', /simulated alert 1/);
    assert.deepEqual(Object.keys(alert ?? {}).sort(), ['id', 'message', 'object', 'severity']);
    assert.deepEqual(newAlerts(before.alerts, after.alerts), after.alerts);
    assert.deepEqual(newAlerts(after.alerts, after.alerts), []);
  });

  it('refuses a VIP CloudTower does not manage (non-retryable, names the fix)', async () => {
    await assert.rejects(
      runIn(activityEnv(), listOpenAlerts, { ...f.tower, clusterVip: '127.9.9.9' }),
      /no cluster with VIP 127\.9\.9\.9/,
    );
  });
});
