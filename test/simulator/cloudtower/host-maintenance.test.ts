/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- /__sim/state is untyped JSON */
// Host maintenance mode through CloudTower REST (HostApi), client and simulator together: the
// SDKs' paths (the misspelled "maintance" ones included), strict bodies, the precheck as a task,
// enter and exit as tasks on the simulated clock, one host at a time, no second enter or exit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { towerRest } from '../../../src/activities/support/tower-clients.js';
import { CloudTowerHostApi, maintenanceState, type TowerHost } from '../../../src/smartx/index.js';
import { startTowerFixture, type TowerFixture } from '../../helpers/cloudtower-fixture.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('CloudTower host maintenance mode (client + simulator)', () => {
  let f: TowerFixture;
  let api: CloudTowerHostApi;
  let hosts: TowerHost[];
  const stateOf = async (id: string) => maintenanceState((await api.getHosts({ id }))[0]);

  before(async () => {
    f = await startTowerFixture(3);
    api = new CloudTowerHostApi(towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword));
    hosts = await api.getHosts({});
  });
  after(() => f.close());
  after(() => assertNoLenientPath(f.sim));

  it('lists the cluster hosts IN_USE, refuses a wrong field with the appliance error shape', async () => {
    assert.equal(hosts.length, 3);
    assert.ok(hosts.every((h) => maintenanceState(h) === 'IN_USE'));
    const rest = towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword);
    // VmStartParamsData selects the host by `host_id`; `id` is refused, as the server's schema does.
    await assert.rejects(
      rest.http.call({
        method: 'POST',
        path: '/v2/api/enter-maintance-mode',
        json: { data: {}, where: { id: hosts[2].id } },
        parse: 'json',
        schema: z.unknown(),
      }),
      /400|InvalidParams|host_id/,
    );
    // The correctly spelled path of enter does not exist: the SDKs' path is "maintance".
    await assert.rejects(
      rest.http.call({
        method: 'POST',
        path: '/v2/api/enter-maintenance-mode',
        json: { data: {}, where: { host_id: hosts[2].id } },
        parse: 'json',
        schema: z.unknown(),
      }),
      /404|NotFound/,
    );
    assert.equal((await f.simState()).cloudtower.effects['rest:enter-maintance-mode'], undefined);
  });

  it('precheck, enter once, refuse a second enter and another host, exit once', async () => {
    const target = hosts[2];
    const checkTask = await api.precheck(target.id);
    const result = await until('the precheck', async () => {
      const r = await api.precheckResult(checkTask);
      return r.done ? r : undefined;
    });
    assert.deepEqual(result.shutdownVms, []);

    const entered = await api.enter(target.id);
    assert.ok(entered.task_id, 'enter answers a task');
    assert.equal(entered.data?.id, target.id);
    assert.equal(await stateOf(target.id), 'ENTERING_MAINTENANCE_MODE');
    await assert.rejects(api.enter(target.id), /already|400/);
    await until('maintenance mode', async () =>
      (await stateOf(target.id)) === 'MAINTENANCE_MODE' ? true : undefined,
    );
    const [inMaintenance] = await api.getHosts({ id: target.id });
    assert.equal(inMaintenance.host_state?.maintenance_job_id, entered.task_id);
    await assert.rejects(api.precheck(hosts[0].id), new RegExp(`${target.name}.*already`));
    await assert.rejects(api.enter(hosts[0].id), /already in \(or entering\) maintenance/);

    const exited = await api.exit(target.id);
    assert.ok(exited.task_id);
    await assert.rejects(api.exit(target.id), /already exiting/);
    await until('back in use', async () => ((await stateOf(target.id)) === 'IN_USE' ? true : undefined));
    await assert.rejects(api.exit(target.id), /not in maintenance mode/);

    const effects = (await f.simState()).cloudtower.effects;
    assert.equal(effects['rest:enter-maintance-mode'], 1);
    assert.equal(effects['rest:exit-maintance-mode'], 1);
  });

  it('a precheck-result of an unknown task is 404; a failed precheck task is refused by name', async () => {
    await assert.rejects(api.precheckResult('no-such-task'), /404|not found/);
    await f.setFaults([{ match: 'job:cloudtower.enter-maintenance-mode-precheck', kind: 'fail', nth: 1 }]);
    try {
      const task = await api.precheck(hosts[1].id);
      await until('the failed precheck', async () => {
        try {
          await api.precheckResult(task);
          return undefined;
        } catch (err) {
          return err as Error;
        }
      }).then((err) => assert.match(err.message, /precheck/i));
    } finally {
      await f.setFaults([]);
    }
  });
});

describe('CloudTower host maintenance mode on a 2-host cluster', () => {
  it('the precheck and the enter are refused: the others could not keep quorum', async () => {
    const f = await startTowerFixture(2);
    try {
      const api = new CloudTowerHostApi(towerRest(f.run, f.cloudtowerIp, f.tower.rootPassword));
      const hosts = await api.getHosts({});
      assert.equal(hosts.length, 2);
      await assert.rejects(api.precheck(hosts[1].id), /2 hosts; maintenance mode needs at least 3/);
      await assert.rejects(api.enter(hosts[1].id), /at least 3/);
      assert.equal(maintenanceState((await api.getHosts({ id: hosts[1].id }))[0]), 'IN_USE');
      assert.equal((await f.simState()).cloudtower.effects['rest:enter-maintance-mode'], undefined);
      await assertNoLenientPath(f.sim);
    } finally {
      await f.close();
    }
  });
});
