/* eslint-disable @typescript-eslint/no-unsafe-member-access -- JSON from the wire, checked by the assertions */
// The simulator refuses before any route only what a source says a server refuses (no Host header,
// a multipart call without a multipart body) and marks `lenient` what it serves without knowing
// the real behaviour (another scheme, a loopback Host header, a JSON body under another
// content-type, a header the web UI sends left out), so the end-to-end tests can assert our own
// client never takes such a path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import got from 'got';
import { deploymentToken, type RunningSimulator } from '../../src/index.js';
import { checkRequest, expectationFor } from '../../src/core/strictness.js';
import { admin, call, startTestSim } from '../smtx/helpers.js';

const host = '127.1.0.11';
const token = { 'x-smartx-token': deploymentToken };

interface LoggedRequest {
  path: string;
  route?: string;
  status: number;
  scheme?: string;
  lenient?: string[];
}

async function lastRequest(sim: RunningSimulator, path: string): Promise<LoggedRequest> {
  const state = await admin(sim, 'GET', '/__sim/state');
  const mine = (state.body.requests as LoggedRequest[]).filter((r) => r.path === path);
  assert.ok(mine.length > 0, `no request to ${path} in the log`);
  return mine[mine.length - 1];
}

describe('simulator strictness', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(async () => {
    await sim.stop();
  });

  it('serves the deployment API over http:// as seed 003 calls it, with no lenient mark', async () => {
    const r = await call(sim, host, 'GET', '/api/v2/deployment/host', { port: 80, headers: token });
    assert.equal(r.status, 200);
    const logged = await lastRequest(sim, '/api/v2/deployment/host');
    assert.equal(logged.scheme, 'http');
    assert.equal(logged.lenient, undefined);
  });

  it('marks the deployment scan over https:// lenient (the seed never calls it so)', async () => {
    const r = await call(sim, host, 'GET', '/api/v2/deployment/host', { port: 443, headers: token });
    assert.equal(r.status, 200);
    assert.deepEqual((await lastRequest(sim, '/api/v2/deployment/host')).lenient, ['scheme:https']);
  });

  it('marks a call whose host header names another address lenient', async () => {
    const r = await call(sim, host, 'GET', '/api/v2/deployment/host', {
      port: 80,
      headers: { ...token, host: '127.1.0.12' },
    });
    assert.equal(r.status, 200);
    assert.deepEqual((await lastRequest(sim, '/api/v2/deployment/host')).lenient, ['host:other']);
  });

  it('accepts a host header that names the machine with its port', async () => {
    const { host: loop, port } = sim.resolve(host, 80);
    const res = await got(`http://${loop}:${port}/api/v2/deployment/host`, {
      headers: { ...token, host: `${loop}:${port}` },
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await lastRequest(sim, '/api/v2/deployment/host')).lenient, undefined);
  });

  it('refuses a chunk upload whose body is not multipart with 415; nothing changes', async () => {
    const r = await call(sim, host, 'POST', '/api/v2/images/upload', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(r.status, 415);
    assert.equal(r.body.ec, 'EUNSUPPORTED_MEDIA_TYPE');
    const state = await admin(sim, 'GET', '/__sim/state');
    assert.deepEqual(state.body.images, [], 'a refused request has no effect');
  });

  it('reads a JSON body sent as text/plain and marks it lenient (no source says it is refused)', async () => {
    const r = await call(sim, host, 'POST', '/api/v2/deployment/cluster', {
      port: 80,
      headers: { ...token, 'content-type': 'text/plain' },
      body: '{}',
    });
    // The empty payload lacks the fields seed 003 shows: refused by the route, not for its type.
    assert.equal(r.status, 400);
    assert.equal(r.body.ec, 'EINVALID_ARGUMENT');
    assert.deepEqual((await lastRequest(sim, '/api/v2/deployment/cluster')).lenient, [
      'content-type:text/plain',
    ]);
  });

  it('knows each family and its rules', () => {
    assert.equal(expectationFor('deployment.deploy_verify').scheme, 'https');
    assert.equal(expectationFor('deployment.deploy_status').scheme, 'http');
    assert.equal(expectationFor('cloudtower.rest.login').family, 'cloudtower-rest');
    assert.deepEqual(expectationFor('obs.upload.commit').expectedHeaders, ['x-user-id']);
    const machine = { role: 'obs' as const, planAddress: '10.0.20.3', loopback: '127.1.1.3' };
    const commit = checkRequest({
      routeName: 'obs.upload.commit',
      method: 'POST',
      path: '/api/ovm-operator/api/v3/chunkedUploads/x:commit',
      headers: { host: '10.0.20.3' },
      machine,
      scheme: 'https',
    });
    // Seed 003 shows the web UI sending x-user-id; nothing shows the server requiring it.
    assert.deepEqual(commit, { lenient: ['header-missing:x-user-id'] });
    const rest = checkRequest({
      routeName: 'cloudtower.rest.get-vms',
      method: 'POST',
      path: '/v2/api/get-vms',
      headers: { host: '127.1.1.2', 'content-type': 'application/json', 'content-length': '2' },
      machine: { role: 'cloudtower', planAddress: '10.0.20.2', loopback: '127.1.1.2' },
      scheme: 'http',
    });
    assert.deepEqual(rest, { lenient: ['host:loopback', 'scheme:http'] });
  });
});
