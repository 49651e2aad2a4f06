/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// CloudTower alerts (AlertApi get-alerts) through the real client against the simulator: the where
// input is validated strictly, `ended` and the cluster filter work, a failing inspection item opens
// an alert (and passing again ends it), and the `alert:raise` point opens one at the n-th call.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInspection } from '../../../src/activities/inspection/index.js';
import { towerRest } from '../../../src/activities/support/tower-clients.js';
import { CloudTowerAlertApi, SmartxHttpError } from '../../../src/smartx/index.js';
import { activityEnv, runIn } from '../../helpers/activity.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('CloudTower get-alerts (client and simulator)', () => {
  let f: TowerFixture;
  let api: CloudTowerAlertApi;
  let clusterId = '';
  before(async () => {
    f = await startTowerFixture(3);
    api = new CloudTowerAlertApi(towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword));
    const state = await f.simState();
    clusterId = state.cloudtower.connectedClusters[0].id;
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('refuses a where field AlertWhereInput does not have, and a wrong operator type', async () => {
    await assert.rejects(api.getAlerts({ is_resolved: false }), (err: unknown) => {
      assert.ok(err instanceof SmartxHttpError);
      assert.equal(err.status, 400);
      assert.match(err.message, /is_resolved/);
      return true;
    });
    await assert.rejects(api.getAlerts({ cluster: { uuid: 'x' } }), /uuid/);
    await assert.rejects(api.getAlerts({ ended: 'false' }), /ended/);
    // Documented fields and operators pass: nothing is open on a healthy cluster.
    assert.deepEqual(
      await api.getAlerts({ AND: [{ severity_in: ['CRITICAL', 'NOTICE'] }, { message_contains: 'x' }] }),
      [],
    );
    assert.deepEqual(await api.openAlerts(clusterId), []);
  });

  it('a failing inspection item opens an alert on the cluster; passing again ends it', async () => {
    const req = { ...f.tower, clusterVip: f.clusterVip, artifactsDir: path.join(f.scratch, 'artifacts') };
    await f.setFaults([{ match: 'inspector:item:host_service_health', kind: 'fail' }]);
    await runIn(activityEnv(), runInspection, req);
    const open = await api.openAlerts(clusterId);
    assert.equal(open.length, 1);
    const [alert] = open;
    assert.equal(alert?.ended, false);
    assert.equal(alert?.severity, 'CRITICAL');
    assert.equal(alert?.cluster?.id, clusterId);
    assert.match(alert?.message ?? '', /host_service_health/);
    assert.equal(alert?.labels?.alertname, 'host_service_health');
    // Another cluster id filters it out.
    assert.deepEqual(await api.openAlerts('no-such-cluster'), []);

    await f.setFaults([]);
    await runIn(activityEnv(), runInspection, req);
    assert.deepEqual(await api.openAlerts(clusterId), [], 'the item passes again: the alert ended');
    const ended = await api.getAlerts({ ended: true });
    assert.deepEqual(
      ended.map((a) => a.id),
      [alert?.id],
    );
    assert.ok(ended[0]?.local_start_time);
  });

  it('alert:raise opens one new alert at the n-th get-alerts call', async () => {
    await f.setFaults([{ match: 'alert:raise', kind: 'fail', nth: 2 }]);
    assert.deepEqual(await api.openAlerts(clusterId), [], 'first call: nothing raised yet');
    const second = await api.openAlerts(clusterId);
    assert.equal(second.length, 1);
    assert.match(second[0]?.message ?? '', /simulated alert/);
    const third = await api.openAlerts(clusterId);
    assert.deepEqual(
      third.map((a) => a.id),
      second.map((a) => a.id),
      'raised once, still open',
    );
    const state = await f.simState();
    assert.equal(state.cloudtower.alerts.length, 2);
  });
});
