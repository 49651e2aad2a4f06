// pollUntil against the simulator over real HTTPS: a 503, a reset connection and a slow answer in
// the middle of a wait are ridden out within the poll's time bound; a rejection ends it at once; a
// 503 that lasts past the bound is the (retryable) failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { pollUntil } from '../../../src/activities/support/poll.js';
import { localizeText } from '../../../src/i18n/localize.js';
import { stepLabel } from '../../../src/i18n/names.js';
import { FisheyeClient, EndpointResolver } from '../../../src/smartx/index.js';
import { FISHEYE_PW, setFaults, startClusterLab, VIP } from '../deploy-cloudtower/helpers.js';
import { activityEnv } from '../../helpers/activity.js';
import type { Lab } from '../../helpers/lab.js';
import { assertNoLenientPath } from '../../helpers/lenient.js';

describe('pollUntil', () => {
  let lab: Lab;
  let client: FisheyeClient;
  before(async () => {
    lab = await startClusterLab();
    if (lab.run.connect.mode !== 'map') throw new Error('the lab maps endpoints');
    client = new FisheyeClient(EndpointResolver.fromFile(lab.run.connect.endpointMapFile), VIP, {
      username: 'root',
      password: FISHEYE_PW,
    });
    await client.listImages(); // logged in before any fault
  });
  after(() => lab.stop());
  after(() => assertNoLenientPath(lab.sim));

  /** Polls GET /api/v2/images until it has answered `rounds` times. */
  function pollImages(rounds: number, timeoutSeconds = 20) {
    let answered = 0;
    const env = activityEnv();
    return env.run(() =>
      pollUntil({ intervalSeconds: 0.05, timeoutSeconds, what: 'list images' }, async () => {
        await client.listImages();
        return ++answered >= rounds ? answered : undefined;
      }),
    );
  }

  it('rides out a 503, a reset and a slow answer within its time bound', async () => {
    await setFaults(lab.sim, [
      { match: 'fisheye.images.list', kind: 'status', status: 503, nth: 2 },
      { match: 'fisheye.images.list', kind: 'reset', nth: 4 },
      { match: 'fisheye.images.list', kind: 'delay', delayMs: 500, nth: 6 },
    ]);
    try {
      assert.equal(await pollImages(4), 4);
      const counters = (await (await fetch(`${lab.sim.adminUrl}/__sim/faults`)).json()) as {
        counters: { fired: number }[];
      };
      assert.deepEqual(
        counters.counters.map((c) => c.fired),
        [1, 1, 1],
        'every fault fired',
      );
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it('ends at once on a rejection (400), and with a retryable failure when a 503 outlasts the bound', async () => {
    await setFaults(lab.sim, [
      { match: 'fisheye.images.list', kind: 'status', status: 400, ec: 'EINVALID_ARGUMENT', nth: 1 },
    ]);
    try {
      const started = Date.now();
      await assert.rejects(pollImages(3), /EINVALID_ARGUMENT/);
      assert.ok(Date.now() - started < 5000, 'no waiting on a rejection');
      await setFaults(lab.sim, [{ match: 'fisheye.images.list', kind: 'status', status: 503 }]);
      await assert.rejects(pollImages(3, 1), (err: unknown) => {
        assert.ok(err instanceof ApplicationFailure, String(err));
        assert.notEqual(err.nonRetryable, true);
        assert.match(err.message, /503/);
        return true;
      });
    } finally {
      await setFaults(lab.sim, []);
    }
  });

  it("says a passed time bound in the operator's language: the step, the job and the seconds", async () => {
    const never = (job?: { id: string; address: string }) =>
      activityEnv({ activityType: 'configureClusterSettings' }).run(() =>
        pollUntil(
          { intervalSeconds: 0.05, timeoutSeconds: 0.2, what: 'set the cluster NTP servers', job },
          () => Promise.resolve(undefined),
        ),
      );
    const failureOf = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        assert.ok(err instanceof ApplicationFailure, String(err));
        assert.notEqual(err.nonRetryable, true);
        return err.message;
      }
      throw new Error('the poll ended without its bound passing');
    };
    const job = await failureOf(never({ id: 'e96f181f', address: '127.1.0.10' }));
    // The Web UI and the log keep the English they always had.
    assert.match(job, /^set the cluster NTP servers: still not done after 0 s /);
    assert.equal(
      localizeText(job, 'zh'),
      `${stepLabel('configureClusterSettings', 'zh')}：设备任务 e96f181f @ 127.1.0.10 在 0 秒后仍未完成。`,
    );
    assert.match(
      localizeText(job, 'en'),
      /appliance job e96f181f @ 127\.1\.0\.10 still not done after 0 s\.$/,
    );
    const plain = await failureOf(never());
    assert.equal(
      localizeText(plain, 'zh'),
      `${stepLabel('configureClusterSettings', 'zh')}：0 秒后仍未完成。`,
    );
  });
});
