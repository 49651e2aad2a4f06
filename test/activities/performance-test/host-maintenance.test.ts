/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// The disruptive test's activities against the simulator: the host is picked (the last plan host by
// default), entered once and exited once also when the answer of enter or exit is lost and the
// activity runs again with its last heartbeat (kill -9); run again, each is a no-op; a precheck that
// refuses (another host in maintenance) is a non-retryable failure naming what blocks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import {
  enterHostMaintenance,
  exitHostMaintenance,
  pickMaintenanceHost,
} from '../../../src/activities/performance-test/index.js';
import { towerRest } from '../../../src/activities/support/tower-clients.js';
import { CloudTowerHostApi } from '../../../src/smartx/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv, recorded, recordedText, runIn } from '../../helpers/activity.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('stage 10 disruptive test: host maintenance activities', () => {
  let f: TowerFixture;
  let names: string[];
  before(async () => {
    f = await startTowerFixture(3);
    const api = new CloudTowerHostApi(towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword));
    names = (await api.getHosts({})).map((h) => h.name);
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  const pick = (hostName?: string) =>
    runIn(activityEnv(), pickMaintenanceHost, {
      ...f.tower,
      hostName,
      planHosts: names,
      managementIps: [f.cloudtowerIp],
    });

  it('picks the last plan host by default, the named one when given, refuses an unknown name', async () => {
    const byDefault = await pick();
    assert.equal(byDefault.hostName, names.at(-1));
    assert.equal(byDefault.chosenBy, 'default');
    const named = await pick(names[0]);
    assert.equal(named.hostName, names[0]);
    assert.equal(named.chosenBy, 'operator');
    await assert.rejects(pick('no-such-host'), (err: ApplicationFailure) => {
      assert.equal(err.nonRetryable, true);
      assert.match(err.message, /no-such-host.*not managed/);
      return true;
    });
  });

  it('enters once and exits once although both answers are lost (kill -9 retries); again = no-op', async () => {
    const host = await pick();
    const req = { ...f.tower, hostId: host.hostId, hostName: host.hostName };

    await f.setFaults([{ match: 'cloudtower.rest.enter-maintance-mode', kind: 'lost-reply', nth: 1 }]);
    let beats = recorded.heartbeats.length;
    try {
      await assert.rejects(runIn(activityEnv(), enterHostMaintenance, req));
      const last = recorded.heartbeats.slice(beats).at(-1) as { precheckTask?: string; enterTask?: string };
      assert.ok(last?.precheckTask, 'the precheck task was heartbeated');
      assert.equal(last.enterTask, undefined, 'the enter answer never came');
      const out = await runIn(activityEnv({ heartbeatDetails: last, attempt: 2 }), enterHostMaintenance, req);
      assert.equal(out.outcome, 'entered');
    } finally {
      await f.setFaults([]);
    }
    let state = await f.simState();
    assert.equal(state.cloudtower.effects['rest:enter-maintance-mode'], 1, 'entered once');
    assert.equal((await runIn(activityEnv(), enterHostMaintenance, req)).outcome, 'already-in-maintenance');

    await f.setFaults([{ match: 'cloudtower.rest.exit-maintance-mode', kind: 'lost-reply', nth: 1 }]);
    beats = recorded.heartbeats.length;
    try {
      await assert.rejects(runIn(activityEnv(), exitHostMaintenance, req));
      const last = recorded.heartbeats.slice(beats).at(-1);
      const out = await runIn(activityEnv({ heartbeatDetails: last, attempt: 2 }), exitHostMaintenance, req);
      assert.equal(out.outcome, 'exited');
    } finally {
      await f.setFaults([]);
    }
    state = await f.simState();
    assert.equal(state.cloudtower.effects['rest:exit-maintance-mode'], 1, 'exited once');
    assert.equal(state.cloudtower.hostMaintenance[host.hostId].state, 'IN_USE');
    assert.equal((await runIn(activityEnv(), exitHostMaintenance, req)).outcome, 'not-in-maintenance');
    assert.ok(!recordedText().includes('HC!r0cks'), 'no password in logs or heartbeats');
  });

  it('a precheck refusal is non-retryable and names what blocks', async () => {
    const busy = await pick(names[0]);
    const busyReq = { ...f.tower, hostId: busy.hostId, hostName: busy.hostName };
    await runIn(activityEnv(), enterHostMaintenance, busyReq);
    try {
      const other = await pick(names[1]);
      await assert.rejects(
        runIn(activityEnv(), enterHostMaintenance, {
          ...f.tower,
          hostId: other.hostId,
          hostName: other.hostName,
        }),
        (err: ApplicationFailure) => {
          assert.equal(err.nonRetryable, true);
          assert.match(err.message, new RegExp(`${other.hostName} cannot enter maintenance mode`));
          assert.match(err.message, new RegExp(`${busy.hostName} is already in`));
          return true;
        },
      );
    } finally {
      await runIn(activityEnv(), exitHostMaintenance, busyReq);
    }
    const effects = (await f.simState()).cloudtower.effects;
    assert.equal(effects['rest:enter-maintance-mode'], 2, 'the refused host was never entered');
  });
});
