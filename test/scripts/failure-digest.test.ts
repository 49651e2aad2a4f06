// The end of a test run says why each file failed (CI shows only the last lines of a run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureDigest } from '../../scripts/lib/failure-digest.js';

const specOutput = `▶ Fisheye jobs
  ✔ reach done in order (8.1ms)
  ✖ reach done latest first (4.0ms)
✖ Fisheye jobs (16.8ms)
ℹ tests 2
ℹ fail 1

✖ failing tests:

test at packages/simulator/dist/test/smtx/jobs.test.js:38:9
✖ reach done latest first (4.016058ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
  + actual - expected
  
  + 'running'
  - 'done'
      at TestContext.<anonymous> (file:///x/jobs.test.js:45:20)
      at async Test.run (node:internal/test_runner/test:797:9) {
    generatedMessage: true,
    code: 'ERR_ASSERTION',
    actual: 'running',
  }

test at x.test.js:50:5
✖ a job that fails stays failed (2.7ms)
  Error: set the cluster NTP servers (job 7d84 @ 127.1.0.10): still not done after 60 s
      at pollUntil (file:///x/poll.js:40:19)
`;

describe('failureDigest', () => {
  it('keeps each failing test and its error text, without stack or field dump', () => {
    assert.deepEqual(failureDigest(specOutput), [
      '✖ reach done latest first (4.016058ms)',
      '  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      '  + actual - expected',
      "  + 'running'",
      "  - 'done'",
      '✖ a job that fails stays failed (2.7ms)',
      '  Error: set the cluster NTP servers (job 7d84 @ 127.1.0.10): still not done after 60 s',
    ]);
  });

  it('gives the last lines of a file that crashed before its summary', () => {
    const crashed = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const digest = failureDigest(crashed);
    assert.equal(digest.length, 15);
    assert.equal(digest.at(-1), 'line 29');
  });

  it('stays within its bound and says how much it left out', () => {
    const many = `✖ failing tests:\n${Array.from({ length: 50 }, (_, i) => `✖ test ${i}`).join('\n')}`;
    const digest = failureDigest(many, 10);
    assert.equal(digest.length, 11);
    assert.equal(digest.at(-1), '  … 40 more lines');
  });
});
