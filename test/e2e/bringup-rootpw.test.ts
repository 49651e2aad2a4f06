// A whole bring-up whose workbook CloudTower root password (集群管理信息!G3) is not the factory
// default: stage 4 makes it root's, and every later stage (attach, storage policy, alert, inspection,
// OBS with its connect.sid cookie, Backup) logs in with it. Proven through the simulator's admin
// state (root's password is no longer the default and changed exactly once, over REST update-user)
// and by logging in to the simulated CloudTower: the workbook's password works, the default does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { clusterNameKey } from '../../src/workflows/search-attributes.js';
import {
  CloudTowerGraphqlClient,
  CloudTowerRestClient,
  EndpointResolver,
  SmartxHttpError,
} from '../../src/smartx/index.js';
import { withSite } from '../helpers/e2e.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

const WORKBOOK_PASSWORD = 'Tower#G3-e2e!';

describe('bring-up with a non-default CloudTower root password', () => {
  it(
    "root's password becomes the workbook's and stages 5-9 all log in with it",
    { timeout: 400_000 },
    async () => {
      await withSite(
        'rootpw',
        { hosts: 3, speed: 1000, cloudtowerPassword: WORKBOOK_PASSWORD },
        async ({ env, client, taskQueue, worker }) => {
          assert.equal(env.plan.cloudtower.rootPassword.reveal(), WORKBOOK_PASSWORD);
          const id = `e2e-rootpw-${taskQueue}`;
          const handle = await client.workflow.start(bringUpWorkflow, {
            taskQueue,
            workflowId: id,
            args: [env.input({ components: { obs: 'auto', backup: 'auto' } })],
            typedSearchAttributes: [{ key: clusterNameKey, value: env.plan.clusterName }],
          });
          const summary = await worker.runUntil(handle.result());
          assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary, null, 2));
          for (const stage of [
            'deploy-cloudtower',
            'attach-cluster',
            'configure-cloudtower',
            'inspection',
            'observability',
            'backup',
          ]) {
            assert.equal(summary.stages.find((s) => s.id === stage)?.status, 'done', stage);
          }
          assert.ok(
            !summary.warnings.some((w) => /G3/.test(w)),
            `no password warning: ${summary.warnings.join('\n')}`,
          );

          // Admin state: root's password is not the default any more, set once by update-user.
          const state = await env.simState();
          const tower = state.cloudtower as Rec;
          const root = tower.rootPassword as Rec;
          assert.equal(root.isFactoryDefault, false);
          assert.equal(root.setBy, 'rest:update-user');
          assert.equal(root.changes, 1);
          assert.equal((tower.effects as Rec)['rest:update-user'], 1);
          // Every later stage did its work on that CloudTower.
          assert.equal(arr(tower.connectedClusters).length, 1);
          assert.ok(arr(tower.alertRules).length > 0);
          assert.equal(arr((state.obs as Rec).uploads).length, 1, 'OBS package uploaded (cookie session)');
          assert.equal(arr((state.obs as Rec).instances).length, 1);
          assert.equal(arr((state.backup as Rec).services).length, 1);
          assert.ok(arr((state.inspector as Rec).exports).length >= 1);
          const raw = JSON.stringify(state);
          assert.ok(!raw.includes(WORKBOOK_PASSWORD), 'the password is not in the simulator state');

          // And it is the workbook's: REST and GraphQL log in with it; the default is refused.
          const resolver = EndpointResolver.fromFile(env.endpointMapFile);
          const ip = env.plan.cloudtower.ip;
          const asWorkbook = new CloudTowerRestClient(resolver, ip, {
            username: 'root',
            password: WORKBOOK_PASSWORD,
          });
          assert.ok((await asWorkbook.login()).length > 0);
          const asDefault = new CloudTowerRestClient(resolver, ip, {
            username: 'root',
            password: 'HC!r0cks',
          });
          await assert.rejects(asDefault.login(), (err) => err instanceof SmartxHttpError);
          const gql = new CloudTowerGraphqlClient(resolver, ip, {
            username: 'root',
            password: WORKBOOK_PASSWORD,
          });
          assert.ok((await gql.cookies.cookie()).startsWith('connect.sid='));
          const seedEncoded = new CloudTowerGraphqlClient(resolver, ip);
          await assert.rejects(seedEncoded.login(), (err) => err instanceof SmartxHttpError);

          // The recorded history never holds the password.
          const history = JSON.stringify(await handle.fetchHistory());
          assert.ok(!history.includes(WORKBOOK_PASSWORD));
          assert.ok(!history.includes(Buffer.from(WORKBOOK_PASSWORD).toString('base64')));
        },
      );
    },
  );
});
