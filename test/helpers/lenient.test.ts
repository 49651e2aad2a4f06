// The lenient check every simulator test ends with: it passes only on a log without marks, and a
// failure names each route and what was lenient, grouped, with one example request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertLenientMarks, assertNoLenientPath, type LoggedRequest } from './lenient.js';

const log: LoggedRequest[] = [
  {
    machine: '127.1.0.11',
    method: 'GET',
    path: '/api/v2/deployment/host',
    route: 'deployment.host.scan',
    status: 200,
  },
  {
    machine: '127.1.0.11',
    method: 'PUT',
    path: '/api/v2/settings/vip',
    route: 'fisheye.settings.vip.put',
    status: 200,
    lenient: ['unknown-key:vip'],
  },
  {
    machine: '127.1.1.2',
    method: 'POST',
    path: '/api/ovm-operator/upload/commit',
    route: 'obs.upload.commit',
    status: 200,
    lenient: ['header-missing:x-user-id', 'host:loopback'],
  },
  {
    machine: '127.1.1.2',
    method: 'POST',
    path: '/api/ovm-operator/upload/commit',
    route: 'obs.upload.commit',
    status: 200,
    lenient: ['header-missing:x-user-id', 'host:loopback'],
  },
];

describe('the lenient check', () => {
  it('passes on a log without marks (an empty mark list is no mark)', async () => {
    await assertNoLenientPath([log[0], { ...log[0], lenient: [] }]);
  });

  it('fails naming each route and its marks, how often, and an example request', async () => {
    await assert.rejects(assertNoLenientPath(log, 'the test client'), (err: Error) => {
      assert.match(err.message, /^the test client sent 3 request\(s\) the simulator served only leniently/);
      assert.match(
        err.message,
        /\n {2}fisheye\.settings\.vip\.put \[unknown-key:vip\] ×1, e\.g\. PUT \/api\/v2\/settings\/vip on 127\.1\.0\.11 → 200/,
      );
      assert.match(
        err.message,
        /\n {2}obs\.upload\.commit \[header-missing:x-user-id, host:loopback\] ×2, e\.g\. POST /,
      );
      return true;
    });
  });

  it('accepts exactly the expected lenient requests, one entry per request', async () => {
    const commit = { route: 'obs.upload.commit', lenient: ['header-missing:x-user-id', 'host:loopback'] };
    const vip = { route: 'fisheye.settings.vip.put', lenient: ['unknown-key:vip'] };
    await assertLenientMarks(log, [commit, vip, commit]);
    await assert.rejects(assertLenientMarks(log, [vip, commit]), /lenient requests in the simulator's log/);
    await assert.rejects(assertLenientMarks(log, [vip]), /obs\.upload\.commit/);
  });

  it('reads the log of a simulator in this process', async () => {
    await assert.rejects(assertNoLenientPath({ state: { requests: log } }), /served only leniently/);
  });
});
