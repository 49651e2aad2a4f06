// The worker's console (issue 23 point 8): a failed activity attempt is one line with the step,
// the attempt and the reason in the operator's language; no stack trace, no error object.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from '@temporalio/worker';
import { describeFailure } from '../../src/activities/support/failures.js';
import { SmartxHttpError } from '../../src/smartx/index.js';
import { consoleLine } from '../../src/worker-console.js';

const failure = (retryable: boolean) =>
  describeFailure(
    'uploadObsPackage',
    new SmartxHttpError({
      kind: retryable ? 'server' : 'bad-request',
      endpoint: 'POST /api/ovm-operator/api/v3/chunkedUploads @ 127.1.1.3',
      status: retryable ? 500 : 400,
      remoteMessage: 'injected fault',
    }),
  );

const entry = (error: Error): LogEntry => ({
  level: 'WARN',
  message: 'Activity failed',
  timestampNanos: BigInt(Date.parse('2026-12-07T10:00:00Z')) * 1000000n,
  meta: {
    error,
    durationMs: 12,
    attempt: 3,
    activityType: 'uploadObsPackage',
    activityId: '7',
    workflowId: 'bringup-CN-01/obs',
    taskQueue: 'hci-bringup',
  },
});

describe('the worker console', () => {
  it('says a transient activity failure in one line: step, attempt, reason (zh and en)', () => {
    const zh = consoleLine(entry(failure(true)), 'zh');
    assert.equal(zh.split('\n').length, 1);
    assert.equal(
      zh,
      '2026-12-07T10:00:00.000Z [WARN] 上传 OBS 安装包（uploadObsPackage）第 3 次尝试失败（运行 bringup-CN-01/obs）：' +
        '设备繁忙或无法连接（上传 OBS 安装包：POST /api/ovm-operator/api/v3/chunkedUploads @ 127.1.1.3 出错：服务端错误，HTTP 500, remote: injected fault）。',
    );
    assert.doesNotMatch(zh, /\[\[msg:|stack|at .*\.js|ApplicationFailure/);
    const en = consoleLine(entry(failure(true)), 'en');
    assert.match(
      en,
      /\[WARN\] upload the OBS package \(uploadObsPackage\), attempt 3, failed \(run bringup-CN-01\/obs\): /,
    );
    assert.match(en, /remote: injected fault/);
  });

  it('says when the attempt was the last (not retried)', () => {
    assert.match(consoleLine(entry(failure(false)), 'zh'), /第 3 次尝试失败，不再自动重试/);
  });

  it('prints any other entry on one line, an error by its message only', () => {
    const err = new Error('boom');
    const line = consoleLine(
      { level: 'ERROR', message: 'Worker failed', timestampNanos: 0n, meta: { error: err } },
      'zh',
    );
    assert.equal(line, "1970-01-01T00:00:00.000Z [ERROR] Worker failed { error: 'boom' }");
  });
});
