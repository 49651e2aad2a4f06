/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Stage 6 when root's CloudTower password is the workbook's and not the factory default: the REST
// and GraphQL sessions (and the connect.sid cookie the OBS upload needs) log in with it; the factory
// default no longer gets in, and a refused login never shows a password.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { towerClients } from '../../../src/activities/support/tower-clients.js';
import {
  configureCapacityAlert,
  configureDefaultStoragePolicy,
} from '../../../src/activities/configure-cloudtower/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { activityEnv } from '../../helpers/activity.js';
import { testSecret } from '../../helpers/secrets.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

const WORKBOOK_PASSWORD = 'Cfg#Root-pw1';

describe('stage 6 with a non-default CloudTower root password (simulator)', () => {
  let f: TowerFixture;
  before(async () => {
    f = await startTowerFixture(3, { towerRootPassword: WORKBOOK_PASSWORD });
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it("configures the storage policy and the capacity alert with the workbook's password", async () => {
    const state0 = await f.simState();
    assert.equal(state0.cloudtower.rootPassword.isFactoryDefault, false);
    const policy = await activityEnv().run(configureDefaultStoragePolicy, {
      ...f.tower,
      clusterVip: f.clusterVip,
    });
    assert.deepEqual(policy, { policy: 'REPLICA_2_THIN_PROVISION', changed: true });
    const alert = await activityEnv().run(configureCapacityAlert, {
      ...f.tower,
      clusterVip: f.clusterVip,
      hostCount: 3,
    });
    assert.deepEqual(alert, { notice: 61, critical: 90, changed: true });
    const state = await f.simState();
    assert.equal(state.cluster.defaultStoragePolicy, 'REPLICA_2_THIN_PROVISION');
  });

  it('gets a GraphQL session with the connect.sid cookie from the plain-password login', async () => {
    const { gql, rest } = towerClients(f.tower);
    assert.match(await gql.cookies.cookie(), /^connect\.sid=s%3A/);
    assert.ok((await rest.getClusters()).length >= 1);
  });

  it('is refused with the factory default, and the error shows no password', async () => {
    const env = activityEnv();
    await assert.rejects(
      env.run(configureDefaultStoragePolicy, {
        ...f.tower,
        rootPassword: testSecret('HC!r0cks'),
        clusterVip: f.clusterVip,
      }),
      (err: Error) => {
        assert.ok(!err.message.includes('HC!r0cks') && !err.message.includes(WORKBOOK_PASSWORD), err.message);
        assert.match(err.message, /login/);
        return true;
      },
    );
  });
});
