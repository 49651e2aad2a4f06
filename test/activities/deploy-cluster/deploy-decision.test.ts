// The deploy's decision before a POST, from the hosts' answers alone (issue 22 point 3): every
// combination of deploy_status and deploy_verify a first attempt and a retry can meet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asksVerifyBeforePost,
  decideBeforePost,
  statusKind,
  type StatusKind,
  type VerifyAnswer,
} from '../../../src/activities/deploy-cluster/deploy-decision.js';
import { SmartxHttpError } from '../../../src/smartx/index.js';

/** What one attempt does: the question it asks deploy_verify, then its decision. */
function decide(kind: StatusKind, isDeployed: boolean | 'unanswered', retry: boolean) {
  const verified: VerifyAnswer = asksVerifyBeforePost(kind, retry) ? isDeployed : 'not-asked';
  return decideBeforePost(kind, verified, retry);
}

describe('deploy decision before a POST', () => {
  it('reads seed 003 answers: running, idle (also an empty data), ended (another state or an error field)', () => {
    // Seed 003's example answer while deploying.
    const running = {
      current_stage: 1,
      msg: null,
      stage_info: 'prepare_network_and_config_file',
      state: 'running',
      total_stages: 1,
    };
    assert.equal(statusKind({ kind: 'status', status: running, by: 'link-local' }), 'running');
    assert.equal(statusKind({ kind: 'status', status: {}, by: 'ipv4' }), 'idle');
    assert.equal(statusKind({ kind: 'status', status: { state: 'idle' }, by: 'ipv4' }), 'idle');
    assert.equal(statusKind({ kind: 'status', status: { state: 'failed' }, by: 'ipv4' }), 'ended');
    assert.equal(
      statusKind({ kind: 'status', status: { ...running, error: { msg: 'x' } }, by: 'ipv4' }),
      'ended',
    );
    const cause = new SmartxHttpError({
      kind: 'server',
      endpoint: 'GET /api/v2/deployment/host/deploy_status @ 10.0.20.11',
      status: 503,
    });
    assert.equal(statusKind({ kind: 'unreachable', error: cause.message, cause }), 'unreachable');
    // An answer with an error field (seed 003: the deploy process ended), not a refused address.
    const failed = new SmartxHttpError({
      kind: 'remote',
      endpoint: 'GET /api/v2/deployment/host/deploy_status @ 10.0.20.11',
      status: 200,
      ec: 'EDEPLOY_FAILED',
    });
    assert.equal(statusKind({ kind: 'refused', error: failed.message, cause: failed }), 'ended');
    const notFound = new SmartxHttpError({
      kind: 'not-found',
      endpoint: 'GET /api/v2/deployment/host/deploy_status @ 10.0.20.11',
      status: 404,
      ec: 'ENOT_FOUND',
    });
    assert.equal(statusKind({ kind: 'refused', error: notFound.message, cause: notFound }), 'refused');
  });

  for (const retry of [false, true]) {
    const who = retry ? 'a retry' : 'a first attempt';
    it(`${who}: running → follow, never a POST, deploy_verify not asked`, () => {
      assert.equal(asksVerifyBeforePost('running', retry), false);
      assert.equal(decide('running', false, retry), 'follow');
    });
    it(`${who}: deploy_verify says deployed → no POST`, () => {
      for (const kind of ['ended', 'refused'] as const) assert.equal(decide(kind, true, retry), 'deployed');
      if (retry) assert.equal(decide('idle', true, retry), 'deployed');
    });
    it(`${who}: not started (idle or empty) and not deployed → POST at once`, () => {
      assert.equal(decide('idle', false, retry), 'post');
    });
  }

  it('a first attempt does not ask deploy_verify while deploy_status is plain idle (it belongs after a deploy)', () => {
    assert.equal(asksVerifyBeforePost('idle', false), false);
    assert.equal(asksVerifyBeforePost('idle', true), true);
  });

  it('a retry never posts on silence: no answer from deploy_status or deploy_verify → ask again', () => {
    assert.equal(decide('unreachable', false, true), 'ask-again');
    assert.equal(decide('idle', 'unanswered', true), 'ask-again');
    assert.equal(decide('refused', 'unanswered', true), 'ask-again');
    // A first attempt that reaches no host fails (its retry asks again).
    assert.equal(decide('unreachable', 'unanswered', false), 'unreachable');
  });

  it('a retry that finds a deploy ended but unconfirmed follows it, never a second deploy', () => {
    assert.equal(decide('ended', false, true), 'follow-ended');
    // A first attempt (a new run over hosts reset after a failure) posts.
    assert.equal(decide('ended', false, false), 'post');
  });
});
