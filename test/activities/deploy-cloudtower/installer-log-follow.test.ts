// The installer log's follow, read as it streams: its header, then the log's bytes in whatever chunks
// SSH delivers them (the real follow, tail --pid on the simulated VM, is in deploy-and-attach.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FollowStream,
  followCommand,
  LOG_NOT_YET,
} from '../../../src/activities/deploy-cloudtower/installer-log-follow.js';

describe('following the installer log', () => {
  it('reads the header, then whole lines only, in any chunking', () => {
    const text = '2026-12-08 INFO 准备容器运行时\n2026-12-08 INFO load image bundle 1/8\npart';
    const bytes = Buffer.from(`4711 900 120\n${text}`);
    // Every split point, also inside the header and inside a Chinese character.
    for (let cut = 1; cut < bytes.length; cut++) {
      const log = new FollowStream();
      const lines = [...log.push(bytes.subarray(0, cut)), ...log.push(bytes.subarray(cut))];
      assert.deepEqual(log.header, { alive: true, size: 900, from: 120 }, `cut at ${cut}`);
      assert.deepEqual(lines, ['2026-12-08 INFO 准备容器运行时', '2026-12-08 INFO load image bundle 1/8']);
      assert.equal(log.rest, 'part');
      const logBytes = Buffer.byteLength(text);
      assert.equal(log.offset, 120 + logBytes);
      // The next follow starts at the line not yet complete, so that line is read whole.
      assert.equal(log.lineOffset, 120 + logBytes - 4);
    }
  });

  it('a follow that found no installer and no bytes: header only', () => {
    const log = new FollowStream();
    assert.deepEqual(log.push(Buffer.from('0 5000 5000\n')), []);
    assert.deepEqual(log.header, { alive: false, size: 5000, from: 5000 });
    assert.equal(log.lineOffset, 5000);
    assert.equal(new FollowStream().header, undefined, 'nothing read: no header');
  });

  it('the command: offsets as whole numbers, a floor on how often tail looks, and the log path as given', () => {
    const cmd = followCommand('/home/cloudtower/nohup.out', 1234.9, 0.001);
    assert.match(cmd, /o=1234;/);
    assert.match(cmd, /-s 0\.05 --pid="\$p" -f \/home\/cloudtower\/nohup\.out/);
    assert.match(cmd, new RegExp(`exit ${LOG_NOT_YET}`));
    assert.match(followCommand('/home/cloudtower/nohup.out', 0, 5), /-s 5\.00 /);
    // `[/]` keeps pgrep from matching the follow's own shell, whose command line holds the pattern.
    assert.match(cmd, /pgrep -n -f '\[\/\]usr\/share\/smartx\/tower\/installer\/binary\/installer deploy'/);
  });
});
